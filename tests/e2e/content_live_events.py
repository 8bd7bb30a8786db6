"""The live events journey: a workshop date with a few places, and an editor of its own (on top
of the demo; see tests/e2e/content.py).

The editor has an authenticator app of their own, so that their sign-in code is never one the
editor journey has just used (allauth refuses a code twice).
"""

from home.demo.content import get_moderators_group
from tests.events.factories import EventPageFactory, days_from_now_at
from tests.extranet.factories import EditorFactory, activate_totp

PLACES = 3
TITLE = "Atelier : se présenter en deux minutes"
EDITOR_EMAIL = "agenda@e2e.dynamique-emploi.fr"


def prepare():
    """Writes what the journey needs; returns what the tests must know (JSON-serialisable)."""
    event = EventPageFactory(
        title=TITLE,
        summary="Une heure pour apprendre à parler de soi à un recruteur, avec un conseiller.",
        registration=True,
        capacity=PLACES,
        max_people_per_registration=PLACES,
        start=days_from_now_at(12, 14),
        end=days_from_now_at(12, 15),
    )
    occurrence = event.occurrences.get()
    editor = EditorFactory(email=EDITOR_EMAIL)
    editor.groups.add(get_moderators_group())
    return {
        "live_event_title": TITLE,
        "live_event_places": PLACES,
        "live_event_path": event.url,
        "live_date_path": occurrence.get_url(),
        "live_date_pk": occurrence.pk,
        "live_index_path": event.get_parent().url,
        "live_month_path": f"{event.get_parent().url}mois/{occurrence.local_date:%Y-%m}/",
        "live_editor_email": EDITOR_EMAIL,
        "live_editor_totp_secret": activate_totp(editor),
    }
