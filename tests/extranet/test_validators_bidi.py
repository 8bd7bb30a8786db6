"""An announcement's link cannot hold a direction control character (issue 12): every member
would be shown another address than the one they follow."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from extranet.models import Announcement

pytestmark = pytest.mark.django_db

CREATE = reverse("extranet:announcement_create")


def test_a_reversed_link_is_refused_next_to_its_field_and_the_rest_is_kept(client, coordinator):
    client.force_login(coordinator)

    response = client.post(
        CREATE,
        {
            "title": "Forum de l'alternance",
            "text": "Inscrivez vos candidats.",
            "link": "https://www.example.org/\u202efdp.exe",
        },
    )

    assert response.status_code == 200
    assert "caractères invisibles qui changent le sens d'affichage" in " ".join(
        response.context["form"].errors["link"]
    )
    page = BeautifulSoup(response.content, "html.parser")
    assert page.select_one("#id_link_error") is not None
    assert page.select_one("[name=title]")["value"] == "Forum de l'alternance"
    assert page.select_one("[name=text]").get_text().strip() == "Inscrivez vos candidats."
    assert not Announcement.objects.exists()
