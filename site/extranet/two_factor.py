"""Two-factor facts about an account, on top of allauth.mfa's Authenticator records."""

from allauth.mfa.models import Authenticator


def has_totp(user):
    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
