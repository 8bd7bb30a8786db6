"""The site footer's facts in the reader's language: opening hours, the ESS project form."""

import re
from datetime import time

from django import template
from django.apps import apps
from django.conf import settings
from django.utils import formats
from django.utils.dates import WEEKDAYS
from django.utils.html import conditional_escape, format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.text import capfirst
from django.utils.translation import get_language, gettext, pgettext

register = template.Library()

FRENCH_DAYS = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"]
_DAY = "|".join(FRENCH_DAYS)
# « Lundi au vendredi », « Du lundi au jeudi », « Lundi, mardi et jeudi », « Samedi ».
_DAYS_PATTERN = re.compile(
    rf"^\s*(?:du\s+)?(?P<first>{_DAY})\s+(?:au|à)\s+(?P<last>{_DAY})\b"
    rf"|^\s*(?P<list>(?:{_DAY})(?:\s*(?:,|et)\s*(?:{_DAY}))*)\b",
    re.IGNORECASE,
)
# « 9 h – 12 h 30 », « de 14 h à 17 h », « 9:00-12:30 ».
_TIME = r"(\d{1,2})\s*(?:h|:)\s*(\d{2})?"
_RANGE_PATTERN = re.compile(
    rf"(?:de\s+)?{_TIME}\s*(?:–|—|-|à)\s*{_TIME}",
    re.IGNORECASE,
)
# What may stand between the parts of a line: « : », « , », « ; », « et ».
_FILLER_PATTERN = re.compile(r"^[\s:,;.\-–]*(?:et\b)?[\s:,;.\-–]*", re.IGNORECASE)


def _notes():
    """The words editors put after the hours, said in the reader's language."""
    return {
        "sans rendez-vous": gettext("sans rendez-vous"),
        "sur rendez-vous": gettext("sur rendez-vous"),
        "fermé": gettext("fermé"),
        "fermée": gettext("fermé"),
    }


def _html(message, **values):
    """`message % values` as HTML: the translated message and every value escaped, except the
    values that are already HTML (the isolated times)."""
    escaped = {name: conditional_escape(value) for name, value in values.items()}
    return mark_safe(conditional_escape(message) % escaped)  # noqa: S308 (all escaped above)


def _html_list(items):
    """« a, b et c » in the reader's language, the items being HTML already."""
    if len(items) == 1:
        return items[0]
    return _html(
        gettext("%(items)s et %(last_item)s"),
        items=mark_safe(  # noqa: S308 (each item is escaped HTML)
            conditional_escape(pgettext("list separator", ", ")).join(items[:-1])
        ),
        last_item=items[-1],
    )


def _day_names(match):
    """The weekdays a line's start names, in the reader's language (Django's own names)."""
    if match.group("first"):
        first = FRENCH_DAYS.index(match.group("first").lower())
        last = FRENCH_DAYS.index(match.group("last").lower())
        return _html(
            gettext("%(first_day)s au %(last_day)s"),
            first_day=WEEKDAYS[first],
            last_day=WEEKDAYS[last],
        )
    named = re.findall(_DAY, match.group("list"), re.IGNORECASE)
    return _html_list(
        [conditional_escape(WEEKDAYS[FRENCH_DAYS.index(day.lower())]) for day in named]
    )


def _time(hours, minutes):
    # The active language's time format (9 a.m., 9:00 ص), isolated so that it reads whole.
    moment = time(int(hours), int(minutes or 0))
    return format_html("<bdi>{}</bdi>", formats.time_format(moment))


def translated_line(line):
    """One line of the stored opening hours as HTML in the active language; None when the line
    is not of the forms the help text shows (it is then shown as written, in French)."""
    plain = re.sub(r"[\u00a0\u202f]", " ", line).strip()
    days = _DAYS_PATTERN.match(plain)
    if not days:
        return None
    rest = plain[days.end() :]
    ranges = []
    while True:
        rest = _FILLER_PATTERN.sub("", rest, count=1)
        found = _RANGE_PATTERN.match(rest)
        if not found:
            break
        opens_hours, opens_minutes, closes_hours, closes_minutes = found.groups()
        if max(int(opens_hours), int(closes_hours)) > 23:
            return None
        opens, closes = _time(opens_hours, opens_minutes), _time(closes_hours, closes_minutes)
        ranges.append(_html(gettext("%(opens)s – %(closes)s"), opens=opens, closes=closes))
        rest = rest[found.end() :]
    note = rest.strip(" .;:,")
    known_notes = _notes()
    if (note and note.lower() not in known_notes) or not (ranges or note):
        return None
    day_names = _day_names(days)
    # The line starts with a capital in every language that has them.
    day_names = mark_safe(capfirst(day_names))  # noqa: S308 (capfirst keeps it escaped)
    note = known_notes.get(note.lower(), "")
    if ranges and note:
        message = gettext("%(days)s : %(hours)s, %(note)s")
    elif ranges:
        message = gettext("%(days)s : %(hours)s")
    else:
        message = gettext("%(days)s : %(note)s")
    return _html(message, days=day_names, hours=_html_list(ranges) if ranges else "", note=note)


@register.simple_tag
def opening_hours(stored):
    """The site settings' opening hours, one line each: [{text, lang}].

    Editors write them in French, one line per day or period (« Lundi au vendredi : 9 h – 17 h,
    sans rendez-vous »). French pages show them as written; other languages get each line said
    with Django's names of the days and the language's time format, and a line of another form
    as written, marked French (`lang`) and left to right.
    """
    lines = [line.strip() for line in (stored or "").splitlines() if line.strip()]
    language = get_language() or settings.LANGUAGE_CODE
    if language == "fr":
        return [{"text": line, "lang": ""} for line in lines]
    shown = []
    for line in lines:
        translated = translated_line(line)
        if translated is None:
            shown.append({"text": line, "lang": "fr"})
        else:
            shown.append({"text": translated, "lang": ""})
    return shown


@register.simple_tag
def opening_hours_lines(stored):
    """The opening hours as lines of a paragraph (<br> between them), for the pages that repeat
    them beside an address; a line left in French is marked so."""
    return format_html_join(
        mark_safe("<br>"),
        "{}",
        (
            (format_html('<span lang="{}" dir="ltr">{}</span>', line["lang"], line["text"]),)
            if line["lang"]
            else (line["text"],)
            for line in opening_hours(stored)
        ),
    )


@register.simple_tag
def project_proposal_url():
    """The address of the « Je porte un projet ESS » form in the active language, else the
    French one's; "" when it is unpublished. One query, once per change of content: the footer
    is a fragment (core.fragments)."""
    language = get_language() or settings.LANGUAGE_CODE
    # Found by name: the footer every app shares never imports a domain app.
    page_model = apps.get_model("project_holders", "ProjectProposalPage")
    found = {
        page.locale.language_code: page
        for page in page_model.objects.live()
        .filter(locale__language_code__in={language, settings.LANGUAGE_CODE})
        .select_related("locale")
    }
    page = found.get(language) or found.get(settings.LANGUAGE_CODE)
    return (page.get_url() or "") if page else ""
