"""Navigation built from the page tree: main menu, breadcrumbs, and the other languages."""

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.html import format_html_join
from django.utils.translation import get_language
from wagtail.models import Page, Site

from core import fragments
from core.addresses import absolute_url
from core.models import EASY_READ_PARAMETER, EASY_READ_VALUE, EasyReadMixin

# Added to a language's home page when the page the visitor came from has no translation: the
# page then says so (templates/base.html).
MISSING_TRANSLATION_PARAMETER = "traduction"
MISSING_TRANSLATION_VALUE = "absente"

register = template.Library()


@register.inclusion_tag("navigation/main_menu.html", takes_context=True)
def main_menu(context):
    """The live, public children of the current language's home page marked "show in menus".

    Built once per site, language and change of content (core.fragments); only which item is
    current is worked out for each page.
    """
    request = context["request"]
    site = Site.find_for_request(request)
    home_path, items = (
        fragments.get_or_build("main-menu", request, lambda: _menu_links(site, request))
        if site
        else (None, [])
    )
    current = context.get("page")
    current_path = current.path if isinstance(current, Page) else ""
    return {
        "request": request,
        "has_home": home_path is not None,
        "home_is_current": current_path == home_path,
        # aria-current: "page" on the current page itself, "true" on the section that contains it.
        "items": [(link, _aria_current(link["path"], current_path)) for link in items],
    }


def _menu_links(site, request):
    """(the home page's tree path, [{title, url, path} of each item])."""
    home = site.root_page.localized
    items = home.get_children().live().public().in_menu()
    return home.path, [
        {"title": item.title, "url": item.get_url(request), "path": item.path} for item in items
    ]


def _aria_current(path, current_path):
    if current_path == path:
        return "page"
    if current_path.startswith(path):
        return "true"
    return ""


@register.inclusion_tag("navigation/breadcrumbs.html", takes_context=True)
def breadcrumbs(context):
    """The ancestors of the current page from its home page down; nothing on a home page.
    Kept until content changes (core.fragments)."""
    page = context.get("page")
    ancestors = []
    if isinstance(page, Page) and page.depth > 2:
        request = context["request"]
        ancestors = fragments.get_or_build(
            f"breadcrumbs:{page.pk}",
            request,
            lambda: [
                {"title": ancestor.title, "url": ancestor.get_url(request)}
                for ancestor in page.get_ancestors().filter(depth__gt=1).live()
            ],
        )
    return {"page": page, "ancestors": ancestors}


@register.filter
def elided_page_range(page_obj, on_each_side=2):
    """Page numbers around the current one, the first and the last, with Paginator.ELLIPSIS gaps."""
    return page_obj.paginator.get_elided_page_range(
        page_obj.number, on_each_side=on_each_side, on_ends=1
    )


def language_versions(request, page):
    """({code: URL} of `page` in each language, {code: URL} of each language's home page,
    {codes whose version is an alias}).

    One query for all, remembered for the request (the switcher and the hreflang links both
    ask). Only live versions count; a routable page's sub-address (an event's date, a month of
    the agenda) is the same in every language. An alias (an offer shown untranslated to English
    and Arabic readers, offers.translations) is a version for the switcher, not for search
    engines: its text is the French page's.
    """
    cached = getattr(request, "_language_versions", None)
    if cached is not None and cached[0] == getattr(page, "pk", None):
        return cached[1]
    site = Site.find_for_request(request)
    keys = {}
    if site is not None:
        keys["home"] = site.root_page.translation_key
    if isinstance(page, Page) and page.pk:
        keys["page"] = page.translation_key
    versions = {"page": {}, "home": {}}
    aliases = set()
    if keys:
        suffix = ""
        if "page" in keys:
            page_url = page.get_url(request) or ""
            suffix = request.path[len(page_url) :] if request.path.startswith(page_url) else ""
        found = (
            Page.objects.filter(translation_key__in=set(keys.values()))
            .live()
            .select_related("locale")
        )
        for version in found:
            url = version.get_url(request)
            if not url:
                continue
            code = version.locale.language_code
            if version.translation_key == keys.get("page"):
                versions["page"][code] = url + suffix
                if version.alias_of_id:
                    aliases.add(code)
            if version.translation_key == keys.get("home"):
                versions["home"][code] = url
    result = (versions["page"], versions["home"], aliases)
    request._language_versions = (getattr(page, "pk", None), result)
    return result


@register.inclusion_tag("navigation/language_switcher.html", takes_context=True)
def language_switcher(context):
    """A link to each other language: the same page when it is translated, else that
    language's home page, which then says the page has no translation yet."""
    request = context["request"]
    page = context.get("page")
    current = get_language()
    translations, homes, _aliases = language_versions(request, page)
    easy_read = isinstance(page, EasyReadMixin) and (
        request.GET.get(EASY_READ_PARAMETER) == EASY_READ_VALUE
    )
    languages = []
    for code, name in settings.LANGUAGES:
        if code == current:
            continue
        if code in translations:
            url, missing = translations[code], False
            if easy_read:
                # Someone reading the easy-read version keeps reading it in the other language.
                url = f"{url}?{EASY_READ_PARAMETER}={EASY_READ_VALUE}"
        elif isinstance(page, Page):
            missing_query = f"{MISSING_TRANSLATION_PARAMETER}={MISSING_TRANSLATION_VALUE}"
            home = homes.get(code) or translate_url("/", code)
            url, missing = f"{home}?{missing_query}", True
        else:
            # Not a page (search results): the same address in that language.
            url, missing = translate_url(request.get_full_path(), code), False
        languages.append({"code": code, "name": name, "url": url, "missing": missing})
    return {"languages": languages}


@register.simple_tag(takes_context=True)
def hreflang_links(context):
    """<link rel="alternate" hreflang> for each language the page exists in, French as default."""
    request = context["request"]
    versions, _homes, aliases = language_versions(request, context.get("page"))
    translations = {code: url for code, url in versions.items() if code not in aliases}
    if len(translations) < 2:
        return ""
    links = [(code, absolute_url(url)) for code, url in translations.items()]
    if settings.LANGUAGE_CODE in translations:
        links.append(("x-default", absolute_url(translations[settings.LANGUAGE_CODE])))
    return format_html_join("\n", '<link rel="alternate" hreflang="{}" href="{}">', links)


@register.simple_tag(takes_context=True)
def translation_is_missing(context):
    request = context.get("request")
    return bool(request) and (
        request.GET.get(MISSING_TRANSLATION_PARAMETER) == MISSING_TRANSLATION_VALUE
    )


@register.filter(name="absolute_url")
def absolute_url_filter(url):
    """`{{ image.url|absolute_url }}`: a path of the site on SITE_URL's origin (core.addresses);
    an address that is already absolute (a bucket's, a CDN's) as it is."""
    return absolute_url(url)
