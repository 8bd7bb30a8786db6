"""Checks of a production configuration that the web process can also run when it starts.

`manage.py check_production` runs all of them with the rest of its checks; gunicorn's
`when_ready` (deploy/gunicorn.conf.py) runs `startup_problems()`, the cheap ones, and refuses
to start when it returns anything. Each check returns a list of problems: one French line each,
for the operator, saying what is wrong and how to put it right (an empty list: nothing wrong).

What they catch, each seen on a server set up by following docs/deploy.md (issue 13):
- a process running other settings than config.settings.production: `manage.py` defaults to the
  development ones, with which the worker exits at once and no e-mail ever leaves;
- a Wagtail Site record whose host is not SITE_URL's: canonical links, og:url, JSON-LD and the
  sitemap take their host from it, everything else from SITE_URL;
- nobody told of errors: neither ADMINS nor SENTRY_DSN;
- a Site record without a name (Wagtail's first migration makes one): a warning only, since the
  e-mails greet with WAGTAIL_SITE_NAME, but the admin and anything reading the record show a
  blank (issue 14 read « Bonjour, c'est  ! »).

Nothing here imports Django models at import time: the start-up check is imported by gunicorn's
master once the application is loaded.
"""

import logging
import shlex
from pathlib import Path
from urllib.parse import urlsplit

from core.addresses import DEFAULT_PORTS, site_host_and_port

logger = logging.getLogger(__name__)

PRODUCTION_SETTINGS_MODULE = "config.settings.production"
# Where `sudo cp deploy/systemd/* /etc/systemd/system/` puts the units (docs/deploy.md).
SYSTEMD_UNIT_DIR = Path("/etc/systemd/system")
UNIT_PATTERN = "dynamique-emploi-*.service"


# --- Settings module ---------------------------------------------------------------------------
def settings_module_problems(module, where):
    """`module` is what DJANGO_SETTINGS_MODULE names in `where` (a French phrase: « dans cet
    environnement »); None when it is unset."""
    if module == PRODUCTION_SETTINGS_MODULE:
        return []
    found = f"vaut « {module} »" if module else "n'est pas défini"
    consequence = (
        "manage.py (worker, tâches planifiées) prendrait les réglages de développement : le "
        "worker s'arrête aussitôt et aucun e-mail ne part"
        if not module
        else "ce ne sont pas les réglages de production"
    )
    return [
        f"DJANGO_SETTINGS_MODULE {found} {where} : {consequence}. Ajoutez "
        f"DJANGO_SETTINGS_MODULE={PRODUCTION_SETTINGS_MODULE}."
    ]


def read_environment_file(path):
    """The variables of a systemd EnvironmentFile, read as systemd reads it: `NAME=value` lines,
    `#` or `;` comments on lines of their own only (a `# …` after a value is part of the value),
    quotes around a whole value removed."""
    variables = {}
    for raw_line in Path(path).read_text().splitlines():
        line = raw_line.strip()
        if not line or line.startswith(("#", ";")) or "=" not in line:
            continue
        name, value = line.split("=", 1)
        value = value.strip()
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
            value = value[1:-1]
        variables[name.strip()] = value
    return variables


def unit_files(unit_path):
    """The unit and its drop-ins (`<unit>.d/*.conf`), in the order systemd reads them."""
    drop_ins = Path(f"{unit_path}.d")
    return [Path(unit_path), *sorted(drop_ins.glob("*.conf"))]


def unit_settings_module(unit_path):
    """(DJANGO_SETTINGS_MODULE as the unit's process gets it or None, files that could not be
    read). EnvironmentFile= wins over Environment= (systemd.exec); the last one of each wins."""
    from_lines = None
    environment_files = []
    for path in unit_files(unit_path):
        for raw_line in path.read_text().splitlines():
            key, _, value = raw_line.strip().partition("=")
            key, value = key.strip(), value.strip()
            if key == "Environment":
                if not value:  # An empty assignment resets the list.
                    from_lines = None
                for assignment in shlex.split(value):
                    name, _, setting = assignment.partition("=")
                    if name == "DJANGO_SETTINGS_MODULE":
                        from_lines = setting
            elif key == "EnvironmentFile":
                if not value:
                    environment_files = []
                else:
                    environment_files.append(value)
    from_files, unreadable = None, []
    for value in environment_files:
        optional = value.startswith("-")
        path = Path(value.removeprefix("-"))
        try:
            variables = read_environment_file(path)
        except FileNotFoundError:
            if not optional:
                unreadable.append(str(path))
            continue
        except OSError:
            unreadable.append(str(path))
            continue
        if "DJANGO_SETTINGS_MODULE" in variables:
            from_files = variables["DJANGO_SETTINGS_MODULE"]
    return (from_files if from_files is not None else from_lines), unreadable


def systemd_unit_problems(folder=SYSTEMD_UNIT_DIR):
    """Each installed unit of the project (web, worker, scheduled jobs) runs the production
    settings through its Environment= lines or its EnvironmentFile=. No unit installed (another
    kind of host: containers, a PaaS): nothing to say."""
    problems = []
    for unit in sorted(Path(folder).glob(UNIT_PATTERN)):
        module, unreadable = unit_settings_module(unit)
        for path in unreadable:
            problems.append(
                f"Unité {unit.name} : impossible de lire {path} (EnvironmentFile=) ; lancez la "
                "vérification avec le droit de le lire (root ou le groupe dynamique-emploi)."
            )
        if module != PRODUCTION_SETTINGS_MODULE and not unreadable:
            problems.extend(
                settings_module_problems(
                    module, f"pour l'unité {unit.name} (Environment= et EnvironmentFile=)"
                )
            )
    return problems


# --- Wagtail Site record -----------------------------------------------------------------------
def site_url_origin(site_url):
    """SITE_URL's scheme, host and port as Wagtail writes a Site's root_url."""
    scheme = urlsplit(site_url).scheme
    host, port = site_host_and_port(site_url)
    if port == DEFAULT_PORTS.get(scheme):
        return f"{scheme}://{host}", host, port
    return f"{scheme}://{host}:{port}", host, port


def default_site(connection):
    """The default Wagtail Site (unsaved copy: hostname, port and name), or None; one query, on
    the given connection (check_production's own, or the process's)."""
    from wagtail.models import Site

    table = connection.ops.quote_name(Site._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT hostname, port, site_name FROM {table} WHERE is_default_site = %s",  # noqa: S608
            [True],
        )
        row = cursor.fetchone()
    return Site(hostname=row[0], port=row[1], site_name=row[2] or "") if row else None


def site_record_problems(site_url, site):
    """The default Site `site` gives the pages SITE_URL's origin."""
    origin, host, port = site_url_origin(site_url)
    if site is None:
        return [
            f"Aucun site Wagtail par défaut : créez-en un pour {host}, port {port} "
            "(Paramètres › Sites de l'administration)."
        ]
    if site.root_url.lower() == origin:
        return []
    if urlsplit(site_url).scheme == "https" and port != DEFAULT_PORTS["https"]:
        fix = "Wagtail ne sait faire des adresses https que sur le port 443 : changez SITE_URL."
    else:
        fix = (
            "Lancez `python manage.py set_site_address` (à chaque déploiement, après migrate), "
            f"qui lui donne « {host} » et le port {port}."
        )
    return [
        f"Le site Wagtail par défaut a pour adresse « {site.root_url} » alors que SITE_URL vaut "
        f"« {site_url} » : les liens canoniques, og:url, le JSON-LD et le plan du site "
        f"utiliseraient la première. {fix}"
    ]


def site_name_warnings(site):
    """The default Site has a name. Advice, not a refusal to start: the e-mails take theirs
    from WAGTAIL_SITE_NAME (core.addresses.default_site_name)."""
    if site is None or site.site_name.strip():
        return []
    return [
        "Le site Wagtail par défaut n'a pas de nom : l'administration l'affiche vide. Lancez "
        "`python manage.py set_site_address`, qui lui donne le nom du site, ou nommez-le dans "
        "Paramètres › Sites."
    ]


# --- Who hears about errors --------------------------------------------------------------------
def error_recipient_problems(admins, sentry_dsn):
    """Someone is told when a page fails: ADMINS by e-mail (Django's mail_admins) or an
    error-tracking service (SENTRY_DSN, core.error_tracking)."""
    if admins or sentry_dsn:
        return []
    return [
        "Personne n'est prévenu des erreurs : définissez ADMINS (adresses e-mail séparées par "
        "des virgules) ou SENTRY_DSN (Sentry, GlitchTip ou tout service compatible)."
    ]


# --- At start-up -------------------------------------------------------------------------------
def startup_problems():
    """What the web process checks before serving (deploy/gunicorn.conf.py, when_ready): its own
    settings module, the Site record against SITE_URL (a nameless one is logged as a warning),
    who hears about errors. One query, no network probe. A database that does not answer is not
    this check's business: the site starts and answers 503 until it is back
    (core.views.server_error); the record is then not checked, and a warning says so. The
    connection is closed afterwards, so that the workers forked next do not share it."""
    from django.conf import settings
    from django.db import DatabaseError, connection

    problems = settings_module_problems(settings.SETTINGS_MODULE, "pour ce processus")
    try:
        site = default_site(connection)
        problems += site_record_problems(settings.SITE_URL, site)
        for warning in site_name_warnings(site):
            logger.warning("%s", warning)
    except DatabaseError as error:
        logger.warning("Site record not checked, the database does not answer: %s", error)
    finally:
        if not connection.in_atomic_block:
            connection.close()
    problems += error_recipient_problems(settings.ADMINS, getattr(settings, "SENTRY_DSN", ""))
    return problems
