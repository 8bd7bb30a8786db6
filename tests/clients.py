"""A test client whose force_login stands for the whole sign-in, two-factor step included.

Production counts a session as two-factor only when a code was typed in it (extranet.two_factor).
Unit tests that are not about signing in open pages as a coordinator or an editor with
force_login: for a user who owns an authenticator app, this client notes in the session that
the code was typed, as allauth's « authenticate » step does. `two_factor=False` makes the
session of someone who got in with the password alone, which every private page must refuse.
Tests of the sign-in itself post to the real forms instead (tests/extranet/test_accounts.py).
"""

from allauth.mfa.models import Authenticator
from django.http import HttpRequest
from django.test import Client

from extranet.two_factor import MFA_METHOD


class SignInClient(Client):
    def force_login(self, user, backend=None, *, two_factor=True):
        super().force_login(user, backend)
        totp = Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).first()
        if two_factor and totp is not None:
            self.pass_two_factor(user, totp)

    def pass_two_factor(self, user, authenticator):
        # allauth's own function writes the record, so the shape stays allauth's.
        from allauth.account.internal.flows.login import record_authentication

        request = HttpRequest()
        request.session = self.session
        record_authentication(request, user, MFA_METHOD, id=authenticator.pk, type="totp")
        request.session.save()
