"""Factories for job offers, residents' « Ça m'intéresse » and the trade-branch pages.

Offers are live (published, `first_published_at` set) and current unless a trait says otherwise.
Their parent is the OfferIndexPage (/offres/) under the default site's home page, built on demand:

    offer = OfferPageFactory()                                  # live, current, in logistique
    OfferPageFactory(no_diploma=True, beginner=True, neighbourhood=neighbourhood)
    OfferPageFactory(expired=True)              # past its expiry date, still live (cron not run)
    OfferPageFactory(closed_by_cron=True)       # …and unpublished by publish_scheduled
    OfferPageFactory(filled=True), OfferPageFactory(draft=True)
    OfferPageFactory(fixed_term=True)           # a CDD with its duration; also cddi=True, pec=True
    OfferPageFactory(by_name=True)              # employer named in plain text, not a member
    OfferPageFactory(anonymous_employer=True), OfferPageFactory(external_link=True)
    OfferPageFactory(by_email=True), OfferPageFactory(easy_read_version=True)
    InterestFactory(offer=offer), InterestFactory(by_email=True)
    branch = BranchPageFactory(with_brochure=True, with_video=True, trades=[trade])

Saving an offer through the factory runs its full validation (Page.save() calls full_clean()),
the search indexing and the reference index, as an editor's save would. For hundreds of offers
in a benchmark or a demo, `create_offers_in_bulk()` is about ten times faster: one query per
batch for the pages' tree rows, one per offer for its own row, search indexing in batches.
"""

import datetime
import itertools
import uuid
from decimal import Decimal

import factory
import wagtail_factories
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.text import slugify
from wagtail.models import Page
from wagtail.search.backends import get_search_backend

from offers.enums import ApplicationMethod, ContractType, FrenchLevel, SalaryPeriod, WorkingTime
from offers.models import (
    BranchIndexPage,
    BranchPage,
    Interest,
    OfferIndexPage,
    OfferPage,
    end_of_day,
    hub_today,
)
from tests.core.factories import DocumentFactory, SiteSettingsFactory
from tests.home.factories import create_site, get_home_page
from tests.organisations.factories import OrganisationFactory
from tests.reference.factories import SectorFactory, TradeFactory

# Close to the legal minimum wage (SMIC), gross, for 35 hours a week: what most entry-level
# offers pay. Examples only: the SMIC changes every year.
SMIC_MONTHLY = Decimal("1823.03")
SMIC_HOURLY = Decimal("12.02")


# --- The parent pages --------------------------------------------------------------------------
def get_offer_index_page():
    """The OfferIndexPage under the default site's home page, created when there is none."""
    home = get_home_page()
    existing = OfferIndexPage.objects.child_of(home).first()
    return existing or OfferIndexPageFactory(parent=home)


# Where the offers page sends residents' « Ça m'intéresse » and the expiry reminders.
ADVISERS_EMAIL = "conseillers@dynamique-emploi.fr"


def create_site_with_advisers():
    """The site, its settings and an offers page whose advisers read ADVISERS_EMAIL; the home."""
    home = create_site()
    SiteSettingsFactory()
    index = get_offer_index_page()
    index.advisers_email = ADVISERS_EMAIL
    index.save()
    return home


def get_branch_index_page():
    """The BranchIndexPage under the default site's home page, created when there is none."""
    home = get_home_page()
    existing = BranchIndexPage.objects.child_of(home).first()
    return existing or BranchIndexPageFactory(parent=home)


def days_ago(days):
    return timezone.now() - datetime.timedelta(days=days)


def days_from_today(days):
    return hub_today() + datetime.timedelta(days=days)


class OfferIndexPageFactory(wagtail_factories.PageFactory):
    """/offres/, in the menus. One per home page: use get_offer_index_page() to reuse it."""

    parent = factory.LazyFunction(get_home_page)
    title = "Offres d'emploi"
    slug = "offres"
    introduction = (
        "Des offres d'emploi près de chez vous. Beaucoup sont ouvertes aux débutants "
        "et aux personnes sans diplôme."
    )
    show_in_menus = True

    class Meta:
        model = OfferIndexPage


# --- Offers ------------------------------------------------------------------------------------
DEFAULT_DESCRIPTION = (
    "<p>Vous préparez les commandes des magasins dans un entrepôt : vous prenez les produits "
    "dans les rayons, vous les rangez dans des cartons et vous les posez sur une palette.</p>"
    "<ul><li>Travail debout, avec un scanner.</li>"
    "<li>Une formation de deux jours à l'arrivée.</li></ul>"
)
DEFAULT_EASY_READ_SUMMARY = (
    "Vous travaillez dans un entrepôt. Vous préparez des colis. "
    "Vous êtes formé le premier jour. Pas besoin de diplôme."
)


class OfferPageFactory(wagtail_factories.PageFactory):
    """A live, current offer by a public member company, applied for through the advisers."""

    parent = factory.LazyFunction(get_offer_index_page)
    title = "Préparateur de commandes (H/F)"
    slug = factory.LazyAttributeSequence(lambda offer, n: f"{slugify(offer.title)}-{n}")
    live = True
    first_published_at = factory.LazyFunction(timezone.now)
    last_published_at = factory.SelfAttribute("first_published_at")

    trade = factory.SubFactory(TradeFactory, magasinage=True)
    sector = factory.SelfAttribute("trade.sector")
    contract_type = ContractType.CDI
    duration = ""
    working_time = WorkingTime.FULL_TIME
    hours_per_week = Decimal(35)
    schedule = "Du lundi au vendredi, de 6 h à 13 h"
    salary_min = SMIC_MONTHLY
    salary_max = Decimal("1950.00")
    salary_period = SalaryPeriod.MONTH
    start_date = None
    positions = 1

    commune = "Saint-Denis"
    postal_code = "93200"
    neighbourhood = None
    address = "4 rue du Port"
    transport_access = "Bus 153, arrêt Port de Saint-Denis"

    employer = factory.SubFactory(OrganisationFactory)
    employer_name = ""
    employer_is_anonymous = False

    no_diploma_required = False
    beginners_welcome = False
    driving_licence_required = False
    vehicle_required = False
    french_level = FrenchLevel.SPOKEN
    open_to_disabled_workers = True

    description = DEFAULT_DESCRIPTION
    easy_read = ""
    application_method = ApplicationMethod.ADVISERS
    application_url = ""
    application_email = ""
    how_to_apply = ""
    reference = factory.Sequence(lambda n: f"PEE-{n:05d}")
    expiry_date = factory.LazyFunction(lambda: days_from_today(45))
    filled = False
    # Not a field: closed_by_cron uses it to set Wagtail's own `expired` flag, whose name the
    # `expired` trait takes.
    unpublished_by_cron = False

    class Meta:
        model = OfferPage

    class Params:
        # Past its expiry date but still live: publish_scheduled has not run yet.
        expired = factory.Trait(
            first_published_at=factory.LazyFunction(lambda: days_ago(70)),
            expiry_date=factory.LazyFunction(lambda: days_from_today(-10)),
        )
        # Past its expiry date and unpublished, as publish_scheduled leaves it.
        closed_by_cron = factory.Trait(expired=True, unpublished_by_cron=True)
        draft = factory.Trait(live=False, first_published_at=None, last_published_at=None)
        no_diploma = factory.Trait(no_diploma_required=True)
        beginner = factory.Trait(beginners_welcome=True)
        external_link = factory.Trait(
            application_method=ApplicationMethod.EXTERNAL_LINK,
            application_url="https://recrutement.example.org/offres/1234",
        )
        by_email = factory.Trait(
            application_method=ApplicationMethod.EMAIL,
            application_email="recrutement@example.org",
        )
        anonymous_employer = factory.Trait(employer_is_anonymous=True)
        by_name = factory.Trait(employer=None, employer_name="Boulangerie du Marché")
        fixed_term = factory.Trait(contract_type=ContractType.CDD, duration="6 mois")
        cddi = factory.Trait(
            contract_type=ContractType.INSERTION,
            duration="4 mois, renouvelable",
            working_time=WorkingTime.PART_TIME,
            hours_per_week=Decimal(26),
        )
        pec = factory.Trait(
            contract_type=ContractType.PEC,
            duration="9 mois",
            working_time=WorkingTime.PART_TIME,
            hours_per_week=Decimal(20),
            salary_min=SMIC_HOURLY,
            salary_max=SMIC_HOURLY,
            salary_period=SalaryPeriod.HOUR,
        )
        part_time = factory.Trait(working_time=WorkingTime.PART_TIME, hours_per_week=Decimal(24))
        without_salary = factory.Trait(salary_min=None, salary_max=None)
        easy_read_version = factory.Trait(easy_read=DEFAULT_EASY_READ_SUMMARY)

    @classmethod
    def _build(cls, model_class, *args, **kwargs):
        kwargs.pop("unpublished_by_cron")
        return super()._build(model_class, *args, **kwargs)

    @classmethod
    def _create_instance(cls, model_class, parent, kwargs):
        if kwargs.pop("unpublished_by_cron", False):
            kwargs.update(live=False, expired=True)
        return super()._create_instance(model_class, parent, kwargs)


class InterestFactory(factory.django.DjangoModelFactory):
    """A resident's « Ça m'intéresse », with a phone number and consent given."""

    offer = factory.SubFactory(OfferPageFactory)
    offer_title = factory.LazyAttribute(lambda interest: interest.offer.title)
    name = "Samira Benali"
    phone = "06 00 00 12 34"
    email = ""
    message = "Je suis disponible tout de suite, le matin surtout."
    consent_text = (
        "J'accepte que la Plateforme Emploi Entreprises garde ces informations pour me rappeler "
        "au sujet de cette offre."
    )
    consented_at = factory.LazyFunction(timezone.now)
    notified_at = None

    class Meta:
        model = Interest

    class Params:
        by_email = factory.Trait(phone="", email="samira.benali@example.org")
        notified = factory.Trait(notified_at=factory.LazyFunction(timezone.now))


# --- Trade branches ----------------------------------------------------------------------------
def key_fact_data(value, label, detail=""):
    return {"type": "figure", "value": {"value": value, "label": label, "detail": detail}}


def brochure_data(document, title="", description=""):
    return {
        "type": "document",
        "value": {"document": document.pk, "title": title, "description": description},
    }


class BranchIndexPageFactory(wagtail_factories.PageFactory):
    """/metiers/, in the menus. One per home page: use get_branch_index_page() to reuse it."""

    parent = factory.LazyFunction(get_home_page)
    title = "Découvrir des métiers"
    slug = "metiers"
    introduction = (
        "Deux fois par an, des professionnels viennent présenter leur métier. "
        "Retrouvez ici ce qu'ils ont dit et les offres de leur filière."
    )
    show_in_menus = True

    class Meta:
        model = BranchIndexPage


class BranchPageFactory(wagtail_factories.PageFactory):
    """A live branch presentation (logistique by default); trades=[…] sets the trades presented."""

    parent = factory.LazyFunction(get_branch_index_page)
    title = "La logistique"
    slug = factory.LazyAttributeSequence(lambda branch, n: f"{slugify(branch.title)}-{n}")
    sector = factory.SubFactory(SectorFactory, logistique=True)
    introduction = "Les entrepôts du territoire recrutent toute l'année, souvent sans diplôme."
    presented_on = factory.LazyFunction(lambda: days_from_today(-30))
    work = (
        "<p>On reçoit les marchandises, on les range et on prépare les commandes. "
        "Le travail se fait debout, souvent tôt le matin.</p>"
    )
    pay = "De 1 823 € à 2 100 € brut par mois pour débuter."
    training = "<p>Le CACES se passe en quelques jours, souvent payé par l'employeur.</p>"
    hiring = "<p>Les entrepôts de la zone du Port et les agences d'intérim.</p>"
    key_facts = factory.LazyFunction(
        lambda: [
            key_fact_data("1 sur 3", "offres ouvertes aux débutants"),
            key_fact_data("5 jours", "pour passer le CACES"),
        ]
    )
    brochures = factory.LazyFunction(list)
    video_url = ""

    class Meta:
        model = BranchPage
        skip_postgeneration_save = True

    class Params:
        with_brochure = factory.Trait(
            brochures=factory.LazyFunction(
                lambda: [
                    brochure_data(
                        DocumentFactory(title="Les métiers de la logistique"),
                        description="Les métiers, les salaires et les formations, en 4 pages.",
                    )
                ]
            )
        )
        with_video = factory.Trait(video_url="https://video.example.org/metiers-logistique")
        draft = factory.Trait(live=False)

    @factory.post_generation
    def trades(branch, create, trades):
        if trades:
            branch.trades.set(trades)
            if create:
                branch.save()


# --- Many offers at once -----------------------------------------------------------------------
CONTRACT_VARIANTS = [
    {"contract_type": ContractType.CDI, "duration": ""},
    {"contract_type": ContractType.CDD, "duration": "6 mois"},
    {"contract_type": ContractType.TEMPORARY, "duration": "1 mois, renouvelable"},
    {
        "contract_type": ContractType.INSERTION,
        "duration": "4 mois, renouvelable",
        "working_time": WorkingTime.PART_TIME,
        "hours_per_week": Decimal(26),
    },
    {"contract_type": ContractType.APPRENTICESHIP, "duration": "2 ans"},
]


def create_offers_in_bulk(
    count,
    trades,
    parent=None,
    neighbourhoods=(),
    employers=(),
    index_for_search=True,
    title_for_trade=None,
    batch_size=500,
):
    """Create `count` live, current offers under `parent` in a few queries per batch; return them.

    For benchmarks and the demo's `--offers N`: the trades, neighbourhoods, contracts, filters and
    publication dates vary from one offer to the next, so that filters select part of them. The
    pages are inserted directly in the tree, without revisions, validation, the reference index or
    signals; `index_for_search` adds them to the search index in batches. Fetch the trades with
    select_related("sector"), or each one costs a query.
    """
    if not trades:
        raise ValueError("create_offers_in_bulk needs at least one trade.")
    parent = parent or get_offer_index_page()
    title_for_trade = title_for_trade or (lambda trade: f"{trade.label} (H/F)")
    content_type = ContentType.objects.get_for_model(OfferPage)
    locale = parent.locale
    now = timezone.now()
    today = hub_today()
    run = uuid.uuid4().hex[:6]
    created = []
    cycles = {
        "trade": itertools.cycle(trades),
        "neighbourhood": itertools.cycle(neighbourhoods or [None]),
        "employer": itertools.cycle(employers or [None]),
        "contract": itertools.cycle(CONTRACT_VARIANTS),
    }

    with transaction.atomic():
        # Lock the parent: its last child's path and numchild must not change under us.
        parent = Page.objects.select_for_update().get(pk=parent.pk)
        last_child = parent.get_last_child()
        next_step = Page._str2int(last_child.path[-Page.steplen :]) + 1 if last_child else 1
        for batch_start in range(0, count, batch_size):
            batch_numbers = range(batch_start, min(batch_start + batch_size, count))
            offers = []
            for number in batch_numbers:
                trade = next(cycles["trade"])
                neighbourhood = next(cycles["neighbourhood"])
                employer = next(cycles["employer"])
                published_at = now - datetime.timedelta(hours=7 * (number % 120))
                title = title_for_trade(trade)
                slug = f"{slugify(title)[:60]}-{run}-{number}"
                offers.append(
                    OfferPage(
                        title=title,
                        draft_title=title,
                        slug=slug,
                        path=Page._get_path(parent.path, parent.depth + 1, next_step + number),
                        depth=parent.depth + 1,
                        numchild=0,
                        url_path=f"{parent.url_path}{slug}/",
                        content_type=content_type,
                        locale=locale,
                        translation_key=uuid.uuid4(),
                        live=True,
                        has_unpublished_changes=False,
                        first_published_at=published_at,
                        last_published_at=published_at,
                        trade=trade,
                        sector=trade.sector,
                        **next(cycles["contract"]),
                        salary_min=SMIC_MONTHLY if number % 5 else None,
                        salary_max=Decimal("2100.00") if number % 5 else None,
                        commune=neighbourhood.commune if neighbourhood else "Saint-Denis",
                        neighbourhood=neighbourhood,
                        employer=employer,
                        employer_name="" if employer else "Entreprise du territoire",
                        employer_is_anonymous=number % 17 == 0,
                        no_diploma_required=number % 3 == 0,
                        beginners_welcome=number % 4 == 0,
                        driving_licence_required=number % 7 == 0,
                        description=DEFAULT_DESCRIPTION,
                        reference=f"BENCH-{run}-{number}",
                        expiry_date=today + datetime.timedelta(days=30 + number % 30),
                        expire_at=end_of_day(today + datetime.timedelta(days=30 + number % 30)),
                    )
                )
            insert_offers(offers)
            if index_for_search:
                get_search_backend().add_bulk(OfferPage, offers)
            created.extend(offers)
        Page.objects.filter(pk=parent.pk).update(numchild=F("numchild") + count)
    return created


def insert_offers(offers):
    """Insert built OfferPage instances: their Page rows in one query, then their own rows."""
    page_fields = [field.attname for field in Page._meta.concrete_fields if not field.primary_key]
    pages = Page.objects.bulk_create(
        [Page(**{name: getattr(offer, name) for name in page_fields}) for offer in offers]
    )
    for offer, page in zip(offers, pages, strict=True):
        offer.id = offer.page_ptr_id = page.pk
        # raw=True: only OfferPage's own table, and no signal handler (index, reference index).
        offer.save_base(raw=True, force_insert=True)
