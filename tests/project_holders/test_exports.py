"""Coordinators export the list (CSV, XLSX) and one person's data, and erase it on request."""

import csv
import io
import json

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from project_holders.models import FollowUpNote, ProjectHolder
from tests.project_holders.conftest import parse
from tests.project_holders.factories import FollowUpNoteFactory, ProjectHolderFactory
from tests.reference.factories import NeighbourhoodFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def holders(holder, other_organisation):
    holder.neighbourhood = NeighbourhoodFactory(name="Francs-Moisins")
    holder.save()
    ProjectHolderFactory(
        name='=HYPERLINK("http://evil.example")',
        project_name="Épicerie « solidaire »",
        registered_by_organisation=other_organisation,
        needs=["juridique"],
        status="diagnostic",
    )
    return holder


def test_the_csv_opens_in_excel_with_its_accents(client, coordinator, holders):
    client.force_login(coordinator)

    response = client.get(reverse("project_holders:export_csv"))

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="porteurs-de-projet-')
    content = response.content.decode("utf-8")
    assert content.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(content.removeprefix("\ufeff")), delimiter=";"))
    assert len(rows) == 2
    by_project = {row["Projet"]: row for row in rows}
    aminata = by_project["Traiteur des Francs-Moisins"]
    assert aminata["Nom"] == "Aminata Koné"
    assert aminata["Téléphone"] == "06 12 34 56 78"
    assert aminata["Quartier"] == "Francs-Moisins"
    assert aminata["QPV"] == "oui"
    assert aminata["Besoins"] == "Financement, Local"
    assert aminata["Statut"] == "Reçu"
    assert aminata["Enregistré par"] == "Régie de quartier des Francs-Moisins"
    # A cell a spreadsheet would run as a formula is neutralised.
    assert by_project["Épicerie « solidaire »"]["Nom"].startswith("'=")


def test_the_export_follows_the_filters(client, coordinator, holders):
    client.force_login(coordinator)

    response = client.get(reverse("project_holders:export_csv"), {"statut": "diagnostic"})

    content = response.content.decode("utf-8").removeprefix("\ufeff")
    rows = list(csv.DictReader(io.StringIO(content), delimiter=";"))
    assert [row["Projet"] for row in rows] == ["Épicerie « solidaire »"]


def test_the_xlsx_has_the_same_columns(client, coordinator, holders):
    client.force_login(coordinator)

    response = client.get(reverse("project_holders:export_xlsx"))

    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    header = rows[0]
    assert header[:3] == ("Numéro", "Enregistré le", "Nom")
    names = {row[header.index("Nom")] for row in rows[1:]}
    assert "Aminata Koné" in names
    assert len(rows) == 3


def export_rows(client, export):
    response = client.get(reverse(f"project_holders:export_{export}"))
    if export == "xlsx":
        sheet = load_workbook(io.BytesIO(response.content)).active
        return [list(row) for row in sheet.iter_rows(values_only=True)]
    content = response.content.decode("utf-8").removeprefix("\ufeff")
    return list(csv.reader(io.StringIO(content), delimiter=";"))


@pytest.mark.parametrize("export", ["csv", "xlsx"])
def test_both_exports_neutralise_formulas_typed_by_holders(
    client, coordinator, holders, other_organisation, export
):
    """The shared writer (core.spreadsheets) serves both files: what a holder typed in the public
    form never runs as a formula (issue 12), and plain values stay as they were."""
    typed = {
        "@Samira": "@SUM(A1:A9)",
        "+Samira": "+33 6 12 34 56 78",
        "-Samira": "-2+3",
        "\tSamira": "\t=1+1",
    }
    for name, project_name in typed.items():
        ProjectHolderFactory(
            name=name, project_name=project_name, registered_by_organisation=other_organisation
        )
    client.force_login(coordinator)

    rows = export_rows(client, export)

    header = rows[0]
    by_name = {row[header.index("Nom")]: row for row in rows[1:]}
    assert sorted(by_name) == sorted(
        [
            "Aminata Koné",
            '\'=HYPERLINK("http://evil.example")',
            *(f"'{name}" for name in typed),
        ]
    )
    for name, project_name in typed.items():
        assert by_name[f"'{name}"][header.index("Projet")] == f"'{project_name}"
    aminata = by_name["Aminata Koné"]
    assert aminata[header.index("Téléphone")] == "06 12 34 56 78"
    number = aminata[header.index("Numéro")]
    assert number == (str(holders.pk) if export == "csv" else holders.pk)


def test_a_person_exports_everything_kept_about_them(client, coordinator, holder, member):
    FollowUpNoteFactory(holder=holder, author=member, text="Premier rendez-vous.")
    client.force_login(coordinator)

    response = client.get(reverse("project_holders:person_export", args=[holder.pk]))

    assert response["Content-Disposition"] == (
        f'attachment; filename="porteur-de-projet-{holder.pk}.json"'
    )
    data = json.loads(response.content)
    assert data["personne"]["nom"] == "Aminata Koné"
    assert data["personne"]["email"] == "aminata@example.org"
    assert data["projet"]["besoins"] == ["Financement", "Local"]
    assert "m'accompagner gratuitement" in data["consentement"]["texte"]
    assert data["consentement"]["recueilli"] == "Oralement"
    assert data["notes"][0]["texte"] == "Premier rendez-vous."


def test_erasing_asks_for_confirmation_then_blanks_the_person_everywhere(
    client, coordinator, holder, member
):
    FollowUpNoteFactory(holder=holder, author=member, text="Elle habite chez sa sœur.")
    holder.stage = "etude"
    holder._history_user = member
    holder.save()
    client.force_login(coordinator)
    erase_url = reverse("project_holders:erase", args=[holder.pk])

    confirmation = client.get(erase_url)
    assert confirmation.status_code == 200
    assert parse(confirmation).select_one("form button[type=submit]")
    assert ProjectHolder.objects.get().anonymised_at is None

    response = client.post(erase_url)

    assert response.status_code == 302
    holder.refresh_from_db()
    assert holder.anonymised_at is not None
    assert (holder.name, holder.phone, holder.email, holder.project_name) == ("", "", "", "")
    assert holder.status == "recu"
    assert holder.stage == "etude"
    assert FollowUpNote.objects.get().text == ""
    assert not holder.history.exclude(name="").exists()
    assert not holder.history.exclude(phone="").exists()
    assert not FollowUpNote.history.exclude(text="").exists()
    page = client.get(holder.get_absolute_url()).content.decode()
    assert "Aminata" not in page
    history = client.get(reverse("project_holders:history", args=[holder.pk])).content.decode()
    assert "Aminata" not in history
    assert "sœur" not in history
    assert "Données de la personne effacées" in history
    # An erased record can be neither edited nor erased again.
    assert client.get(reverse("project_holders:edit", args=[holder.pk])).status_code == 403
    assert client.post(erase_url).status_code == 302
