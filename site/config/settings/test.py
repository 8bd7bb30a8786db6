"""Settings for pytest: fast hashing, in-memory cache and e-mail, plain static storage.

The database comes from DATABASE_URL like everywhere else: SQLite by default, PostgreSQL when
`make test` (or CI) sets it to the local server.
"""

from config.settings.base import *  # noqa: F403
from config.settings.base import DATABASE_URL, PRIVATE_FILE_PERMISSIONS, VAR_DIR, env

# Not a secret: it signs nothing outside the test run.
SECRET_KEY = "tests-only-key-that-signs-nothing-outside-the-test-run"  # noqa: S105
DEBUG = False
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
# The host of the Site record the tests' factories make (tests/home/factories.create_site): one
# origin for canonical links and every other address, as in production (core.addresses).
SITE_URL = "http://localhost"

if not DATABASE_URL:
    DATABASES = {"default": env.db_url_config(f"sqlite:///{VAR_DIR / 'test.sqlite3'}")}
    # A file rather than Django's in-memory default, so that --reuse-db skips the migrations.
    DATABASES["default"]["TEST"] = {"NAME": VAR_DIR / "test.sqlite3"}

# Tasks run at once, inside the request, so tests see their effects.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": VAR_DIR / "test-media"},
    },
    "private": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {
            "location": VAR_DIR / "test-private",
            "base_url": None,
            **PRIVATE_FILE_PERMISSIONS,
        },
    },
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
MEDIA_ROOT = VAR_DIR / "test-media"
WHITENOISE_AUTOREFRESH = True
# Other apps' tests open the admin as a superuser signed in with force_login, without a TOTP
# device; tests/extranet turns this back on (see base.py).
TWO_FACTOR_REQUIRED = False
LOGGING = {"version": 1, "disable_existing_loggers": False}
