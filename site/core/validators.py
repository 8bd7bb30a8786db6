"""Validators shared by the apps' forms and models."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# Unicode's bidirectional controls: the embeddings and overrides (U+202A–U+202E), the isolates
# (U+2066–U+2069) and the invisible direction marks (U+200E, U+200F, U+061C). Invisible, they
# reorder what follows them: « https://example.org/‮gpj.exe » shows as « …/exe.jpg ». A web
# address never needs them (Django's URLValidator lets them through), and a member or a visitor
# would be shown another address than the one they follow.
BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]")

BIDI_CONTROLS_MESSAGE = _(
    "Cette adresse contient des caractères invisibles qui changent le sens d'affichage du "
    "texte. Retapez-la, ou copiez-la depuis la barre d'adresse de votre navigateur."
)


def validate_no_bidi_controls(value):
    """Refuses a value holding a bidirectional control character (see BIDI_CONTROLS)."""
    if value and BIDI_CONTROLS.search(str(value)):
        raise ValidationError(BIDI_CONTROLS_MESSAGE, code="bidi_control")
