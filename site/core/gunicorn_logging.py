"""gunicorn's access log without the registrants' keys (deploy/gunicorn.conf.py, logger_class).

A registrant opens, and may cancel, their registration with a link signed for 500 days
(events.registrations): `<day>/inscription/la-mienne/?cle=<key>`. Whoever reads the access log
would hold every key. So the log shows no query string of the registration pages at all
("<day>/inscription/…": the key, and `?demande=`, `?nouvelle=`), and no `cle=` value anywhere
else (a key pasted after another address). Only the atoms that carry an address are rewritten:
the request line (%(r)s), the query string (%(q)s), the referrer (%(f)s, {referer}i) and the
redirect's Location ({location}o, where the registration form sends a new registrant), and
their WSGI environ forms. deploy/nginx/dynamique-emploi.conf does the same for nginx's log.

Imported by gunicorn's master before Django is set up: nothing here imports Django.
"""

import re

from gunicorn.glogging import Logger

REDACTED = "REDACTED"
# events.registration_views.LINK_PARAMETER (tests/core/test_gunicorn_logging.py checks it).
KEY_PARAMETER = "cle"
# The query string of a registration page: everything from "?" up to a space, a quote or "#".
REGISTRATION_PAGE_QUERY = re.compile(r"(/inscription/[^?\s\"#]*\?)[^\s\"#]*")
# `cle=<value>` anywhere in a query string.
KEY_VALUE = re.compile(rf"([?&;]{KEY_PARAMETER}=)[^&;#\s\"]*", re.IGNORECASE)
# The atoms holding an address (gunicorn.glogging.Logger.atoms).
ADDRESS_ATOMS = (
    "r",
    "q",
    "f",
    "{referer}i",
    "{location}o",
    "{raw_uri}e",
    "{query_string}e",
    "{http_referer}e",
)


def redact(text):
    """`text` (a request line, an address, a query string) without a registrant's key."""
    text = REGISTRATION_PAGE_QUERY.sub(rf"\g<1>{REDACTED}", text)
    return KEY_VALUE.sub(rf"\g<1>{REDACTED}", text)


def redact_query_string(query_string, path):
    """QUERY_STRING alone: all of it on a registration page, else only `cle`'s value."""
    if "/inscription/" in path and query_string:
        return REDACTED
    return redact(f"?{query_string}")[1:] if query_string else query_string


class RedactingLogger(Logger):
    """gunicorn's logger, whose access log never shows a registrant's key."""

    def atoms(self, resp, req, environ, request_time):
        atoms = super().atoms(resp, req, environ, request_time)
        path = environ.get("PATH_INFO") or ""
        for name in ADDRESS_ATOMS:
            value = atoms.get(name)
            if not isinstance(value, str) or not value:
                continue
            if name in ("q", "{query_string}e"):
                atoms[name] = redact_query_string(value, path)
            else:
                atoms[name] = redact(value)
        return atoms
