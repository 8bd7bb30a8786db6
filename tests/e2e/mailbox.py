"""A real SMTP server for the end-to-end stack: it keeps every message the site sends.

aiosmtpd listens on a free port of 127.0.0.1; the site reaches it through EMAIL_URL, as it would
reach the hub's provider. Tests wait for a message to someone and follow its links.
"""

import email
import re
import socket
import threading
import time
from email import policy

from aiosmtpd.controller import Controller

# The worker sends within a second or two; a loaded CI machine may take longer.
DELIVERY_TIMEOUT = 45
LINK = re.compile(r"https?://[^\s<>\"']+")


class Mailbox:
    def __init__(self):
        self.messages = []
        self.lock = threading.Lock()
        # A port found free a moment ago: aiosmtpd checks its server by connecting to it, which
        # port 0 does not allow.
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        self.controller = Controller(self, hostname="127.0.0.1", port=port)

    # --- aiosmtpd's handler

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.original_content, policy=policy.default)
        with self.lock:
            self.messages.append((envelope.rcpt_tos, message))
        return "250 Message accepted for delivery"

    # --- For the stack

    def start(self):
        self.controller.start()

    def stop(self):
        self.controller.stop()

    @property
    def url(self):
        return f"smtp://{self.controller.hostname}:{self.controller.port}"

    # --- For the tests

    def received_by(self, address):
        with self.lock:
            return [message for recipients, message in self.messages if address in recipients]

    def wait_for(self, address, subject_contains="", *, count=1):
        """The `count`-th message to `address` whose subject contains `subject_contains`."""
        deadline = time.monotonic() + DELIVERY_TIMEOUT
        while time.monotonic() < deadline:
            found = [
                message
                for message in self.received_by(address)
                if subject_contains in message["Subject"]
            ]
            if len(found) >= count:
                return found[count - 1]
            time.sleep(0.2)
        with self.lock:
            seen = [(recipients, message["Subject"]) for recipients, message in self.messages]
        raise AssertionError(
            f"no e-mail to {address} about « {subject_contains} » within {DELIVERY_TIMEOUT} s; "
            f"received: {seen}"
        )


def text_of(message):
    """The plain-text part of a message, as a resident's mail client shows it."""
    return message.get_body(preferencelist=("plain",)).get_content()


def links_in(message):
    """Every address in the plain-text part, in order."""
    return [link.rstrip(".,;)»") for link in LINK.findall(text_of(message))]
