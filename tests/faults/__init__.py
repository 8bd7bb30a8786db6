import socket


def closed_port():
    """A local port nothing listens on: connecting to it is refused, as with a stopped server."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]
