"""deploy/nginx/dynamique-emploi.conf, run by a real nginx: what visitors and app servers get.

The file is copied into a temporary folder with only what cannot run here rewritten
(tests/deploy/nginx.py); the upstream's servers become small Python HTTP servers started here
that record every request they receive and answer a page as gunicorn would. Everything else,
from TLS to gzip and failover, is the file as deployed.

Debian's nginx is needed (`nginx-light`, installed by .ci/run): without it the tests are skipped
on a developer's machine and fail on CI.
"""

import gzip
import re
import socket
import ssl
import subprocess
import threading
import time
from contextlib import ExitStack, contextmanager, suppress
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
import requests

from resources.files import MAX_FILE_SIZE
from tests.deploy.nginx import BARE_HOST, CONF, HOST, UPSTREAM_SERVER, nginx_or_skip, started

# client_max_body_size 21m: the largest shared file and the form around it.
BODY_LIMIT = 21 * 1024 * 1024
START_TIMEOUT = 10
# A page as the app sends it: a few kilobytes of HTML, worth compressing.
PAGE = (
    '<!doctype html>\n<html lang="fr" dir="ltr">\n<head><meta charset="utf-8">'
    "<title>Offres d’emploi – Dynamique Emploi</title></head>\n<body>\n<main>\n"
    + "".join(
        f'<article><h2><a href="/offres/{number}/">Offre n° {number} : agent·e d’accueil</a></h2>'
        f"<p>Saint-Denis, CDI à temps plein. Un conseiller vous reçoit sans rendez-vous et vous "
        f"aide à préparer l’entretien ({number} jours restants).</p></article>\n"
        for number in range(40)
    )
    + "</main>\n</body>\n</html>\n"
).encode()
HEALTHZ = b"ok\n"


@dataclass
class Received:
    """One request as an app server received it from nginx."""

    backend: int
    method: str
    path: str
    headers: list[tuple[str, str]]
    body_size: int

    def header(self, name):
        """Every value of the header `name` (a list: nginx must not pass one twice)."""
        return [value for key, value in self.headers if key.lower() == name.lower()]


class AppServerHandler(BaseHTTPRequestHandler):
    # HTTP/1.1, as gunicorn: nginx keeps its connections to the app servers open (keepalive 16).
    protocol_version = "HTTP/1.1"

    def do_GET(self):
        size = 0
        remaining = int(self.headers.get("Content-Length") or 0)
        while remaining:
            chunk = self.rfile.read(min(remaining, 1024 * 1024))
            if not chunk:
                break
            size += len(chunk)
            remaining -= len(chunk)
        server = self.server
        server.received.append(
            Received(server.number, self.command, self.path, self.headers.items(), size)
        )
        if self.path == "/healthz":
            body, content_type = HEALTHZ, "text/plain; charset=utf-8"
        else:
            body, content_type = PAGE, "text/html; charset=utf-8"
        self.send_response(server.status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_POST = do_GET

    def log_message(self, format, *args):
        """Quiet: what the tests need is in `received`, and nginx has its own error log."""


class AppServer(ThreadingHTTPServer):
    """Stands in for one gunicorn app server, on a free port of 127.0.0.1."""

    daemon_threads = True

    def __init__(self, number, received):
        super().__init__(("127.0.0.1", 0), AppServerHandler)
        self.number = number
        self.received = received
        self.status = 200
        self.connections = set()
        self.lock = threading.Lock()
        # Polled often, so that stopping it takes milliseconds rather than half a second.
        self.thread = threading.Thread(
            target=self.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )

    @property
    def address(self):
        return f"127.0.0.1:{self.server_port}"

    def process_request(self, request, client_address):
        with self.lock:
            self.connections.add(request)
        super().process_request(request, client_address)

    def shutdown_request(self, request):
        with self.lock:
            self.connections.discard(request)
        super().shutdown_request(request)

    def start(self):
        self.thread.start()

    def stop(self):
        """As a server going down: nothing listens any more, and the connections nginx keeps
        open to it are closed too."""
        self.shutdown()
        self.server_close()
        with self.lock:
            connections = list(self.connections)
        for connection in connections:
            with suppress(OSError):
                connection.shutdown(socket.SHUT_RDWR)
        self.thread.join(timeout=5)


@dataclass
class Site:
    folder: Path
    main_conf: Path
    https_port: int
    http_port: int
    certificate: Path
    backends: list[AppServer]
    received: list[Received]
    media_root: Path

    def request(self, method, path, *, host=HOST, headers=None, **kwargs):
        """A visitor's request over HTTPS, checking the certificate made for the site."""
        return requests.request(
            method,
            f"https://127.0.0.1:{self.https_port}{path}",
            headers={"Host": host, **(headers or {})},
            verify=str(self.certificate),
            allow_redirects=False,
            timeout=30,
            **kwargs,
        )

    def error_log(self):
        return (self.folder / "error.log").read_text()

    def access_log(self, until):
        """The access log once it holds a line containing `until`: nginx writes a request's
        line just after its answer, so it may not be there yet when the answer arrives."""
        path = self.folder / "dynamique-emploi.access.log"
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            log = path.read_text() if path.exists() else ""
            if until in log:
                return log
            time.sleep(0.01)
        pytest.fail(f"no line with {until!r} in the access log:\n{log}")


def upstream_server_count():
    return len(re.findall(UPSTREAM_SERVER, CONF.read_text(), flags=re.MULTILINE))


@contextmanager
def running_site(nginx, folder):
    received = []
    media_root = folder / "code"
    with ExitStack() as stack:
        backends = [AppServer(number, received) for number in range(upstream_server_count())]
        for backend in backends:
            backend.start()
            stack.callback(backend.stop)
        https_port, http_port, certificate = stack.enter_context(
            started(
                nginx,
                folder,
                backends=[backend.address for backend in backends],
                code_root=media_root,
            )
        )
        yield Site(
            folder,
            folder / "nginx.conf",
            https_port,
            http_port,
            certificate,
            backends,
            received,
            media_root / "var" / "media",
        )


@pytest.fixture(scope="module")
def nginx():
    return nginx_or_skip()


@pytest.fixture(scope="module")
def shared_site(nginx, tmp_path_factory):
    with running_site(nginx, tmp_path_factory.mktemp("nginx")) as site:
        yield site


@pytest.fixture
def site(shared_site):
    """The module's nginx, with what its app servers received so far forgotten."""
    shared_site.received.clear()
    return shared_site


@pytest.fixture
def own_site(nginx, tmp_path):
    """An nginx and app servers of the test's own, for a test that stops or breaks one."""
    with running_site(nginx, tmp_path) as site:
        yield site


def test_nginx_accepts_the_file(nginx, site):
    result = subprocess.run(
        [nginx, "-t", "-p", f"{site.folder}/", "-c", str(site.main_conf)],
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "test is successful" in result.stderr
    # A warning means something ignored or overridden, e.g. text/html added to gzip_types. Newer
    # nginx than Debian 12's calls `listen … http2` deprecated (see the file's comment).
    warnings = [
        line for line in result.stderr.splitlines() if "[warn]" in line and "http2" not in line
    ]
    assert not warnings, result.stderr


@pytest.mark.parametrize("host", [HOST, BARE_HOST])
def test_plain_http_is_sent_to_https_on_www(site, host):
    response = requests.get(
        f"http://127.0.0.1:{site.http_port}/offres/?secteur=sante&page=2",
        headers={"Host": host},
        allow_redirects=False,
        timeout=10,
    )

    assert response.status_code == 301
    assert response.headers["Location"] == f"https://{HOST}/offres/?secteur=sante&page=2"
    assert site.received == []


def test_the_short_name_over_https_is_sent_to_www(site):
    response = site.request("GET", "/offres/?page=2", host=BARE_HOST)

    assert response.status_code == 301
    assert response.headers["Location"] == f"https://{HOST}/offres/?page=2"
    assert site.received == []


def test_browsers_get_http2(site):
    context = ssl.create_default_context(cafile=site.certificate)
    context.set_alpn_protocols(["h2", "http/1.1"])
    with (
        socket.create_connection(("127.0.0.1", site.https_port), timeout=10) as connection,
        context.wrap_socket(connection, server_hostname=HOST) as tls,
    ):
        assert tls.selected_alpn_protocol() == "h2"


# Directly, or through a CDN that says so in a Via header (gzip_proxied any).
@pytest.mark.parametrize("via", [{}, {"Via": "1.1 e2b4.cloudfront.net (CloudFront)"}])
def test_pages_are_sent_compressed(site, via):
    headers = {"Accept-Encoding": "gzip", **via}
    with site.request("GET", "/offres/", headers=headers, stream=True) as response:
        sent = response.raw.read(decode_content=False)

    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/html; charset=utf-8"
    assert response.headers["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in response.headers.get("Vary", "")
    assert gzip.decompress(sent) == PAGE
    assert len(sent) < len(PAGE) / 3
    [received] = site.received
    assert received.path == "/offres/"


def test_clients_without_gzip_get_the_page_as_is(site):
    response = site.request("GET", "/offres/", headers={"Accept-Encoding": "identity"})

    assert response.status_code == 200
    assert "Content-Encoding" not in response.headers
    # A cache between the visitor and nginx keeps both versions apart.
    assert "Accept-Encoding" in response.headers.get("Vary", "")
    assert response.content == PAGE


def test_app_servers_learn_the_scheme_host_and_visitors_address(site):
    # What a visitor might send to pass for someone else, or for a plain HTTP request.
    response = site.request(
        "GET",
        "/offres/?page=2",
        headers={"X-Real-IP": "203.0.113.7", "X-Forwarded-Proto": "http"},
    )

    assert response.status_code == 200
    [received] = site.received
    assert received.path == "/offres/?page=2"
    # SECURE_PROXY_SSL_HEADER=HTTP_X_FORWARDED_PROTO: Django knows the visitor used HTTPS.
    assert received.header("X-Forwarded-Proto") == ["https"]
    # CLIENT_IP_HEADER=HTTP_X_REAL_IP: the rate limits count the connection's address.
    assert received.header("X-Real-IP") == ["127.0.0.1"]
    # ALLOWED_HOSTS and the page cache see the name the visitor asked for.
    assert received.header("Host") == [HOST]


def test_uploads_over_the_limit_are_refused_by_nginx(site):
    response = site.request("POST", "/espace/ressources/ajouter/", data=bytes(BODY_LIMIT + 1))

    assert response.status_code == 413
    assert site.received == []


def test_a_one_megabyte_upload_reaches_the_app_servers(site):
    response = site.request("POST", "/espace/ressources/ajouter/", data=bytes(1024 * 1024))

    assert response.status_code == 200
    [received] = site.received
    assert received.body_size == 1024 * 1024


def test_the_largest_shared_file_with_its_form_reaches_the_app_servers(site):
    with requests.Session() as session:
        upload = requests.Request(
            "POST",
            f"https://127.0.0.1:{site.https_port}/espace/ressources/ajouter/",
            headers={"Host": HOST},
            data={"title": "Rapport d’activité 2025", "description": "Le rapport complet."},
            files={"file": ("rapport.pdf", b"%PDF-" + bytes(MAX_FILE_SIZE - 5), "application/pdf")},
        ).prepare()
        response = session.send(upload, verify=str(site.certificate), timeout=30)

    assert response.status_code == 200
    [received] = site.received
    assert received.body_size == len(upload.body) > MAX_FILE_SIZE


def test_healthz_is_proxied(site):
    response = site.request("GET", "/healthz", headers={"X-Real-IP": "203.0.113.9"})

    assert response.status_code == 200
    assert response.content == HEALTHZ
    [received] = site.received
    assert received.path == "/healthz"
    assert received.header("Host") == [HOST]
    assert received.header("X-Real-IP") == ["127.0.0.1"]


def test_a_stopped_app_server_is_skipped(own_site):
    site = own_site
    assert len(site.backends) >= 2, "the upstream should list several app servers"
    for _ in site.backends:
        assert site.request("GET", "/").status_code == 200
    assert {received.backend for received in site.received} == set(range(len(site.backends)))

    stopped = site.backends[0]
    stopped.stop()
    site.received.clear()
    responses = [site.request(method, "/offres/") for method in ["GET"] * 4 + ["POST"] * 2]

    assert [response.status_code for response in responses] == [200] * 6
    assert all(response.content == PAGE for response in responses)
    assert 0 not in {received.backend for received in site.received}
    # nginx did try the stopped server, and went on to the next one.
    assert stopped.address in site.error_log()


def test_a_get_answered_503_is_tried_on_another_app_server(own_site):
    site = own_site
    site.backends[0].status = 503

    responses = [site.request("GET", "/offres/") for _ in range(4)]

    assert [response.status_code for response in responses] == [200] * 4
    assert 0 in {received.backend for received in site.received}


def test_a_post_answered_503_is_not_sent_again(own_site):
    """It may have changed something before failing: the visitor gets the error, and the form
    is not submitted twice."""
    site = own_site
    site.backends[0].status = 503

    sent = 0
    for _ in site.backends:
        response = site.request("POST", "/espace/ressources/ajouter/", data=b"title=Rapport")
        sent += 1
        if response.status_code != 200:
            break

    assert response.status_code == 503
    # Each POST reached one app server, once; the last one, the server answering 503.
    assert len(site.received) == sent
    assert site.received[-1].backend == 0


def test_the_access_log_never_holds_a_registrants_key(site):
    """A registration's link (?cle=…) is valid 500 days: whoever reads the log would hold it.
    Nothing of a registration page's query string is logged, nor a `cle=` value anywhere."""
    registration = "/evenements/forum/2026-03-02/inscription/"
    secret = "ImJjODg2ZjA1In0:1xaOWA:pJyGb8jvrPe"
    requests_made = [
        (f"{registration}la-mienne/?cle={secret}1&nouvelle=1", {}),
        (f"{registration}?demande=recue&x={secret}2", {}),
        (f"/offres/?secteur=sante&cle={secret}3", {}),
        ("/offres/?page=2", {"Referer": f"https://{HOST}{registration}la-mienne/?cle={secret}4"}),
    ]
    for path, headers in requests_made:
        assert site.request("GET", path, headers=headers).status_code == 200
    plain = requests.get(
        f"http://127.0.0.1:{site.http_port}{registration}la-mienne/?cle={secret}5",
        headers={"Host": HOST},
        allow_redirects=False,
        timeout=10,
    )
    assert plain.status_code == 301
    # The app servers still get the whole address.
    assert site.received[0].path == f"{registration}la-mienne/?cle={secret}1&nouvelle=1"

    log = site.access_log(until=f'GET {registration}la-mienne/?REDACTED HTTP/1.1" 301')

    assert secret not in log
    assert f'GET {registration}la-mienne/?REDACTED HTTP/1.1" 200' in log
    assert f'GET {registration}?REDACTED HTTP/1.1" 200' in log
    assert 'GET /offres/?REDACTED HTTP/1.1" 200' in log
    assert f'"https://{HOST}{registration}la-mienne/?REDACTED"' in log
    # Other addresses are logged whole: their filters help read the traffic.
    assert 'GET /offres/?page=2 HTTP/1.1" 200' in log


def test_uploaded_images_are_served_from_the_media_folder(site):
    """A single server keeps images in var/media (no S3_PUBLIC_BUCKET): nginx serves them;
    without the location, every image of the site was a 404."""
    images = site.media_root / "original_images"
    images.mkdir(parents=True, exist_ok=True)
    (images / "affiche.jpg").write_bytes(b"\xff\xd8\xff\xe0 une affiche")

    response = site.request("GET", "/media/original_images/affiche.jpg")

    assert response.status_code == 200
    assert response.content == b"\xff\xd8\xff\xe0 une affiche"
    assert response.headers["Content-Type"] == "image/jpeg"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert "max-age=" in response.headers["Cache-Control"]
    # nginx answered: no app server saw it.
    assert not site.received


def test_documents_are_not_served_past_wagtails_privacy_check(site):
    documents = site.media_root / "documents"
    documents.mkdir(parents=True, exist_ok=True)
    (documents / "compte-rendu.pdf").write_bytes(b"%PDF-1.4 confidentiel")

    response = site.request("GET", "/media/documents/compte-rendu.pdf")

    assert response.status_code == 404
    assert b"confidentiel" not in response.content
