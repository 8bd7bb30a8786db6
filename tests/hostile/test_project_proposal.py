"""Hostile values in « Je porte un projet ESS », the public form of project holders.

Every field gets random and hostile values (very long strings, odd Unicode, NUL bytes, markup,
wrong types, ids that do not exist, repeated fields): never a 500; a refused form comes back with
a French message next to each field in error, linked to its input; a proposal that goes through
is stored cleaned, and the coordinators' pages in the extranet (list, record, history) and their
e-mail show it as text, never as live markup.
"""

import csv
import io

from django.core import mail
from django.test import override_settings
from django.urls import reverse
from hypothesis import event, example, given, settings
from hypothesis import strategies as st

from core.forms import HONEYPOT_FIELD
from project_holders.enums import AgeBand, HolderStatus, LegalForm, Need, ProjectStage
from project_holders.models import ProjectHolder
from tests.core.factories import SiteSettingsFactory
from tests.extranet.factories import CoordinatorFactory, activate_totp
from tests.home.factories import create_site
from tests.hostile.inputs import (
    MARKUP,
    NUMBERS,
    WRONG_TYPES,
    HostileTestCase,
    assert_handled,
    assert_no_live_markup,
    assert_shows_text,
    examples,
    hostile_text,
    parse,
    single_line,
)
from tests.hostile.test_forms import (
    assert_stored_as_cleaned,
    consents,
    emails,
    honeypots,
    markup_free,
    names,
    phones,
    post_data,
    repeated,
)
from tests.project_holders.factories import ProjectProposalPageFactory
from tests.reference.factories import NeighbourhoodFactory, SectorFactory

# Django's own messages, had they been left untranslated (the site speaks French).
ENGLISH_MESSAGES = (
    "This field",
    "Enter a",
    "Select a",
    "Ensure this",
    "Null characters",
    "is not one of the available choices",
)


def choice(values):
    """A valid value most of the time, else anything."""
    return st.one_of(
        st.sampled_from(values),
        st.sampled_from(values),
        st.sampled_from(["", *NUMBERS, *WRONG_TYPES]),
        hostile_text,
    )


project_names = st.one_of(
    st.sampled_from(["Traiteur des Francs-Moisins", "Ressourcerie « La Fabrique »", "Café\r\n"]),
    st.sampled_from(MARKUP).map(lambda markup: f"Cantine {markup}"),
    hostile_text,
)
descriptions = st.one_of(
    st.sampled_from(MARKUP),
    st.sampled_from(MARKUP).map(lambda markup: f"Un atelier vélo.\n\n{markup}\n— fin"),
    hostile_text,
)
needs = st.one_of(
    st.lists(st.sampled_from(Need.values), max_size=4, unique=True),
    st.lists(choice(Need.values), max_size=4),
)


# What holds one field with its label, hint and error (components/forms/field.html, consent.html).
FIELD_BLOCKS = ["form-field", "form-check"]


def has_line_break(text):
    """What Django refuses in an e-mail header."""
    return "\n" in text or "\r" in text


def assert_errors_next_to_their_fields(response):
    """Each error is in French, inside its field's block (the field, or the fieldset of a set of
    radio buttons or checkboxes), and the summary at the top links to that field; an error
    beside a single input is named by the input's aria-describedby."""
    page = parse(response)
    errors = page.select(".form-field__error")
    assert errors, "A refused form with no message beside any field"
    for error in errors:
        text = " ".join(error.get_text(" ").split())
        assert text, "An empty error message"
        assert not any(english in text for english in ENGLISH_MESSAGES), text
        block = error.find_parent(class_=FIELD_BLOCKS) or error.find_parent("fieldset")
        assert block is not None, f"An error outside any field: {text}"
        if block.name == "fieldset":
            field_ids = [block.get("id")] if block.get("id") else []
            field_ids += [element["id"] for element in block.select("input[id]")]
        else:
            field_ids = [element["id"] for element in block.select("input, select, textarea")]
        assert field_ids, f"No field beside the error {text!r}"
        assert any(page.select_one(f'a[href="#{field_id}"]') for field_id in field_ids), (
            f"No link to {field_ids} in the error summary"
        )
        if error.get("id"):
            described = page.select(f'[aria-describedby~="{error["id"]}"]')
            assert described, f"No input described by {error['id']}"


@override_settings(PUBLIC_FORM_RATE="1000/m")
class ProjectProposalTests(HostileTestCase):
    @classmethod
    def setUpTestData(cls):
        SiteSettingsFactory()
        home = create_site()
        cls.page = ProjectProposalPageFactory(parent=home)
        cls.neighbourhood = NeighbourhoodFactory()
        cls.sector = SectorFactory()
        cls.coordinator = CoordinatorFactory(email="coordination@example.org")
        activate_totp(cls.coordinator)

    def send(self, data):
        with self.captureOnCommitCallbacks(execute=True):
            return self.client.post(self.page.url, data)

    @settings(max_examples=examples(60))
    @given(
        name=names,
        phone=phones,
        email=emails,
        neighbourhood=st.one_of(st.just("valid"), choice([""])),
        age_band=choice(AgeBand.values),
        project_name=project_names,
        project_description=descriptions,
        sector=st.one_of(st.just("valid"), choice([""])),
        stage=choice(ProjectStage.values),
        legal_form=choice(LegalForm.values),
        needs=needs,
        consent=consents,
        consent_to_sharing=consents,
        website=honeypots,
    )
    @example(
        name=f"Awa {MARKUP[1]}",
        phone="06 12 34 56 78",
        email="awa@example.org",
        neighbourhood="valid",
        age_band="26-44",
        project_name=f"Cantine {MARKUP[0]}",
        project_description=MARKUP[3],
        sector="valid",
        stage="idee",
        legal_form="scop",
        needs=["financement"],
        consent="on",
        consent_to_sharing="on",
        website="",
    )
    @example(
        name="Awa Diallo",
        phone="06 12 34 56 78",
        email="",
        neighbourhood="valid",
        age_band="26-44",
        project_name="Cantine\r\nBcc: x@example.org",
        project_description="Un atelier.",
        sector="",
        stage="idee",
        legal_form="scop",
        needs=[],
        consent="on",
        consent_to_sharing="",
        website="",
    )
    def test_a_proposal_is_refused_with_errors_or_stored_as_text(
        self,
        name,
        phone,
        email,
        neighbourhood,
        age_band,
        project_name,
        project_description,
        sector,
        stage,
        legal_form,
        needs,
        consent,
        consent_to_sharing,
        website,
    ):
        data = post_data(
            name=name,
            phone=phone,
            email=email,
            neighbourhood=self.neighbourhood.pk if neighbourhood == "valid" else neighbourhood,
            age_band=age_band,
            project_name=project_name,
            project_description=project_description,
            sector=self.sector.pk if sector == "valid" else sector,
            stage=stage,
            legal_form=legal_form,
            needs=needs,
            consent=consent,
            consent_to_sharing=consent_to_sharing,
            **{HONEYPOT_FIELD: website},
        )
        response = self.send(data)
        event(f"status {response.status_code}")
        assert_handled(response, expected=(200, 303))
        assert_no_live_markup(response.content)
        holder = ProjectHolder.objects.first()
        if response.status_code == 200:
            assert holder is None
            assert_errors_next_to_their_fields(response)
            # Nothing typed is lost.
            field = parse(response).find("input", attrs={"name": "project_name"})
            if markup_free(project_name):
                assert field.get("value", "") == project_name
            return
        if website.strip():
            assert holder is None, "A bot's proposal was kept"
            return
        assert holder is not None
        assert holder.status == HolderStatus.TO_QUALIFY
        assert_stored_as_cleaned(holder, name)
        assert "\x00" not in holder.project_name + holder.project_description
        assert set(holder.needs) <= set(Need.values)
        self.assert_shown_as_text(holder)

    def assert_shown_as_text(self, holder):
        if has_line_break(holder.project_name):
            # A known bug (test_a_line_break_in_the_project_name_still_notifies): no e-mail.
            assert not mail.outbox
        else:
            self.assert_e_mail_shows_it_as_text(holder)
        self.assert_extranet_shows_it_as_text(holder)

    def assert_e_mail_shows_it_as_text(self, holder):
        [notification] = mail.outbox
        assert "\n" not in notification.subject and "\r" not in notification.subject
        assert single_line(holder.project_name) in single_line(notification.subject)
        assert holder.name in notification.body  # plain text: not escaped
        [(html, _mimetype)] = notification.alternatives
        assert_no_live_markup(html)
        assert_shows_text(html, holder.name)
        assert_shows_text(html, holder.project_name)

    def assert_extranet_shows_it_as_text(self, holder):
        self.client.force_login(self.coordinator)
        pages = {
            name: self.client.get(reverse(f"project_holders:{name}", args=args))
            for name, args in [
                ("list", []),
                ("detail", [holder.pk]),
                ("history", [holder.pk]),
                ("edit", [holder.pk]),
            ]
        }
        for page in pages.values():
            assert_handled(page, expected=(200,))
            assert_no_live_markup(page.content)
        assert_shows_text(pages["list"].content, holder.project_name)
        assert_shows_text(pages["detail"].content, holder.project_name)
        assert_shows_text(pages["detail"].content, holder.name)
        assert_shows_text(pages["detail"].content, holder.project_description)
        edited = parse(pages["edit"]).find("input", attrs={"name": "project_name"})
        assert edited["value"] == holder.project_name

        # The export never hands a spreadsheet a formula.
        export = self.client.get(reverse("project_holders:export_csv"))
        assert_handled(export, expected=(200,))
        for row in csv.reader(io.StringIO(export.content.decode("utf-8-sig")), delimiter=";"):
            for cell in row:
                assert not cell.startswith(("=", "+", "-", "@")), cell

    def test_a_line_break_in_the_project_name_still_notifies(self):
        data = {
            "name": "Awa Diallo",
            "phone": "06 12 34 56 78",
            "project_name": "Cantine\r\nBcc: x@example.org",
            "stage": "idee",
            "legal_form": "scop",
            "consent": "on",
        }
        response = self.send(data)
        assert_handled(response, expected=(303,))
        [notification] = mail.outbox
        assert notification.subject.endswith("Cantine Bcc: x@example.org")

    def test_a_superscript_digit_in_the_phone_is_refused_with_an_error(self):
        for phone in ("²", "06 12 34 56 7⁸", "①"):
            response = self.send(
                {"name": "Awa Diallo", "phone": phone, "project_name": "Cantine", "consent": "on"}
            )
            assert_handled(response, expected=(200,))
            assert_errors_next_to_their_fields(response)

    @settings(max_examples=examples(15))
    @given(name=repeated, project_name=repeated, needs=repeated, consent=repeated)
    def test_repeated_fields_are_read_as_one(self, name, project_name, needs, consent):
        response = self.send(
            {
                "name": name,
                "phone": "06 12 34 56 78",
                "project_name": project_name,
                "needs": needs,
                "consent": consent,
            }
        )
        assert_handled(response, expected=(200, 303))
        assert_no_live_markup(response.content)

    def test_a_form_sent_as_json_is_refused_with_errors(self):
        response = self.client.post(
            self.page.url,
            '{"name": "Awa", "phone": "06 12 34 56 78", "consent": "on"}',
            content_type="application/json",
        )
        assert_handled(response, expected=(200,))
        assert_errors_next_to_their_fields(response)
        assert not ProjectHolder.objects.exists()

    def test_a_body_larger_than_django_reads_is_a_bad_request(self):
        response = self.send({"name": "Awa", "project_description": "a" * 3_000_000})
        assert_handled(response, expected=(400,))
        assert not ProjectHolder.objects.exists()

    @settings(max_examples=examples(10))
    @given(path=st.sampled_from(["merci/", "merci/x/", "x/", "%00/", "..%2f/"]))
    def test_the_pages_under_the_form(self, path):
        response = self.client.get(self.page.url + path)
        assert_handled(response, expected=(200, 404))
        assert_no_live_markup(response.content)
