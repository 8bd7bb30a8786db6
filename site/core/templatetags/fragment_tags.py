"""{% fragment "name" %}…{% endfragment %}: a part of the page rendered once per site, language
and change of content (core.fragments), for every visitor alike."""

from django import template
from django.utils.safestring import mark_safe
from wagtail.models import Site

from core import fragments

register = template.Library()


class FragmentNode(template.Node):
    def __init__(self, name, nodelist):
        self.name, self.nodelist = name, nodelist

    def render(self, context):
        request = context.get("request")
        site = Site.find_for_request(request) if request else None
        html = fragments.get_or_build(
            self.name.resolve(context),
            site.pk if site else None,
            lambda: str(self.nodelist.render(context)),
        )
        return mark_safe(html)  # noqa: S308 (the template's own output, escaped as it rendered)


@register.tag
def fragment(parser, token):
    """Keep what is inside, rendered, until content changes. Only for what is the same for every
    visitor of a language: no form, no user, no current page, no nonce."""
    bits = token.split_contents()
    if len(bits) != 2:
        raise template.TemplateSyntaxError(f"{bits[0]} takes one argument: the fragment's name.")
    nodelist = parser.parse(("endfragment",))
    parser.delete_first_token()
    return FragmentNode(parser.compile_filter(bits[1]), nodelist)
