"""Values remembered for the duration of one request, never longer: what several parts of a page
ask for and whose answer cannot change meanwhile (the active locale, the fragments' generation).

Outside a request (a task, a command) nothing is remembered: each call computes again.
"""

from contextvars import ContextVar

_remembered = ContextVar("request_scope", default=None)


def remembered(key, compute):
    """compute(), once per request for each `key`."""
    values = _remembered.get()
    if values is None:
        return compute()
    if key not in values:
        values[key] = compute()
    return values[key]


def forget(key):
    """For a value the request itself changed."""
    values = _remembered.get()
    if values is not None:
        values.pop(key, None)


class RequestScopeMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _remembered.set({})
        try:
            return self.get_response(request)
        finally:
            _remembered.reset(token)
