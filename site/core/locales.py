"""The active language's Locale, looked up once per request.

Wagtail looks it up again for every link it localises (`page.localized`, each page link of a rich
text, a block's page): one query each, 16 of the home page's 36. Within a request the answer does
not change, so `ActiveLocaleMiddleware` keeps it for the request's duration, per language code
(an e-mail rendered in another language asks for another). Never longer: a locale added or
removed is seen by the next request, in every process, without any signal.
"""

from contextvars import ContextVar

from django.utils import translation
from wagtail.models import Locale

_request_locales = ContextVar("request_locales", default=None)
_wagtail_get_active = Locale.get_active.__func__


def get_active(cls):
    """Locale.get_active(), remembered within a request."""
    remembered = _request_locales.get()
    if remembered is None:
        return _wagtail_get_active(cls)
    code = translation.get_language()
    if code not in remembered:
        remembered[code] = _wagtail_get_active(cls)
    return remembered[code]


def remember_active_locale_within_requests():
    """Called once, by core.apps: Wagtail has no setting or hook for this."""
    Locale.get_active = classmethod(get_active)


class ActiveLocaleMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _request_locales.set({})
        try:
            return self.get_response(request)
        finally:
            _request_locales.reset(token)
