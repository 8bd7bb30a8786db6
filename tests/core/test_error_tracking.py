"""Optional error tracking (core.error_tracking): errors reach the service, personal data does not.

The service is never reached: the SDK's transport is replaced by one that keeps what it would
send. Sentry's SDK patches Django once started, for the whole process: the request test runs in
a subprocess of its own.
"""

import json
import os
import subprocess
import sys
import textwrap

from django.conf import settings

from core.error_tracking import scrub

KEY = "ImJjODg2ZjA1In0:1xaOWA:pJyGb8jvrPe_PYSbcbPC"
REGISTRATION = "/evenements/forum/2026-03-02/inscription/la-mienne/"

URLS = """
from django.urls import path
from django.views.decorators.csrf import csrf_exempt


@csrf_exempt
def fail(request):
    telephone = request.POST.get("telephone")  # A local variable holding personal data.
    raise RuntimeError(f"échec de l'inscription {len(telephone or '')}")


urlpatterns = [
    path("evenements/forum/2026-03-02/inscription/la-mienne/", fail),
    path("liste/", fail),
]
"""

SCRIPT = """
import io, json, os
from urllib.parse import urlencode
from wsgiref.util import setup_testing_defaults

os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.test"
import sentry_sdk
from sentry_sdk.transport import Transport

from core.error_tracking import init_error_tracking

sent = []


class Keep(Transport):
    def capture_envelope(self, envelope):
        sent.extend(item.payload.json for item in envelope.items if item.payload.json)


# As config/settings/production.py starts it: before Django is set up.
init_error_tracking("https://public@errors.example.org/1", environment="test", transport=Keep())
from django.conf import settings
from django.core.wsgi import get_wsgi_application

settings.ROOT_URLCONF = "failing_urls"
application = get_wsgi_application()


def request(method, path, query, form=None):
    body = urlencode(form or {}).encode()
    environ = {
        "REQUEST_METHOD": method,
        "PATH_INFO": path,
        "QUERY_STRING": query,
        "HTTP_HOST": "testserver",
        "HTTP_REFERER": "https://x.test/liste/?cle=KEY",
        "CONTENT_TYPE": "application/x-www-form-urlencoded",
        "CONTENT_LENGTH": str(len(body)),
        "wsgi.input": io.BytesIO(body),
    }
    setup_testing_defaults(environ)
    b"".join(application(environ, lambda status, headers, exc_info=None: None))


request(
    "POST",
    "REGISTRATION",
    "cle=KEY&nouvelle=1",
    {"nom": "Fatima Diallo", "telephone": "06 12 34 56 78", "email": "fatima@example.org"},
)
request("GET", "/liste/", "page=2&cle=KEY")
sentry_sdk.flush()
options = sentry_sdk.get_client().options
print(json.dumps({
    "events": sent,
    "options": {name: options[name] for name in (
        "send_default_pii", "max_request_body_size", "include_local_variables", "environment"
    )},
}))
"""


def run_requests(tmp_path):
    (tmp_path / "failing_urls.py").write_text(URLS)
    script = SCRIPT.replace("REGISTRATION", REGISTRATION).replace("KEY", KEY)
    environ = {
        **{name: value for name, value in os.environ.items() if not name.startswith("PYTEST_")},
        "PYTHONPATH": os.pathsep.join(
            [str(tmp_path), str(settings.BASE_DIR / "site"), str(settings.BASE_DIR)]
        ),
    }
    result = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(script)],
        cwd=tmp_path,
        env=environ,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_errors_are_sent_without_keys_bodies_or_local_variables(tmp_path):
    sent = run_requests(tmp_path)

    assert sent["options"] == {
        "send_default_pii": False,
        "max_request_body_size": "never",
        "include_local_variables": False,
        "environment": "test",
    }
    errors = [event for event in sent["events"] if event.get("exception")]
    assert len(errors) == 2
    text = json.dumps(sent["events"], ensure_ascii=False)
    assert "RuntimeError" in text
    assert "échec de l'inscription" in text
    # The registration page's whole query string, and the key anywhere else.
    assert KEY not in text
    assert "nouvelle" not in text
    assert errors[1]["request"]["query_string"] in (
        "page=2&cle=REDACTED",
        [["page", "2"], ["cle", "REDACTED"]],
    )
    assert "https://x.test/liste/?cle=REDACTED" in text
    # Nothing a resident typed, no variable of the failing code.
    for personal in ("Fatima", "06 12 34 56 78", "fatima@example.org"):
        assert personal not in text
    assert errors[0]["request"]["method"] == "POST"
    assert errors[0]["request"]["query_string"] == "REDACTED"
    assert errors[0]["request"].get("data") in (None, "")
    assert all(
        "vars" not in frame
        for event in errors
        for value in event["exception"]["values"]
        for frame in value["stacktrace"]["frames"]
    )


def test_scrub_reaches_every_text_of_an_event():
    event = {
        "request": {
            "url": f"https://www.dynamique-emploi.fr{REGISTRATION}",
            "query_string": f"cle={KEY}",
            "headers": {"Referer": f"https://www.dynamique-emploi.fr/?x=1&cle={KEY}"},
        },
        "breadcrumbs": {"values": [{"message": f"GET /liste/?cle={KEY}", "data": {"n": 1}}]},
        "extra": {"pairs": (f"/a/?cle={KEY}", 3)},
        "transaction": f"{REGISTRATION}?cle={KEY}",
    }

    scrubbed = scrub(event)

    assert KEY not in json.dumps(scrubbed)
    assert scrubbed["request"]["query_string"] == "REDACTED"
    assert scrubbed["breadcrumbs"]["values"][0] == {
        "message": "GET /liste/?cle=REDACTED",
        "data": {"n": 1},
    }
    assert scrubbed["extra"]["pairs"] == ("/a/?cle=REDACTED", 3)
    # Elsewhere than a registration page, only the key goes.
    assert scrub(
        {"request": {"url": "https://x.test/liste/", "query_string": f"page=2&cle={KEY}"}}
    ) == {"request": {"url": "https://x.test/liste/", "query_string": "page=2&cle=REDACTED"}}
