"""How typed tags are split: on the Latin comma and on the Arabic one too.

django-taggit only knows « , »; someone typing in Arabic writes « ، » and would get one tag with
the comma stuck inside (TAGGIT_TAGS_FROM_STRING in settings).
"""

from taggit.utils import _parse_tags

ARABIC_COMMA = "\u060c"


def parse_tags(tagstring):
    return _parse_tags((tagstring or "").replace(ARABIC_COMMA, ","))
