"""Work every app server process would otherwise do on its first requests, done once before
gunicorn forks its workers (deploy/gunicorn.conf.py, `when_ready`).

Each worker inherits what the master process prepared. Without it, each worker's first
request reads the translation catalogs, compiles the site's templates and form widgets, and
builds the URL patterns in each language. That made the first request of each worker take
0.3 to 0.9 s (bench/load.py with one client: the slowest 1 % of the uncached offer listing).

Nothing here touches the database or the cache: connections opened before a fork would be
shared by every worker.
"""

import logging
import time
from pathlib import Path

import django.forms
from django.conf import settings
from django.forms.renderers import get_default_renderer
from django.template import TemplateDoesNotExist, TemplateSyntaxError
from django.template.loader import get_template
from django.urls import get_resolver
from django.utils import translation

logger = logging.getLogger(__name__)

FORM_TEMPLATES = Path(django.forms.__file__).parent / "templates"


def templates_under(folder, pattern):
    return sorted(str(path.relative_to(folder)) for path in folder.glob(pattern))


def warm_up():
    """Load catalogs, templates and URL patterns; return how many templates were compiled."""
    started = time.perf_counter()
    resolver = get_resolver()
    for language_code, _name in settings.LANGUAGES:
        with translation.override(language_code):
            # Reading a string loads the language's catalogs of every installed app.
            translation.gettext("Offres d'emploi")
            # URL patterns are reversed per language (French unprefixed, /en/, /ar/).
            resolver.reverse_dict  # noqa: B018 (computed and cached on first access)

    compiled = 0
    # The site's own templates, with the cached loader production uses: kept compiled in memory.
    for folder in settings.TEMPLATES[0]["DIRS"]:
        for name in templates_under(Path(folder), "**/*.html"):
            try:
                get_template(name)
            except (TemplateDoesNotExist, TemplateSyntaxError):
                # Not ours to judge here: the request that needs it reports it.
                continue
            compiled += 1
    # Form widgets go through the form renderer's own engine.
    renderer = get_default_renderer()
    for name in templates_under(FORM_TEMPLATES, "django/forms/**/*.html"):
        renderer.get_template(name)
        compiled += 1

    logger.info(
        "Warmed up: %d templates compiled in %.1f s", compiled, time.perf_counter() - started
    )
    return compiled
