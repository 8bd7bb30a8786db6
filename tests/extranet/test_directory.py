"""The member directory: who is listed, the contact each organisation chose to show, search,
filters, pagination, the card an organisation's admin edits, and its number of queries."""

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from organisations.enums import OrganisationKind
from tests.extranet.factories import MembershipFactory
from tests.organisations.factories import OrganisationFactory
from tests.queries import count_queries
from tests.reference.factories import NeighbourhoodFactory, SectorFactory

pytestmark = pytest.mark.django_db

DIRECTORY = reverse("extranet:directory")


def names(response):
    return [organisation.name for organisation in response.context["organisations"]]


def text(response):
    return response.content.decode().replace("&#x27;", "'")


@pytest.fixture
def network(organisation, other_organisation):
    """The two organisations of tests/extranet/people.py, and others around them."""
    cleaning = SectorFactory(proprete=True)
    logistics = SectorFactory(logistique=True)
    francs_moisins = NeighbourhoodFactory(name="Francs-Moisins")
    les_4000 = NeighbourhoodFactory(name="Les 4000", commune="La Courneuve")
    organisation.kind = OrganisationKind.INSERTION
    organisation.sector = cleaning
    organisation.neighbourhood = francs_moisins
    organisation.save()
    other_organisation.sector = logistics
    other_organisation.neighbourhood = francs_moisins
    other_organisation.contact_name = "Julien Moreau"
    other_organisation.contact_role = "Responsable du recrutement"
    other_organisation.contact_email = "recrutement@entrepots-canal.example"
    other_organisation.contact_phone = "01 49 33 12 00"
    other_organisation.directory_contact_shown = True
    other_organisation.save()
    return {
        "mission_locale": OrganisationFactory(
            name="Mission locale Objectif Emploi",
            kind=OrganisationKind.ASSOCIATION,
            neighbourhood=les_4000,
            # Filled in, but not to be shown.
            contact_name="Sophie Durand",
            contact_email="sophie.durand@mission-locale.example",
            directory_contact_shown=False,
        ),
        "archived": OrganisationFactory(name="Ancienne association", archived=True),
        "cleaning": cleaning,
        "francs_moisins": francs_moisins,
    }


def test_a_member_sees_every_active_organisation_and_the_contacts_they_chose_to_show(
    client, member, network
):
    client.force_login(member)

    response = client.get(DIRECTORY)

    assert names(response) == [
        "Entrepôts du Canal",
        "Mission locale Objectif Emploi",
        "Régie de quartier des Francs-Moisins",
    ]
    page = text(response)
    assert "Ancienne association" not in page
    assert "Julien Moreau" in page
    assert "Responsable du recrutement" in page
    assert 'href="mailto:recrutement@entrepots-canal.example"' in page
    assert 'href="tel:0149331200"' in page
    # Filled in but not chosen to be shown.
    assert "Sophie Durand" not in page
    assert "sophie.durand@mission-locale.example" not in page
    assert "Pas de contact affiché dans l'annuaire." in page
    assert "votre organisation" in page
    assert "Propreté" in page
    assert "Francs-Moisins" in page


def test_search_by_name_and_filters_by_kind_sector_and_neighbourhood(client, member, network):
    client.force_login(member)

    assert names(client.get(DIRECTORY, {"q": "MISSION"})) == ["Mission locale Objectif Emploi"]
    assert names(client.get(DIRECTORY, {"type": OrganisationKind.INSERTION})) == [
        "Régie de quartier des Francs-Moisins"
    ]
    assert names(client.get(DIRECTORY, {"filiere": network["cleaning"].pk})) == [
        "Régie de quartier des Francs-Moisins"
    ]
    assert names(client.get(DIRECTORY, {"quartier": network["francs_moisins"].pk})) == [
        "Entrepôts du Canal",
        "Régie de quartier des Francs-Moisins",
    ]
    nothing = client.get(DIRECTORY, {"q": "boulangerie"})
    assert names(nothing) == []
    assert "Aucune organisation ne correspond à votre recherche." in text(nothing)


@pytest.mark.parametrize(
    "query",
    [
        {"page": "999"},
        {"page": "abc"},
        {"type": "inconnu"},
        {"filiere": "abc"},
        {"filiere": "999999"},
        {"quartier": "-1"},
        {"q": "x" * 1000},
    ],
)
def test_odd_addresses_never_break_the_directory(client, member, network, query):
    client.force_login(member)

    response = client.get(DIRECTORY, query)

    assert response.status_code == 200
    assert len(names(response)) >= 1


def test_an_unknown_filter_value_is_said_and_ignored(client, member, network):
    client.force_login(member)

    response = client.get(DIRECTORY, {"type": "inconnu"})

    assert len(names(response)) == 3
    assert "Sélectionnez un choix valide" in text(response)


def test_twenty_a_page_with_the_filters_kept(client, member, organisation):
    OrganisationFactory.create_batch(22, kind=OrganisationKind.ASSOCIATION)
    client.force_login(member)

    first = client.get(DIRECTORY, {"type": OrganisationKind.ASSOCIATION})
    second = client.get(DIRECTORY, {"type": OrganisationKind.ASSOCIATION, "page": "2"})

    assert len(names(first)) == 20
    assert len(names(second)) == 2
    assert "type=association&amp;page=2" in text(first)


def test_a_card_shows_the_organisation_and_its_chosen_contact(client, member, network):
    client.force_login(member)
    canal = network["mission_locale"]

    page = text(client.get(reverse("extranet:directory_card", args=[canal.pk])))

    assert "Mission locale Objectif Emploi" in page
    assert "Pas de contact affiché dans l'annuaire." in page
    assert "Sophie Durand" not in page
    # Only its admins and the coordinators may change it.
    assert "Modifier le contact affiché" not in page


def test_an_archived_organisations_card_does_not_exist(client, coordinator, network):
    client.force_login(coordinator)

    response = client.get(reverse("extranet:directory_card", args=[network["archived"].pk]))

    assert response.status_code == 404


def test_an_admin_chooses_the_contact_and_the_directory_shows_it(
    client, org_admin, member, organisation
):
    client.force_login(org_admin)
    home = text(client.get(reverse("extranet:home")))
    edit = reverse("extranet:directory_card_edit", args=[organisation.pk])
    assert f'href="{edit}"' in home

    response = client.post(
        edit,
        {
            "contact_name": "Samia Haddad",
            "contact_role": "Directrice",
            "contact_email": "accueil@regie-francs-moisins.example",
            "contact_phone": "+33 6.12.34.56.78",
            "directory_contact_shown": "on",
        },
        follow=True,
    )

    assert "son contact figure dans l'annuaire" in text(response)
    organisation.refresh_from_db()
    # Written the way people dial it.
    assert organisation.contact_phone == "06 12 34 56 78"
    client.force_login(member)
    page = text(client.get(DIRECTORY))
    assert "Samia Haddad" in page
    assert "Directrice" in page
    assert 'href="tel:0612345678"' in page


def test_a_member_does_not_see_the_link_to_edit_the_card(client, member, organisation):
    client.force_login(member)

    home = text(client.get(reverse("extranet:home")))

    assert "Ouvrir l'annuaire des membres" in home
    assert reverse("extranet:directory_card_edit", args=[organisation.pk]) not in home


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        (
            {"contact_name": "Samia Haddad", "directory_contact_shown": "on"},
            "contact_email",
            "Pour afficher ce contact dans l'annuaire, indiquez un e-mail ou un téléphone.",
        ),
        ({"contact_email": "samia@"}, "contact_email", "Cette adresse e-mail n'est pas complète."),
        ({"contact_phone": "12 34"}, "contact_phone", "Ce numéro de téléphone ne semble pas"),
        ({"contact_name": "x" * 151}, "contact_name", "150 caractères"),
    ],
)
def test_mistakes_are_explained_next_to_their_field(
    client, org_admin, organisation, data, field, message
):
    client.force_login(org_admin)

    response = client.post(reverse("extranet:directory_card_edit", args=[organisation.pk]), data)

    assert response.status_code == 200
    form = response.context["form"]
    assert message in " ".join(form.errors[field])
    page = text(response)
    assert f'id="id_{field}_error"' in page
    assert "Le formulaire contient des erreurs" in page
    organisation.refresh_from_db()
    assert not organisation.directory_contact_shown
    assert organisation.contact_name == ""


def test_a_contact_shown_without_email_nor_phone_is_refused_by_the_database(organisation):
    organisation.directory_contact_shown = True
    organisation.contact_name = "Samia Haddad"

    with pytest.raises(IntegrityError), transaction.atomic():
        organisation.save()


def test_hiding_the_contact_keeps_it_for_later(client, org_admin, member, organisation):
    organisation.contact_name = "Samia Haddad"
    organisation.contact_email = "accueil@regie-francs-moisins.example"
    organisation.directory_contact_shown = True
    organisation.save()
    client.force_login(org_admin)

    client.post(
        reverse("extranet:directory_card_edit", args=[organisation.pk]),
        {"contact_name": "Samia Haddad", "contact_email": "accueil@regie-francs-moisins.example"},
    )

    organisation.refresh_from_db()
    assert organisation.contact_email == "accueil@regie-francs-moisins.example"
    client.force_login(member)
    assert "Samia Haddad" not in text(client.get(DIRECTORY))


def test_a_coordinator_edits_any_organisations_card(client, coordinator, other_organisation):
    client.force_login(coordinator)

    response = client.post(
        reverse("extranet:directory_card_edit", args=[other_organisation.pk]),
        {"contact_phone": "01 49 33 12 00", "directory_contact_shown": "on"},
    )

    assert response.status_code == 302
    other_organisation.refresh_from_db()
    assert other_organisation.has_directory_contact


def queries_for(client, url, query):
    return count_queries(client, url, query), client.get(url, query)


def test_the_directory_runs_the_same_queries_for_3_or_15_organisations(client, member, network):
    def add_organisations(number):
        for index in range(number):
            OrganisationFactory(
                kind=OrganisationKind.ASSOCIATION,
                sector=SectorFactory(),
                neighbourhood=NeighbourhoodFactory(),
                contact_name=f"Contact {index}",
                contact_email=f"contact{index}@example.org",
                directory_contact_shown=index % 2 == 0,
            )
            MembershipFactory(organisation=OrganisationFactory(), admin=True)

    client.force_login(member)
    query = {"type": OrganisationKind.ASSOCIATION}
    add_organisations(2)
    few, _response = queries_for(client, DIRECTORY, query)
    add_organisations(12)
    many, response = queries_for(client, DIRECTORY, query)

    assert many == few
    assert len(names(response)) == 15
    # Session, user, groups, membership, site, count, the page, sectors, neighbourhoods, site
    # settings (footer); a savepoint or two on PostgreSQL.
    assert few <= 15
