"""deploy/nginx/dynamique-emploi.conf made runnable here: the pieces tests/deploy/test_nginx.py
and the end-to-end stack (tests/e2e) share.

The file is copied with only what cannot run on a test machine rewritten: the certificate (a
self-signed one for the site's names, made here), the ports (80 and 443 become free ports on
127.0.0.1; the IPv6 `listen` lines go), the upstream's servers, the log and media folders. A
minimal main configuration around it keeps nginx's pid, logs and buffered request bodies in a
folder of the test's own.
"""

import datetime
import ipaddress
import os
import re
import shutil
import signal
import socket
import subprocess
import time
from contextlib import ExitStack, contextmanager
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID
from django.conf import settings

CONF = Path(settings.BASE_DIR) / "deploy" / "nginx" / "dynamique-emploi.conf"
HOST = "www.dynamique-emploi.fr"
BARE_HOST = "dynamique-emploi.fr"
# Where the units and the nginx file expect the code (docs/deploy.md).
DEPLOYED_ROOT = "/srv/dynamique-emploi"
# nginx starts in a few milliseconds; this is for a loaded CI machine.
START_TIMEOUT = 10


def nginx_binary():
    # /usr/sbin is only in root's PATH on Debian.
    return shutil.which("nginx") or shutil.which("nginx", path="/usr/sbin:/sbin")


def nginx_or_skip():
    """nginx's path; without it the test is skipped on a developer's machine and fails on CI."""
    binary = nginx_binary()
    if binary is None:
        message = "nginx is missing: install Debian's nginx-light package."
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return binary


def free_ports(count):
    """`count` different ports of 127.0.0.1 that were free a moment ago."""
    with ExitStack() as stack:
        probes = [stack.enter_context(socket.socket()) for _ in range(count)]
        for probe in probes:
            probe.bind(("127.0.0.1", 0))
        return [probe.getsockname()[1] for probe in probes]


def make_certificate(folder):
    """A self-signed certificate for the site's names (and 127.0.0.1, which the tests dial)."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, HOST)])
    now = datetime.datetime.now(datetime.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName(
                [
                    x509.DNSName(HOST),
                    x509.DNSName(BARE_HOST),
                    x509.IPAddress(ipaddress.ip_address("127.0.0.1")),
                ]
            ),
            critical=False,
        )
        # Its own authority: the tests trust it as they would a CA (strict checks included).
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(key.public_key()), critical=False
        )
        .sign(key, hashes.SHA256())
    )
    certificate_path, key_path = folder / "fullchain.pem", folder / "privkey.pem"
    certificate_path.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return certificate_path, key_path


UPSTREAM_SERVER = r"^(\s*server\s+)[\w.\[\]:-]+:\d+(?=[\s;])"


def substitute(pattern, replacement, text, expected):
    """re.sub, failing when the file no longer has the lines this test knows how to rewrite."""
    text, count = re.subn(pattern, replacement, text, flags=re.MULTILINE)
    assert count == expected, (
        f"{CONF} changed shape: {count} match(es) of {pattern!r} instead of {expected}; "
        "update tests/deploy/nginx.py"
    )
    return text


def rewrite(conf, *, certificate, key, https_port, http_port, backends, folder, code_root):
    """`backends`: one address (host:port) per upstream server of the file; `code_root`: where
    the project is, in place of /srv/dynamique-emploi (the media folder)."""
    conf = substitute(r"^(\s*)listen 80;$", rf"\g<1>listen 127.0.0.1:{http_port};", conf, 1)
    conf = substitute(r"^(\s*)listen 443 ", rf"\g<1>listen 127.0.0.1:{https_port} ", conf, 2)
    # The same ports over IPv6, which a test machine may not have.
    conf = substitute(r"^\s*listen \[::\]:\d+.*;\n", "", conf, 3)
    conf = substitute(r"^(\s*ssl_certificate\s+)\S+;$", rf"\g<1>{certificate};", conf, 1)
    conf = substitute(r"^(\s*ssl_certificate_key\s+)\S+;$", rf"\g<1>{key};", conf, 1)
    # Each server's access log, in the folder (Site.access_log).
    conf = substitute(
        r"^(\s*access_log\s+)/var/log/nginx/(\S+)(?=\s)", rf"\g<1>{folder}/\g<2>", conf, 3
    )
    conf = substitute(rf"(?<=\s){DEPLOYED_ROOT}/", f"{code_root}/", conf, 1)
    addresses = iter(backends)
    conf = substitute(
        UPSTREAM_SERVER, lambda match: match[1] + next(addresses), conf, len(backends)
    )
    return conf


def main_configuration(folder, site_conf, extra=""):
    """`extra`: more of the `http` block, for what stands in for the world around nginx."""
    # As root (CI), workers would run as nobody, who cannot enter pytest's private folders.
    user = "user root;\n" if os.geteuid() == 0 else ""
    temp_paths = "".join(
        f"    {kind}_temp_path {folder / kind};\n"
        for kind in ["client_body", "proxy", "fastcgi", "uwsgi", "scgi"]
    )
    return (
        f"{user}worker_processes 1;\n"
        f"pid {folder / 'nginx.pid'};\n"
        f"error_log {folder / 'error.log'} warn;\n"
        "events {}\n"
        "http {\n"
        "    access_log off;\n"
        f"{temp_paths}"
        f"    include {site_conf};\n"
        f"{extra}"
        "}\n"
    )


def stop_nginx(process):
    # SIGTERM: nginx's quick shutdown; the master stops its workers before it exits.
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


def wait_until_started(process, pid_file, ports, output):
    """True once nginx has written its pid (its ports are bound) and answers on both ports;
    False if it stopped because a port was taken meanwhile."""
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            log = output.read_text()
            if "Address already in use" in log:
                return False
            pytest.fail(f"nginx stopped at start-up:\n{log}")
        if pid_file.exists() and pid_file.read_text().strip() == str(process.pid):
            try:
                for port in ports:
                    socket.create_connection(("127.0.0.1", port), timeout=1).close()
            except OSError:
                pass
            else:
                return True
        time.sleep(0.01)
    pytest.fail(f"nginx did not start within {START_TIMEOUT} s:\n{output.read_text()}")


@contextmanager
def started(nginx, folder, *, backends, code_root, extra=None):
    """nginx running the project's file in `folder`, in front of `backends` (one address per
    upstream server of the file); yields (https_port, http_port, certificate). `extra(folder)`
    returns more of the http block (the certificate is folder/fullchain.pem)."""
    certificate, key = make_certificate(folder)
    main_conf, site_conf = folder / "nginx.conf", folder / "dynamique-emploi.conf"
    output, pid_file = folder / "nginx.output", folder / "nginx.pid"
    more = extra(folder) if extra else ""
    with ExitStack() as stack:
        # A free port found here may be taken before nginx binds it: then again with others.
        for _attempt in range(3):
            https_port, http_port = free_ports(2)
            site_conf.write_text(
                rewrite(
                    CONF.read_text(),
                    certificate=certificate,
                    key=key,
                    https_port=https_port,
                    http_port=http_port,
                    backends=backends,
                    folder=folder,
                    code_root=code_root,
                )
            )
            main_conf.write_text(main_configuration(folder, site_conf, more))
            pid_file.unlink(missing_ok=True)
            with output.open("w") as output_file:
                process = subprocess.Popen(
                    [nginx, "-p", f"{folder}/", "-c", str(main_conf), "-g", "daemon off;"],
                    stdout=output_file,
                    stderr=subprocess.STDOUT,
                    start_new_session=True,
                )
            stack.callback(stop_nginx, process)
            if wait_until_started(process, pid_file, [https_port, http_port], output):
                break
        else:
            pytest.fail(f"nginx found no free ports:\n{output.read_text()}")
        yield https_port, http_port, certificate
