"""Coordinators and editors pass two-factor in their session before anything else private."""

from urllib.parse import urlencode

from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse

from core.paths import without_language_prefix
from extranet.permissions import must_use_two_factor
from extranet.two_factor import TWO_FACTOR_NEXT_SESSION_KEY, has_totp, passed_two_factor

# The private parts of the site: the extranet (coordinators' views and exports among them) and
# the Wagtail admin. Account pages (/compte/: TOTP activation, the code prompt, sign-out, e-mail
# confirmation) and public pages stay reachable, or nobody could pass two-factor.
PROTECTED_PREFIXES = ("/extranet/", "/admin/")


class RequireTwoFactorMiddleware:
    """Checks that a coordinator's or editor's session passed the TOTP step.

    Without an authenticator app yet, they are sent to set one up; with one, but in a session
    where no code was typed (a door that asked for the password only, or two-factor required
    since they signed in), they are asked for a code before going on.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            settings.TWO_FACTOR_REQUIRED
            and without_language_prefix(request.path_info).startswith(PROTECTED_PREFIXES)
            and request.user.is_authenticated
            and must_use_two_factor(request.user)
            and not passed_two_factor(request)
        ):
            if not has_totp(request.user):
                # Only paths under /extranet/ and /admin/ get here: always a local path. The
                # recovery codes page shown after the set-up leads back to it.
                request.session[TWO_FACTOR_NEXT_SESSION_KEY] = request.get_full_path()
                return redirect(reverse("mfa_activate_totp"))
            query = urlencode({"next": request.get_full_path()})
            return redirect(f"{reverse('mfa_reauthenticate')}?{query}")
        return self.get_response(request)
