"""« Organisations choisies »: a resource shared with the organisations its owner picks (issue 14).

The owning organisation (Régie de quartier) shares a file with one chosen organisation (Entrepôts
du Canal); a third one (Boulangerie des Remparts) was not chosen. Who gets what on the listing,
the detail page and both downloads; the form that picks them; the listing's queries.
"""

import pytest
from django.urls import reverse

from resources.enums import Audience
from resources.models import Resource
from resources.permissions import latest_for, resources_visible_to
from tests.core.factories import pdf_bytes
from tests.extranet.factories import MembershipFactory
from tests.organisations.factories import OrganisationFactory
from tests.queries import count_queries
from tests.resources.factories import ResourceFactory
from tests.resources.test_sharing import form_data, upload

SIGN_IN = "sign-in"
LIST = reverse("resources:list")


@pytest.fixture
def unchosen_organisation(db):
    return OrganisationFactory(name="Boulangerie des Remparts")


@pytest.fixture
def unchosen_member(unchosen_organisation):
    return MembershipFactory(organisation=unchosen_organisation).user


def shared_with(resource, *organisations):
    resource.audience = Audience.CHOSEN_ORGANISATIONS
    resource.save()
    resource.shared_with.set(organisations)
    return resource


@pytest.fixture
def chosen(organisation, other_organisation, member):
    """The Régie's file, shared with the Entrepôts du Canal only."""
    return shared_with(
        ResourceFactory(organisation=organisation, shared_by=member, title="Planning partagé"),
        other_organisation,
    )


def urls(resource):
    return {
        "detail": reverse("resources:detail", args=[resource.pk]),
        "download": reverse("resources:download", args=[resource.pk]),
        "version": reverse(
            "resources:version_download", args=[resource.pk, resource.current_version.pk]
        ),
    }


# persona → expected answer on the detail page and both downloads, and whether it is listed.
EXPECTED = {
    "anonymous": (SIGN_IN, False),
    "member": (200, True),  # the owner's member
    "other_member": (200, True),  # a member of the chosen organisation
    "unchosen_member": (404, False),
    "coordinator": (200, True),
    "outsider": (403, False),
}


@pytest.mark.parametrize("persona", EXPECTED)
def test_each_person_gets_what_the_chosen_audience_says(client, request, chosen, persona):
    expected, listed = EXPECTED[persona]
    if persona != "anonymous":
        client.force_login(request.getfixturevalue(persona))

    for name, url in urls(chosen).items():
        response = client.get(url)
        if expected == SIGN_IN:
            assert response.status_code == 302, name
            assert response.url.startswith(reverse("account_login"))
        else:
            assert response.status_code == expected, name
        if name != "detail" and response.status_code == 200:
            assert b"".join(response.streaming_content) == pdf_bytes(chosen.title)

    listing = client.get(LIST)
    if listing.status_code == 200:
        page = listing.content.decode()
        assert (f'href="{chosen.get_absolute_url()}"' in page) == listed
        assert ("Planning partagé" in page) == listed


def test_a_chosen_organisations_member_sees_it_but_may_not_change_it(client, chosen, other_member):
    client.force_login(other_member)

    assert client.get(reverse("resources:edit", args=[chosen.pk])).status_code == 403
    assert client.post(reverse("resources:delete", args=[chosen.pk])).status_code == 403
    assert Resource.objects.filter(pk=chosen.pk).exists()


def test_shared_with_several_it_is_listed_once_and_latest_follows(
    chosen, other_organisation, unchosen_organisation, other_member, unchosen_member, member
):
    chosen.shared_with.add(unchosen_organisation)

    assert list(resources_visible_to(other_member)) == [chosen]
    assert list(resources_visible_to(unchosen_member)) == [chosen]
    assert list(latest_for(member)) == [chosen]


def test_the_chosen_organisations_count_only_with_that_audience(
    organisation, other_organisation, other_member
):
    # Organisations left from an earlier « Organisations choisies » open nothing.
    resource = ResourceFactory(organisation=organisation, organisation_only=True)
    resource.shared_with.set([other_organisation])

    assert not resources_visible_to(other_member).filter(pk=resource.pk).exists()


def test_the_listing_runs_the_same_number_of_queries_whatever_is_shared(
    client, organisation, other_organisation, unchosen_organisation, other_member
):
    def add(count):
        for number in range(count):
            resource = ResourceFactory(organisation=organisation, tags=[f"t{number}"], file=False)
            shared_with(resource, other_organisation, unchosen_organisation)
            ResourceFactory(organisation=unchosen_organisation, organisation_only=True, file=False)

    client.force_login(other_member)
    add(1)
    few = count_queries(client, LIST)
    add(8)
    many = count_queries(client, LIST)

    assert len(client.get(LIST).context["resources"]) == 9
    assert many == few


# --- The form ---------------------------------------------------------------------------------


def test_a_member_shares_a_file_with_chosen_organisations(
    client, member, organisation, other_organisation, unchosen_organisation
):
    client.force_login(member)

    response = client.post(
        reverse("resources:create"),
        form_data(
            audience=Audience.CHOSEN_ORGANISATIONS,
            shared_with=[other_organisation.pk],
            file=upload(pdf_bytes("Planning")),
        ),
    )

    resource = Resource.objects.get()
    assert response.status_code == 302
    assert resource.audience == Audience.CHOSEN_ORGANISATIONS
    assert list(resource.shared_with.all()) == [other_organisation]
    # The owner sees whom it is shared with.
    page = client.get(response.url).content.decode()
    assert "Partagée avec" in page
    assert "Entrepôts du Canal" in page
    assert "Organisations choisies" in page


def test_the_form_offers_every_other_active_organisation_but_not_ones_own(
    client, member, organisation, other_organisation, unchosen_organisation
):
    OrganisationFactory(name="Association archivée", is_archived=True)
    client.force_login(member)

    form = client.get(reverse("resources:create")).context["form"]

    assert list(form.fields["shared_with"].queryset) == [unchosen_organisation, other_organisation]
    assert form.fields["shared_with"].help_text == (
        "Votre organisation et les coordinateurs la voient toujours."
    )
    assert ("organisations", "Organisations choisies") in form.fields["audience"].choices


def test_chosen_organisations_without_any_organisation_is_refused_next_to_the_field(client, member):
    client.force_login(member)

    response = client.post(
        reverse("resources:create"),
        form_data(audience=Audience.CHOSEN_ORGANISATIONS, url="https://www.example.org/a"),
    )

    assert response.status_code == 200
    assert response.context["form"].errors["shared_with"] == [
        "Cochez au moins une organisation qui verra la ressource, ou choisissez un autre public."
    ]
    page = response.content.decode()
    assert 'id="id_shared_with_error"' in page
    # What was typed is kept.
    assert 'value="Guide de la mobilité"' in page
    assert not Resource.objects.exists()


def test_an_unknown_organisation_is_refused_not_a_500(client, member):
    client.force_login(member)

    response = client.post(
        reverse("resources:create"),
        form_data(
            audience=Audience.CHOSEN_ORGANISATIONS,
            shared_with=["999999", "pas un nombre"],
            url="https://www.example.org/a",
        ),
    )

    assert response.status_code == 200
    assert "shared_with" in response.context["form"].errors
    assert not Resource.objects.exists()


def test_another_audience_forgets_the_organisations_ticked(
    client, member, organisation, other_organisation
):
    resource = shared_with(ResourceFactory(organisation=organisation), other_organisation)
    client.force_login(member)

    response = client.post(
        reverse("resources:edit", args=[resource.pk]),
        form_data(audience=Audience.ALL_MEMBERS, shared_with=[other_organisation.pk]),
    )

    assert response.status_code == 302
    resource.refresh_from_db()
    assert resource.audience == Audience.ALL_MEMBERS
    assert not resource.shared_with.exists()


def test_editing_keeps_the_chosen_organisations_even_one_archived_since(
    client, member, organisation, other_organisation, unchosen_organisation
):
    resource = shared_with(
        ResourceFactory(organisation=organisation), other_organisation, unchosen_organisation
    )
    unchosen_organisation.is_archived = True
    unchosen_organisation.save()
    client.force_login(member)

    form = client.get(reverse("resources:edit", args=[resource.pk])).context["form"]
    assert set(form["shared_with"].value()) == {other_organisation.pk, unchosen_organisation.pk}

    client.post(
        reverse("resources:edit", args=[resource.pk]),
        form_data(
            title="Titre changé",
            audience=Audience.CHOSEN_ORGANISATIONS,
            shared_with=form["shared_with"].value(),
        ),
    )
    resource.refresh_from_db()
    assert resource.title == "Titre changé"
    assert set(resource.shared_with.all()) == {other_organisation, unchosen_organisation}


def test_the_chosen_organisations_are_named_only_to_those_who_may_change_it(
    client, chosen, other_member, coordinator
):
    client.force_login(other_member)
    page = client.get(chosen.get_absolute_url()).content.decode()
    assert "Organisations choisies" in page
    assert "Partagée avec" not in page

    client.force_login(coordinator)
    page = client.get(chosen.get_absolute_url()).content.decode()
    assert "Partagée avec" in page


def test_a_coordinator_sees_and_changes_the_chosen_organisations_in_the_admin(
    client, django_user_model, chosen, unchosen_organisation
):
    superuser = django_user_model.objects.create_superuser(
        "admin", "admin@example.org", "un-mot-de-passe-solide"
    )
    client.force_login(superuser)
    edit = reverse("ressources:edit", args=[chosen.pk])

    page = client.get(edit).content.decode()
    assert "Boulangerie des Remparts" in page

    client.post(
        edit,
        {
            "title": chosen.title,
            "description": chosen.description,
            "kind": chosen.kind,
            "tags": "",
            "audience": Audience.CHOSEN_ORGANISATIONS,
            "shared_with": [unchosen_organisation.pk],
        },
    )
    assert list(chosen.shared_with.all()) == [unchosen_organisation]


def test_the_admin_holds_the_chosen_organisations_to_the_extranets_rule(
    client, django_user_model, chosen, unchosen_organisation
):
    superuser = django_user_model.objects.create_superuser(
        "admin", "admin@example.org", "un-mot-de-passe-solide"
    )
    client.force_login(superuser)
    edit = reverse("ressources:edit", args=[chosen.pk])
    data = {
        "title": chosen.title,
        "description": chosen.description,
        "kind": chosen.kind,
        "tags": "",
    }

    # « Organisations choisies » without one: refused beside the field, nothing changed.
    response = client.post(edit, {**data, "audience": Audience.CHOSEN_ORGANISATIONS})
    assert response.status_code == 200
    assert "Cochez au moins une organisation" in response.content.decode()
    assert chosen.shared_with.exists()

    # Another audience: the organisations ticked before are let go.
    client.post(
        edit,
        {**data, "audience": Audience.ALL_MEMBERS, "shared_with": [unchosen_organisation.pk]},
    )
    chosen.refresh_from_db()
    assert chosen.audience == Audience.ALL_MEMBERS
    assert not chosen.shared_with.exists()
