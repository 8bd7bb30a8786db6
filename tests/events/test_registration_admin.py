"""What editors do with registrations in the Wagtail admin: list, filter and export them,
correct, cancel or erase one, mark attendance at the door, and read the year's figures."""

import csv
import io
import itertools
from urllib.parse import urlencode

import openpyxl
import time_machine
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from events.enums import ConsentMethod, EventStatus, EventType, RegistrationStatus
from events.models import Registration
from extranet.permissions import EDITORS_GROUP_NAME
from tests.events.factories import EventPageFactory, RegistrationFactory, paris_datetime

NOW = paris_datetime(2027, 1, 4, 10, 30)
user_numbers = itertools.count()


def parse(response):
    return BeautifulSoup(response.content, "html.parser")


def text_of(response):
    return " ".join(parse(response).get_text(" ").split())


def make_user(*, groups=(), codenames=(), superuser=False):
    """A user who may open the admin, in these groups and with these extra permissions."""
    number = next(user_numbers)
    user_model = get_user_model()
    if superuser:
        return user_model.objects.create_superuser(
            username=f"admin{number}", email=f"admin{number}@example.org", password=None
        )
    user = user_model.objects.create_user(
        username=f"editeur{number}", email=f"editeur{number}@example.org", password=None
    )
    user.groups.add(*Group.objects.filter(name__in=groups))
    user.user_permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"),
        *Permission.objects.filter(content_type__app_label="events", codename__in=codenames),
    )
    return user


def moderator():
    """One of the hub's editors: the « Éditeurs » group gets its permissions by migration."""
    return make_user(groups=[EDITORS_GROUP_NAME])


def csv_rows(response):
    # Every CSV here (core.spreadsheets): a byte order mark for Excel, and semicolons.
    content = response.getvalue().decode("utf-8")
    assert content.startswith("\ufeff")
    return list(csv.reader(io.StringIO(content.removeprefix("\ufeff")), delimiter=";"))


def xlsx_rows(response):
    workbook = openpyxl.load_workbook(io.BytesIO(response.getvalue()))
    return [list(row) for row in workbook.active.iter_rows(values_only=True)]


def registration(occurrence, name, **fields):
    return RegistrationFactory(occurrence=occurrence, name=name, **fields)


# --- Listing, filters, exports ---------------------------------------------------------------
@time_machine.travel(NOW, tick=False)
class TestRegistrationListing(TestCase):
    @classmethod
    def setUpTestData(cls):
        with time_machine.travel(NOW, tick=False):
            cls.workshop = EventPageFactory(
                registration=True, title="Atelier CV", start=paris_datetime(2027, 1, 20, 14)
            )
            cls.fair = EventPageFactory(
                registration=True,
                job_fair=True,
                title="Rencontres pour l'emploi",
                start=paris_datetime(2027, 3, 9, 9),
            )
            cls.workshop_date = cls.workshop.occurrences.get()
            cls.fair_date = cls.fair.occurrences.get()
            cls.awa = registration(
                cls.workshop_date,
                "Awa Diallo",
                phone="06 12 34 56 78",
                email="awa@example.org",
                people=2,
                attended=True,
            )
            cls.bilal = registration(
                cls.workshop_date,
                "Bilal Haddad",
                phone="07 11 22 33 44",
                status=RegistrationStatus.WAITLISTED,
                consent_method=ConsentMethod.ORALLY,
            )
            cls.chloe = registration(
                cls.workshop_date, "Chloé Martin", status=RegistrationStatus.CANCELLED
            )
            cls.dan = registration(cls.fair_date, "Dan Nguyen", attended=False)
            cls.editor = moderator()

    def setUp(self):
        self.client.force_login(self.editor)

    def listing(self, **params):
        return self.client.get(reverse("registrations:index"), params)

    def names(self, response):
        rows = parse(response).select("table.listing tbody tr")
        return sorted(
            name
            for name in ["Awa Diallo", "Bilal Haddad", "Chloé Martin", "Dan Nguyen"]
            if any(name in row.get_text() for row in rows)
        )

    def test_the_listing_shows_who_registered_with_their_contacts_and_date(self):
        response = self.listing()

        assert response.status_code == 200
        text = text_of(response)
        assert self.names(response) == ["Awa Diallo", "Bilal Haddad", "Chloé Martin", "Dan Nguyen"]
        cells = [
            [cell.get_text(" ", strip=True) for cell in row.select("td")]
            for row in parse(response).select("table.listing tbody tr")
        ]
        awa = ["06 12 34 56 78", "awa@example.org", "2", "Confirmée"]
        assert awa in [row[1:5] for row in cells]
        assert {row[-1] for row in cells} == {"Présent", "Absent", ""}
        for expected in [
            "06 12 34 56 78",
            "awa@example.org",
            "Atelier CV – 20/01/2027 14:00",
            "En liste d'attente",
            "Confirmée",
        ]:
            assert expected in text, expected

    def test_filters_narrow_the_rows(self):
        cases = {
            "event": ({"event": self.fair.pk}, ["Dan Nguyen"]),
            "status": ({"status": "attente"}, ["Bilal Haddad"]),
            "present": ({"attended": "oui"}, ["Awa Diallo"]),
            "absent": ({"attended": "non"}, ["Dan Nguyen"]),
            "not noted": ({"attended": "inconnu"}, ["Bilal Haddad", "Chloé Martin"]),
            "date": (
                {"date_from": "2027-03-01", "date_to": "2027-03-31"},
                ["Dan Nguyen"],
            ),
            "one date": ({"occurrence": self.fair_date.pk}, ["Dan Nguyen"]),
            "search by phone": ({"q": "07 11 22"}, ["Bilal Haddad"]),
            "search by e-mail": ({"q": "awa@example"}, ["Awa Diallo"]),
            "search by name": ({"q": "Nguyen"}, ["Dan Nguyen"]),
        }
        for case, (params, expected) in cases.items():
            with self.subTest(case):
                response = self.listing(**params)

                assert response.status_code == 200
                assert self.names(response) == expected

    def test_odd_parameters_are_ignored_without_error(self):
        everyone = ["Awa Diallo", "Bilal Haddad", "Chloé Martin", "Dan Nguyen"]
        for params in [
            {"occurrence": "abc"},
            {"occurrence": "9" * 30},
            {"date_from": "pas une date"},
            {"attended": "peut-etre"},
            {"ordering": "token"},
        ]:
            with self.subTest(params):
                response = self.listing(**params)

                assert response.status_code == 200
                if "occurrence" in params:
                    assert self.names(response) == everyone

    def test_ids_that_are_not_ids_are_ignored_not_an_error(self):
        """?event=9223372036854775808 overflowed SQLite's integers: a 500 (issue 12)."""
        everyone = ["Awa Diallo", "Bilal Haddad", "Chloé Martin", "Dan Nguyen"]
        for name in ["event", "occurrence"]:
            for value in [
                "9223372036854775808",
                "-9223372036854775809",
                "99999999999",
                "-1",
                "abc",
                "1e3",
            ]:
                with self.subTest(name=name, value=value):
                    response = self.listing(**{name: value})

                    assert response.status_code == 200
                    assert self.names(response) == everyone
                    assert self.listing(**{name: value, "export": "csv"}).status_code == 200

    def test_nobody_is_registered_from_the_admin(self):
        response = self.listing()

        assert reverse("registrations:index") + "new/" not in response.content.decode()
        assert self.client.get(reverse("registrations:index") + "new/").status_code == 404

    def test_the_listing_runs_a_constant_number_of_queries(self):
        def count_queries():
            with CaptureQueriesContext(connection) as queries:
                assert self.listing().status_code == 200
            return len(queries)

        before = count_queries()
        for number in range(15):
            registration(self.fair_date, f"Personne {number}")

        assert count_queries() == before

    def test_csv_export_lists_every_column_in_french(self):
        response = self.listing(export="csv", event=self.workshop.pk)

        assert response.status_code == 200
        assert response["Content-Type"].startswith("text/csv")
        rows = csv_rows(response)
        assert rows[0] == [
            "Événement",
            "Date",
            "Nom",
            "Téléphone",
            "E-mail",
            "Nombre de personnes",
            "État",
            "Présence",
            "Consentement recueilli",
            "Inscrit le",
        ]
        by_name = {row[2]: row for row in rows[1:]}
        assert sorted(by_name) == ["Awa Diallo", "Bilal Haddad", "Chloé Martin"]
        assert by_name["Awa Diallo"][:9] == [
            "Atelier CV",
            "2027-01-20 14:00:00",
            "Awa Diallo",
            "06 12 34 56 78",
            "awa@example.org",
            "2",
            "Confirmée",
            "Présent",
            "En ligne, par la personne",
        ]
        assert by_name["Awa Diallo"][9].startswith("2027-01-04 10:30")
        assert by_name["Bilal Haddad"][6:9] == [
            "En liste d'attente",
            "",
            "À l'oral, recueilli par un membre",
        ]

    def test_editors_see_the_export_buttons(self):
        links = [link["href"] for link in parse(self.listing()).select("a[href*='export=']")]

        assert sorted(link.rsplit("=", 1)[1] for link in links) == ["csv", "xlsx"]

    def test_xlsx_export_of_one_date(self):
        response = self.listing(export="xlsx", occurrence=self.fair_date.pk)

        assert response.status_code == 200
        rows = xlsx_rows(response)
        assert rows[0][:3] == ["Événement", "Date", "Nom"]
        assert len(rows) == 2
        event, date, name, _phone, _email, people, status, attended, _consent, _ = rows[1]
        assert (event, name, people, status, attended) == (
            "Rencontres pour l'emploi",
            "Dan Nguyen",
            1,
            "Confirmée",
            "Absent",
        )
        # Wall-clock time in Paris, not UTC.
        assert (date.year, date.month, date.day, date.hour) == (2027, 3, 9, 9)
        assert 'filename="inscriptions-date-' in response["Content-Disposition"]

    def test_exports_neutralise_formulas_typed_by_registrants(self):
        """A name typed in the public form never runs as a formula in the editor's spreadsheet
        (issue 12); numbers, dates and plain contacts stay as they were."""
        event = EventPageFactory(
            registration=True, title="=Atelier", start=paris_datetime(2027, 2, 2, 10)
        )
        date = event.occurrences.get()
        typed = {
            '=HYPERLINK("http://evil.example","x")': ("+33 6 12 34 56 78", "-x@example.org"),
            "@SUM(1+1)": ("06 12 34 56 78", "sam@example.org"),
            "+Samira": ("07 11 22 33 44", ""),
            "-Samira": ("07 11 22 33 45", ""),
            "\tSamira": ("07 11 22 33 46", ""),
        }
        for name, (phone, email) in typed.items():
            registration(date, name, phone=phone, email=email, people=2)

        for export, rows_of in [("csv", csv_rows), ("xlsx", xlsx_rows)]:
            with self.subTest(export):
                response = self.listing(export=export, occurrence=date.pk)

                assert response.status_code == 200
                rows = {row[2]: row for row in rows_of(response)[1:]}
                assert sorted(rows) == sorted(f"'{name}" for name in typed)
                hyperlink = rows['\'=HYPERLINK("http://evil.example","x")']
                assert hyperlink[0] == "'=Atelier"
                assert hyperlink[3:5] == ["'+33 6 12 34 56 78", "'-x@example.org"]
                assert rows["'@SUM(1+1)"][3:5] == ["06 12 34 56 78", "sam@example.org"]
                people = [row[5] for row in rows.values()]
                assert people == (["2"] * 5 if export == "csv" else [2] * 5)
                date_cell = hyperlink[1]
                assert str(date_cell).startswith("2027-02-02 10:00")

    def test_exports_need_the_export_permission(self):
        reader = make_user(codenames=["view_registration"])
        self.client.force_login(reader)

        response = self.listing()
        assert response.status_code == 200
        assert not parse(response).select("a[href*='export=']")
        assert self.listing(export="csv").status_code == 403
        assert self.listing(export="xlsx").status_code == 403

    def test_the_inspect_view_shows_the_consent(self):
        response = self.client.get(reverse("registrations:inspect", args=[self.awa.pk]))

        assert response.status_code == 200
        text = text_of(response)
        assert "Texte du consentement accepté" in text
        assert str(self.awa.token) not in text


# --- Editing, cancelling, erasing ------------------------------------------------------------
@time_machine.travel(NOW, tick=False)
class TestEditorsChangeRegistrations(TestCase):
    @classmethod
    def setUpTestData(cls):
        with time_machine.travel(NOW, tick=False):
            cls.event = EventPageFactory(
                registration=True, capacity=2, start=paris_datetime(2027, 1, 20, 14)
            )
            cls.occurrence = cls.event.occurrences.get()
            cls.awa = registration(cls.occurrence, "Awa Diallo", people=2)
            cls.bilal = registration(
                cls.occurrence, "Bilal Haddad", status=RegistrationStatus.WAITLISTED
            )
            cls.chloe = registration(
                cls.occurrence, "Chloé Martin", status=RegistrationStatus.WAITLISTED
            )
            cls.editor = moderator()

    def setUp(self):
        self.client.force_login(self.editor)

    def edit(self, registration, **overrides):
        data = {
            "name": registration.name,
            "phone": registration.phone,
            "email": registration.email,
            "attended": "",
        }
        data.update(overrides)
        with self.captureOnCommitCallbacks(execute=True):
            return self.client.post(reverse("registrations:edit", args=[registration.pk]), data)

    def test_an_editor_corrects_a_name_and_phone(self):
        response = self.edit(self.awa, name="Awa Diallo-Sy", phone="+33 6 99 88 77 66")

        assert response.status_code == 302
        self.awa.refresh_from_db()
        assert (self.awa.name, self.awa.phone) == ("Awa Diallo-Sy", "06 99 88 77 66")

    def test_status_and_people_cannot_be_set_by_hand(self):
        response = self.edit(self.bilal, status=RegistrationStatus.CONFIRMED, people="5")

        assert response.status_code == 302
        self.bilal.refresh_from_db()
        assert self.bilal.status == RegistrationStatus.WAITLISTED
        assert self.bilal.people == 1

    def test_cancelling_in_the_admin_gives_the_places_to_the_waitlist(self):
        response = self.edit(self.awa, cancel_registration="on")

        assert response.status_code == 302
        statuses = dict(Registration.objects.values_list("name", "status"))
        assert statuses == {
            "Awa Diallo": RegistrationStatus.CANCELLED,
            "Bilal Haddad": RegistrationStatus.CONFIRMED,
            "Chloé Martin": RegistrationStatus.CONFIRMED,
        }

    def test_mistakes_are_explained_next_to_the_field(self):
        cases = {
            "duplicate phone": ({"phone": self.bilal.phone}, "Ce numéro est déjà inscrit"),
            "no contact": ({"phone": "", "email": ""}, "Indiquez un téléphone ou un e-mail."),
            "bad phone": ({"phone": "12"}, "Ce numéro de téléphone ne semble pas correct."),
        }
        for case, (overrides, message) in cases.items():
            with self.subTest(case):
                response = self.edit(self.awa, **overrides)

                assert response.status_code == 200
                assert message in text_of(response)
                assert Registration.objects.get(pk=self.awa.pk).phone == self.awa.phone

    def test_erasing_a_registration_promotes_the_next_on_the_waitlist(self):
        with self.captureOnCommitCallbacks(execute=True):
            response = self.client.post(reverse("registrations:delete", args=[self.awa.pk]))

        assert response.status_code == 302
        assert not Registration.objects.filter(pk=self.awa.pk).exists()
        self.bilal.refresh_from_db()
        self.chloe.refresh_from_db()
        assert self.bilal.status == RegistrationStatus.CONFIRMED
        assert self.bilal.promoted_at is not None
        assert self.chloe.status == RegistrationStatus.CONFIRMED

    def test_erasing_a_waitlisted_registration_keeps_the_others_in_order(self):
        with self.captureOnCommitCallbacks(execute=True):
            self.client.post(reverse("registrations:delete", args=[self.bilal.pk]))

        self.chloe.refresh_from_db()
        assert self.chloe.status == RegistrationStatus.WAITLISTED


# --- The attendance sheet ----------------------------------------------------------------------
@time_machine.travel(NOW, tick=False)
class TestAttendanceSheet(TestCase):
    @classmethod
    def setUpTestData(cls):
        with time_machine.travel(NOW, tick=False):
            cls.event = EventPageFactory(
                registration=True, title="Atelier CV", start=paris_datetime(2027, 1, 4, 9)
            )
            cls.occurrence = cls.event.occurrences.get()
            cls.awa = registration(cls.occurrence, "Awa Diallo", people=3)
            cls.bilal = registration(cls.occurrence, "Bilal Haddad", people=2)
            cls.chloe = registration(cls.occurrence, "Chloé Martin")
            cls.dan = registration(
                cls.occurrence, "Dan Nguyen", people=2, status=RegistrationStatus.WAITLISTED
            )
            cls.eve = registration(cls.occurrence, "Ève Petit", status=RegistrationStatus.CANCELLED)
            cls.url = reverse("registrations:attendance", args=[cls.occurrence.pk])
            cls.editor = moderator()
            cls.date_editor = make_user(
                groups=[EDITORS_GROUP_NAME], codenames=["view_occurrence", "change_occurrence"]
            )

    def setUp(self):
        self.client.force_login(self.editor)

    def counts(self, response):
        page = parse(response)
        return {
            key: page.select_one(f"#compte-{key}").get_text(" ", strip=True)
            for key in ["inscrits", "places", "attente", "presents", "absents"]
        }

    def test_the_sheet_lists_confirmed_people_then_the_waitlist_with_counts(self):
        response = self.client.get(self.url)

        assert response.status_code == 200
        page = parse(response)
        sheet = [row.th.get_text(strip=True) for row in page.select("#feuille-presence tbody tr")]
        assert sheet == ["Awa Diallo", "Bilal Haddad", "Chloé Martin"]
        waitlist = [row.th.get_text(strip=True) for row in page.select("#liste-attente tbody tr")]
        assert waitlist == ["Dan Nguyen"]
        assert "Ève Petit" not in text_of(response)
        assert self.counts(response) == {
            "inscrits": "6",
            "places": "10 (4 libres)",
            "attente": "2 personnes, 1 inscription",
            "presents": "0",
            "absents": "0",
        }
        # Three choices per person, as radio buttons: no JavaScript needed at the door.
        radios = page.select(f"input[type=radio][name=presence-{self.awa.pk}]")
        assert [radio["value"] for radio in radios] == ["", "present", "absent"]
        assert page.select_one("form[method=post] button[type=submit]")

    def test_one_post_saves_present_and_absent_and_the_counts_follow(self):
        response = self.client.post(
            self.url,
            {
                f"presence-{self.awa.pk}": "present",
                f"presence-{self.bilal.pk}": "absent",
                f"presence-{self.chloe.pk}": "",
            },
            follow=True,
        )

        assert response.status_code == 200
        assert "Présences enregistrées (2 changements)." in text_of(response)
        attended = dict(Registration.objects.values_list("name", "attended"))
        assert attended["Awa Diallo"] is True
        assert attended["Bilal Haddad"] is False
        assert attended["Chloé Martin"] is None
        assert self.counts(response)["presents"] == "3"
        assert self.counts(response)["absents"] == "2"
        checked = parse(response).select_one(f"input[name=presence-{self.awa.pk}][checked]")
        assert checked["value"] == "present"

    def test_a_sheet_saves_only_what_it_changed(self):
        # Another tablet noted Chloé after this sheet was loaded: it is not undone.
        Registration.objects.filter(pk=self.chloe.pk).update(attended=True)

        self.client.post(
            self.url,
            {f"presence-{self.awa.pk}": "present"},
        )

        self.chloe.refresh_from_db()
        assert self.chloe.attended is True

    def test_a_garbled_choice_saves_nothing_and_says_so(self):
        response = self.client.post(
            self.url,
            {f"presence-{self.awa.pk}": "present", f"presence-{self.bilal.pk}": "peut-etre"},
        )

        assert response.status_code == 200
        assert "Un choix n'a pas été compris" in text_of(response)
        assert not Registration.objects.filter(attended__isnull=False).exists()
        # What was chosen stays chosen.
        checked = parse(response).select_one(f"input[name=presence-{self.awa.pk}][checked]")
        assert checked["value"] == "present"

    def test_the_sheet_links_to_the_exports_of_that_date(self):
        page = parse(self.client.get(self.url))

        links = [link["href"] for link in page.select("a[href]")]
        query = urlencode({"occurrence": self.occurrence.pk, "export": "csv"})
        assert f"{reverse('registrations:index')}?{query}" in links

    def test_refused_without_the_change_permission(self):
        reader = make_user(codenames=["view_registration", "export_registration"])
        self.client.force_login(reader)

        assert self.client.get(self.url).status_code == 403
        response = self.client.post(self.url, {f"presence-{self.awa.pk}": "present"})
        assert response.status_code == 403
        assert not Registration.objects.filter(attended__isnull=False).exists()

    def test_anonymous_visitors_are_sent_to_sign_in(self):
        self.client.logout()

        response = self.client.get(self.url)

        assert response.status_code == 302
        assert "next=" in response["Location"]
        response = self.client.post(self.url, {f"presence-{self.awa.pk}": "present"})
        assert response.status_code == 302
        assert not Registration.objects.filter(attended__isnull=False).exists()

    def test_an_unknown_date_is_not_found(self):
        url = reverse("registrations:attendance", args=[self.occurrence.pk + 1000])

        assert self.client.get(url).status_code == 404

    def test_the_sheet_runs_a_constant_number_of_queries(self):
        def count_queries(method):
            with CaptureQueriesContext(connection) as queries:
                if method == "get":
                    assert self.client.get(self.url).status_code == 200
                else:
                    data = {
                        f"presence-{pk}": "present"
                        for pk in Registration.objects.confirmed().values_list("pk", flat=True)
                    }
                    assert self.client.post(self.url, data).status_code == 302
                    Registration.objects.update(attended=None)
            return len(queries)

        before = count_queries("get"), count_queries("post")
        for number in range(12):
            registration(self.occurrence, f"Personne {number}", people=1)
            registration(self.occurrence, f"Attente {number}", status=RegistrationStatus.WAITLISTED)

        assert (count_queries("get"), count_queries("post")) == before

    def test_the_registrations_listing_links_each_date_to_its_sheet(self):
        response = self.client.get(reverse("registrations:index"))

        assert parse(response).find("a", href=self.url) is not None

    def test_the_dates_listing_links_to_each_sheet_with_its_count(self):
        self.client.force_login(self.date_editor)
        response = self.client.get(reverse("occurrences:index"))

        assert response.status_code == 200
        link = parse(response).find("a", href=self.url)
        assert link.get_text(strip=True) == "Inscriptions (6 personnes / 10)"

    def test_the_dates_listing_runs_a_constant_number_of_queries(self):
        self.client.force_login(self.date_editor)

        def count_queries():
            with CaptureQueriesContext(connection) as queries:
                assert self.client.get(reverse("occurrences:index")).status_code == 200
            return len(queries)

        before = count_queries()
        with time_machine.travel(NOW, tick=False):
            for _ in range(5):
                event = EventPageFactory(registration=True)
                registration(event.occurrences.get(), "Quelqu'un")

        assert count_queries() == before

    def test_each_date_links_to_its_sheet(self):
        self.client.force_login(self.date_editor)
        response = self.client.get(reverse("occurrences:edit", args=[self.occurrence.pk]))

        assert response.status_code == 200
        link = parse(response).find("a", href=self.url)
        assert "Inscriptions (6 personnes / 10)" in link.get_text(" ", strip=True)


# --- Yearly figures ----------------------------------------------------------------------------
REPORT_NOW = paris_datetime(2026, 11, 2, 10)


def held_event(event_type, start, **fields):
    return EventPageFactory(registration=True, event_type=event_type, start=start, **fields)


@time_machine.travel(REPORT_NOW, tick=False)
class TestYearlyReport(TestCase):
    @classmethod
    def setUpTestData(cls):
        with time_machine.travel(REPORT_NOW, tick=False):
            cls.sponsorship = held_event(EventType.SPONSORSHIP, paris_datetime(2026, 3, 10, 14))
            date = cls.sponsorship.occurrences.get()
            registration(date, "A", people=2, attended=True)
            registration(date, "B", people=3, attended=False)
            registration(date, "C", status=RegistrationStatus.CANCELLED)
            registration(date, "D", status=RegistrationStatus.WAITLISTED)
            second = held_event(EventType.SPONSORSHIP, paris_datetime(2026, 10, 13, 14))
            registration(second.occurrences.get(), "E", people=4, attended=True)
            training = held_event(EventType.TRAINING, paris_datetime(2026, 6, 2, 9))
            registration(training.occurrences.get(), "F", attended=True)
            # Not counted: cancelled, postponed, cancelled date, last year, still to come.
            held_event(EventType.TRAINING, paris_datetime(2026, 5, 5), status=EventStatus.CANCELLED)
            held_event(EventType.TRAINING, paris_datetime(2026, 5, 6), status=EventStatus.POSTPONED)
            cancelled_date = held_event(EventType.WORKSHOP, paris_datetime(2026, 4, 7))
            cancelled_date.occurrences.update(is_cancelled=True)
            last_year = held_event(EventType.WORKSHOP, paris_datetime(2025, 12, 31, 22))
            registration(last_year.occurrences.get(), "G", attended=True)
            to_come = held_event(EventType.WORKSHOP, paris_datetime(2026, 12, 1))
            registration(to_come.occurrences.get(), "H")
            cls.editor = moderator()

    def setUp(self):
        self.client.force_login(self.editor)

    def report(self, **params):
        return self.client.get(reverse("events_yearly_report"), params)

    def table(self, response):
        rows = parse(response).select("table.listing tbody tr, table.listing tfoot tr")
        return {
            row.th.get_text(strip=True): [cell.get_text(strip=True) for cell in row.select("td")]
            for row in rows
        }

    def test_figures_per_event_type_and_totals(self):
        response = self.report()

        assert response.status_code == 200
        table = self.table(response)
        assert table["Rencontre de parrainage"] == ["2", "9", "6"]
        assert table["Formation"] == ["1", "1", "1"]
        assert table["Atelier"] == ["0", "0", "0"]
        assert table["Total"] == ["3", "10", "7"]
        assert "2026" in text_of(response)

    def test_an_earlier_year(self):
        table = self.table(self.report(annee="2025"))

        assert table["Atelier"] == ["1", "1", "1"]
        assert table["Total"] == ["1", "1", "1"]

    def test_an_invalid_year_falls_back_to_this_year(self):
        for value in ["abc", "", "99999999999999999999", "1850", "2030", "-1", "2026.5"]:
            with self.subTest(value):
                response = self.report(annee=value)

                assert response.status_code == 200
                assert self.table(response)["Total"] == ["3", "10", "7"]

    def test_csv_export_of_the_same_table(self):
        response = self.report(annee="2026", export="csv")

        assert response.status_code == 200
        assert 'filename="bilan-evenements-2026.csv"' in response["Content-Disposition"]
        rows = csv_rows(response)
        assert rows[0] == [
            "Type d'événement",
            "Dates tenues",
            "Personnes inscrites",
            "Personnes présentes",
        ]
        assert ["Rencontre de parrainage", "2", "9", "6"] in rows
        assert rows[-1] == ["Total", "3", "10", "7"]

    def test_the_report_runs_a_constant_number_of_queries(self):
        def count_queries():
            with CaptureQueriesContext(connection) as queries:
                assert self.report().status_code == 200
            return len(queries)

        before = count_queries()
        with time_machine.travel(REPORT_NOW, tick=False):
            for number in range(8):
                event = held_event(
                    [EventType.WORKSHOP, EventType.JOB_FAIR][number % 2],
                    paris_datetime(2026, 2, number + 1, 14),
                )
                registration(event.occurrences.get(), f"P{number}", attended=True)

        assert count_queries() == before
        assert self.table(self.report())["Total"] == ["11", "18", "15"]

    def test_the_dashboard_shows_this_year_totals_and_links_to_the_report(self):
        response = self.client.get(reverse("wagtailadmin_home"))

        assert response.status_code == 200
        panel = parse(response).select_one("#events-yearly-figures-section, #events-yearly-figures")
        assert panel is not None
        assert [dd.get_text(strip=True) for dd in panel.select("dd")] == ["3", "10", "7"]
        assert panel.find("a", href=reverse("events_yearly_report"))

    def test_the_report_is_refused_to_editors_without_registration_rights(self):
        self.client.force_login(make_user())

        assert self.report().status_code == 403
        assert (
            "events-yearly-figures"
            not in self.client.get(reverse("wagtailadmin_home")).content.decode()
        )


def test_moderators_and_editors_may_handle_registrations(db):
    for name in [EDITORS_GROUP_NAME, "Editors"]:
        codenames = set(
            Group.objects.get(name=name)
            .permissions.filter(content_type__app_label="events")
            .values_list("codename", flat=True)
        )
        assert codenames >= {
            "view_registration",
            "change_registration",
            "delete_registration",
            "export_registration",
        }, name
        assert "add_registration" not in codenames
