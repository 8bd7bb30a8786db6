"""gunicorn's access log never shows a registrant's key (core.gunicorn_logging, issue 12)."""

import datetime
import io
import logging
import runpy
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.conf import settings
from gunicorn.config import Config
from gunicorn.util import load_class

from core import gunicorn_logging
from events.registration_views import LINK_PARAMETER

CONF = runpy.run_path(str(Path(settings.BASE_DIR) / "deploy" / "gunicorn.conf.py"))
SECRET = "ImJjODg2ZjA1In0:1xaOWA:pJyGb8jvrPe_PYSbcbPC"
REGISTRATION = "/evenements/forum/2026-03-02/inscription/"


def access_line(path, query="", *, referer="-", location=None):
    """The line gunicorn writes for one request, with the deployed format and logger class."""
    config = Config()
    config.set("accesslog", "-")
    config.set("access_log_format", CONF["access_log_format"])
    config.set("logger_class", CONF["logger_class"])
    logger = config.logger_class(config)
    written = io.StringIO()
    handler = logging.StreamHandler(written)
    logger.access_log.handlers = [handler]
    raw_uri = f"{path}?{query}" if query else path
    environ = {
        "REQUEST_METHOD": "GET",
        "RAW_URI": raw_uri,
        "PATH_INFO": path,
        "QUERY_STRING": query,
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "203.0.113.7",
        "HTTP_REFERER": referer,
        "HTTP_USER_AGENT": "Mozilla/5.0",
    }
    headers = [("Location", location)] if location else []
    response = SimpleNamespace(status="200 OK", sent=1234, headers=headers)
    request = SimpleNamespace(headers=[("REFERER", referer), ("USER-AGENT", "Mozilla/5.0")])
    logger.access(response, request, environ, datetime.timedelta(microseconds=1500))
    return written.getvalue(), logger.atoms(
        response, request, environ, datetime.timedelta(microseconds=1500)
    )


def test_the_deployed_configuration_uses_the_redacting_logger():
    assert load_class(CONF["logger_class"]) is gunicorn_logging.RedactingLogger
    assert LINK_PARAMETER == gunicorn_logging.KEY_PARAMETER


def test_a_registrants_key_is_not_in_the_access_log():
    line, _atoms = access_line(f"{REGISTRATION}la-mienne/", f"cle={SECRET}&nouvelle=1")

    assert SECRET not in line
    assert "nouvelle" not in line
    assert f'"GET {REGISTRATION}la-mienne/?REDACTED HTTP/1.1" 200 1234' in line


@pytest.mark.parametrize(
    ("path", "query", "logged"),
    [
        # A key pasted after another address still is one.
        (
            "/offres/",
            f"secteur=logistique&cle={SECRET}",
            "/offres/?secteur=logistique&cle=REDACTED",
        ),
        ("/", f"cle={SECRET}", "/?cle=REDACTED"),
        ("/en" + REGISTRATION, "demande=recue", "/en" + REGISTRATION + "?REDACTED"),
        # Everything else is logged as it came: the filters help read the traffic.
        ("/offres/", "secteur=logistique&page=2", "/offres/?secteur=logistique&page=2"),
        ("/evenements/", "clef=1&type=atelier", "/evenements/?clef=1&type=atelier"),
    ],
)
def test_only_the_keys_and_the_registration_pages_queries_are_hidden(path, query, logged):
    line, _atoms = access_line(path, query)

    assert SECRET not in line
    assert f'"GET {logged} HTTP/1.1"' in line


def test_the_referrer_the_redirect_and_the_query_string_atoms_hide_it_too():
    """Formats may log %(q)s, %(f)s or {location}o: the new registrant's redirect holds the key."""
    _line, atoms = access_line(
        REGISTRATION,
        "",
        referer=f"https://www.dynamique-emploi.fr{REGISTRATION}la-mienne/?cle={SECRET}",
        location=f"{REGISTRATION}la-mienne/?cle={SECRET}&nouvelle=1",
    )
    for name in ("f", "{referer}i", "{location}o", "{http_referer}e"):
        assert SECRET not in atoms[name], name

    _line, atoms = access_line(f"{REGISTRATION}la-mienne/", f"cle={SECRET}")
    for name in ("q", "{query_string}e", "{raw_uri}e", "r"):
        assert SECRET not in atoms[name], name
    assert atoms["U"] == f"{REGISTRATION}la-mienne/"
