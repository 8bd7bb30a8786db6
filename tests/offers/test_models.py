"""The rules an offer obeys whoever saves it, the queries that pick offers, and the other records.

Time is frozen: expiry dates, « today » and the UTC instant an offer leaves the site depend on it.
"""

import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.test import TestCase
from wagtail.models import PageViewRestriction

from offers.enums import ApplicationMethod, ContractType
from offers.models import Interest, OfferPage
from organisations.models import Organisation
from tests.offers.factories import InterestFactory, OfferPageFactory
from tests.organisations.factories import OrganisationFactory, valid_siret
from tests.reference.factories import SectorFactory, TradeFactory

PARIS = ZoneInfo("Europe/Paris")
UTC = datetime.UTC
# A Thursday in winter, mid-morning in Paris.
NOW = datetime.datetime(2026, 1, 15, 10, 30, tzinfo=PARIS)
TODAY = NOW.date()


# Published for the first time: Wagtail fully validates live pages only (drafts: title and slug).
NEVER_PUBLISHED = {"first_published_at": None, "last_published_at": None}


def days_after_today(days):
    return TODAY + datetime.timedelta(days=days)


def errors_of(offer):
    """The validation messages, by field, that saving `offer` as an editor would show."""
    with pytest.raises(ValidationError) as raised:
        offer.full_clean()
    return raised.value.message_dict


@time_machine.travel(NOW, tick=False)
class TestExpiryDateRules(TestCase):
    def test_a_new_offer_expires_60_days_after_its_creation_by_default(self):
        assert OfferPage().expiry_date == datetime.date(2026, 3, 16)

    def test_a_new_offer_cannot_expire_before_today(self):
        with pytest.raises(ValidationError) as raised:
            OfferPageFactory(**NEVER_PUBLISHED, expiry_date=days_after_today(-1))

        assert raised.value.message_dict["expiry_date"] == [
            "La date limite ne peut pas être avant la publication (15/01/2026)."
        ]

    def test_a_new_offer_may_expire_today(self):
        offer = OfferPageFactory(**NEVER_PUBLISHED, expiry_date=TODAY)

        assert offer.expiry_date == TODAY

    def test_a_published_offer_cannot_expire_before_its_first_publication(self):
        offer = OfferPageFactory(first_published_at=NOW - datetime.timedelta(days=20))
        offer.expiry_date = days_after_today(-21)

        assert errors_of(offer)["expiry_date"] == [
            "La date limite ne peut pas être avant la publication (26/12/2025)."
        ]

    def test_a_published_offer_is_judged_against_its_first_publication_not_today(self):
        # An editor fixing an offer that expired last week is not blocked by today's date.
        offer = OfferPageFactory(first_published_at=NOW - datetime.timedelta(days=20))
        offer.expiry_date = days_after_today(-7)

        offer.full_clean()


@time_machine.travel(NOW, tick=False)
class TestOfferRules(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.offer = OfferPageFactory()

    def setUp(self):
        self.offer.refresh_from_db()

    def test_a_minimum_salary_above_the_maximum_is_refused(self):
        self.offer.salary_min, self.offer.salary_max = Decimal("2100"), Decimal("1900")

        assert errors_of(self.offer)["salary_max"] == [
            "Le salaire maximum doit être au moins égal au minimum."
        ]

    def test_a_salary_may_be_a_single_amount_or_only_one_bound_or_unknown(self):
        for salary_min, salary_max in [
            (Decimal("12.02"), Decimal("12.02")),
            (Decimal("1900"), None),
            (None, Decimal("2100")),
            (None, None),
        ]:
            self.offer.salary_min, self.offer.salary_max = salary_min, salary_max

            self.offer.full_clean()

    def test_the_database_refuses_a_minimum_salary_above_the_maximum_too(self):
        with pytest.raises(IntegrityError), transaction.atomic():
            OfferPage.objects.filter(pk=self.offer.pk).update(salary_min=Decimal("3000"))

    def test_a_fixed_term_contract_needs_its_duration(self):
        for contract_type in sorted(ContractType.fixed_term()):
            self.offer.contract_type, self.offer.duration = contract_type, ""

            assert errors_of(self.offer)["duration"] == ["Indiquez la durée de ce contrat."]

    def test_a_permanent_contract_needs_no_duration(self):
        self.offer.contract_type, self.offer.duration = ContractType.CDI, ""

        self.offer.full_clean()

    def test_an_offer_needs_a_member_employer_or_an_employer_name(self):
        self.offer.employer, self.offer.employer_name = None, ""

        assert errors_of(self.offer)["employer_name"] == [
            "Choisissez un employeur membre du réseau ou écrivez le nom de l'employeur."
        ]

        self.offer.employer_name = "Boulangerie du Marché"
        self.offer.full_clean()

    def test_applying_through_a_link_needs_the_link(self):
        self.offer.application_method = ApplicationMethod.EXTERNAL_LINK

        assert errors_of(self.offer)["application_url"] == ["Indiquez le lien où postuler."]

        self.offer.application_url = "https://recrutement.example.org/offres/1234"
        self.offer.full_clean()

    def test_applying_by_email_needs_the_address(self):
        self.offer.application_method = ApplicationMethod.EMAIL

        assert errors_of(self.offer)["application_email"] == [
            "Indiquez l'e-mail où envoyer les candidatures."
        ]

        self.offer.application_email = "recrutement@example.org"
        self.offer.full_clean()

    def test_applying_through_the_advisers_needs_no_contact(self):
        self.offer.application_method = ApplicationMethod.ADVISERS

        self.offer.full_clean()

    def test_every_error_is_shown_at_once(self):
        self.offer.salary_min, self.offer.salary_max = Decimal("2100"), Decimal("1900")
        self.offer.contract_type, self.offer.duration = ContractType.CDD, ""
        self.offer.employer = None
        self.offer.application_method = ApplicationMethod.EMAIL

        assert {"salary_max", "duration", "employer_name", "application_email"} <= set(
            errors_of(self.offer)
        )


@time_machine.travel(NOW, tick=False)
class TestWhatSavingFillsIn(TestCase):
    def test_the_sector_is_the_trades_when_not_given(self):
        trade = TradeFactory(nettoyage=True)

        offer = OfferPageFactory(trade=trade, sector=None)

        offer.refresh_from_db()
        assert offer.sector == trade.sector
        assert offer.sector.slug == "proprete"

    def test_a_sector_given_by_the_editor_is_kept(self):
        other_sector = SectorFactory(btp=True)

        offer = OfferPageFactory(trade=TradeFactory(nettoyage=True), sector=other_sector)

        offer.refresh_from_db()
        assert offer.sector == other_sector


class TestWhenAnOfferLeavesTheSite:
    """expire_at is the first instant after the expiry date in Paris, stored in UTC."""

    @pytest.mark.parametrize(
        ("now", "expiry_date", "expected_utc"),
        [
            # Winter: Paris is UTC+1.
            (NOW, datetime.date(2026, 1, 20), datetime.datetime(2026, 1, 20, 23, 0, tzinfo=UTC)),
            # Summer: Paris is UTC+2.
            (
                datetime.datetime(2026, 7, 1, 9, 0, tzinfo=PARIS),
                datetime.date(2026, 7, 15),
                datetime.datetime(2026, 7, 15, 22, 0, tzinfo=UTC),
            ),
            # The night the clocks go forward (29 March 2026, 2:00): midnight is still winter time.
            (NOW, datetime.date(2026, 3, 28), datetime.datetime(2026, 3, 28, 23, 0, tzinfo=UTC)),
            (NOW, datetime.date(2026, 3, 29), datetime.datetime(2026, 3, 29, 22, 0, tzinfo=UTC)),
            # The night they go back (25 October 2026, 3:00): midnight is still summer time.
            (NOW, datetime.date(2026, 10, 24), datetime.datetime(2026, 10, 24, 22, 0, tzinfo=UTC)),
            (NOW, datetime.date(2026, 10, 25), datetime.datetime(2026, 10, 25, 23, 0, tzinfo=UTC)),
        ],
    )
    def test_the_next_midnight_in_paris_after_the_expiry_date(
        self, db, time_machine, now, expiry_date, expected_utc
    ):
        time_machine.move_to(now, tick=False)

        offer = OfferPageFactory(expiry_date=expiry_date)

        offer.refresh_from_db()
        assert offer.expire_at.astimezone(UTC) == expected_utc
        assert offer.expire_at.astimezone(PARIS).time() == datetime.time(0, 0)
        assert offer.expire_at.astimezone(PARIS).date() == expiry_date + datetime.timedelta(days=1)

    def test_moving_the_expiry_date_moves_the_instant(self, db, time_machine):
        time_machine.move_to(NOW, tick=False)
        offer = OfferPageFactory(expiry_date=datetime.date(2026, 1, 20))

        offer.expiry_date = datetime.date(2026, 2, 10)
        offer.save_revision().publish()

        offer.refresh_from_db()
        assert offer.expire_at.astimezone(UTC) == datetime.datetime(2026, 2, 10, 23, 0, tzinfo=UTC)


@time_machine.travel(NOW, tick=False)
class TestOfferQueries(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.open = OfferPageFactory(title="Ouverte", expiry_date=days_after_today(30))
        cls.last_day = OfferPageFactory(title="Dernier jour", expiry_date=TODAY)
        cls.in_a_week = OfferPageFactory(title="Dans une semaine", expiry_date=days_after_today(7))
        cls.in_eight_days = OfferPageFactory(
            title="Dans huit jours", expiry_date=days_after_today(8)
        )
        cls.filled = OfferPageFactory(title="Pourvue", filled=True, expiry_date=days_after_today(3))
        cls.past = OfferPageFactory(title="Passée, encore en ligne", expired=True)
        cls.closed_by_cron = OfferPageFactory(title="Retirée par le cron", closed_by_cron=True)
        cls.draft = OfferPageFactory(title="Brouillon", draft=True, expiry_date=days_after_today(2))
        cls.private = OfferPageFactory(title="Réservée", expiry_date=days_after_today(2))
        PageViewRestriction.objects.create(
            page=cls.private, restriction_type=PageViewRestriction.LOGIN
        )
        cls.old = OfferPageFactory(
            title="Publiée il y a huit jours", first_published_at=NOW - datetime.timedelta(days=8)
        )
        cls.week_old = OfferPageFactory(
            title="Publiée il y a sept jours",
            first_published_at=NOW - datetime.timedelta(days=7),
        )

    def titles(self, queryset):
        return set(queryset.values_list("title", flat=True))

    def test_current_offers_are_live_public_not_filled_and_not_past_their_date(self):
        assert self.titles(OfferPage.objects.current()) == {
            "Ouverte",
            "Dernier jour",
            "Dans une semaine",
            "Dans huit jours",
            "Publiée il y a huit jours",
            "Publiée il y a sept jours",
        }

    def test_closed_offers_are_the_filled_and_the_past_ones(self):
        assert self.titles(OfferPage.objects.closed()) == {
            "Pourvue",
            "Passée, encore en ligne",
            "Retirée par le cron",
        }

    def test_offers_published_in_the_last_seven_days(self):
        recent = self.titles(OfferPage.objects.published_since(7))

        assert "Publiée il y a sept jours" in recent
        assert "Ouverte" in recent
        assert "Publiée il y a huit jours" not in recent
        assert "Passée, encore en ligne" not in recent

    def test_current_offers_expiring_within_seven_days_soonest_first(self):
        expiring = OfferPage.objects.expiring_within(7)

        assert list(expiring.values_list("title", flat=True)) == [
            "Dernier jour",
            "Dans une semaine",
        ]

    def test_a_day_later_the_last_day_offer_is_no_longer_current(self):
        with time_machine.travel(NOW + datetime.timedelta(days=1), tick=False):
            current = self.titles(OfferPage.objects.current())
            closed = self.titles(OfferPage.objects.closed())

        assert "Dernier jour" not in current
        assert "Dernier jour" in closed
        assert "Dans une semaine" in current

    def test_today_is_the_day_in_paris_not_in_utc(self):
        # 00:30 in Paris on the 16th is still the 15th in UTC: the last-day offer has ended.
        just_after_midnight = datetime.datetime(2026, 1, 16, 0, 30, tzinfo=PARIS)
        with time_machine.travel(just_after_midnight, tick=False):
            assert "Dernier jour" not in self.titles(OfferPage.objects.current())


@time_machine.travel(NOW, tick=False)
class TestEmployerDisplayName(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.public_employer = OrganisationFactory(name="Entrepôts du Port")
        cls.private_employer = OrganisationFactory(name="Logistique Secrète", not_public=True)

    def test_a_public_member_is_named(self):
        offer = OfferPageFactory(employer=self.public_employer)

        assert offer.employer_display_name == "Entrepôts du Port"

    def test_a_non_member_is_named_by_the_name_the_editor_wrote(self):
        offer = OfferPageFactory(by_name=True)

        assert offer.employer_display_name == "Boulangerie du Marché"

    def test_an_employer_who_asked_to_stay_anonymous_is_never_named(self):
        for offer in [
            OfferPageFactory(employer=self.public_employer, anonymous_employer=True),
            OfferPageFactory(by_name=True, anonymous_employer=True),
        ]:
            assert offer.employer_display_name == (
                "Une entreprise de la filière Logistique et transport"
            )

    def test_a_member_that_is_not_public_is_never_named(self):
        offer = OfferPageFactory(employer=self.private_employer)

        assert "Logistique Secrète" not in offer.employer_display_name
        assert offer.employer_display_name == (
            "Une entreprise de la filière Logistique et transport"
        )


@time_machine.travel(NOW, tick=False)
class TestInterest(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.offer = OfferPageFactory()

    def test_a_phone_number_or_an_email_address_is_enough(self):
        by_phone = InterestFactory(offer=self.offer)
        by_email = InterestFactory(offer=self.offer, by_email=True)

        by_phone.full_clean()
        by_email.full_clean()
        assert Interest.objects.count() == 2

    def test_without_a_phone_or_an_email_it_is_refused_with_a_french_message(self):
        interest = InterestFactory.build(offer=self.offer, phone="", email="")

        with pytest.raises(ValidationError) as raised:
            interest.full_clean()

        assert raised.value.messages == ["Indiquez un téléphone ou un e-mail."]

    def test_the_database_refuses_an_interest_without_a_phone_or_an_email(self):
        with pytest.raises(IntegrityError), transaction.atomic():
            InterestFactory(offer=self.offer, phone="", email="")

    def test_it_outlives_its_offer(self):
        interest = InterestFactory(offer=self.offer)

        self.offer.delete()

        interest.refresh_from_db()
        assert interest.offer is None
        assert interest.offer_title == "Préparateur de commandes (H/F)"


class TestOrganisationSiret(TestCase):
    def test_two_organisations_cannot_share_a_siret(self):
        siret = valid_siret(7)
        OrganisationFactory(siret=siret)

        duplicate = OrganisationFactory.build(siret=siret)
        with pytest.raises(ValidationError) as raised:
            duplicate.full_clean()
        assert raised.value.messages == ["Une organisation avec ce SIRET existe déjà."]

        with pytest.raises(IntegrityError), transaction.atomic():
            duplicate.save()

    def test_many_organisations_may_have_no_siret(self):
        OrganisationFactory(without_siret=True)
        second = OrganisationFactory.build(without_siret=True)

        second.full_clean()
        second.save()

        assert Organisation.objects.filter(siret="").count() == 2

    def test_a_siret_must_be_a_real_one(self):
        organisation = OrganisationFactory.build(siret="12345678901234")

        with pytest.raises(ValidationError) as raised:
            organisation.full_clean()

        assert raised.value.message_dict["siret"] == [
            "Ce numéro SIRET n'existe pas : vérifiez les chiffres."
        ]
