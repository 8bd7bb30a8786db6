"""Coordinators and editors set up two-factor authentication before anything else private."""

from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse

from core.paths import without_language_prefix
from extranet.permissions import must_use_two_factor
from extranet.two_factor import has_totp

# The private parts of the site. Account pages (/compte/: TOTP activation, sign-out, e-mail
# confirmation) and public pages stay reachable, or nobody could set two-factor up.
PROTECTED_PREFIXES = ("/extranet/", "/admin/")


class RequireTwoFactorMiddleware:
    """Sends a coordinator or editor who has no TOTP device yet to allauth's activation page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            settings.TWO_FACTOR_REQUIRED
            and without_language_prefix(request.path_info).startswith(PROTECTED_PREFIXES)
            and request.user.is_authenticated
            and must_use_two_factor(request.user)
            and not has_totp(request.user)
        ):
            return redirect(reverse("mfa_activate_totp"))
        return self.get_response(request)
