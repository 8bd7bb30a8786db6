"""{% pictogram "name" %}: one of the site's pictograms, inline, beside the words it illustrates.

The drawings live once in static/img/pictograms.svg (a sprite, cached by the browser after the
first page); each use is a few bytes of <svg><use>. Hidden from assistive technologies: the
text next to the pictogram says the same thing, as it must for people who do not know the
drawing.
"""

from functools import cache

from django import template
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.templatetags.static import static
from django.utils.html import format_html

register = template.Library()

# Ids of the <symbol>s in static/img/pictograms.svg.
PICTOGRAMS = {
    "contract",
    "time",
    "place",
    "no-diploma",
    "beginner",
    "step-free",
    "registration",
    "calendar",
    "online",
    "easy-read",
    "listen",
}


@register.simple_tag
def pictogram(name):
    if name not in PICTOGRAMS:
        raise template.TemplateSyntaxError(f"No pictogram named {name!r}.")
    return pictogram_markup(name)


# A listing shows about a hundred pictograms: the sprite's hashed address is looked up in the
# static files' manifest once per process, not a hundred times per page.
@cache
def pictogram_markup(name):
    return format_html(
        '<svg class="pictogram" width="24" height="24" aria-hidden="true" focusable="false">'
        '<use href="{}#{}"></use></svg>',
        static("img/pictograms.svg"),
        name,
    )


@receiver(setting_changed)
def _forget_static_addresses(setting, **kwargs):
    if setting in ("STATIC_URL", "STORAGES"):
        pictogram_markup.cache_clear()
