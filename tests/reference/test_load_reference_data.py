"""`manage.py load_reference_data`: the curated ROME file, loaded once, whatever the reruns."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from reference.loading import ROME_DATA_FILE
from reference.models import Sector, Trade
from tests.core.factories import get_default_locale
from tests.reference.factories import SectorFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def default_locale():
    """Migrations create it, but a flush by a live-server test removes it."""
    return get_default_locale()


def load(*args):
    output = StringIO()
    call_command("load_reference_data", *args, stdout=output)
    return output.getvalue()


def test_loads_the_sectors_and_trades_of_the_file_and_says_where_they_come_from():
    output = load()

    assert Sector.objects.count() == 12
    assert Trade.objects.count() == 26
    magasinage = Trade.objects.get(rome_code="N1103")
    assert magasinage.label == "Magasinage et préparation de commandes"
    assert magasinage.sector.slug == "logistique"
    assert magasinage.locale == get_default_locale()
    assert "France Travail" in output
    assert "2026-11-24" in output
    assert "Métiers : 26 créés sur 26" in output


def test_loading_again_creates_nothing():
    load()
    output = load()

    assert Sector.objects.count() == 12
    assert Trade.objects.count() == 26
    assert "Filières : 0 créées sur 12" in output
    assert "Métiers : 0 créés sur 26" in output


def test_keeps_what_editors_changed():
    SectorFactory(slug="logistique", name="Logistique (entrepôts)")

    load()

    assert Sector.objects.get(slug="logistique").name == "Logistique (entrepôts)"
    assert Sector.objects.count() == 12


def test_a_wrong_rome_code_in_the_file_fails_and_creates_nothing(tmp_path):
    with open(ROME_DATA_FILE, encoding="utf-8") as data_file:
        data = json.load(data_file)
    data["trades"][-1]["rome_code"] = "Z1234"
    broken_file = tmp_path / "rome.json"
    broken_file.write_text(json.dumps(data), encoding="utf-8")

    with pytest.raises(CommandError, match="illisible"):
        load("--file", str(broken_file))

    assert not Trade.objects.exists()
    assert not Sector.objects.exists()
