"""The end-to-end journeys' people and dates, on top of the demo content.

Run by tests/e2e/stack.py as `manage.py shell -c` with the deployed environment (production
settings, the stack's database and buckets): the test process itself runs the test settings and
must not write to that database. Prints one line of JSON for the tests.
"""

import importlib
import json
from pathlib import Path

from events.registrations import register
from offers.models import OfferIndexPage
from tests.events.factories import EventPageFactory, RegistrationFactory, days_from_now_at
from tests.extranet.factories import EditorFactory, activate_totp

EDITOR_EMAIL = "redaction@e2e.dynamique-emploi.fr"
# Two places, one already taken by someone who registered by phone at the walk-in centre.
WORKSHOP_TITLE = "Atelier CV et lettre de motivation"
WORKSHOP_CAPACITY = 2


def prepare():
    """Each journey's own content module, `tests/e2e/content_<journey>.py`, adds its people and
    pages through its `prepare()`, which returns what its tests need to find them."""
    found = prepare_resident()
    for module in journey_modules():
        found.update(module.prepare())
    print(json.dumps(found))


def journey_modules():
    folder = Path(__file__).parent
    names = sorted(path.stem for path in folder.glob("content_*.py"))
    return [importlib.import_module(f"tests.e2e.{name}") for name in names]


def prepare_resident():
    workshop = EventPageFactory(
        title=WORKSHOP_TITLE,
        registration=True,
        capacity=WORKSHOP_CAPACITY,
        start=days_from_now_at(9, 10),
        end=days_from_now_at(9, 12),
    )
    occurrence = workshop.occurrences.get()
    register(occurrence, RegistrationFactory.build(occurrence=occurrence, name="Moussa Traoré"))
    editor = EditorFactory(email=EDITOR_EMAIL)
    offers = OfferIndexPage.objects.live().filter(locale__language_code="fr").first()
    return {
        "workshop_date_path": occurrence.get_url(),
        "workshop_title": WORKSHOP_TITLE,
        "editor_email": EDITOR_EMAIL,
        "editor_totp_secret": activate_totp(editor),
        "advisers_email": offers.get_advisers_email(),
    }
