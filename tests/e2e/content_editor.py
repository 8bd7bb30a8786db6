"""The editor journey: its people and content, on top of the demo (see tests/e2e/content.py).

The editor (content.py's, with an authenticator app) joins the group the demo's editors are in
(« Moderators »: they publish offers and events themselves). The building trades' brochure is
the one document the demo lacks. What the journey picks in the admin is looked up here, in the
deployed database, so that the test names exactly what the admin shows.
"""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from wagtail.images import get_image_model

from events.models import EventIndexPage, Venue
from home.demo.content import get_moderators_group
from offers.models import BranchIndexPage, OfferIndexPage
from organisations.models import Organisation
from reference.models import Neighbourhood, Sector, Trade
from tests.core.factories import DocumentFactory, pdf_bytes

# What the editor picks, by what does not change with the demo's wording.
OFFER_TRADE_ROME_CODE = "N1103"
OFFER_SECTOR_SLUG = "logistique"
BRANCH_TRADE_ROME_CODES = ["F1703", "F1606"]
BRANCH_SECTOR_SLUG = "btp"
NEIGHBOURHOOD_SLUG = "francs-moisins"
EMPLOYER_NAME = "Entrepôts du Canal"
VENUE_NAME = "Gymnase Auguste-Delaune"
IMAGE_TITLE = "Recruter dans le quartier"
SOCIAL_IMAGE_TITLE = "L'accueil de la Plateforme"
BROCHURE_TITLE = "Les métiers du bâtiment en bref"
BROCHURE_LINES = [
    "Maçon, peintre, électricien : des métiers qui s'apprennent sur le chantier.",
    "Beaucoup d'entreprises du territoire forment elles-mêmes leurs salariés.",
]


def prepare():
    """Writes what the journey needs; returns what the tests must know (JSON-serialisable)."""
    from tests.e2e.content import EDITOR_EMAIL

    editor = get_user_model().objects.get(username=EDITOR_EMAIL)
    editor.groups.add(get_moderators_group())
    DocumentFactory(
        title=BROCHURE_TITLE,
        file=ContentFile(pdf_bytes(BROCHURE_TITLE, BROCHURE_LINES), name="metiers-batiment.pdf"),
    )

    def french(model, **lookup):
        return model.objects.get(locale__language_code="fr", **lookup)

    return {
        "editor_offer_index": french(OfferIndexPage).title,
        "editor_branch_index": french(BranchIndexPage).title,
        "editor_event_index": french(EventIndexPage).title,
        "editor_offer_trade": str(french(Trade, rome_code=OFFER_TRADE_ROME_CODE)),
        "editor_offer_sector": str(french(Sector, slug=OFFER_SECTOR_SLUG)),
        "editor_neighbourhood": str(french(Neighbourhood, slug=NEIGHBOURHOOD_SLUG)),
        "editor_employer": str(Organisation.objects.get(name=EMPLOYER_NAME)),
        "editor_branch_sector": str(french(Sector, slug=BRANCH_SECTOR_SLUG)),
        "editor_branch_trades": [
            str(french(Trade, rome_code=code)) for code in BRANCH_TRADE_ROME_CODES
        ],
        "editor_venue": str(french(Venue, name=VENUE_NAME)),
        "editor_image": image(IMAGE_TITLE),
        "editor_social_image": image(SOCIAL_IMAGE_TITLE),
        "editor_brochure": BROCHURE_TITLE,
    }


def image(title):
    """What the chooser shows (the title) and what the CDN's addresses hold (the file's stem:
    renditions are named after it)."""
    found = get_image_model().objects.get(title=title)
    return {"title": found.title, "file_stem": Path(found.file.name).stem}
