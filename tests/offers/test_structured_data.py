"""The JobPosting JSON-LD that search engines read on an open offer's page, and only there."""

import datetime
import json
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command

from offers.enums import ContractType, SalaryPeriod, WorkingTime
from tests.core.factories import ImageFactory, SiteSettingsFactory
from tests.home.factories import create_site
from tests.offers.factories import OfferPageFactory
from tests.organisations.factories import OrganisationFactory
from tests.reference.factories import NeighbourhoodFactory, TradeFactory

pytestmark = pytest.mark.django_db

PARIS = ZoneInfo("Europe/Paris")
PUBLISHED = datetime.datetime(2026, 3, 2, 9, 30, tzinfo=PARIS)


@pytest.fixture
def site(time_machine):
    time_machine.move_to(PUBLISHED, tick=False)
    home = create_site()
    SiteSettingsFactory()
    return home


def json_ld_scripts(response):
    soup = BeautifulSoup(response.content, "html.parser")
    return soup.find_all("script", type="application/ld+json")


def job_posting(client, offer):
    response = client.get(offer.url)
    assert response.status_code == 200
    scripts = json_ld_scripts(response)
    assert len(scripts) == 1
    # In the head, where the template puts it, not in the content.
    assert scripts[0].find_parent("head") is not None
    return json.loads(scripts[0].string)


def test_an_open_offer_carries_every_required_and_recommended_field(client, site):
    employer = OrganisationFactory(name="Logistique du Port", website="https://port.example.org/")
    neighbourhood = NeighbourhoodFactory(name="Franc-Moisin", commune="Saint-Denis")
    offer = OfferPageFactory(
        title="Préparateur de commandes (H/F)",
        trade=TradeFactory(magasinage=True),
        employer=employer,
        neighbourhood=neighbourhood,
        address="4 rue du Port",
        postal_code="93200",
        commune="Saint-Denis",
        expiry_date=datetime.date(2026, 4, 30),
        reference="PEE-2026-042",
        positions=3,
        start_date=datetime.date(2026, 4, 1),
        no_diploma_required=True,
        beginners_welcome=True,
    )

    posting = job_posting(client, offer)

    assert posting["@context"] == "https://schema.org"
    assert posting["@type"] == "JobPosting"
    assert posting["title"] == "Préparateur de commandes (H/F)"
    assert posting["description"].startswith("<p>Vous préparez les commandes")
    assert "<li>Travail debout, avec un scanner.</li>" in posting["description"]
    assert posting["datePosted"] == "2026-03-02"
    # The offer is shown all through its last day, in Paris (summer time by then).
    assert posting["validThrough"] == "2026-05-01T00:00:00+02:00"
    assert posting["employmentType"] == ["FULL_TIME"]
    assert posting["hiringOrganization"] == {
        "@type": "Organization",
        "name": "Logistique du Port",
        "sameAs": "https://port.example.org/",
    }
    assert posting["jobLocation"] == {
        "@type": "Place",
        "address": {
            "@type": "PostalAddress",
            "streetAddress": "4 rue du Port",
            "addressLocality": "Saint-Denis",
            "postalCode": "93200",
            "addressRegion": "Île-de-France",
            "addressCountry": "FR",
        },
    }
    assert posting["identifier"] == {
        "@type": "PropertyValue",
        "name": "Dynamique Emploi dans les Quartiers",
        "value": "PEE-2026-042",
    }
    assert posting["directApply"] is True
    assert posting["occupationalCategory"] == "N1103 Magasinage et préparation de commandes"
    assert posting["industry"] == "Logistique et transport"
    assert posting["totalJobOpenings"] == 3
    assert posting["jobStartDate"] == "2026-04-01"
    assert posting["educationRequirements"] == "no requirements"
    assert posting["experienceRequirements"] == "no requirements"
    assert posting["url"] == f"http://localhost{offer.url}"


def test_the_salary_range_is_a_monetary_amount_per_month(client, site):
    offer = OfferPageFactory(
        salary_min=Decimal("1823.03"),
        salary_max=Decimal("2100.00"),
        salary_period=SalaryPeriod.MONTH,
    )

    assert job_posting(client, offer)["baseSalary"] == {
        "@type": "MonetaryAmount",
        "currency": "EUR",
        "value": {
            "@type": "QuantitativeValue",
            "unitText": "MONTH",
            "minValue": 1823.03,
            "maxValue": 2100,
        },
    }


def test_a_single_hourly_wage_is_one_value(client, site):
    offer = OfferPageFactory(pec=True)

    assert job_posting(client, offer)["baseSalary"]["value"] == {
        "@type": "QuantitativeValue",
        "unitText": "HOUR",
        "value": 12.02,
    }


def test_a_yearly_minimum_alone(client, site):
    offer = OfferPageFactory(
        salary_min=Decimal(24000), salary_max=None, salary_period=SalaryPeriod.YEAR
    )

    assert job_posting(client, offer)["baseSalary"]["value"] == {
        "@type": "QuantitativeValue",
        "unitText": "YEAR",
        "minValue": 24000,
    }


def test_no_salary_no_base_salary(client, site):
    offer = OfferPageFactory(without_salary=True)

    assert "baseSalary" not in job_posting(client, offer)


@pytest.mark.parametrize(
    ("contract", "working_time", "expected"),
    [
        (ContractType.CDI, WorkingTime.FULL_TIME, ["FULL_TIME"]),
        (ContractType.CDI, WorkingTime.PART_TIME, ["PART_TIME"]),
        (ContractType.CDD, WorkingTime.FULL_TIME, ["FULL_TIME", "TEMPORARY"]),
        (ContractType.TEMPORARY, WorkingTime.PART_TIME, ["PART_TIME", "TEMPORARY"]),
        (ContractType.APPRENTICESHIP, WorkingTime.FULL_TIME, ["FULL_TIME", "TEMPORARY"]),
        (ContractType.INSERTION, WorkingTime.PART_TIME, ["PART_TIME", "TEMPORARY"]),
        (ContractType.INTERNSHIP, WorkingTime.FULL_TIME, ["INTERN"]),
        (ContractType.CIVIC_SERVICE, WorkingTime.PART_TIME, ["VOLUNTEER"]),
    ],
)
def test_employment_type_follows_the_contract_and_the_working_time(
    client, site, contract, working_time, expected
):
    duration = "" if contract == ContractType.CDI else "6 mois"
    offer = OfferPageFactory(contract_type=contract, duration=duration, working_time=working_time)

    assert job_posting(client, offer)["employmentType"] == expected


def test_an_anonymous_employer_is_confidential(client, site):
    employer = OrganisationFactory(name="Entrepôts Secrets")
    offer = OfferPageFactory(employer=employer, anonymous_employer=True)

    response = client.get(offer.url)
    posting = json.loads(json_ld_scripts(response)[0].string)

    assert posting["hiringOrganization"] == "confidential"
    assert "Entrepôts Secrets" not in response.content.decode()


def test_a_member_not_cleared_to_be_named_is_confidential_too(client, site):
    offer = OfferPageFactory(employer=OrganisationFactory(not_public=True))

    assert job_posting(client, offer)["hiringOrganization"] == "confidential"


def test_an_employer_named_in_plain_text_has_just_a_name(client, site):
    offer = OfferPageFactory(by_name=True)

    assert job_posting(client, offer)["hiringOrganization"] == {
        "@type": "Organization",
        "name": "Boulangerie du Marché",
    }


def test_a_public_employer_with_a_logo_shows_it(client, site):
    employer = OrganisationFactory(logo=ImageFactory(title="Logo"))
    offer = OfferPageFactory(employer=employer)

    logo = job_posting(client, offer)["hiringOrganization"]["logo"]

    # An absolute URL on this host, like the page's og:image.
    assert logo.startswith("http://localhost/media/images/")
    assert logo.endswith(".jpg")


def test_the_region_is_left_out_when_it_cannot_be_derived(client, site):
    outside = OfferPageFactory(commune="Lyon", postal_code="69001", address="")
    unknown = OfferPageFactory(postal_code="")

    outside_address = job_posting(client, outside)["jobLocation"]["address"]
    unknown_address = job_posting(client, unknown)["jobLocation"]["address"]

    assert "addressRegion" not in outside_address
    assert "streetAddress" not in outside_address
    assert "addressRegion" not in unknown_address
    assert "postalCode" not in unknown_address


def test_applying_elsewhere_is_not_direct_apply(client, site):
    offer = OfferPageFactory(external_link=True)

    assert job_posting(client, offer)["directApply"] is False


def test_the_page_id_identifies_an_offer_without_reference(client, site):
    offer = OfferPageFactory(reference="")

    assert job_posting(client, offer)["identifier"]["value"] == str(offer.pk)


def test_a_title_cannot_break_out_of_the_script(client, site):
    title = "Agent </script><script>alert('x')</script> & <!-- cie"
    offer = OfferPageFactory(title=title)

    response = client.get(offer.url)
    html = response.content.decode()
    head = html[: html.index("</head>")]
    scripts = json_ld_scripts(response)

    assert "alert('x')</script>" not in head
    assert "<!--" not in head
    assert len(BeautifulSoup(head, "html.parser").find_all("script")) == 1
    assert json.loads(scripts[0].string)["title"] == title


def test_no_job_posting_on_a_filled_offer(client, site):
    offer = OfferPageFactory(filled=True)

    assert json_ld_scripts(client.get(offer.url)) == []


def test_no_job_posting_once_the_date_has_passed(client, site):
    offer = OfferPageFactory(expired=True)

    assert json_ld_scripts(client.get(offer.url)) == []


def test_no_job_posting_once_unpublished_by_the_cron(client, site, time_machine):
    offer = OfferPageFactory(expiry_date=datetime.date(2026, 3, 10))
    assert len(json_ld_scripts(client.get(offer.url))) == 1

    time_machine.move_to(datetime.datetime(2026, 3, 11, 0, 5, tzinfo=PARIS), tick=False)
    call_command("publish_scheduled")
    response = client.get(offer.url)

    assert response.status_code == 200
    assert json_ld_scripts(response) == []
