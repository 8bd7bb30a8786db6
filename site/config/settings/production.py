"""Production: PostgreSQL, SMTP, hashed and compressed static files, HTTPS only.

Start-up fails with a clear message when a required variable is missing, rather than running
with a guessed value.
"""

from django.core.exceptions import ImproperlyConfigured

from config.settings.base import *  # noqa: F403
from config.settings.base import (
    ALLOWED_HOSTS,
    DATABASE_CONN_MAX_AGE,
    DATABASE_URL,
    EMAIL_URL,
    PRIVATE_MEDIA_ROOT,
    SECRET_KEY,
    SECURE_PROXY_SSL_HEADER_NAME,
    env,
)

_missing = [
    name
    for name, value in [
        ("SECRET_KEY", SECRET_KEY),
        ("ALLOWED_HOSTS", ALLOWED_HOSTS),
        ("DATABASE_URL", DATABASE_URL),
        ("EMAIL_URL", EMAIL_URL),
    ]
    if not value
]
if _missing:
    raise ImproperlyConfigured(
        "Variables d'environnement requises en production manquantes : " + ", ".join(_missing)
    )

DEBUG = False
DATABASES = {"default": env.db_url_config(DATABASE_URL)}
DATABASES["default"]["CONN_MAX_AGE"] = (
    60 if DATABASE_CONN_MAX_AGE is None else DATABASE_CONN_MAX_AGE
)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "private": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": PRIVATE_MEDIA_ROOT, "base_url": None},
    },
    # Hashed names and pre-compressed (gzip, brotli) copies; WhiteNoise serves hashed files with
    # far-future cache headers.
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# HTTPS everywhere. Behind a reverse proxy that terminates TLS, set SECURE_PROXY_SSL_HEADER to the
# header it sets (e.g. HTTP_X_FORWARDED_PROTO).
if SECURE_PROXY_SSL_HEADER_NAME:
    SECURE_PROXY_SSL_HEADER = (SECURE_PROXY_SSL_HEADER_NAME, "https")
SECURE_SSL_REDIRECT = True
# The health check is called by load balancers over plain HTTP inside the network.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
LANGUAGE_COOKIE_SECURE = True
# Links in allauth's e-mails (password reset, address confirmation).
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https"
