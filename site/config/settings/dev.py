"""Local development: `make run`. SQLite under var/, e-mails printed in the terminal."""

from config.settings.base import *  # noqa: F403
from config.settings.base import DEBUG_FROM_ENV, INSTALLED_APPS, SECRET_KEY, TASKS_BACKEND

DEBUG = True if DEBUG_FROM_ENV is None else DEBUG_FROM_ENV
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]
# `make run` writes a random key into the git-ignored .env once; without it, say how to fix it.
if not SECRET_KEY:
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured("SECRET_KEY manque : lancez `make run`, qui l'écrit dans .env.")

# Let WhiteNoise serve static files under runserver too, as in production.
INSTALLED_APPS = ["whitenoise.runserver_nostatic", *INSTALLED_APPS]

# One process is enough on a laptop: tasks (e-mails, search index) run inside the request unless
# TASKS_BACKEND asks for the database backend and its worker.
TASKS = {
    "default": {"BACKEND": TASKS_BACKEND or "django_tasks.backends.immediate.ImmediateBackend"}
}
