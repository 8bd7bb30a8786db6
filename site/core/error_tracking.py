"""Optional error tracking: Sentry, GlitchTip or any Sentry-compatible service (SENTRY_DSN).

Started by config/settings/production.py only when SENTRY_DSN is set; nothing is sent otherwise.
What leaves the server is kept free of personal data, since residents, registrants and members
are not the service's business:
- no user, address, cookie or header that identifies someone (send_default_pii=False);
- no request body: the public forms hold names, telephone numbers and e-mail addresses;
- no local variables of the stack frames, which hold the same once a form is read;
- no registrant's key: their link, `<day>/inscription/la-mienne/?cle=<key>`, opens and cancels a
  registration for 500 days. Every text of an event (URLs, query strings, referrers, messages,
  breadcrumbs, span descriptions) goes through the same redaction as the access logs
  (core.gunicorn_logging).

Imported by the settings, before Django is set up: nothing here imports Django.
"""

import sentry_sdk
from sentry_sdk.integrations.django import DjangoIntegration
from sentry_sdk.integrations.logging import LoggingIntegration

from core.gunicorn_logging import REDACTED, redact, redact_query_string


def scrub(value, path=""):
    """`value` (an event, or any part of it) with every registrant's key replaced by REDACTED.
    `path` is the request's path, for its query string: all of it goes on registration pages."""
    if isinstance(value, str):
        return redact(value)
    if isinstance(value, dict):
        path = value.get("url", path) if isinstance(value.get("url"), str) else path
        scrubbed = {}
        for key, item in value.items():
            if key == "query_string" and isinstance(item, str):
                scrubbed[key] = redact_query_string(item, path)
            elif key == "query_string" and isinstance(item, (list, tuple)):
                # Some integrations send the query as [name, value] pairs.
                scrubbed[key] = scrub_pairs(item, path)
            else:
                scrubbed[key] = scrub(item, path)
        return scrubbed
    if isinstance(value, list):
        return [scrub(item, path) for item in value]
    if isinstance(value, tuple):
        return tuple(scrub(item, path) for item in value)
    return value


def scrub_pairs(pairs, path):
    if "/inscription/" in path:
        return REDACTED
    return [
        [name, REDACTED if str(name).lower() == "cle" else scrub(item, path)]
        for name, item in pairs
    ]


def before_send(event, hint):
    return scrub(event)


def init_error_tracking(dsn, *, environment="production", traces_sample_rate=0.0, **options):
    """Send errors to `dsn`. `traces_sample_rate` above 0 also sends that share of requests'
    timings (performance monitoring); `options` go to sentry_sdk.init as they are (the tests
    give a transport that keeps the events instead of sending them)."""
    sentry_sdk.init(
        dsn=dsn,
        environment=environment,
        traces_sample_rate=traces_sample_rate,
        integrations=[
            DjangoIntegration(),
            # Errors logged by Django (a failed request, a task) become events; INFO lines only
            # breadcrumbs, themselves redacted.
            LoggingIntegration(),
        ],
        send_default_pii=False,
        max_request_body_size="never",
        include_local_variables=False,
        before_send=before_send,
        before_send_transaction=before_send,
        **options,
    )
