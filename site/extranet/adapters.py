"""How allauth behaves here: no open sign-up, e-mails in the background, TOTP kept when required."""

import time

from allauth.account import app_settings as account_settings
from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.internal.flows.login import get_authentication_records
from allauth.mfa.adapter import DefaultMFAAdapter
from allauth.mfa.models import Authenticator
from django.db import transaction

from extranet.permissions import must_use_two_factor
from extranet.tasks import send_email


class AccountAdapter(DefaultAccountAdapter):
    """Accounts come only from invitations (extranet.views.accept_invitation)."""

    def is_open_for_signup(self, request):
        return False

    def is_reauthentication_required(self, *, app, **kwargs):
        """No second password prompt to set two-factor up just after signing in.

        A coordinator signing in for the first time is sent to the TOTP activation page, which
        allauth guards with a reauthentication: asking again for the password typed seconds ago
        protects nothing. A sign-in within the reauthentication timeout counts as one.
        """
        required = super().is_reauthentication_required(app=app, **kwargs)
        request = self.request
        if not required or app != "allauth.mfa" or request is None:
            return required
        records = get_authentication_records(request, request.user)
        recent = [
            record
            for record in records
            if time.time() - record.get("at", 0) < account_settings.REAUTHENTICATION_TIMEOUT
        ]
        return not recent

    def send_mail(self, template_prefix, email, context):
        """Render allauth's e-mail now, send it from a background task after the commit.

        A slow or failing mail server then never turns a password reset into an error page.
        """
        message = self.render_mail(template_prefix, email, context)
        html = next(
            (content for content, mimetype in message.alternatives if mimetype == "text/html"),
            "",
        )
        if message.content_subtype == "html":
            html, body = message.body, ""
        else:
            body = message.body
        transaction.on_commit(
            lambda: send_email.enqueue(
                subject=message.subject,
                body=body,
                html=html,
                to=list(message.to),
                from_email=message.from_email,
            ),
            robust=True,
        )


class MFAAdapter(DefaultMFAAdapter):
    """Coordinators and editors may not turn their authenticator app off."""

    def can_delete_authenticator(self, authenticator):
        if authenticator.type == Authenticator.Type.TOTP and must_use_two_factor(
            authenticator.user
        ):
            return False
        return super().can_delete_authenticator(authenticator)
