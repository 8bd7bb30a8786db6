"""How allauth behaves here: no open sign-up, e-mails in the background, TOTP kept when required."""

import time

from allauth.account import app_settings as account_settings
from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.internal.flows.login import get_authentication_records
from allauth.mfa.adapter import DefaultMFAAdapter
from allauth.mfa.models import Authenticator
from django.db import transaction
from django.utils import translation

from core.client_ip import client_ip
from extranet.permissions import must_use_two_factor
from extranet.tasks import send_account_notice, send_email_confirmation, send_password_reset


class AccountAdapter(DefaultAccountAdapter):
    """Accounts come only from invitations (extranet.views.accept_invitation)."""

    def is_open_for_signup(self, request):
        return False

    def get_client_ip(self, request):
        """Every allauth rate limit counts the visitor behind the proxy (core.client_ip)."""
        return client_ip(request) or super().get_client_ip(request)

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

    # allauth's e-mails leave from background tasks (extranet.tasks), queued once the request's
    # transaction commits, so that a slow or failing mail server never turns a password reset
    # into an error page. A task's arguments are stored in the database until it has run: they
    # hold identifiers only, and the tasks build links and keys when they send (probe's finding
    # 3: a reset link read from a task's arguments took over an account).

    def send_password_reset_mail(self, user, email, context):
        language = translation.get_language()
        on_commit(lambda: send_password_reset.enqueue(user.pk, email, language))

    def send_confirmation_mail(self, request, emailconfirmation, signup):
        address_id, language = emailconfirmation.email_address.pk, translation.get_language()
        on_commit(lambda: send_email_confirmation.enqueue(address_id, signup, language))

    def send_mail(self, template_prefix, email, context):
        """Every other account e-mail: notices with no secret in them."""
        secrets = SECRET_CONTEXT_KEYS.intersection(context)
        if secrets:
            raise ValueError(f"{template_prefix} would store {sorted(secrets)} in a task.")
        user = context.get("user")
        facts = {
            key: value.isoformat() if key == "timestamp" else value
            for key, value in context.items()
            if key in NOTICE_CONTEXT_KEYS
        }
        language = translation.get_language()
        on_commit(
            lambda: send_account_notice.enqueue(
                template_prefix, email, user.pk if user else None, facts, language
            )
        )


def on_commit(queue):
    transaction.on_commit(queue, robust=True)


# What allauth's notices say besides the account (when, from which address and browser) and the
# public pages they link to; none of it opens an account. Anything else in a context stays out.
NOTICE_CONTEXT_KEYS = {
    "timestamp",
    "ip",
    "user_agent",
    "from_email",
    "to_email",
    "deleted_email",
    "signup_url",
    "password_reset_url",
}
# What would open an account if read from a task's arguments: links and keys that only the tasks
# build (send_password_reset, send_email_confirmation).
SECRET_CONTEXT_KEYS = {"key", "code", "token", "uid", "activate_url"}


class MFAAdapter(DefaultMFAAdapter):
    """Coordinators and editors may not turn their authenticator app off."""

    def can_delete_authenticator(self, authenticator):
        if authenticator.type == Authenticator.Type.TOTP and must_use_two_factor(
            authenticator.user
        ):
            return False
        return super().can_delete_authenticator(authenticator)
