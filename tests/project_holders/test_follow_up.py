"""Following a holder: status along the pipeline, outcome on closing, notes, the history page."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from project_holders.enums import HolderStatus, Outcome
from tests.extranet.pages import text
from tests.project_holders.conftest import parse

pytestmark = pytest.mark.django_db


def status_url(holder):
    return reverse("project_holders:status", args=[holder.pk])


def test_a_coordinator_assigns_the_follower_and_moves_the_holder_along(
    client, coordinator, holder, accompanying_organisation
):
    client.force_login(coordinator)

    response = client.post(
        status_url(holder),
        {
            "status": "diagnostic",
            "outcome": "",
            "accompanying_organisation": accompanying_organisation.pk,
        },
    )

    assert response.status_code == 302
    holder.refresh_from_db()
    assert holder.status == HolderStatus.DIAGNOSIS
    assert holder.accompanying_organisation == accompanying_organisation
    assert holder.history.latest().history_user == coordinator


@time_machine.travel(datetime.datetime(2026, 4, 2, 9, tzinfo=datetime.UTC), tick=False)
def test_the_accompanying_organisation_closes_with_an_outcome(
    client, accompanying_member, holder, accompanying_organisation
):
    holder.accompanying_organisation = accompanying_organisation
    holder.save()
    client.force_login(accompanying_member)

    form = parse(client.get(status_url(holder)))
    # Members move the holder; only coordinators choose who accompanies.
    assert form.select_one("[name=accompanying_organisation]") is None

    refused = client.post(status_url(holder), {"status": "cloture", "outcome": ""})
    assert "dites comment le projet s'est terminé" in text(refused)
    holder.refresh_from_db()
    assert holder.status == HolderStatus.RECEIVED

    client.post(status_url(holder), {"status": "accompagne", "outcome": ""})
    client.post(status_url(holder), {"status": "cloture", "outcome": "structure-creee"})

    holder.refresh_from_db()
    assert holder.status == HolderStatus.CLOSED
    assert holder.outcome == Outcome.STRUCTURE_CREATED
    assert holder.closed_on == datetime.date(2026, 4, 2)
    assert holder.supported_on == datetime.date(2026, 4, 2)


def test_an_outcome_without_closing_is_refused(client, coordinator, holder):
    client.force_login(coordinator)

    response = client.post(status_url(holder), {"status": "diagnostic", "outcome": "abandonne"})

    assert response.status_code == 200
    assert "L'issue ne se choisit qu'à la clôture" in text(response)


def test_reopening_clears_the_outcome_and_keeps_the_count(client, coordinator, holder):
    client.force_login(coordinator)
    client.post(status_url(holder), {"status": "cloture", "outcome": "reoriente"})
    holder.refresh_from_db()
    counted_on = holder.supported_on
    assert counted_on

    client.post(status_url(holder), {"status": "diagnostic", "outcome": ""})

    holder.refresh_from_db()
    assert (holder.outcome, holder.closed_on) == ("", None)
    assert holder.supported_on == counted_on


def test_a_member_adds_a_dated_note(client, member, organisation, holder):
    client.force_login(member)

    response = client.post(
        reverse("project_holders:add_note", args=[holder.pk]),
        {"date": "2026-03-02", "text": "Rendez-vous avec la banque : prêt d'honneur accordé."},
    )

    assert response.status_code == 302
    note = holder.notes.get()
    assert (note.author, note.author_organisation) == (member, organisation)
    assert note.date == datetime.date(2026, 3, 2)
    detail = parse(client.get(holder.get_absolute_url()))
    assert "prêt d'honneur accordé" in detail.select_one(".holder-notes").get_text()


def test_an_empty_note_is_refused_next_to_its_field(client, member, holder):
    client.force_login(member)

    response = client.post(
        reverse("project_holders:add_note", args=[holder.pk]), {"date": "2026-02-30", "text": ""}
    )

    assert response.status_code == 200
    assert not holder.notes.exists()
    document = parse(response)
    assert "Écrivez la note." in document.select_one(".holder-note-form").get_text()
    assert "Cette date n'existe pas." in document.select_one(".holder-note-form").get_text()


def test_the_history_says_who_changed_what_and_when(client, member, coordinator, holder):
    client.force_login(member)
    client.post(
        reverse("project_holders:edit", args=[holder.pk]),
        {
            "name": holder.name,
            "phone": holder.phone,
            "email": holder.email,
            "project_name": "Traiteur solidaire des Francs-Moisins",
            "stage": "etude",
            "legal_form": "scop",
            "needs": ["local"],
        },
    )
    client.post(
        reverse("project_holders:add_note", args=[holder.pk]),
        {"date": "2026-03-02", "text": "Visite du local."},
    )
    client.force_login(coordinator)
    client.post(status_url(holder), {"status": "diagnostic", "outcome": ""})

    response = client.get(reverse("project_holders:history", args=[holder.pk]))

    entries = [
        entry.get_text(" ", strip=True)
        for entry in parse(response).select(".holder-history__entry")
    ]
    assert len(entries) == 4
    assert "Statut : Reçu → Diagnostic" in entries[0]
    assert coordinator.last_name in entries[0]
    assert "Note ajoutée" in entries[1]
    assert "Visite du local." in entries[1]
    assert "Nom du projet : Traiteur des Francs-Moisins → Traiteur solidaire" in entries[2]
    assert "Avancement : Idée → Étude" in entries[2]
    assert "Besoins : Financement, Local → Local" in entries[2]
    assert member.last_name in entries[2]
    assert "Enregistrement" in entries[3]
