"""Synonyms: the everyday job names the data migration gives, and the ones editors add."""

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import ValidationError
from django.test import TestCase
from django.urls import reverse

from extranet.permissions import EDITORS_GROUP_NAME
from search.models import Synonym
from tests.home.factories import create_site
from tests.offers.factories import OfferPageFactory
from tests.search.factories import EVERYDAY_JOB_NAMES, SynonymFactory

SEARCH_URL = reverse("search:results")


def result_titles(response):
    html = BeautifulSoup(response.content, "html.parser")
    return [link.get_text(strip=True) for link in html.select("ol.results h2 a")]


class TestEditorsTeachSearchNewWords(TestCase):
    @classmethod
    def setUpTestData(cls):
        create_site()
        OfferPageFactory(
            title="Gardien d'immeuble (H/F)",
            description="<p>Vous sortez les poubelles et vous accueillez les habitants.</p>",
        )
        cls.editor = editor_in_group("Editors")

    def test_a_synonym_added_in_the_admin_is_searched_at_once(self):
        assert result_titles(self.client.get(SEARCH_URL, {"q": "concierge"})) == []
        self.client.force_login(self.editor)

        response = self.client.post(
            reverse("wagtailsnippets_search_synonym:add"),
            {"terms": "gardien d'immeuble\nconcierge"},
        )

        assert response.status_code == 302
        assert Synonym.objects.filter(terms="gardien d'immeuble\nconcierge").exists()
        self.client.logout()
        titles = result_titles(self.client.get(SEARCH_URL, {"q": "concierges"}))
        assert titles == ["Gardien d'immeuble (H/F)"]

    def test_the_admin_list_speaks_french(self):
        self.client.force_login(self.editor)

        response = self.client.get(reverse("wagtailsnippets_search_synonym:list"))

        assert response.status_code == 200
        assert "Synonymes de la recherche" in response.content.decode()

    def test_a_changed_synonym_is_searched_at_once(self):
        synonym = SynonymFactory(terms="gardien, vigie")
        assert result_titles(self.client.get(SEARCH_URL, {"q": "concierge"})) == []

        synonym.terms = "gardien, concierge"
        synonym.save()

        assert result_titles(self.client.get(SEARCH_URL, {"q": "concierge"})) == [
            "Gardien d'immeuble (H/F)"
        ]


def editor_in_group(name):
    """A user of the hub's `name` group, which got its permissions by migration."""
    user = get_user_model().objects.create_user(
        username="editeur", email="editeur@example.org", password=None
    )
    user.groups.add(Group.objects.get(name=name))
    user.user_permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    return user


def test_a_synonym_needs_two_different_terms(db):
    for terms in ["ménage", "ménage, Ménage", "ménage\n, ;"]:
        with pytest.raises(ValidationError) as error:
            Synonym(terms=terms).full_clean()
        assert "terms" in error.value.error_dict, terms

    Synonym(terms="ménage ; agent d'entretien").full_clean()


def test_terms_are_read_one_a_line_or_between_commas():
    synonym = Synonym(terms=" Ménage,agent  d'entretien\n\nagent de propreté ; ménage ")

    assert synonym.term_list() == ["Ménage", "agent d'entretien", "agent de propreté", "ménage"]
    assert synonym.phrases() == [("menage",), ("agent", "entretien"), ("agent", "proprete")]
    assert str(synonym) == "Ménage, agent d'entretien, agent de propreté, ménage"


def test_the_migration_gives_the_everyday_job_names(db):
    seeded = set(Synonym.objects.values_list("terms", flat=True))

    assert set(EVERYDAY_JOB_NAMES) <= seeded
    all_phrases = {phrase for synonym in Synonym.objects.all() for phrase in synonym.phrases()}
    for name in [("cariste",), ("magasinier",), ("menage",), ("plonge",), ("atsem",)]:
        assert name in all_phrases


def test_editors_and_moderators_may_edit_synonyms(db):
    for name in [EDITORS_GROUP_NAME, "Editors"]:
        codenames = set(
            Group.objects.get(name=name)
            .permissions.filter(content_type__app_label="search")
            .values_list("codename", flat=True)
        )
        assert codenames >= {"add_synonym", "change_synonym", "delete_synonym", "view_synonym"}
