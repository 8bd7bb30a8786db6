"""Navigation built from the page tree: main menu and breadcrumbs."""

from django import template
from wagtail.models import Page, Site

register = template.Library()


@register.inclusion_tag("navigation/main_menu.html", takes_context=True)
def main_menu(context):
    """The live, public children of the current language's home page marked "show in menus"."""
    request = context["request"]
    site = Site.find_for_request(request)
    items = []
    home = None
    if site:
        home = site.root_page.localized
        items = home.get_children().live().public().in_menu()
    current = context.get("page")
    current_path = current.path if isinstance(current, Page) else ""
    return {
        "request": request,
        "home": home,
        "home_is_current": bool(home) and current_path == home.path,
        # aria-current: "page" on the current page itself, "true" on the section that contains it.
        "items": [(item, _aria_current(item, current_path)) for item in items],
    }


def _aria_current(item, current_path):
    if current_path == item.path:
        return "page"
    if current_path.startswith(item.path):
        return "true"
    return ""


@register.inclusion_tag("navigation/breadcrumbs.html", takes_context=True)
def breadcrumbs(context):
    """The ancestors of the current page from its home page down; nothing on a home page."""
    page = context.get("page")
    ancestors = []
    if isinstance(page, Page) and page.depth > 2:
        ancestors = page.get_ancestors().filter(depth__gt=1).live()
    return {"page": page, "ancestors": ancestors}


@register.filter
def elided_page_range(page_obj, on_each_side=2):
    """Page numbers around the current one, the first and the last, with Paginator.ELLIPSIS gaps."""
    return page_obj.paginator.get_elided_page_range(
        page_obj.number, on_each_side=on_each_side, on_ends=1
    )
