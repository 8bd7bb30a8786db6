"""Local development: `make run`. SQLite under var/, e-mails printed in the terminal."""

from config.settings.base import *  # noqa: F403
from config.settings.base import INSTALLED_APPS, SECRET_KEY, env

DEBUG = env.bool("DEBUG", default=True)
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]
# `make run` writes a random key into the git-ignored .env once; without it, say how to fix it.
if not SECRET_KEY:
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured("SECRET_KEY manque : lancez `make run`, qui l'écrit dans .env.")

# Let WhiteNoise serve static files under runserver too, as in production.
INSTALLED_APPS = ["whitenoise.runserver_nostatic", *INSTALLED_APPS]
