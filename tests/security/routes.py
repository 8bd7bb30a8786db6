"""Every route the project serves, as concrete addresses: for tests/security/test_every_url.py.

`django_routes()` walks Django's resolver, as config.urls builds it with every dependency's
URLs, and yields each pattern once for each language it answers in; `fill()` turns a pattern into
an address by putting a sample value in each of its parameters (converters or regex groups);
`page_routes()` gives every live Wagtail page and each of its RoutablePage sub-routes.
"""

import dataclasses
import functools
import re

from django.conf import settings
from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.resolvers import LocalePrefixPattern, RoutePattern
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Page

# `<int:pk>` or `<token>` in a route (django.urls.resolvers._PATH_PARAMETER_COMPONENT_RE).
PARAMETER = re.compile(r"<(?:(?P<converter>[^>:]+):)?(?P<parameter>[^>]+)>")
# What a regex may hold outside its groups and still be written as it reads.
LITERAL = re.compile(r"[\w/\-.]*")


class Unfillable(Exception):
    """A parameter, or a piece of regex, this module has no sample value for."""


@dataclasses.dataclass(frozen=True)
class Route:
    """One URL pattern, with the patterns of the resolvers it is included under."""

    pieces: tuple  # prefix strings (a language's « en/ ») and RoutePattern/RegexPattern objects
    name: str | None  # with its namespaces, « resources:detail »
    language: str | None  # the language prefix it was reached through, None outside i18n_patterns

    @property
    def text(self):
        """The pattern as written, « extranet/ressources/<int:pk>/ » (language prefix included)."""
        return "".join(str(piece) for piece in self.pieces)

    @property
    def key(self):
        """How the classification tables name it: its name, or its text when it has none."""
        return self.name or "".join(
            str(piece) for piece in self.pieces if not isinstance(piece, str)
        )


def language_prefix(code):
    # config.urls: prefix_default_language=False, French has none.
    return "" if code == settings.LANGUAGE_CODE else f"{code}/"


def django_routes(patterns=None, pieces=(), namespace="", language=None):
    """Every URLPattern reachable from the root URLconf, once per language for i18n_patterns."""
    if patterns is None:
        patterns = get_resolver().url_patterns
    for entry in patterns:
        if isinstance(entry, URLResolver):
            if isinstance(entry.pattern, LocalePrefixPattern):
                for code, _name in settings.LANGUAGES:
                    yield from django_routes(
                        entry.url_patterns, (*pieces, language_prefix(code)), namespace, code
                    )
                continue
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from django_routes(entry.url_patterns, (*pieces, entry.pattern), inner, language)
        elif isinstance(entry, URLPattern):
            name = f"{namespace}{entry.name}" if entry.name else None
            yield Route((*pieces, entry.pattern), name, language)
        else:  # pragma: no cover - Django has only these two
            raise TypeError(entry)


def fill_route_pattern(route_text, value_of):
    return PARAMETER.sub(
        lambda match: str(value_of(match["parameter"], match["converter"] or "str")), route_text
    )


def group_end(regex, start):
    """The index just after the group that opens at regex[start]."""
    depth, index = 0, start
    while index < len(regex):
        character = regex[index]
        if character == "\\":
            index += 2
            continue
        if character == "(":
            depth += 1
        elif character == ")":
            depth -= 1
            if depth == 0:
                return index + 1
        index += 1
    raise Unfillable(f"unbalanced group in {regex!r}")


def fill_regex(regex, value_of):
    """The regex with each top-level group replaced by its sample: named groups by their name,
    the others by their position (« 1 », « 2 »…)."""
    text = regex.removeprefix("^").removesuffix("$")
    output, index, position = [], 0, 0
    while index < len(text):
        character = text[index]
        if character == "\\":
            output.append(text[index + 1])
            index += 2
        elif character == "(":
            end = group_end(text, index)
            group = text[index:end]
            if group.startswith("(?:"):
                raise Unfillable(f"non-capturing group {group!r}")
            position += 1
            named = re.match(r"\(\?P<(\w+)>", group)
            output.append(str(value_of(named[1] if named else str(position), "regex")))
            index = end
        elif LITERAL.fullmatch(character):
            output.append(character)
            index += 1
        else:
            raise Unfillable(f"{character!r} in {regex!r}")
    return "".join(output)


def fill(route, value_of):
    """The route's address, « /extranet/ressources/12/ »; value_of(parameter, converter) gives
    each parameter's sample (regex groups have « regex » for converter) or raises Unfillable."""
    parts = []
    for piece in route.pieces:
        if isinstance(piece, str):
            parts.append(piece)
        elif isinstance(piece, RoutePattern):
            parts.append(fill_route_pattern(str(piece), value_of))
        else:
            parts.append(fill_regex(str(piece), value_of))
    return "/" + "".join(parts)


def live_pages():
    """Every live page with an address (not the tree's root), in tree order."""
    return [page.specific for page in Page.objects.live().filter(depth__gt=1).order_by("path")]


def subroutes(page):
    """A RoutablePage's sub-routes as (name, pattern text) pairs; the page alone otherwise.

    Wagtail adds an `index_route` for "" to every RoutablePage: the "" route named by the model
    stands for it.
    """
    if not isinstance(page, RoutablePageMixin):
        return [("", "")]
    return [
        (pattern.name, str(pattern.pattern))
        for pattern in page.get_subpage_urls()
        if pattern.name != "index_route"
    ]


def page_routes(value_of):
    """(page, sub-route name, address) for every live page and each of its sub-routes;
    value_of(page, parameter) gives a sub-route parameter's sample."""
    for page in live_pages():
        base = page.get_url()
        page_value = functools.partial(value_of, page)
        for name, pattern_text in subroutes(page):
            if pattern_text.startswith("^"):
                tail = fill_regex(pattern_text, lambda parameter, _kind, f=page_value: f(parameter))
            else:
                tail = fill_route_pattern(
                    pattern_text, lambda parameter, _kind, f=page_value: f(parameter)
                )
            yield page, name, base + tail
