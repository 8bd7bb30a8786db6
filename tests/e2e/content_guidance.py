"""The guided editor's journey: what the branch editor must offer, read in the deployed database
(see tests/e2e/content.py). The editor is content.py's; content_editor.py puts them in the editors'
group, which may add branch pages."""

from offers.models import BranchIndexPage
from reference.models import Sector, Trade

BRANCH_SECTOR_SLUG = "btp"
# A building trade, checked before the failed save: still checked after it.
CHECKED_TRADE_ROME_CODE = "F1703"


def prepare():
    """Returns what the journey's tests need (JSON-serialisable)."""
    french_trades = Trade.objects.filter(locale__language_code="fr")
    french_labels = {str(trade) for trade in french_trades}
    other_labels = {
        str(trade) for trade in Trade.objects.exclude(locale__language_code="fr")
    } - french_labels
    sector = Sector.objects.get(locale__language_code="fr", slug=BRANCH_SECTOR_SLUG)
    return {
        "guidance_branch_index": BranchIndexPage.objects.get(locale__language_code="fr").title,
        "guidance_french_trades": sorted(french_labels),
        "guidance_other_trades": sorted(other_labels),
        "guidance_sector": str(sector),
        "guidance_checked_trade": str(french_trades.get(rome_code=CHECKED_TRADE_ROME_CODE)),
    }
