"""schema.org JobPosting for an open offer, as Google's job search reads it.

Google's guide: https://developers.google.com/search/docs/appearance/structured-data/job-posting
Only open, live offers carry it: a closed offer's page must not be offered as a job any more.
An offer is one job in every language: its English and Arabic pages give the French original's
dates (a translation is published later than the original, and an expiry date edited in French
reaches the translation only when it is synchronised).
"""

import json
from decimal import Decimal

from django.conf import settings
from django.utils import timezone
from django.utils.safestring import mark_safe
from wagtail.rich_text import expand_db_html

from core.addresses import absolute_url
from core.dates import HUB_TIME_ZONE
from offers.enums import ContractType, SalaryPeriod, WorkingTime
from offers.models import end_of_day
from offers.translations import french_original

# Google's employmentType values: FULL_TIME, PART_TIME, CONTRACTOR, TEMPORARY, INTERN, VOLUNTEER,
# PER_DIEM, OTHER. The working time gives FULL_TIME or PART_TIME; the contract adds what it is
# beyond that. Every French fixed-term employment contract (CDD, intérim, the work-study
# contracts, the insertion and subsidised ones, seasonal work) is a salaried job with an end date:
# TEMPORARY. A « stage » is an internship, not employment; a « service civique » is volunteering
# with an allowance, not a job: for those two the working time is left out.
CONTRACT_EMPLOYMENT_TYPES = {
    ContractType.CDI: [],
    ContractType.CDD: ["TEMPORARY"],
    ContractType.TEMPORARY: ["TEMPORARY"],
    ContractType.APPRENTICESHIP: ["TEMPORARY"],
    ContractType.PROFESSIONALISATION: ["TEMPORARY"],
    ContractType.INSERTION: ["TEMPORARY"],
    ContractType.PEC: ["TEMPORARY"],
    ContractType.SEASONAL: ["TEMPORARY"],
    ContractType.INTERNSHIP: ["INTERN"],
    ContractType.CIVIC_SERVICE: ["VOLUNTEER"],
}
CONTRACTS_WITHOUT_WORKING_TIME = {ContractType.INTERNSHIP, ContractType.CIVIC_SERVICE}
WORKING_TIME_EMPLOYMENT_TYPES = {
    WorkingTime.FULL_TIME: "FULL_TIME",
    WorkingTime.PART_TIME: "PART_TIME",
}
SALARY_UNITS = {
    SalaryPeriod.HOUR: "HOUR",
    SalaryPeriod.MONTH: "MONTH",
    SalaryPeriod.YEAR: "YEAR",
}
# Postal codes of Île-de-France's départements; elsewhere the region is left for Google to infer.
ILE_DE_FRANCE_DEPARTMENTS = {"75", "77", "78", "91", "92", "93", "94", "95"}
# Google's documented value for an employer that hires anonymously through an intermediary.
CONFIDENTIAL_EMPLOYER = "confidential"
LOGO_RENDITION = "max-400x400"


def employment_types(offer):
    types = []
    if offer.contract_type not in CONTRACTS_WITHOUT_WORKING_TIME:
        types.append(WORKING_TIME_EMPLOYMENT_TYPES.get(offer.working_time, "OTHER"))
    types += CONTRACT_EMPLOYMENT_TYPES.get(offer.contract_type, ["OTHER"])
    return types


def hiring_organization(offer, request):
    """The employer as the resident sees it on the page.

    An employer who asked to stay anonymous (or a member not cleared to be named) is
    "confidential", as Google asks for anonymous hiring: naming the hub instead would present it
    as the employer, which it is not, and Google's content policy requires the posting to
    represent the hiring organisation fairly.
    """
    if offer.employer_is_anonymous or (offer.employer and not offer.employer.is_public):
        return CONFIDENTIAL_EMPLOYER
    organisation = {"@type": "Organization", "name": str(offer.employer_display_name)}
    employer = offer.employer
    if employer:
        if employer.website:
            organisation["sameAs"] = employer.website
        if employer.logo:
            rendition = employer.logo.get_rendition(LOGO_RENDITION)
            organisation["logo"] = absolute_url(rendition.url)
    return organisation


def postal_address(offer):
    address = {"@type": "PostalAddress"}
    if offer.address:
        address["streetAddress"] = offer.address
    address["addressLocality"] = offer.commune
    if offer.postal_code:
        address["postalCode"] = offer.postal_code
        if offer.postal_code[:2] in ILE_DE_FRANCE_DEPARTMENTS:
            address["addressRegion"] = "Île-de-France"
    address["addressCountry"] = "FR"
    return address


def amount(value):
    """A JSON number: 1800 rather than 1800.00, 11.65 kept as it is."""
    value = Decimal(value)
    return int(value) if value == value.to_integral_value() else float(value)


def base_salary(offer):
    if offer.salary_min is None and offer.salary_max is None:
        return None
    value = {"@type": "QuantitativeValue", "unitText": SALARY_UNITS[offer.salary_period]}
    if offer.salary_min is not None and offer.salary_max is not None:
        if offer.salary_min == offer.salary_max:
            value["value"] = amount(offer.salary_min)
        else:
            value["minValue"] = amount(offer.salary_min)
            value["maxValue"] = amount(offer.salary_max)
    elif offer.salary_min is not None:
        value["minValue"] = amount(offer.salary_min)
    else:
        value["maxValue"] = amount(offer.salary_max)
    return {"@type": "MonetaryAmount", "currency": "EUR", "value": value}


def original_dates(offer):
    """(first published, expiry date) of the offer's French original; the offer's own when it is
    the original or has none."""
    original = french_original(offer)
    if original is None or original.first_published_at is None:
        return offer.first_published_at, offer.expiry_date
    return original.first_published_at, original.expiry_date


def job_posting(offer, request):
    """The JobPosting of an open offer, as a dict ready for json.dumps."""
    first_published_at, expiry_date = original_dates(offer)
    published_on = timezone.localdate(first_published_at or timezone.now(), HUB_TIME_ZONE)
    posting = {
        "@context": "https://schema.org",
        "@type": "JobPosting",
        "title": offer.title,
        "description": expand_db_html(offer.description),
        "datePosted": published_on.isoformat(),
        "validThrough": timezone.localtime(end_of_day(expiry_date), HUB_TIME_ZONE).isoformat(),
        "employmentType": employment_types(offer),
        "hiringOrganization": hiring_organization(offer, request),
        "jobLocation": {"@type": "Place", "address": postal_address(offer)},
        "identifier": {
            "@type": "PropertyValue",
            "name": settings.WAGTAIL_SITE_NAME,
            "value": offer.reference or str(offer.pk),
        },
        # Applying takes the form on this very page, without leaving the site.
        "directApply": offer.applies_through_advisers,
        "occupationalCategory": f"{offer.trade.rome_code} {offer.trade.label}",
        "industry": offer.sector.name,
        "totalJobOpenings": offer.positions,
    }
    salary = base_salary(offer)
    if salary:
        posting["baseSalary"] = salary
    if offer.start_date:
        posting["jobStartDate"] = offer.start_date.isoformat()
    if offer.schedule:
        posting["workHours"] = offer.schedule
    # Google reads "no requirements" in these two properties as « no diploma », « no experience ».
    if offer.no_diploma_required:
        posting["educationRequirements"] = "no requirements"
    if offer.beginners_welcome:
        posting["experienceRequirements"] = "no requirements"
    url = offer.get_full_url(request)
    if url:
        posting["url"] = url
    return posting


def json_ld(data):
    """`data` as JSON safe inside a <script> element: no "</script>", no "<!--", no "&" entity.

    The same escapes as Django's json_script, which would add an id and the wrong type.
    """
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return mark_safe(text)  # noqa: S308 (every character that could end the script is escaped)
