"""The active language's Locale, looked up once per request.

Wagtail looks it up again for every link it localises (`page.localized`, each page link of a rich
text, a block's page): one query each, 16 of the home page's 36. Within a request the answer does
not change, so it is remembered for the request's duration (core.request_scope), per language
code (an e-mail rendered in another language asks for another). Never longer: a locale added or
removed is seen by the next request, in every process, without any signal.
"""

from django.utils import translation
from wagtail.models import Locale

from core.request_scope import remembered

_wagtail_get_active = Locale.get_active.__func__


def get_active(cls):
    """Locale.get_active(), remembered within a request."""
    return remembered(
        ("active-locale", translation.get_language()), lambda: _wagtail_get_active(cls)
    )


def remember_active_locale_within_requests():
    """Called once, by core.apps: Wagtail has no setting or hook for this."""
    Locale.get_active = classmethod(get_active)
