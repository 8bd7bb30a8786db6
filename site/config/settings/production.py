"""Production: PostgreSQL, SMTP, hashed and compressed static files, HTTPS only.

Start-up fails with a clear message when a required variable is missing, rather than running
with a guessed value. Several app servers may run side by side (docs/deploy.md): with REDIS_URL
and the S3_* variables set, none keeps anything of its own — sessions, cache and rate limits
are in Redis and PostgreSQL, uploaded files in object storage. `make check-production` says
what such a configuration lacks.
"""

from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

from config.settings.base import *  # noqa: F403
from config.settings.base import (
    ALLOWED_HOSTS,
    CLOUDFLARE_API_TOKEN,
    CLOUDFLARE_ZONE_ID,
    CLOUDFRONT_DISTRIBUTION_ID,
    DATABASE_CONN_MAX_AGE,
    DATABASE_URL,
    EMAIL_URL,
    FRONTEND_CACHE_PURGE_URL,
    INSTALLED_APPS,
    PRIVATE_FILE_PERMISSIONS,
    PRIVATE_MEDIA_ROOT,
    REDIS_URL,
    S3_ACCESS_KEY_ID,
    S3_ADDRESSING_STYLE,
    S3_ENDPOINT_URL,
    S3_PRIVATE_BUCKET,
    S3_PUBLIC_ACL,
    S3_PUBLIC_BUCKET,
    S3_PUBLIC_DOMAIN,
    S3_REGION,
    S3_SECRET_ACCESS_KEY,
    SECRET_KEY,
    SECURE_PROXY_SSL_HEADER_NAME,
    SENTRY_DSN,
    SENTRY_ENVIRONMENT,
    SENTRY_TRACES_SAMPLE_RATE,
    STATIC_CDN_URL,
    STATIC_ROOT_FROM_ENV,
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
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # A database host that does not answer (failover, network) fails the request within seconds
    # with the « revient dans un instant » page (core.views.server_error) instead of holding a
    # worker until gunicorn's timeout.
    DATABASES["default"].setdefault("OPTIONS", {})["connect_timeout"] = 5

# --- Sessions ----------------------------------------------------------------------------------
# cached_db: read from Redis, written to PostgreSQL as well. A Redis restart or flush signs
# nobody out, and the database stays the one truth that every app server shares. Without a
# shared cache each gunicorn process would keep its own copy, and a sign-out on one could leave
# the session alive on another: the database alone then.
if REDIS_URL:
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    SESSION_ENGINE = "django.contrib.sessions.backends.db"
    # The same for pages: each process would keep its own copies, and a publication would empty
    # only the copy of the process that handled it.
    PAGE_CACHE = False

# --- Uploaded files ----------------------------------------------------------------------------
_s3_connection = {
    "endpoint_url": S3_ENDPOINT_URL or None,
    "region_name": S3_REGION or None,
    "access_key": S3_ACCESS_KEY_ID or None,
    "secret_key": S3_SECRET_ACCESS_KEY or None,
    "addressing_style": S3_ADDRESSING_STYLE or None,
    "signature_version": "s3v4",
    # Two editors uploading « affiche.jpg » must not replace each other's image.
    "file_overwrite": False,
    # Past 1 MB a file being read (a 20 MB shared file) spills to a temporary file, not RAM.
    "max_memory_size": 1024 * 1024,
}
if S3_PUBLIC_BUCKET:
    # Images, renditions and documents: public, with stable unsigned URLs that a CDN can cache.
    _public_options = {
        **_s3_connection,
        "bucket_name": S3_PUBLIC_BUCKET,
        "querystring_auth": False,
        "custom_domain": S3_PUBLIC_DOMAIN or None,
        "default_acl": S3_PUBLIC_ACL or None,
        # Names are never reused (file_overwrite False): browsers and the CDN may keep them.
        "object_parameters": {"CacheControl": "public, max-age=31536000"},
    }
    _default_storage = {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": _public_options}
    if S3_PUBLIC_DOMAIN:
        MEDIA_URL = f"https://{S3_PUBLIC_DOMAIN}/"
    # Wagtail would otherwise stream each document through an app server; documents here are
    # public, and the view still checks collection privacy before redirecting.
    WAGTAILDOCS_SERVE_METHOD = "redirect"
else:
    _default_storage = {"BACKEND": "django.core.files.storage.FileSystemStorage"}

if S3_PRIVATE_BUCKET:
    # The files members share: private objects, never given a URL (resources.storage refuses
    # to make one); resources.views.download reads them through the storage after checking who
    # asks.
    _private_storage = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            **_s3_connection,
            "bucket_name": S3_PRIVATE_BUCKET,
            "default_acl": "private",
            "querystring_auth": True,
            "custom_domain": None,
        },
    }
else:
    _private_storage = {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": PRIVATE_MEDIA_ROOT, "base_url": None, **PRIVATE_FILE_PERMISSIONS},
    }

STORAGES = {
    "default": _default_storage,
    "private": _private_storage,
    # Hashed names and pre-compressed (gzip, brotli) copies; WhiteNoise serves hashed files with
    # far-future cache headers.
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# --- Static files behind a CDN -----------------------------------------------------------------
if STATIC_ROOT_FROM_ENV:
    STATIC_ROOT = Path(STATIC_ROOT_FROM_ENV)
# Pages link to the CDN; the CDN pulls from this site's /static/, which WhiteNoise still serves
# (WHITENOISE_STATIC_PREFIX, since STATIC_URL is now another host's URL).
if STATIC_CDN_URL:
    STATIC_URL = STATIC_CDN_URL.rstrip("/") + "/"
    WHITENOISE_STATIC_PREFIX = "/static/"

# --- Front cache purge on publish --------------------------------------------------------------
# Each configured backend gets the URLs of a page published or unpublished, through the task
# worker. Each translation is a page of its own, published on its own: no per-language copies.
WAGTAILFRONTENDCACHE = {}
if FRONTEND_CACHE_PURGE_URL:
    WAGTAILFRONTENDCACHE["http"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
        "LOCATION": FRONTEND_CACHE_PURGE_URL,
    }
if CLOUDFLARE_API_TOKEN and CLOUDFLARE_ZONE_ID:
    WAGTAILFRONTENDCACHE["cloudflare"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
        "BEARER_TOKEN": CLOUDFLARE_API_TOKEN,
        "ZONEID": CLOUDFLARE_ZONE_ID,
    }
if CLOUDFRONT_DISTRIBUTION_ID:
    WAGTAILFRONTENDCACHE["cloudfront"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudfrontBackend",
        "DISTRIBUTION_ID": CLOUDFRONT_DISTRIBUTION_ID,
    }
WAGTAILFRONTENDCACHE_LANGUAGES = []
INSTALLED_APPS = [*INSTALLED_APPS, "wagtail.contrib.frontend_cache"]

# --- HTTPS -------------------------------------------------------------------------------------
# Behind a reverse proxy that terminates TLS, set SECURE_PROXY_SSL_HEADER to the header it sets
# (e.g. HTTP_X_FORWARDED_PROTO).
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

# --- Error tracking (optional) -----------------------------------------------------------------
if SENTRY_DSN:
    from core.error_tracking import init_error_tracking

    init_error_tracking(
        SENTRY_DSN, environment=SENTRY_ENVIRONMENT, traces_sample_rate=SENTRY_TRACES_SAMPLE_RATE
    )
