"""{% fragment "name" [vary_on …] %}…{% endfragment %}: a part of the page rendered once per
site, language, change of content (core.fragments) and value of each `vary_on`, for every visitor
alike."""

from django import template
from django.utils.safestring import mark_safe

from core import fragments

register = template.Library()


class FragmentNode(template.Node):
    def __init__(self, name, vary_on, nodelist):
        self.name, self.vary_on, self.nodelist = name, vary_on, nodelist

    def render(self, context):
        name = ":".join(
            str(expression.resolve(context)) for expression in [self.name, *self.vary_on]
        )
        html = fragments.get_or_build(
            name,
            context.get("request"),
            lambda: str(self.nodelist.render(context)),
        )
        return mark_safe(html)  # noqa: S308 (the template's own output, escaped as it rendered)


@register.tag
def fragment(parser, token):
    """Keep what is inside, rendered, until content changes. Only for what is the same for every
    visitor of a language, given the `vary_on` values: no form, no user, no current page, no
    nonce, nothing that changes with the time of day."""
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError(f"{bits[0]} needs the fragment's name.")
    nodelist = parser.parse(("endfragment",))
    parser.delete_first_token()
    return FragmentNode(
        parser.compile_filter(bits[1]), [parser.compile_filter(bit) for bit in bits[2:]], nodelist
    )
