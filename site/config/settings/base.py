"""Settings shared by every environment, safe for production.

Every environment variable the project reads is read here, once, with django-environ's typed
helpers. `dev`, `test` and `production` each import this module and only adjust it; production
refuses to start when a required variable is missing (see production.py).
"""

from datetime import timedelta
from pathlib import Path

import environ
from csp.constants import NONCE, NONE, SELF

BASE_DIR = Path(__file__).resolve().parents[3]
SOURCE_DIR = BASE_DIR / "site"
VAR_DIR = BASE_DIR / "var"

env = environ.Env()
# A local, git-ignored .env (written by `make run` on first use) may hold a developer's values.
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

# --- Values from the environment -------------------------------------------------------------
SECRET_KEY = env.str("SECRET_KEY", default="")
# None when unset, so that dev.py can default to True and everything else to False.
DEBUG_FROM_ENV = env.bool("DEBUG", default=None)
DEBUG = bool(DEBUG_FROM_ENV)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=[])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
DATABASE_URL = env.str("DATABASE_URL", default="")
# Seconds a database connection is kept; unset: 0 (one per request), 60 in production.
DATABASE_CONN_MAX_AGE = env.int("DATABASE_CONN_MAX_AGE", default=None)
REDIS_URL = env.str("REDIS_URL", default="")
EMAIL_URL = env.str("EMAIL_URL", default="")
DEFAULT_FROM_EMAIL = env.str(
    "DEFAULT_FROM_EMAIL", default="Dynamique Emploi <ne-pas-repondre@dynamique-emploi.fr>"
)
SERVER_EMAIL = env.str("SERVER_EMAIL", default=DEFAULT_FROM_EMAIL)
ADMINS = [("Admin", address) for address in env.list("ADMINS", default=[])]
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000")
SECURE_PROXY_SSL_HEADER_NAME = env.str("SECURE_PROXY_SSL_HEADER", default="")
# Behind a reverse proxy REMOTE_ADDR is the proxy's: name the single-address header it sets with
# the client's address (e.g. HTTP_X_REAL_IP) so that every rate limit (sign-in, password reset,
# two-factor codes, public forms) counts each visitor, not the proxy (core.client_ip). Behind a
# CDN too, nginx puts the visitor's address there (docs/deploy.md, set_real_ip_from).
CLIENT_IP_HEADER = env.str("CLIENT_IP_HEADER", default="")
LOG_LEVEL = env.str("LOG_LEVEL", default="INFO")
# django_tasks_db.backend.DatabaseBackend (a `manage.py db_worker` runs the tasks) or
# django_tasks.backends.immediate.ImmediateBackend (tasks run inside the request).
TASKS_BACKEND = env.str("TASKS_BACKEND", default="")
DEMO_PASSWORD = env.str("DEMO_PASSWORD", default="")
# Files members share in the extranet: outside MEDIA_ROOT, so no URL serves them; only the
# resources app's download view does, after checking permission (see STORAGES["private"]).
PRIVATE_MEDIA_ROOT = Path(env.str("PRIVATE_MEDIA_ROOT", default=str(VAR_DIR / "private")))
# S3-compatible object storage, so that no app server keeps a file (production.py picks the
# storages; docs/deploy.md). Public images and documents go to S3_PUBLIC_BUCKET, the files
# members share to S3_PRIVATE_BUCKET; either unset: that storage stays on the local disk.
S3_ENDPOINT_URL = env.str("S3_ENDPOINT_URL", default="")
S3_REGION = env.str("S3_REGION", default="")
S3_ACCESS_KEY_ID = env.str("S3_ACCESS_KEY_ID", default="")
S3_SECRET_ACCESS_KEY = env.str("S3_SECRET_ACCESS_KEY", default="")
S3_PUBLIC_BUCKET = env.str("S3_PUBLIC_BUCKET", default="")
S3_PRIVATE_BUCKET = env.str("S3_PRIVATE_BUCKET", default="")
# Host serving the public bucket (a CDN, or the provider's bucket host), e.g. media.example.org.
S3_PUBLIC_DOMAIN = env.str("S3_PUBLIC_DOMAIN", default="")
# ACL given to public uploads; empty where the bucket's policy makes it readable instead (AWS
# buckets with ACLs disabled).
S3_PUBLIC_ACL = env.str("S3_PUBLIC_ACL", default="public-read")
# "path" for MinIO, Garage, moto and most self-hosted endpoints; "virtual" or empty otherwise.
S3_ADDRESSING_STYLE = env.str("S3_ADDRESSING_STYLE", default="")
# Static files from a CDN pulling them from this site's /static/, e.g. https://cdn.example.org/static/
STATIC_CDN_URL = env.str("STATIC_CDN_URL", default="")
# Where `collectstatic` writes (production); unset: var/static.
STATIC_ROOT_FROM_ENV = env.str("STATIC_ROOT", default="")
# Purge of a front cache when pages are published (wagtail.contrib.frontend_cache), any of:
# an HTTP PURGE to Varnish or nginx, Cloudflare (token and zone) or CloudFront (distribution).
FRONTEND_CACHE_PURGE_URL = env.str("FRONTEND_CACHE_PURGE_URL", default="")
CLOUDFLARE_API_TOKEN = env.str("CLOUDFLARE_API_TOKEN", default="")
CLOUDFLARE_ZONE_ID = env.str("CLOUDFLARE_ZONE_ID", default="")
CLOUDFRONT_DISTRIBUTION_ID = env.str("CLOUDFRONT_DISTRIBUTION_ID", default="")

# --- Applications ----------------------------------------------------------------------------
INSTALLED_APPS = [
    # Project apps first so their templates and translations win.
    "core",
    "reference",
    "organisations",
    "home",
    "search",
    "offers",
    "events",
    "extranet",
    "resources",
    "project_holders",
    "backups",
    # Wagtail
    "wagtail_localize",
    "wagtail_localize.locales",  # replaces wagtail.locales
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_tasks",
    "django_tasks_db",
    # Who changed what and when on project holders (project_holders.models).
    "simple_history",
    # Accounts: sign-in by e-mail, password reset, two-factor (see "Accounts" below).
    "allauth",
    "allauth.account",
    "allauth.mfa",
    # Django
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # What a page asks for several times and cannot change meanwhile, remembered for the
    # request: the active locale (core.locales), the fragments' generation (core.fragments).
    "core.request_scope.RequestScopeMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # After WhiteNoise, so that static files go without them; before any page cache, so that a
    # cached page never carries another visitor's nonce in its header (see core.csp).
    "core.csp.CSPMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    # The page cache (core.cache): stores anonymous pages and sets every page's Cache-Control;
    # a stored page is served before everything below runs. A visitor without a session cookie
    # is anonymous: core.cache never serves one who has it.
    "core.cache.UpdateCacheMiddleware",
    "core.cache.FetchFromCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    # Public pages' forms carry no token, so that their pages stay cacheable: a POST to one is
    # checked by what the browser says of its origin (core.csrf).
    "core.csrf.PublicFormsMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    # After allauth's: sends coordinators and editors without two-factor to set it up.
    "extranet.middleware.RequireTwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

# --- Database --------------------------------------------------------------------------------
# SQLite is the embedded default for running the site; PostgreSQL is production.
DATABASES = {
    "default": env.db_url_config(DATABASE_URL or f"sqlite:///{VAR_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["CONN_MAX_AGE"] = DATABASE_CONN_MAX_AGE or 0
DATABASES["default"]["CONN_HEALTH_CHECKS"] = bool(DATABASE_CONN_MAX_AGE)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache -----------------------------------------------------------------------------------
# Anonymous visitors' pages are kept in the app's cache (what is shared and what is not:
# core.cache) and emptied whenever an editor publishes. PAGE_CACHE=false turns it off.
PAGE_CACHE = env.bool("PAGE_CACHE", default=True)
# How long the app's cache keeps a page; publishing empties it sooner.
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=600)
# What shared pages tell browsers (max-age) and a CDN (s-maxage). A CDN's copy of a listing is
# not purged on publication (only the published page's own URL is): keep it short.
PAGE_CACHE_MAX_AGE = env.int("PAGE_CACHE_MAX_AGE", default=60)
PAGE_CACHE_SHARED_MAX_AGE = env.int("PAGE_CACHE_SHARED_MAX_AGE", default=300)
if REDIS_URL:
    CACHES = {
        # Sessions (read-through, see production.py) and rate-limit counters. django-redis
        # rather than Django's own backend: with IGNORE_EXCEPTIONS a Redis that is down or slow
        # answers « nothing stored » within a second instead of failing the request, so pages
        # are still served and members still sign in (docs/faults.md, core.cache).
        "default": {
            "BACKEND": "core.cache.ForgivingRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "dynamique-emploi",
            "OPTIONS": {
                "IGNORE_EXCEPTIONS": True,
                "SOCKET_CONNECT_TIMEOUT": 1,
                "SOCKET_TIMEOUT": 1,
            },
        },
        # Its own prefix, so that emptying it leaves sessions and rate limits alone; a Redis
        # that hangs costs a page a second at most, then it is served uncached.
        "pages": {
            "BACKEND": "core.cache.PageRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "dynamique-emploi-pages",
            "TIMEOUT": PAGE_CACHE_SECONDS,
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        },
    }
    PAGE_CACHE_BACKEND = "pages"
    # One line in the logs for each operation that Redis could not do.
    DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    # One process (runserver, tests): pages share its memory cache, emptied with them.
    PAGE_CACHE_BACKEND = "default"

# --- Passwords -------------------------------------------------------------------------------
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# --- Accounts (django-allauth) ---------------------------------------------------------------
# One sign-in for members, coordinators and the Wagtail admin's editors: allauth's, under
# /compte/, with its rate limits and two-factor step. Nobody signs up: accounts come from
# invitations (extranet.adapters.AccountAdapter closes sign-up).
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "extranet:home"
# Wagtail sends whoever it refuses here; extranet.views.admin_login sends on to allauth's sign-in
# those who are not signed in, and refuses the others (allauth would send them back: a loop).
WAGTAILADMIN_LOGIN_URL = "admin_login"
# Private pages of the public site, if an editor ever makes one, use the same sign-in.
WAGTAIL_FRONTEND_LOGIN_URL = "account_login"
# Passwords and addresses change through allauth's pages only (rate limited, notified by
# e-mail, addresses verified): the admin's own forms for them are off, and config.urls sends its
# password reset pages and Wagtail's /_util/login/ to allauth's (docs/sign-in.md).
WAGTAIL_PASSWORD_MANAGEMENT_ENABLED = False
WAGTAIL_PASSWORD_RESET_ENABLED = False
WAGTAIL_EMAIL_MANAGEMENT_ENABLED = False
ACCOUNT_ADAPTER = "extranet.adapters.AccountAdapter"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Dynamique Emploi] "
ACCOUNT_LOGOUT_REDIRECT_URL = "/"
ACCOUNT_SESSION_REMEMBER = None
# A password reset link never signs anyone in: the person then signs in, TOTP step included.
ACCOUNT_LOGIN_ON_PASSWORD_RESET = False
# Counted in the default cache, Redis in production, so every process sees the same attempts,
# per visitor's address as core.client_ip reads it behind the proxy (CLIENT_IP_HEADER).
ACCOUNT_RATE_LIMITS = {
    # 5 wrong passwords for one address in 5 minutes, 10 a minute from one IP address.
    "login_failed": "10/m/ip,5/5m/key",
    "login": "30/m/ip",
    "reset_password": "20/m/ip,5/m/key",
    "reset_password_from_key": "20/m/ip",
}
MFA_ADAPTER = "extranet.adapters.MFAAdapter"
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Dynamique Emploi"
# Accept the code of the previous and next 30-second period too (RFC 6238's advice): phones'
# clocks drift, and people type slowly.
MFA_TOTP_TOLERANCE = 1
# Coordinators and anyone who may open the Wagtail admin must set up two-factor authentication
# before reaching the extranet or the admin (extranet.middleware). Tests that sign an editor in
# with force_login turn it off (test.py); the extranet's tests turn it back on.
TWO_FACTOR_REQUIRED = True

# --- Languages -------------------------------------------------------------------------------
# French is the source language: interface strings are written in French inside gettext, and
# French URLs carry no prefix. English and Arabic are content languages (wagtail-localize).
LANGUAGE_CODE = "fr"
LANGUAGES = [
    ("fr", "Français"),
    ("en", "English"),
    ("ar", "العربية"),
]
LANGUAGES_BIDI = ["ar"]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True

WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILADMIN_PERMITTED_LANGUAGES = [("fr", "Français"), ("en", "English")]
# A page an editor sends to translation starts as a draft in the other language, even when the
# French page is live: visitors see it once someone has translated and published it, not before
# (wagtail-localize would otherwise publish the French text under /en/ and /ar/ at once).
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False

# --- Static files and media ------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = VAR_DIR / "media"
# The files members share, on this server's disk: readable and listable by the site's own
# account only (backups.archive does the same for backups). S3 ignores these (production.py).
PRIVATE_FILE_PERMISSIONS = {"file_permissions_mode": 0o600, "directory_permissions_mode": 0o700}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "private": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": PRIVATE_MEDIA_ROOT, "base_url": None, **PRIVATE_FILE_PERMISSIONS},
    },
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Hashed file names may be cached by browsers and proxies for a year (WhiteNoise default: 10 years
# for files it recognises as versioned).
WHITENOISE_MAX_AGE = 3600

# --- E-mail ----------------------------------------------------------------------------------
# EMAIL_URL, e.g. smtp+tls://user:password@smtp.example.org:587, consolemail:// or filemail://
_email = env.email_url_config(EMAIL_URL or "consolemail://")
EMAIL_BACKEND = _email["EMAIL_BACKEND"]
EMAIL_HOST = _email["EMAIL_HOST"] or "localhost"
EMAIL_PORT = _email["EMAIL_PORT"] or 25
EMAIL_HOST_USER = _email["EMAIL_HOST_USER"] or ""
EMAIL_HOST_PASSWORD = _email["EMAIL_HOST_PASSWORD"] or ""
EMAIL_USE_TLS = _email.get("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = _email.get("EMAIL_USE_SSL", False)
EMAIL_TIMEOUT = 10

# --- Background work (django-tasks) --------------------------------------------------------
# Our e-mails and Wagtail's own search and reference index updates go through this backend. In
# production tasks are stored in the database and run by `manage.py db_worker` (see the README).
TASKS = {"default": {"BACKEND": TASKS_BACKEND or "django_tasks_db.backend.DatabaseBackend"}}
# A task still « RUNNING » after this long is taken for one whose worker died, and runs again
# (core.worker). Keep it well above any task's run time.
TASKS_STALE_AFTER = timedelta(minutes=env.int("TASKS_STALE_AFTER_MINUTES", default=15))

# --- Offers ----------------------------------------------------------------------------------
# `manage.py remind_expiring_offers` (daily) e-mails the advisers and each offer's author when a
# current offer's expiry date is this many days away or fewer, once per expiry date.
OFFER_EXPIRY_REMINDER_DAYS = env.int("OFFER_EXPIRY_REMINDER_DAYS", default=7)

# --- Personal data ---------------------------------------------------------------------------
# How long a resident's « Ça m'intéresse » is kept before `manage.py erase_old_interests`.
INTEREST_RETENTION_DAYS = env.int("INTEREST_RETENTION_DAYS", default=365)
# How long after an event's date its registrants' names and contacts are kept before
# `manage.py erase_old_registrations` blanks them; the counts stay for the yearly figures.
EVENT_REGISTRATION_RETENTION_DAYS = env.int("EVENT_REGISTRATION_RETENTION_DAYS", default=90)
# ESS project holders: the hub's yearly target of people supported, and how many years after
# a project is closed its holder's personal data is kept (`manage.py anonymise_project_holders`).
PROJECT_HOLDERS_YEARLY_TARGET = env.int("PROJECT_HOLDERS_YEARLY_TARGET", default=30)
PROJECT_HOLDER_RETENTION_YEARS = env.int("PROJECT_HOLDER_RETENTION_YEARS", default=3)
# Backups (docs/backups.md): kept this many days, then deleted by `backup` itself, so that what the
# retention jobs erase leaves the backups too after at most that long. Optional encryption with
# gpg: a recipient's public key file (the server cannot read its own backups) or a passphrase.
# Optional error tracking (Sentry, GlitchTip…): production.py starts it only when set.
SENTRY_DSN = env.str("SENTRY_DSN", default="")
SENTRY_ENVIRONMENT = env.str("SENTRY_ENVIRONMENT", default="production")
SENTRY_TRACES_SAMPLE_RATE = env.float("SENTRY_TRACES_SAMPLE_RATE", default=0.0)
# /healthz answers 503 once a task has waited this long for the worker (core.views.healthz).
HEALTHZ_MAX_TASK_WAIT_SECONDS = env.int("HEALTHZ_MAX_TASK_WAIT_SECONDS", default=300)
BACKUP_RETENTION_DAYS = env.int("BACKUP_RETENTION_DAYS", default=30)
BACKUP_ENCRYPTION_KEY_FILE = env.str("BACKUP_ENCRYPTION_KEY_FILE", default="")
BACKUP_ENCRYPTION_PASSPHRASE = env.str("BACKUP_ENCRYPTION_PASSPHRASE", default="")
# Spam guard on public forms: at most this many submissions per IP address and hour.
PUBLIC_FORM_RATE = env.str("PUBLIC_FORM_RATE", default="10/h")
# If the cache that counts submissions is down, let residents through: the honeypot still
# stops most bots, and a refused resident is worse than a few spam messages.
RATELIMIT_FAIL_OPEN = True
# The visitor's address, read in one place for django-ratelimit and allauth alike.
RATELIMIT_IP_META_KEY = "core.client_ip.client_ip"

# --- Wagtail ---------------------------------------------------------------------------------
WAGTAIL_SITE_NAME = "Dynamique Emploi dans les Quartiers"
WAGTAILADMIN_BASE_URL = SITE_URL
WAGTAILSEARCH_BACKENDS = {
    "default": {
        # On PostgreSQL: full-text search with `french_unaccent` (search/migrations/0002: French
        # stemming after unaccent), so « preparateur » finds « préparateur »; on SQLite it uses
        # FTS5, which folds accents by itself, and the option is ignored. Typos, plurals and
        # everyday job names: search.query.
        "BACKEND": "wagtail.search.backends.database",
        "SEARCH_CONFIG": "french_unaccent",
    }
}
WAGTAILDOCS_EXTENSIONS = ["pdf", "odt", "ods", "docx", "xlsx", "pptx", "odp", "csv", "txt"]
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp", "avif"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAIL_ALLOW_UNICODE_SLUGS = False
WAGTAILEMBEDS_RESPONSIVE_HTML = True
WAGTAIL_ENABLE_UPDATE_CHECK = False
# The admin's date pickers write dates as French readers do (Wagtail's default is 2026-03-15),
# like every help text, message and listing: one format. (The server still accepts ISO dates;
# the picker itself replaces what does not match this format on leaving the field.)
WAGTAIL_DATE_FORMAT = "%d/%m/%Y"
WAGTAIL_DATETIME_FORMAT = "%d/%m/%Y %H:%M"
WAGTAIL_TIME_FORMAT = "%H:%M"
# Tags typed in Arabic are separated by « ، »: split on it as on « , ».
TAGGIT_TAGS_FROM_STRING = "core.tags.parse_tags"
WAGTAILADMIN_RICH_TEXT_EDITORS = {
    "default": {
        "WIDGET": "wagtail.admin.rich_text.DraftailRichTextArea",
        "OPTIONS": {
            "features": ["h2", "h3", "bold", "italic", "ol", "ul", "link", "document-link"]
        },
    }
}

# --- Security (tightened further in production.py) -------------------------------------------
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
X_FRAME_OPTIONS = "DENY"
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000  # Wagtail's page editor posts many fields.
# Nothing reads the language cookie in JavaScript, and no other site needs to send it.
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"
# Editors' avatars from gravatar.com would tell a third party who opens the admin and when.
WAGTAIL_GRAVATAR_PROVIDER_URL = None

# Content-Security-Policy (django-csp, through core.csp.CSPMiddleware). Scripts only from this
# host, or inline with this response's nonce (`nonce="{{ request.csp_nonce }}"`; a page that asks
# for it is never put in the page cache, so prefer a file under static/js/); JSON-LD blocks are
# not run and need none. No inline style attribute; images also as data: URIs (the QR code of
# two-factor set-up). Static and media hosts other than this one (CDN, S3) are added by
# core.csp from the storages' URLs.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "media-src": [SELF],
        "frame-src": [NONE],
        "worker-src": [NONE],
        "manifest-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}
# Only under /admin/ (core.csp.ADMIN_PATH_PREFIXES): what Wagtail 7.4's editors and
# wagtail-localize's need, found by loading them in Chromium and listening for violations
# (tests/browser/test_csp.py). The page preview, framed by the admin, keeps the public policy
# (see core.csp).
ADMIN_CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, "'unsafe-inline'"],
        "style-src": [SELF, "'unsafe-inline'"],
        # blob: for the thumbnails of images chosen for upload (wagtailimages' load-image).
        "img-src": [SELF, "data:", "blob:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "media-src": [SELF],
        "frame-src": [SELF],
        "worker-src": [NONE],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [SELF],
    },
}
# Powerful features nobody on this site needs, denied to the page and to anything it embeds.
# « Écouter » uses speech synthesis, which needs no permission.
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "autoplay",
        "browsing-topics",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "hid",
        "idle-detection",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "screen-wake-lock",
        "serial",
        "usb",
        "xr-spatial-tracking",
    )
}

# --- Logging ---------------------------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {
        "django.request": {"level": "ERROR"},
        # One INFO line per page saved (search index, reference index) drowns everything else.
        "django_tasks": {"level": "WARNING"},
    },
}
