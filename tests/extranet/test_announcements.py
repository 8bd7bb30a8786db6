"""The coordinators' announcements: written, changed and deleted in the extranet by coordinators
only; shown on every member's home, newest first, until their last day; plain text only."""

import datetime

import pytest
import time_machine
from django.db import IntegrityError, transaction
from django.urls import reverse

from core.dates import hub_today
from extranet.models import Announcement
from tests.extranet.factories import AnnouncementFactory
from tests.queries import count_queries

pytestmark = pytest.mark.django_db

HOME = reverse("extranet:home")
CREATE = reverse("extranet:announcement_create")


def text(response):
    return response.content.decode().replace("&#x27;", "'")


def test_a_coordinator_publishes_an_announcement_that_members_see_on_their_home(
    client, coordinator, member
):
    client.force_login(coordinator)
    response = client.post(
        CREATE,
        {
            "title": "Rencontre collective de parrainage",
            "text": "Jeudi à 14 h à la Plateforme.\nVenez avec vos filleuls.",
            "link": "https://www.dynamique-emploi.fr/agenda/",
            "visible_until": (hub_today() + datetime.timedelta(days=10)).isoformat(),
        },
        follow=True,
    )
    assert "publiée sur l'accueil de l'espace membres" in text(response)
    assert Announcement.objects.get().created_by == coordinator

    client.force_login(member)
    page = text(client.get(HOME))

    assert "Rencontre collective de parrainage" in page
    # Line breaks kept as such.
    assert "Jeudi à 14 h à la Plateforme.<br>Venez avec vos filleuls." in page
    assert 'href="https://www.dynamique-emploi.fr/agenda/"' in page
    assert "Gérer les annonces" not in page


def test_the_home_shows_current_announcements_newest_first_and_hides_expired_ones(client, member):
    today = hub_today()
    with time_machine.travel(datetime.datetime(2026, 3, 2, 9, tzinfo=datetime.UTC)):
        AnnouncementFactory(title="La plus ancienne")
    with time_machine.travel(datetime.datetime(2026, 3, 9, 9, tzinfo=datetime.UTC)):
        AnnouncementFactory(title="La plus récente", visible_until=today)
    AnnouncementFactory(title="Déjà passée", expired=True)
    client.force_login(member)

    page = text(client.get(HOME))

    assert page.index("La plus récente") < page.index("La plus ancienne")
    # Its last day is today: still shown.
    assert "La plus récente" in page
    assert "Déjà passée" not in page


def test_an_announcement_leaves_the_home_the_day_after_its_last_day(client, member):
    AnnouncementFactory(title="Rencontres pour l'emploi", visible_until=datetime.date(2026, 6, 4))
    client.force_login(member)

    # 23:30 in Paris on its last day (21:30 UTC): still there.
    with time_machine.travel(datetime.datetime(2026, 6, 4, 21, 30, tzinfo=datetime.UTC)):
        assert "Rencontres pour l'emploi" in text(client.get(HOME))
    # 00:30 in Paris the next day (22:30 UTC): gone.
    with time_machine.travel(datetime.datetime(2026, 6, 4, 22, 30, tzinfo=datetime.UTC)):
        assert "Rencontres pour l'emploi" not in text(client.get(HOME))


def test_markup_in_an_announcement_is_shown_as_text(client, coordinator, member):
    AnnouncementFactory(
        title="<script>alert(1)</script>Titre", text='<img src=x onerror="alert(1)">Texte'
    )
    client.force_login(member)

    page = client.get(HOME).content.decode()

    assert "<script>alert(1)</script>" not in page
    assert "<img src=x" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;Titre" in page


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"text": "Un texte."}, "title", "Donnez un titre à l'annonce."),
        ({"title": "Un titre"}, "text", "Écrivez le texte de l'annonce."),
        (
            {"title": "Un titre", "text": "Un texte.", "link": "javascript:alert(1)"},
            "link",
            "Cette adresse n'est pas celle d'une page web.",
        ),
        (
            {"title": "Un titre", "text": "Un texte.", "visible_until": "2026-02-30"},
            "visible_until",
            "Cette date n'existe pas.",
        ),
        (
            {"title": "Un titre", "text": "Un texte.", "visible_until": "2020-01-01"},
            "visible_until",
            "Cette date est passée",
        ),
        ({"title": "x" * 151, "text": "Un texte."}, "title", "150 caractères"),
        ({"title": "Un titre", "text": "x" * 1501}, "text", "1500 caractères"),
    ],
)
def test_mistakes_are_explained_next_to_their_field(client, coordinator, data, field, message):
    client.force_login(coordinator)

    response = client.post(CREATE, data)

    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors[field])
    assert f'id="id_{field}_error"' in text(response)
    assert not Announcement.objects.exists()


def test_a_link_without_its_scheme_is_completed(client, coordinator):
    client.force_login(coordinator)

    client.post(CREATE, {"title": "Un titre", "text": "Un texte.", "link": "www.example.org/x"})

    assert Announcement.objects.get().link == "https://www.example.org/x"


def test_a_coordinator_edits_and_deletes_an_announcement(client, coordinator):
    announcement = AnnouncementFactory(title="Guide de la clause sociale")
    client.force_login(coordinator)
    listing = text(client.get(reverse("extranet:announcements")))
    assert "Guide de la clause sociale" in listing

    client.post(
        reverse("extranet:announcement_edit", args=[announcement.pk]),
        {"title": "Nouveau guide de la clause sociale", "text": "À lire dans les ressources."},
    )
    announcement.refresh_from_db()
    assert announcement.title == "Nouveau guide de la clause sociale"

    confirm = text(client.get(reverse("extranet:announcement_delete", args=[announcement.pk])))
    assert "Supprimer l'annonce « Nouveau guide de la clause sociale » ?" in confirm
    response = client.post(
        reverse("extranet:announcement_delete", args=[announcement.pk]), follow=True
    )

    assert "supprimée" in text(response)
    assert not Announcement.objects.exists()


def test_editing_a_past_announcement_keeps_its_date(client, coordinator):
    announcement = AnnouncementFactory(title="Ancienne", expired=True)
    client.force_login(coordinator)
    listing = text(client.get(reverse("extranet:announcements")))
    assert "Expirée" in listing

    response = client.post(
        reverse("extranet:announcement_edit", args=[announcement.pk]),
        {
            "title": "Ancienne, corrigée",
            "text": "Texte.",
            "visible_until": announcement.visible_until.isoformat(),
        },
    )

    assert response.status_code == 302


def test_a_member_is_told_who_may_announce(client, org_admin):
    client.force_login(org_admin)

    response = client.get(CREATE)

    assert response.status_code == 403
    assert "Seule l'équipe de coordination publie les annonces" in text(response)


def test_an_announcement_without_title_is_refused_by_the_database():
    with pytest.raises(IntegrityError), transaction.atomic():
        Announcement.objects.create(title="", text="Un texte.")


def queries_for(client, url):
    return count_queries(client, url)


@pytest.mark.parametrize("role", ["member", "coordinator"])
def test_the_home_and_the_list_run_the_same_queries_for_2_or_8_announcements(client, request, role):
    client.force_login(request.getfixturevalue(role))
    urls = [HOME] + ([reverse("extranet:announcements")] if role == "coordinator" else [])
    AnnouncementFactory.create_batch(2, link="https://www.example.org/")
    few = [queries_for(client, url) for url in urls]
    AnnouncementFactory.create_batch(6)
    AnnouncementFactory.create_batch(2, expired=True)

    assert [queries_for(client, url) for url in urls] == few
