"""Two-factor facts about an account and a session, on top of allauth.mfa's records.

An account *has* two-factor when it owns an authenticator app (TOTP). A session *passed*
two-factor only when a TOTP or recovery code was typed in it: at sign-in (allauth's
« authenticate » step), when confirming access (« reauthenticate »), or when setting the app up.
allauth notes each of these in the session's authentication records; a sign-in by any other door
(a password alone, a session made by a test's force_login) has no such record, and
extranet.middleware sends its owner to type a code before the admin or the extranet opens.
"""

from allauth.account.internal.flows.login import (
    get_authentication_records,
    record_authentication,
)
from allauth.mfa.models import Authenticator

# allauth's name for a code typed in this session (allauth.mfa.base.internal.flows).
MFA_METHOD = "mfa"
# Where a coordinator, editor or adviser was going when sent to set the authenticator app up:
# the recovery codes page (templates/mfa/recovery_codes/index.html) leads there.
TWO_FACTOR_NEXT_SESSION_KEY = "two_factor_next"


def has_totp(user):
    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


def passed_two_factor(request):
    """Whether a second factor was checked in this session, for the user signed in now."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return False
    return any(
        record.get("method") == MFA_METHOD for record in get_authentication_records(request, user)
    )


def record_totp_activation(request, user, authenticator):
    """Setting the app up means typing one of its codes: this session passed two-factor."""
    record_authentication(
        request, user, MFA_METHOD, id=authenticator.pk, type=authenticator.type, activated=True
    )
