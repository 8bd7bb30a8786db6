"""Load the curated ROME data file (sectors and trades) into the default locale.

Used by `manage.py load_reference_data` and by the offers demo. Rows that exist (same slug or ROME
code in the default locale) are left as editors made them: loading again creates only what is
missing, and never a duplicate.
"""

import json
from dataclasses import dataclass
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction
from wagtail.models import Locale

from reference.models import Sector, Trade

ROME_DATA_FILE = Path(__file__).resolve().parent / "data" / "rome.json"


@dataclass
class ReferenceDataLoad:
    """What a load found in the file and what it had to create."""

    source: str
    date: str
    sectors_in_file: int
    trades_in_file: int
    sectors_created: int = 0
    trades_created: int = 0


def read_reference_data(path=ROME_DATA_FILE):
    with open(path, encoding="utf-8") as data_file:
        return json.load(data_file)


def get_or_create_validated(model, lookup, defaults):
    """(row, created); a new row is validated first, so a mistake in the file fails loudly."""
    existing = model.objects.filter(**lookup).first()
    if existing:
        return existing, False
    row = model(**lookup, **defaults)
    row.full_clean()
    row.save()
    return row, True


@transaction.atomic
def load_reference_data(path=ROME_DATA_FILE, locale=None):
    """Create the file's missing sectors and trades in `locale` (the default one by default)."""
    data = read_reference_data(path)
    locale = locale or Locale.get_default()
    load = ReferenceDataLoad(
        source=data["source"],
        date=data["date"],
        sectors_in_file=len(data["sectors"]),
        trades_in_file=len(data["trades"]),
    )
    sectors = {}
    for sector_data in data["sectors"]:
        sector, created = get_or_create_validated(
            Sector,
            {"slug": sector_data["slug"], "locale": locale},
            {"name": sector_data["name"], "rome_domain": sector_data["rome_domain"]},
        )
        sectors[sector.slug] = sector
        load.sectors_created += created
    for trade_data in data["trades"]:
        sector_slug = trade_data["sector"]
        if sector_slug not in sectors:
            raise ValidationError(
                f"Trade {trade_data['rome_code']} names sector {sector_slug!r}, "
                "which the file does not define."
            )
        _trade, created = get_or_create_validated(
            Trade,
            {"rome_code": trade_data["rome_code"], "locale": locale},
            {"label": trade_data["label"], "sector": sectors[sector_slug]},
        )
        load.trades_created += created
    return load
