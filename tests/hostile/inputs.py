"""Hostile values, the test client that sends them, and what every response must satisfy.

Strategies draw what visitors and bots really send: very long strings, odd Unicode (right-to-left
overrides, combining marks, emoji, NFC and NFD spellings, lone surrogates where the transport
allows), NUL and control characters, markup and scripts, SQL-ish strings, numbers far out of
range, impossible dates, lists where one value is expected. Query strings are percent-encoded by
hand so that lone surrogates and invalid UTF-8 reach the server as bytes, as they can from the
network.
"""

import os
import re
import traceback
import unicodedata
from urllib.parse import quote_plus

from bs4 import BeautifulSoup
from django.core.cache import cache
from django.test import Client
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

EXPLORE = os.environ.get("HYPOTHESIS_PROFILE") == "explore"


def examples(count):
    """The examples a test draws: few in the suite (it runs twice in CI), ten times more when
    exploring (HYPOTHESIS_PROFILE=explore, see conftest.py)."""
    return count * 10 if EXPLORE else count


# --- Values --------------------------------------------------------------------------------------
# A word that marks our payloads, to find them in a page whatever else the page holds.
MARK = "hostile7"

MARKUP = [
    f"<script>alert('{MARK}')</script>",
    f'"><img src=x onerror="alert(\'{MARK}\')">',
    f"'><svg onload=alert('{MARK}')>",
    f"<a href=\"javascript:alert('{MARK}')\">{MARK}</a>",
    f"javascript:alert('{MARK}')",
    f"</textarea><script>alert('{MARK}')</script>",
    f"{{{{ {MARK} }}}}{{% debug %}}",
    f"<!--{MARK}--><iframe src=//example.org>",
]
SQLISH = [
    "' OR '1'='1",
    "'; DROP TABLE wagtailcore_page; --",
    '" OR ""="',
    "1; SELECT pg_sleep(1)",
    "%",
    "_",
    "\\",
    "%00",
    "' UNION SELECT NULL--",
]
ODD_UNICODE = [
    "\u202egnp.exe",  # right-to-left override
    "Zoë",  # NFC
    unicodedata.normalize("NFD", "Zoë"),  # NFD: e + combining diaeresis
    "e\u0301\u0301\u0301\u0301",  # stacked combining marks
    "👩🏽‍🚒🇫🇷",  # emoji, zero-width joiner, flag
    "\ufeffBOM",
    "\u200b\u200c\u200d",  # zero-width spaces
    "\uffff\ufffe",  # non-characters, invalid in XML
    "\U0010ffff",
    "مرحبا بكم",
    "ﷺ",
    "\u00a0\u2028\u2029",  # no-break space, line and paragraph separators
]
CONTROL = ["\x00", "a\x00b", "\r\n", "\t", "\x1b[31m", "\x7f", "\x08", "\x0b\x0c", "\x85"]
NUMBERS = [
    "-1",
    "0",
    "1e309",
    "NaN",
    "inf",
    "-0",
    "9" * 40,
    "-" + "9" * 40,
    "0x10",
    "1.5",
    "١٢",  # Arabic-Indic digits
    "𝟙𝟚",  # mathematical digits
]
DATES = ["0000-00-00", "99999-12-31", "9999-12-31", "0001-01-01", "2026-02-30", "2024-02-29"]
WRONG_TYPES = ["[]", "{}", "null", "true", "[object Object]", "undefined"]
LONG = st.builds(
    lambda piece, times: piece * times,
    st.sampled_from(["a", "é", "<b>", "😀", "\u0301", " "]),
    st.integers(min_value=1_000, max_value=12_000),
)

SAMPLES = MARKUP + SQLISH + ODD_UNICODE + CONTROL + NUMBERS + DATES + WRONG_TYPES + ["", " "]

# Any text a browser can send (no lone surrogates: they cannot be encoded as UTF-8).
any_text = st.text(max_size=60)
hostile_text = st.one_of(
    st.sampled_from(SAMPLES),
    any_text,
    st.builds(lambda a, b: a + b, st.sampled_from(SAMPLES), any_text),
    LONG,
)

# Lone surrogates and bytes that are not UTF-8, sent percent-encoded: Django must decode them.
RAW_BYTES = [b"\xed\xa0\x80", b"\xff\xfe", b"\xc0\xaf", b"\x80", b"caf\xe9"]
raw_value = st.one_of(
    hostile_text.map(lambda text: text.encode()),
    st.sampled_from(RAW_BYTES),
    st.text(
        st.characters(codec=None, categories=["Cs", "Co", "Cn", "Cc", "Mn", "Lo"]), max_size=20
    ).map(lambda text: text.encode("utf-8", "surrogatepass")),
)


def query_pairs(names):
    """(name, value) pairs for these parameter names and a few unknown ones, names repeated."""
    name = st.one_of(st.sampled_from(names), st.sampled_from(["", "x", "page[]", "q\x00"]))
    return st.lists(st.tuples(name, raw_value), max_size=8)


def query_string(pairs):
    """`a=1&a=2…`, each value percent-encoded from its bytes (which may not be UTF-8)."""
    return "&".join(
        f"{quote_plus(name.encode('utf-8', 'surrogatepass'))}={quote_plus(value)}"
        for name, value in pairs
    )


def single_line(text):
    """What the forms keep of a name: whitespace runs, line breaks included, as one space."""
    return " ".join(text.split())


# --- Requests ------------------------------------------------------------------------------------
class LenientClient(Client):
    """A test client that returns a 500 as a response (with its traceback) instead of raising,
    so that the failing example and the error are shown together."""

    def __init__(self, **kwargs):
        super().__init__(raise_request_exception=False, **kwargs)


class HostileTestCase(TestCase):
    """One transaction per example (hypothesis' Django TestCase), an empty cache each time.

    The cache holds django-ratelimit's counts and Wagtail's site root paths: no example may see
    the previous one's.
    """

    client_class = LenientClient

    def setup_example(self):
        super().setup_example()
        cache.clear()

    def teardown_example(self, example):
        cache.clear()
        super().teardown_example(example)


def describe_failure(response):
    """The request and, for a 500, the traceback of the exception behind it."""
    request = response.request
    described = f"{request.get('REQUEST_METHOD')} {request.get('PATH_INFO')}"
    if request.get("QUERY_STRING"):
        described += f"?{request['QUERY_STRING'][:500]}"
    described += f" → {response.status_code}"
    exc_info = getattr(response, "exc_info", None)
    if exc_info:
        described += "\n" + "".join(traceback.format_exception(*exc_info))
    return described


def assert_handled(response, expected=(200,)):
    """Never a server error, and the status a person would expect for this input."""
    assert response.status_code < 500, describe_failure(response)
    assert response.status_code in expected, describe_failure(response)


def parse(response_or_html):
    """The page as a tree; a response's bytes are decoded as the response says, not guessed."""
    if hasattr(response_or_html, "content"):
        response_or_html = response_or_html.content.decode(response_or_html.charset or "utf-8")
    elif isinstance(response_or_html, bytes):
        response_or_html = response_or_html.decode()
    return BeautifulSoup(response_or_html, "html.parser")


JAVASCRIPT_URL = re.compile(r"^\s*javascript:", re.IGNORECASE)
INLINE_SCRIPT_TYPES = {"", "text/javascript", "module"}


def assert_no_live_markup(html):
    """No markup we sent has come alive: no inline event handler, no javascript: link, no
    script, frame or image carrying our mark. JSON-LD blocks may hold the text (escaped by
    json_script)."""
    page = parse(html)
    for element in page.find_all(True):
        handlers = [name for name in element.attrs if name.lower().startswith("on")]
        assert not handlers, f"Live event handler {handlers} on {str(element)[:200]}"
        for name in ("href", "src", "action", "formaction"):
            value = element.get(name)
            assert not (isinstance(value, str) and JAVASCRIPT_URL.match(value)), str(element)[:200]
    for script in page.find_all("script"):
        if script.get("type", "") in INLINE_SCRIPT_TYPES:
            assert MARK not in script.get_text(), f"Live script: {str(script)[:200]}"
    for element in page.find_all(["iframe", "svg", "img"]):
        assert MARK not in str(element), f"Live element: {str(element)[:200]}"


def text_of(html):
    return " ".join(parse(html).get_text(" ").split())


def assert_shows_text(html, value):
    """`value`, as stored, is shown as text (whitespace aside)."""
    shown = text_of(html)
    expected = " ".join(value.split())
    assert expected in shown, f"{expected[:200]!r} is not shown as text"
