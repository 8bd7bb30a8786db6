"""What a member types in the sharing form that must not go through (issue 12): a link shown
reversed, an endless description. Refused next to the field, with everything else kept."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from resources.models import Resource
from tests.resources.factories import ResourceFactory
from tests.resources.test_sharing import form_data, share

REVERSED_LINK = "https://www.example.org/\u202egpj.exe"
BIDI_MESSAGE = "caractères invisibles qui changent le sens d'affichage"


def field_error(response, name):
    return " ".join(response.context["form"].errors[name])


def typed(response, name):
    page = BeautifulSoup(response.content, "html.parser")
    field = page.select_one(f"[name={name}]")
    return field.get_text() if field.name == "textarea" else field.get("value")


@pytest.mark.parametrize(
    "character", ["\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2069"]
)
def test_a_link_with_a_direction_control_is_refused_and_the_rest_is_kept(client, member, character):
    """« https://www.example.org/‮gpj.exe » shows as an image's address to whoever reads it."""
    client.force_login(member)

    response = share(client, url=f"https://www.example.org/{character}guide.pdf")

    assert response.status_code == 200
    assert BIDI_MESSAGE in field_error(response, "url")
    assert 'id="id_url_error"' in response.content.decode()
    assert typed(response, "title") == "Guide de la mobilité"
    assert typed(response, "description").strip() == "Les aides au permis et aux transports."
    assert not Resource.objects.exists()


def test_changing_a_link_to_a_reversed_one_is_refused(client, member, organisation):
    link = ResourceFactory(organisation=organisation, shared_by=member, link=True)
    client.force_login(member)

    response = client.post(reverse("resources:edit", args=[link.pk]), form_data(url=REVERSED_LINK))

    assert BIDI_MESSAGE in field_error(response, "url")
    link.refresh_from_db()
    assert link.url == "https://www.example.org/guide"


def test_a_description_of_2000_characters_is_accepted(client, member):
    client.force_login(member)

    response = share(client, url="https://www.example.org/", description="a" * 2000)

    assert response.status_code == 302
    assert len(Resource.objects.get().description) == 2000


def test_a_longer_description_is_refused_and_kept_to_be_shortened(client, member):
    client.force_login(member)

    response = share(client, url="https://www.example.org/", description="a" * 2001)

    assert response.status_code == 200
    assert field_error(response, "description") == (
        "La description fait 2001 caractères : 2000 au plus, s'il vous plaît. Mettez le reste "
        "dans un fichier partagé."
    )
    assert typed(response, "description").strip() == "a" * 2001
    assert typed(response, "title") == "Guide de la mobilité"
    assert not Resource.objects.exists()
