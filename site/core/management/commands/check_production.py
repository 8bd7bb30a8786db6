"""`manage.py check_production` (`make check-production`): is this server ready for production?

Loads the production settings from this environment and says, line by line and in plain words,
what is missing or wrong: required variables, the settings module of this environment and of
the installed systemd units, who hears about errors (ADMINS, SENTRY_DSN), the database
(reachable, PostgreSQL, migrated, its Wagtail Site record on SITE_URL's host), Redis, both
buckets (the public one readable by anyone, the private one by nobody without the keys) or,
without a public bucket, media files served at SITE_URL, the SMTP server, collected static
files, then Django's `check --deploy`. Exits non-zero when anything must be fixed; « ATTENTION »
lines are advice and do not fail. The checks the web process also runs at start-up live in
core.production_checks.

It runs under any settings module (the Makefile gives it config.settings.base, which always
loads) and imports config.settings.production itself, so that a missing variable is reported
with the others instead of stopping the command before it starts. The Makefile passes the
environment's own DJANGO_SETTINGS_MODULE as CHECKED_SETTINGS_MODULE, since it replaces it for
the command. Nothing it does changes the site: it writes one small probe object to each bucket
(or to MEDIA_ROOT) and deletes it.
"""

import contextlib
import importlib
import os
import secrets
import smtplib
import subprocess
import sys
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import requests
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage
from django.core.management.base import BaseCommand, CommandError

from core import production_checks

TIMEOUT = 10
S3_BACKEND = "storages.backends.s3.S3Storage"
PUBLIC_GRANTEES = {
    "http://acs.amazonaws.com/groups/global/AllUsers",
    "http://acs.amazonaws.com/groups/global/AuthenticatedUsers",
}
# Variables without which production refuses to start (config/settings/production.py).
REQUIRED = {
    "SECRET_KEY": "la clé qui signe sessions et jetons",
    "ALLOWED_HOSTS": "les noms de domaine du site, séparés par des virgules",
    "DATABASE_URL": "l'adresse de la base PostgreSQL",
    "EMAIL_URL": "le serveur d'envoi des e-mails, par exemple smtp+tls://…",
}
# Variables that several app servers need to share their state.
SHARED_STATE = {
    "REDIS_URL": "Redis, pour le cache, les sessions et les limites de connexion",
    "S3_PUBLIC_BUCKET": "le bucket des images et documents publics",
    "S3_PRIVATE_BUCKET": "le bucket des fichiers de l'extranet",
}


class Report:
    def __init__(self, stdout):
        self.stdout = stdout
        self.problems = 0

    def ok(self, message):
        self.stdout.write(f"  OK         {message}")

    def problem(self, message):
        self.problems += 1
        self.stdout.write(f"  À CORRIGER {message}")

    def advice(self, message):
        self.stdout.write(f"  ATTENTION  {message}")

    def section(self, title):
        self.stdout.write(f"\n{title}")


def short(error):
    """One line of an exception, for the operator rather than a developer."""
    text = str(error).strip().splitlines()[0] if str(error).strip() else ""
    return f"{type(error).__name__}: {text}" if text else type(error).__name__


class Command(BaseCommand):
    help = (
        "Vérifie la configuration de production de ce serveur (variables, réglages des "
        "processus, destinataires des erreurs, base, site Wagtail, Redis, buckets ou médias, "
        "SMTP, fichiers statiques, check --deploy) et dit ce qui manque."
    )
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument(
            "--single-server",
            action="store_true",
            help=(
                "Un seul serveur d'application : Redis et le stockage objet deviennent "
                "facultatifs (fichiers sur le disque local)."
            ),
        )
        parser.add_argument(
            "--systemd-dir",
            type=Path,
            default=production_checks.SYSTEMD_UNIT_DIR,
            help=(
                "Dossier des unités systemd installées (par défaut /etc/systemd/system) : "
                "celles du site doivent lancer les réglages de production."
            ),
        )

    def handle(self, *args, single_server, systemd_dir, **options):
        report = Report(self.stdout)
        report.section("Variables d'environnement")
        production = self.load_settings(report, single_server)
        report.section("Réglages de production des processus")
        self.check_settings_module(report, systemd_dir)
        report.section("Destinataires des erreurs")
        self.check_error_recipients(report)
        if production is not None:
            report.section("Base de données")
            self.check_database(report, production)
            report.section("Redis")
            self.check_redis(report, production, single_server)
            report.section("Stockage des fichiers")
            self.check_storage(report, production, "default", public=True, single=single_server)
            self.check_storage(report, production, "private", public=False, single=single_server)
            report.section("E-mails")
            self.check_smtp(report, production)
            report.section("Fichiers statiques et cache frontal")
            self.check_static_and_front_cache(report, production)
            report.section("Vérifications de Django (check --deploy)")
            self.check_deploy(report)
        if report.problems:
            raise CommandError(
                f"{report.problems} point(s) à corriger avant la mise en production."
            )
        self.stdout.write("\nConfiguration prête pour la production.")

    # --- Variables ---------------------------------------------------------------------------
    def load_settings(self, report, single_server):
        base = importlib.import_module("config.settings.base")
        missing = False
        for name, meaning in REQUIRED.items():
            if getattr(base, name):
                report.ok(f"{name} est défini.")
            else:
                missing = True
                report.problem(f"{name} manque : {meaning}.")
        for name, meaning in SHARED_STATE.items():
            if getattr(base, name):
                report.ok(f"{name} est défini.")
            elif single_server:
                report.advice(f"{name} n'est pas défini : {meaning} restent sur ce serveur.")
            else:
                report.problem(
                    f"{name} manque : {meaning}, partagé par tous les serveurs "
                    "(ou --single-server pour un seul serveur)."
                )
        site_url = urlsplit(base.SITE_URL)
        if site_url.scheme != "https" or site_url.hostname in ("127.0.0.1", "localhost"):
            report.problem(
                f"SITE_URL vaut « {base.SITE_URL} » : l'adresse publique du site en https, "
                "utilisée dans les liens des e-mails."
            )
        if not base.SECURE_PROXY_SSL_HEADER_NAME:
            report.advice(
                "SECURE_PROXY_SSL_HEADER n'est pas défini : derrière un proxy qui termine TLS "
                "(nginx), le site redirigerait sans fin vers https."
            )
        if not base.CLIENT_IP_HEADER:
            report.advice(
                "CLIENT_IP_HEADER n'est pas défini : derrière un proxy, les limites de débit "
                "compteraient tout le monde comme une seule adresse."
            )
        if "immediate" in base.TASKS_BACKEND.lower():
            report.advice(
                "TASKS_BACKEND exécute les tâches dans la requête : e-mails perdus si le "
                "serveur SMTP ne répond pas. Laissez la valeur par défaut et lancez db_worker."
            )
        if missing:
            return None
        return importlib.import_module("config.settings.production")

    def check_settings_module(self, report, systemd_dir):
        """This environment's DJANGO_SETTINGS_MODULE, and each installed unit's."""
        if "CHECKED_SETTINGS_MODULE" in os.environ:
            module = os.environ["CHECKED_SETTINGS_MODULE"]
        else:
            module = os.environ.get("DJANGO_SETTINGS_MODULE")
        problems = production_checks.settings_module_problems(module, "dans cet environnement")
        for problem in problems:
            report.problem(problem)
        if not problems:
            report.ok(f"DJANGO_SETTINGS_MODULE vaut {module} dans cet environnement.")
        units = sorted(Path(systemd_dir).glob(production_checks.UNIT_PATTERN))
        if not units:
            report.ok(f"Aucune unité systemd du site dans {systemd_dir}.")
            return
        problems = production_checks.systemd_unit_problems(systemd_dir)
        for problem in problems:
            report.problem(problem)
        if not problems:
            names = ", ".join(unit.name for unit in units)
            report.ok(f"Les unités systemd lancent les réglages de production ({names}).")

    def check_error_recipients(self, report):
        base = importlib.import_module("config.settings.base")
        sentry_dsn = getattr(base, "SENTRY_DSN", "")
        problems = production_checks.error_recipient_problems(base.ADMINS, sentry_dsn)
        for problem in problems:
            report.problem(problem)
        if base.ADMINS:
            count = len(base.ADMINS)
            report.ok(f"Les erreurs sont envoyées par e-mail à {count} adresse(s).")
        if sentry_dsn:
            report.ok(f"Les erreurs sont envoyées à {urlsplit(sentry_dsn).hostname} (SENTRY_DSN).")

    # --- Database ----------------------------------------------------------------------------
    def check_database(self, report, production):
        from django.db.migrations.executor import MigrationExecutor
        from django.db.utils import ConnectionHandler

        database = dict(production.DATABASES["default"])
        is_postgres = "postgresql" in database["ENGINE"]
        if not is_postgres:
            report.problem(
                "DATABASE_URL n'est pas une base PostgreSQL : SQLite ne se partage pas entre "
                "serveurs et supporte mal les écritures simultanées."
            )
            return
        database["OPTIONS"] = {**database.get("OPTIONS", {}), "connect_timeout": TIMEOUT}
        connection = ConnectionHandler({"default": database})["default"]
        try:
            connection.ensure_connection()
            with connection.cursor() as cursor:
                cursor.execute("SHOW server_version")
                version = cursor.fetchone()[0]
            report.ok(f"PostgreSQL {version} répond ({database['HOST']}).")
            executor = MigrationExecutor(connection)
            pending = executor.migration_plan(executor.loader.graph.leaf_nodes())
        # Whatever the driver raises is reported, and the other checks still run.
        except Exception as error:
            report.problem(f"La base de données ne répond pas : {short(error)}")
            return
        finally:
            connection.close()
        if pending:
            report.problem(
                f"{len(pending)} migration(s) non appliquée(s) : lancez "
                "`python manage.py migrate` (depuis un seul serveur)."
            )
            return
        report.ok("Toutes les migrations sont appliquées.")
        self.check_site_record(report, production, database)

    def check_site_record(self, report, production, database):
        """The default Wagtail Site gives pages SITE_URL's host: canonical links depend on it."""
        from django.db.utils import ConnectionHandler

        connection = ConnectionHandler({"default": database})["default"]
        try:
            site = production_checks.default_site(connection)
        except Exception as error:
            report.problem(f"Le site Wagtail par défaut ne se lit pas : {short(error)}")
            return
        finally:
            connection.close()
        problems = production_checks.site_record_problems(production.SITE_URL, site)
        for problem in problems:
            report.problem(problem)
        for warning in production_checks.site_name_warnings(site):
            report.advice(warning)
        if not problems:
            report.ok(f"Le site Wagtail par défaut a l'adresse de SITE_URL ({site.root_url}).")

    # --- Redis -------------------------------------------------------------------------------
    def check_redis(self, report, production, single_server):
        import redis

        if not production.REDIS_URL:
            if single_server:
                report.advice("Cache en mémoire de chaque processus (pas de Redis).")
            return
        try:
            client = redis.Redis.from_url(
                production.REDIS_URL, socket_connect_timeout=TIMEOUT, socket_timeout=TIMEOUT
            )
            version = client.info("server")["redis_version"]
            client.close()
        except Exception as error:
            report.problem(f"Redis ne répond pas : {short(error)}")
            return
        report.ok(f"Redis {version} répond ; sessions : {production.SESSION_ENGINE}.")

    # --- Buckets -----------------------------------------------------------------------------
    def check_storage(self, report, production, alias, public, single):
        label = "public (images, documents)" if public else "privé (fichiers de l'extranet)"
        storage_settings = production.STORAGES[alias]
        if storage_settings["BACKEND"] != S3_BACKEND:
            message = f"Stockage {label} sur le disque local de ce serveur."
            if single:
                report.advice(message)
            else:
                report.problem(message + " Plusieurs serveurs ne le partageraient pas.")
            if public:
                self.check_local_media(report, production)
            return
        from storages.backends.s3 import S3Storage

        storage = S3Storage(**storage_settings["OPTIONS"])
        bucket = storage.bucket_name
        probe = f"check-production/{secrets.token_urlsafe(12)}.txt"
        content = b"check_production\n"
        try:
            storage.connection.meta.client.head_bucket(Bucket=bucket)
            saved = storage.save(probe, ContentFile(content))
            with storage.open(saved, "rb") as handle:
                if handle.read() != content:
                    report.problem(f"Bucket {label} « {bucket} » : le fichier relu diffère.")
                    return
        except Exception as error:
            report.problem(f"Bucket {label} « {bucket} » injoignable : {short(error)}")
            return
        try:
            report.ok(f"Bucket {label} « {bucket} » : écriture et lecture.")
            if public:
                self.check_public_read(report, storage, saved, bucket)
            else:
                self.check_private_read(report, storage, saved, bucket)
        finally:
            storage.delete(saved)

    def check_public_read(self, report, storage, name, bucket):
        url = storage.url(name)
        try:
            status = requests.get(url, timeout=TIMEOUT).status_code
        except requests.RequestException as error:
            report.problem(f"Les fichiers publics ne se lisent pas à {url} : {short(error)}")
            return
        if status == 200:
            report.ok(f"Les fichiers publics se lisent sans clé ({urlsplit(url).netloc}).")
        else:
            report.problem(
                f"Bucket public « {bucket} » : une lecture sans clé répond {status}, les images "
                "ne s'afficheraient pas. Vérifiez S3_PUBLIC_ACL ou la politique du bucket, et "
                "S3_PUBLIC_DOMAIN."
            )

    def check_local_media(self, report, production):
        """Without a public bucket, images and documents are files in MEDIA_ROOT: something in
        front of the app servers (nginx) must serve them at SITE_URL + MEDIA_URL, since Django
        does not in production. One probe file, written there, fetched, deleted."""
        storage = FileSystemStorage(location=production.MEDIA_ROOT)
        content = f"check_production {secrets.token_hex(8)}\n".encode()
        try:
            saved = storage.save(
                f"check-production/{secrets.token_urlsafe(12)}.txt", ContentFile(content)
            )
        except OSError as error:
            report.problem(
                f"Impossible d'écrire dans MEDIA_ROOT ({production.MEDIA_ROOT}) : {short(error)}"
            )
            return
        url = urljoin(urljoin(production.SITE_URL, production.MEDIA_URL), saved)
        try:
            response = requests.get(url, timeout=TIMEOUT)
            served = response.status_code == 200 and response.content == content
            found = str(response.status_code)
        except requests.RequestException as error:
            served, found = False, short(error)
        finally:
            storage.delete(saved)
            # The probe's folder too, when nothing else is in it.
            with contextlib.suppress(OSError):
                Path(storage.path(saved)).parent.rmdir()
        if served:
            report.ok(f"Les fichiers de MEDIA_ROOT sont servis à {urljoin(url, '.')}.")
            return
        report.problem(
            f"Les images et documents ne seraient pas affichés : un fichier écrit dans "
            f"MEDIA_ROOT ({production.MEDIA_ROOT}) ne se lit pas à {url} ({found}). Servez "
            f"{production.MEDIA_URL} depuis ce dossier (nginx : location "
            f"{production.MEDIA_URL} {{ alias {production.MEDIA_ROOT}/; }}) ou définissez "
            "S3_PUBLIC_BUCKET."
        )

    def check_private_read(self, report, storage, name, bucket):
        client = storage.connection.meta.client
        try:
            grants = client.get_bucket_acl(Bucket=bucket)["Grants"]
        # Some providers have no ACLs: the read without keys below decides.
        except Exception:
            grants = []
        if any(grant["Grantee"].get("URI") in PUBLIC_GRANTEES for grant in grants):
            report.problem(f"Bucket privé « {bucket} » : ses droits (ACL) l'ouvrent à tous.")
        unsigned = storage.unsigned_connection.meta.client
        key = storage._normalize_name(name)
        url = unsigned.generate_presigned_url("get_object", Params={"Bucket": bucket, "Key": key})
        try:
            status = requests.get(url, timeout=TIMEOUT).status_code
        except requests.RequestException as error:
            report.problem(f"Bucket privé « {bucket} » : lecture sans clé : {short(error)}")
            return
        if 200 <= status < 300:
            report.problem(
                f"Bucket privé « {bucket} » : un fichier s'y lit sans clé ({url}). Rendez le "
                "bucket privé : les fichiers des membres seraient publics."
            )
        else:
            report.ok(f"Bucket privé « {bucket} » : une lecture sans clé est refusée ({status}).")

    # --- SMTP --------------------------------------------------------------------------------
    def check_smtp(self, report, production):
        if production.EMAIL_BACKEND != "django.core.mail.backends.smtp.EmailBackend":
            report.problem(
                f"EMAIL_URL n'envoie pas par SMTP ({production.EMAIL_BACKEND}) : "
                "aucun e-mail ne partirait."
            )
            return
        host, port = production.EMAIL_HOST, production.EMAIL_PORT
        try:
            if production.EMAIL_USE_SSL:
                server = smtplib.SMTP_SSL(host, port, timeout=TIMEOUT)
            else:
                server = smtplib.SMTP(host, port, timeout=TIMEOUT)
            with server:
                server.ehlo()
                if production.EMAIL_USE_TLS:
                    server.starttls()
                    server.ehlo()
                if production.EMAIL_HOST_USER:
                    server.login(production.EMAIL_HOST_USER, production.EMAIL_HOST_PASSWORD)
                server.noop()
        except (OSError, smtplib.SMTPException) as error:
            report.problem(f"Le serveur SMTP {host}:{port} ne répond pas : {short(error)}")
            return
        report.ok(f"Le serveur SMTP {host}:{port} accepte la connexion.")

    # --- Static files, front cache -----------------------------------------------------------
    def check_static_and_front_cache(self, report, production):
        manifest = production.STATIC_ROOT / "staticfiles.json"
        if manifest.exists():
            report.ok(f"Fichiers statiques collectés dans {production.STATIC_ROOT}.")
        else:
            report.problem(
                f"Pas de fichiers statiques dans {production.STATIC_ROOT} : lancez "
                "`python manage.py collectstatic --noinput` à chaque déploiement."
            )
        if production.STATIC_URL.startswith("http"):
            report.ok(f"Fichiers statiques servis par le CDN {production.STATIC_URL}.")
        backends = ", ".join(production.WAGTAILFRONTENDCACHE) or "aucune"
        report.ok(f"Purge du cache frontal à la publication : {backends}.")

    # --- check --deploy ----------------------------------------------------------------------
    def check_deploy(self, report):
        environ = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.production"}
        result = subprocess.run(
            [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
            cwd=settings.BASE_DIR,
            env=environ,
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        if result.returncode == 0:
            report.ok("`check --deploy` ne signale rien.")
            return
        report.problem("`check --deploy` signale :")
        for line in (result.stdout + result.stderr).strip().splitlines():
            self.stdout.write(f"             {line}")
