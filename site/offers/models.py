"""Job offers, the residents' expressions of interest, and the trade-branch presentations.

How an offer leaves the site: its `expiry_date` sets Wagtail's `expire_at` (the day after, at
midnight in Paris), so `manage.py publish_scheduled`, run from cron, unpublishes it. Until that
command runs, `OfferQuerySet.current()` already hides it. An editor marks a filled position with
`filled`. Either way the page stays reachable (the index page routes to unpublished offers) with a
notice, so that links shared on phones never end on a 404.
"""

import datetime

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.http import Http404
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, HelpPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page, PageManager, PageQuerySet
from wagtail.search import index
from wagtail.url_routing import RouteResult
from wagtail_localize.fields import SynchronizedField, TranslatableField

from core.blocks import DocumentLinkBlock, KeyFigureBlock
from core.dates import HUB_TIME_ZONE, hub_today
from core.erasure import ErasedFromLogOnDelete, anonymous_label
from core.models import BasePage, EasyReadMixin, page_sections
from core.validators import validate_no_bidi_controls
from offers.enums import (
    ApplicationMethod,
    ContractType,
    FrenchLevel,
    OfferStatus,
    SalaryPeriod,
    WorkingTime,
)
from reference.forms import CheckboxesBySector, PageLanguageChoicesForm
from reference.models import Trade

OFFER_LIFETIME_DAYS = 60
# Search engines show about this many characters of a meta description.
META_DESCRIPTION_LENGTH = 160


def default_expiry_date():
    return hub_today() + datetime.timedelta(days=OFFER_LIFETIME_DAYS)


def end_of_day(date):
    """The first instant after `date` in the site's time zone: when an offer valid on it ends."""
    next_day = datetime.datetime.combine(date + datetime.timedelta(days=1), datetime.time.min)
    return timezone.make_aware(next_day, HUB_TIME_ZONE)


class OfferQuerySet(PageQuerySet):
    def current(self):
        """Offers a resident can still apply to: published, not filled, not past their date."""
        return self.live().public().filter(filled=False, expiry_date__gte=hub_today())

    def closed(self):
        """Offers shown with a notice only: filled, or past their expiry date."""
        return self.filter(models.Q(filled=True) | models.Q(expiry_date__lt=hub_today()))

    def published_since(self, days):
        since = timezone.now() - datetime.timedelta(days=days)
        return self.filter(first_published_at__gte=since)

    def expiring_within(self, days):
        today = hub_today()
        return (
            self.current()
            .filter(expiry_date__lte=today + datetime.timedelta(days=days))
            .order_by("expiry_date")
        )

    def due_for_expiry_reminder(self, days):
        """Current offers ending within `days` that nobody was reminded of for this date yet.

        A reminder sent for any language version of the offer counts: they share their expiry date.
        """
        reminded = OfferExpiryReminder.objects.filter(
            offer__translation_key=models.OuterRef("translation_key"),
            expiry_date=models.OuterRef("expiry_date"),
        )
        return self.expiring_within(days).exclude(models.Exists(reminded))

    def for_listing(self):
        """What an offer card shows, fetched with the offers rather than one query per card."""
        return self.select_related("trade", "sector", "neighbourhood", "employer")


OfferManager = PageManager.from_queryset(OfferQuerySet)


class OfferIndexPage(RoutablePageMixin, BasePage):
    """/offres/: the list of current offers, with filters, and their feed."""

    introduction = models.TextField(
        blank=True,
        max_length=600,
        verbose_name=_("Introduction"),
        help_text=_("Une ou deux phrases au-dessus de la liste des offres."),
    )
    advisers_email = models.EmailField(
        blank=True,
        verbose_name=_("E-mail des conseillers"),
        help_text=_(
            "Reçoit chaque « Ça m'intéresse » envoyé par un habitant. "
            "À défaut, l'adresse e-mail des coordonnées du site."
        ),
    )

    content_panels = [*Page.content_panels, FieldPanel("introduction")]
    settings_panels = [*Page.settings_panels, FieldPanel("advisers_email")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["offers.OfferPage"]
    max_count_per_parent = 1
    template = "pages/offer_index_page.html"

    class Meta:
        verbose_name = _("Liste des offres d'emploi")

    def route(self, request, path_components):
        if path_components and self.live:
            try:
                # The listing's own addresses (its feed) come first, as with Wagtail's router.
                self.resolve_subpage("/" + "/".join(path_components) + "/")
            except Http404:
                return self._route_to_offer(request, path_components)
        return super().route(request, path_components)

    def _route_to_offer(self, request, path_components):
        """One query for the offer and what its page shows, where Wagtail's router makes two
        (the page, then its specific version) and three more follow (trade, sector, employer).

        An expired offer is unpublished by publish_scheduled but must stay reachable, with its
        notice: it is served here where Wagtail's router would answer 404.
        """
        slug, remaining = path_components[0], path_components[1:]
        offer = OfferPage.objects.child_of(self).filter(slug=slug).for_listing().first()
        if offer is None:
            raise Http404
        # Its parent is this page: treebeard's get_parent() then needs no query.
        offer._cached_parent_obj = self
        if not offer.live and offer.expired and not remaining:
            # With its "" view, as Wagtail's router would give a live page.
            return RouteResult(offer, args=(offer.detail, (), {}))
        return offer.route(request, remaining)

    @path("")
    def listing(self, request):
        from offers.listing import listing_context

        return self.render(request, context_overrides=listing_context(request, self))

    @path("flux/")
    def feed(self, request):
        from offers.feeds import OfferFeed

        return OfferFeed(self)(request)

    def get_advisers_email(self):
        if self.advisers_email:
            return self.advisers_email
        from core.models import SiteSettings

        return SiteSettings.for_site(self.get_site()).email


class OfferPage(RoutablePageMixin, EasyReadMixin, BasePage):
    """A job offer, written for a resident who may read with difficulty."""

    # --- The job
    trade = models.ForeignKey(
        "reference.Trade",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("Métier (fiche ROME)"),
        help_text=_(
            "Tapez le début du métier ou son code ROME. Ex. : « magasinage » ou N1103 pour un "
            "préparateur de commandes."
        ),
    )
    sector = models.ForeignKey(
        "reference.Sector",
        on_delete=models.PROTECT,
        # blank: the admin may leave it to clean()/save(), which take the trade's sector.
        blank=True,
        related_name="+",
        verbose_name=_("Filière"),
        help_text=_("Vide : la filière du métier. Ex. : Logistique et transport."),
    )
    contract_type = models.CharField(
        max_length=30,
        choices=ContractType.choices,
        verbose_name=_("Type de contrat"),
        help_text=_("Ex. : CDI. Un CDD, un intérim ou un contrat aidé demande aussi sa durée."),
    )
    duration = models.CharField(
        max_length=80,
        blank=True,
        verbose_name=_("Durée du contrat"),
        help_text=_("Pour un contrat à durée limitée. Ex. : 6 mois."),
    )
    working_time = models.CharField(
        max_length=20,
        choices=WorkingTime.choices,
        default=WorkingTime.FULL_TIME,
        verbose_name=_("Temps de travail"),
        help_text=_("Temps partiel : indiquez aussi les heures par semaine."),
    )
    hours_per_week = models.DecimalField(
        max_digits=4,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(48)],
        verbose_name=_("Heures par semaine"),
        help_text=_("Un nombre, virgule permise. Ex. : 35 ou 24,5."),
    )
    schedule = models.CharField(
        max_length=200,
        blank=True,
        verbose_name=_("Horaires"),
        help_text=_("Ex. : de 6 h à 13 h, du lundi au vendredi ; de nuit ; le week-end."),
    )
    salary_min = models.DecimalField(
        max_digits=9,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
        verbose_name=_("Salaire brut minimum (€)"),
        help_text=_("En euros bruts, sans le signe €. Ex. : 1823,03. Vide : non précisé."),
    )
    salary_max = models.DecimalField(
        max_digits=9,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
        verbose_name=_("Salaire brut maximum (€)"),
        help_text=_("Vide pour un salaire fixe. Ex. : 2100."),
    )
    salary_period = models.CharField(
        max_length=10,
        choices=SalaryPeriod.choices,
        default=SalaryPeriod.MONTH,
        verbose_name=_("Période du salaire"),
        help_text=_("Ex. : 11,88 € de l'heure, 1 900 € par mois."),
    )
    start_date = models.DateField(
        null=True,
        blank=True,
        verbose_name=_("Date de début"),
        help_text=_("Vide : dès que possible. Ex. : 02/03/2026."),
    )
    positions = models.PositiveSmallIntegerField(
        default=1,
        validators=[MinValueValidator(1)],
        verbose_name=_("Nombre de postes"),
        help_text=_("Combien de personnes l'employeur recrute sur cette offre. Ex. : 3."),
    )

    # --- The place
    commune = models.CharField(
        max_length=120,
        verbose_name=_("Commune"),
        help_text=_("Où se trouve le poste. Ex. : Saint-Denis."),
    )
    postal_code = models.CharField(
        max_length=5,
        blank=True,
        verbose_name=_("Code postal"),
        help_text=_("Cinq chiffres. Ex. : 93200."),
    )
    neighbourhood = models.ForeignKey(
        "reference.Neighbourhood",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("Quartier"),
        help_text=_(
            "Le quartier prioritaire du poste, s'il y en a un. Tapez le début de son nom. "
            "Ex. : Franc-Moisin."
        ),
    )
    address = models.CharField(
        max_length=200,
        blank=True,
        verbose_name=_("Adresse"),
        help_text=_("Facultatif. Ex. : 12 rue du Landy."),
    )
    transport_access = models.CharField(
        max_length=200,
        blank=True,
        verbose_name=_("Accès en transports en commun"),
        help_text=_("Ex. : bus 153, arrêt Marché ; métro ligne 13."),
    )

    # --- The employer
    employer = models.ForeignKey(
        "organisations.Organisation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="offers",
        verbose_name=_("Employeur membre du réseau"),
        help_text=_(
            "Tapez le début de son nom ou son SIRET. Ex. : Entrepôts du Canal. Sinon, écrivez "
            "le nom dans le champ suivant."
        ),
    )
    employer_name = models.CharField(
        max_length=200,
        blank=True,
        verbose_name=_("ou nom de l'employeur"),
        help_text=_("Pour un employeur qui n'est pas membre du réseau. Ex. : Boulangerie Martin."),
    )
    employer_is_anonymous = models.BooleanField(
        default=False,
        verbose_name=_("L'employeur reste anonyme"),
        help_text=_("Le site dit seulement « une entreprise » et sa filière."),
    )

    # --- What it takes
    no_diploma_required = models.BooleanField(
        default=False,
        verbose_name=_("Sans diplôme"),
        help_text=_("Cochez si aucun diplôme n'est demandé : un filtre de la liste le cherche."),
    )
    beginners_welcome = models.BooleanField(
        default=False,
        verbose_name=_("Débutant accepté"),
        help_text=_("Cochez si une personne sans expérience du métier peut postuler."),
    )
    driving_licence_required = models.BooleanField(
        default=False,
        verbose_name=_("Permis B demandé"),
        help_text=_("Ex. : pour des livraisons ou des chantiers en journée."),
    )
    vehicle_required = models.BooleanField(
        default=False,
        verbose_name=_("Véhicule nécessaire"),
        help_text=_("Ex. : un poste tôt le matin que les transports ne desservent pas."),
    )
    french_level = models.CharField(
        max_length=10,
        choices=FrenchLevel.choices,
        default=FrenchLevel.SPOKEN,
        verbose_name=_("Niveau de français"),
        help_text=_("Le niveau vraiment nécessaire au poste : souvent, le parler suffit."),
    )
    open_to_disabled_workers = models.BooleanField(
        default=True,
        verbose_name=_("Ouvert aux travailleurs handicapés (RQTH)"),
        help_text=_("Décochez seulement si l'employeur ne peut pas adapter le poste."),
    )

    # --- The text
    description = RichTextField(
        features=["bold", "ol", "ul", "link"],
        verbose_name=_("Description du poste"),
        help_text=_(
            "Ce que la personne fera, avec des mots simples. Ex. : Vous préparez les commandes "
            "des magasins."
        ),
    )
    # --- Applying
    application_method = models.CharField(
        max_length=20,
        choices=ApplicationMethod.choices,
        default=ApplicationMethod.ADVISERS,
        verbose_name=_("Comment postuler"),
        help_text=_(
            "Par les conseillers : le bouton « Ça m'intéresse ». Lien ou e-mail : remplissez "
            "aussi le champ qui suit."
        ),
    )
    application_url = models.URLField(
        blank=True,
        validators=[validate_no_bidi_controls],
        verbose_name=_("Lien pour postuler"),
        help_text=_(
            "Si l'on postule sur le site de l'employeur. Ex. : https://emploi.example.fr/offre/42"
        ),
    )
    application_email = models.EmailField(
        blank=True,
        verbose_name=_("E-mail pour postuler"),
        help_text=_("Si l'on postule par e-mail. Ex. : recrutement@example.fr"),
    )
    how_to_apply = models.TextField(
        blank=True,
        max_length=600,
        verbose_name=_("Conseils pour postuler"),
        help_text=_(
            "Facultatif : ce qu'il faut préparer, à qui s'adresser. Ex. : Venez avec un CV."
        ),
    )
    reference = models.CharField(
        max_length=40,
        blank=True,
        verbose_name=_("Référence de l'offre"),
        help_text=_(
            "Le code que les conseillers utilisent pour retrouver l'offre. Ex. : PEE-2026-014."
        ),
    )

    # --- Its life
    expiry_date = models.DateField(
        default=default_expiry_date,
        verbose_name=_("Date limite"),
        help_text=_(
            "Dernier jour où l'offre est affichée. Par défaut 60 jours après sa création ; "
            "jamais avant sa publication."
        ),
    )
    filled = models.BooleanField(
        default=False,
        verbose_name=_("Poste pourvu"),
        help_text=_(
            "L'offre quitte la liste ; sa page reste visible avec la mention « Poste pourvu »."
        ),
    )

    objects = OfferManager()

    # The trade, sector and neighbourhood choosers accept only those of the offer's language.
    base_form_class = PageLanguageChoicesForm

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("trade"), FieldPanel("sector")]),
                FieldRowPanel([FieldPanel("contract_type"), FieldPanel("duration")]),
                FieldRowPanel([FieldPanel("working_time"), FieldPanel("hours_per_week")]),
                FieldPanel("schedule"),
                FieldRowPanel(
                    [
                        FieldPanel("salary_min"),
                        FieldPanel("salary_max"),
                        FieldPanel("salary_period"),
                    ]
                ),
                FieldRowPanel([FieldPanel("start_date"), FieldPanel("positions")]),
            ],
            heading=_("Le poste"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("commune"), FieldPanel("postal_code")]),
                FieldPanel("neighbourhood"),
                FieldPanel("address"),
                FieldPanel("transport_access"),
            ],
            heading=_("Le lieu"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("employer"),
                FieldPanel("employer_name"),
                FieldPanel("employer_is_anonymous"),
            ],
            heading=_("L'employeur"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("no_diploma_required"), FieldPanel("beginners_welcome")]),
                FieldRowPanel(
                    [FieldPanel("driving_licence_required"), FieldPanel("vehicle_required")]
                ),
                FieldPanel("french_level"),
                FieldPanel("open_to_disabled_workers"),
            ],
            heading=_("Ce qu'il faut"),
        ),
        FieldPanel("description"),
        EasyReadMixin.easy_read_panel,
        MultiFieldPanel(
            [
                FieldPanel("application_method"),
                FieldPanel("application_url"),
                FieldPanel("application_email"),
                FieldPanel("how_to_apply"),
                FieldPanel("reference"),
            ],
            heading=_("Postuler"),
        ),
        MultiFieldPanel(
            [
                HelpPanel(
                    content=_(
                        "Le lendemain de la date limite, l'offre quitte le site toute seule. "
                        "Sa page reste visible avec la mention « Offre expirée »."
                    )
                ),
                FieldPanel("expiry_date"),
                FieldPanel("filled"),
            ],
            heading=_("Durée de publication"),
        ),
    ]
    # The expiry date is the only expiry control: Wagtail's own expiry field would contradict it.
    settings_panels = []

    search_fields = [
        *Page.search_fields,
        index.SearchField("description"),
        index.SearchField("easy_read"),
        index.SearchField("commune", boost=2),
        # The name residents see: an employer that asked to stay anonymous is not found by it.
        index.SearchField("searchable_employer_name"),
        index.RelatedFields("trade", [index.SearchField("label", boost=3)]),
        index.RelatedFields("sector", [index.SearchField("name", boost=2)]),
        index.RelatedFields("neighbourhood", [index.SearchField("name", boost=2)]),
        index.AutocompleteField("title"),
        index.FilterField("sector_id"),
        index.FilterField("trade_id"),
        index.FilterField("contract_type"),
        index.FilterField("working_time"),
        index.FilterField("commune"),
        index.FilterField("neighbourhood_id"),
        index.FilterField("no_diploma_required"),
        index.FilterField("beginners_welcome"),
        index.FilterField("filled"),
        index.FilterField("expiry_date"),
        index.FilterField("first_published_at"),
    ]

    override_translatable_fields = [
        *BasePage.override_translatable_fields,
        *[
            SynchronizedField(name)
            for name in (
                "contract_type",
                "working_time",
                "hours_per_week",
                "salary_min",
                "salary_max",
                "salary_period",
                "start_date",
                "positions",
                "commune",
                "postal_code",
                "address",
                "employer",
                "employer_name",
                "employer_is_anonymous",
                "no_diploma_required",
                "beginners_welcome",
                "driving_licence_required",
                "vehicle_required",
                "french_level",
                "open_to_disabled_workers",
                "application_method",
                "application_url",
                "application_email",
                "reference",
                "expiry_date",
                "filled",
            )
        ],
        # Point at the sector, trade and neighbourhood of the translation's own language.
        TranslatableField("trade"),
        TranslatableField("sector"),
        TranslatableField("neighbourhood"),
    ]

    parent_page_types = ["offers.OfferIndexPage"]
    subpage_types = []
    template = "pages/offer_page.html"

    class Meta:
        verbose_name = _("Offre d'emploi")
        verbose_name_plural = _("Offres d'emploi")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(salary_min__isnull=True)
                | models.Q(salary_max__isnull=True)
                | models.Q(salary_min__lte=models.F("salary_max")),
                name="offer_salary_min_not_above_max",
                violation_error_message=_("Le salaire maximum doit être au moins égal au minimum."),
            ),
        ]

    # --- Rules

    def clean(self):
        super().clean()
        errors = {}
        publication_date = (
            timezone.localdate(self.first_published_at, HUB_TIME_ZONE)
            if self.first_published_at
            else hub_today()
        )
        if self.expiry_date and self.expiry_date < publication_date:
            errors["expiry_date"] = _(
                "La date limite ne peut pas être avant la publication (%(date)s)."
            ) % {"date": publication_date.strftime("%d/%m/%Y")}
        if (
            self.salary_min is not None
            and self.salary_max is not None
            and self.salary_min > self.salary_max
        ):
            errors["salary_max"] = _("Le salaire maximum doit être au moins égal au minimum.")
        if self.contract_type in ContractType.fixed_term() and not self.duration:
            errors["duration"] = _("Indiquez la durée de ce contrat.")
        if not (self.employer_id or self.employer_name):
            errors["employer_name"] = _(
                "Choisissez un employeur membre du réseau ou écrivez le nom de l'employeur."
            )
        if self.application_method == ApplicationMethod.EXTERNAL_LINK and not self.application_url:
            errors["application_url"] = _("Indiquez le lien où postuler.")
        if self.application_method == ApplicationMethod.EMAIL and not self.application_email:
            errors["application_email"] = _("Indiquez l'e-mail où envoyer les candidatures.")
        if self.trade_id and self.sector_id is None:
            self.sector_id = self.trade.sector_id
        if errors:
            raise ValidationError(errors)
        self.expire_at = end_of_day(self.expiry_date)

    def save(self, *args, **kwargs):
        if self.sector_id is None and self.trade_id:
            self.sector_id = self.trade.sector_id
        if self.expiry_date:
            self.expire_at = end_of_day(self.expiry_date)
        return super().save(*args, **kwargs)

    # --- What visitors are told

    @cached_property
    def status(self):
        if self.filled:
            return OfferStatus.FILLED
        if self.expired or self.expiry_date < hub_today():
            return OfferStatus.EXPIRED
        return OfferStatus.OPEN

    @property
    def is_open(self):
        return self.status == OfferStatus.OPEN and self.live

    @property
    def employer_display_name(self):
        """The name a resident sees: never one that asked to stay anonymous or isn't public."""
        if self.employer_is_anonymous or (self.employer and not self.employer.is_public):
            return _("Une entreprise de la filière %(sector)s") % {"sector": self.sector.name}
        if self.employer:
            return self.employer.name
        return self.employer_name

    @property
    def summary(self):
        """What a search result or a shared link says under the title: the editor's own summary,
        else one plain sentence (title, employer, place, contract) of at most 160 characters."""
        if written := super().summary:
            return written
        contract = self.get_contract_type_display()
        if self.working_time == WorkingTime.PART_TIME:
            contract = _("%(contract)s à temps partiel") % {"contract": contract}
        sentence = _("%(title)s chez %(employer)s, à %(commune)s : %(contract)s.") % {
            "title": self.title,
            "employer": self.employer_display_name,
            "commune": self.commune,
            "contract": contract,
        }
        return Truncator(sentence).chars(META_DESCRIPTION_LENGTH)

    def searchable_employer_name(self):
        """For the search index: the employer's name when residents may see it, else nothing."""
        if self.employer_is_anonymous or (self.employer and not self.employer.is_public):
            return ""
        return self.employer.name if self.employer else self.employer_name

    @property
    def applies_through_advisers(self):
        return self.application_method == ApplicationMethod.ADVISERS

    def get_sitemap_urls(self, request=None):
        return super().get_sitemap_urls(request) if self.is_open else []

    @path("")
    def detail(self, request):
        from offers.views import offer_detail

        return offer_detail(request, self)

    @path("merci/")
    def interest_sent(self, request):
        from offers.views import interest_sent

        return interest_sent(request, self)


class Interest(ErasedFromLogOnDelete, models.Model):
    """A resident's « Ça m'intéresse » for an offer, sent to the hub's advisers.

    Personal data: kept for settings.INTEREST_RETENTION_DAYS, then erased by
    `manage.py erase_old_interests`; only with the consent recorded here. Deleting one (in the
    admin, on request) erases it: see core.erasure.ErasedFromLogOnDelete.
    """

    offer = models.ForeignKey(
        OfferPage,
        null=True,
        on_delete=models.SET_NULL,
        related_name="interests",
        verbose_name=_("Offre"),
    )
    # Kept so an adviser still knows which offer it was if the page is deleted.
    offer_title = models.CharField(max_length=255, verbose_name=_("Intitulé de l'offre"))
    name = models.CharField(max_length=120, verbose_name=_("Nom"))
    phone = models.CharField(max_length=30, blank=True, verbose_name=_("Téléphone"))
    email = models.EmailField(blank=True, verbose_name=_("E-mail"))
    message = models.TextField(blank=True, max_length=1000, verbose_name=_("Message"))
    consent_text = models.TextField(verbose_name=_("Texte du consentement accepté"))
    consented_at = models.DateTimeField(verbose_name=_("Consentement donné le"))
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("Reçu le"))
    notified_at = models.DateTimeField(
        null=True, blank=True, verbose_name=_("Conseillers prévenus le")
    )

    class Meta:
        verbose_name = _("« Ça m'intéresse »")
        verbose_name_plural = _("« Ça m'intéresse »")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(phone="", email=""),
                name="interest_has_a_phone_or_an_email",
                violation_error_message=_("Indiquez un téléphone ou un e-mail."),
            ),
        ]

    def __str__(self):
        # No name: Wagtail's admin log keeps this label after the interest is erased.
        return f"{anonymous_label(Interest, self.pk)} – {self.offer_title}"


class OfferExpiryReminder(models.Model):
    """The advisers and the offer's author were reminded that it ends on `expiry_date`.

    Written by `manage.py remind_expiring_offers`, once per offer and expiry date: an editor who
    extends the offer gets a new reminder when the new date draws near. Kept apart from the page,
    whose fields the next published revision would overwrite.
    """

    offer = models.ForeignKey(
        OfferPage,
        on_delete=models.CASCADE,
        related_name="expiry_reminders",
        verbose_name=_("Offre"),
    )
    expiry_date = models.DateField(verbose_name=_("Date limite rappelée"))
    queued_at = models.DateTimeField(default=timezone.now, verbose_name=_("Rappel préparé le"))
    # When the first of its e-mails (to the advisers, to the author) went out; each is retried
    # on its own while the mail server is down.
    sent_at = models.DateTimeField(null=True, blank=True, verbose_name=_("Rappel envoyé le"))

    class Meta:
        verbose_name = _("Rappel de fin d'offre")
        verbose_name_plural = _("Rappels de fin d'offre")
        constraints = [
            models.UniqueConstraint(
                fields=["offer", "expiry_date"], name="offer_expiry_reminder_once_per_date"
            ),
        ]

    def __str__(self):
        return f"{self.offer_id} – {self.expiry_date:%d/%m/%Y}"


# Other apps add sections to a branch page (the events app: its next presentations) through
# this hook, as on the home page (see core.models.page_sections).
BRANCH_PAGE_SECTIONS_HOOK = "branch_page_sections"


class BranchIndexPage(BasePage):
    """/metiers/: the professional branches that present their trades."""

    introduction = models.TextField(
        blank=True,
        max_length=600,
        verbose_name=_("Introduction"),
        help_text=_(
            "Une ou deux phrases au-dessus des branches. Ex. : Des professionnels présentent "
            "leur métier deux fois par an."
        ),
    )

    content_panels = [*Page.content_panels, FieldPanel("introduction")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["offers.BranchPage"]
    max_count_per_parent = 1
    template = "pages/branch_index_page.html"

    class Meta:
        verbose_name = _("Liste des branches professionnelles")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["branches"] = (
            BranchPage.objects.child_of(self)
            .live()
            .public()
            .select_related("sector", "listing_image")
        )
        return context


class BranchPage(EasyReadMixin, BasePage):
    """A professional branch presenting its trades (twice a year) and leading to their offers."""

    sector = models.ForeignKey(
        "reference.Sector",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("Filière"),
        help_text=_("La page montre d'elle-même les offres en cours de cette filière."),
    )
    trades = ParentalManyToManyField(
        "reference.Trade",
        blank=True,
        related_name="+",
        verbose_name=_("Métiers présentés"),
        help_text=_(
            "Cochez les métiers que la branche a présentés, rangés par filière. "
            "Ex. : Maçonnerie, Peinture en bâtiment."
        ),
    )
    introduction = models.TextField(
        blank=True,
        max_length=600,
        verbose_name=_("Chapeau"),
        help_text=_(
            "Une ou deux phrases sous le titre. Ex. : Maçons, peintres : le bâtiment forme sur "
            "le chantier."
        ),
    )
    presented_on = models.DateField(
        null=True,
        blank=True,
        verbose_name=_("Date de la dernière présentation"),
        help_text=_("Le jour où la branche est venue présenter ses métiers. Ex. : 12/02/2026."),
    )
    work = RichTextField(
        features=["h3", "bold", "ol", "ul", "link"],
        blank=True,
        verbose_name=_("Le travail au quotidien"),
        help_text=_("Une journée de travail racontée simplement. Ex. : On arrive tôt, en équipe."),
    )
    pay = models.CharField(
        max_length=200,
        blank=True,
        verbose_name=_("Salaires"),
        help_text=_("Ex. : de 1 800 € à 2 300 € brut par mois pour débuter."),
    )
    training = RichTextField(
        features=["h3", "bold", "ol", "ul", "link"],
        blank=True,
        verbose_name=_("Se former"),
        help_text=_(
            "Les formations qui mènent au métier. Ex. : un CQP en trois mois, en alternance."
        ),
    )
    hiring = RichTextField(
        features=["bold", "ol", "ul", "link"],
        blank=True,
        verbose_name=_("Qui recrute"),
        help_text=_(
            "Les employeurs du territoire, avec un lien vers les offres. Ex. : les entreprises "
            "de nettoyage de Saint-Denis."
        ),
    )
    key_facts = StreamField(
        [("figure", KeyFigureBlock())],
        blank=True,
        max_num=6,
        verbose_name=_("Chiffres clés"),
        help_text=_("Six au plus. Ex. : « 6 h » pour « le début de la journée »."),
    )
    brochures = StreamField(
        [("document", DocumentLinkBlock())],
        blank=True,
        verbose_name=_("Documents à télécharger"),
        help_text=_("Des fiches PDF de la branche. Ex. : Les métiers du bâtiment en bref."),
    )
    video_url = models.URLField(
        blank=True,
        verbose_name=_("Lien vers une vidéo"),
        help_text=_("Montré comme un simple lien : aucune vidéo d'un autre site n'est chargée."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("introduction"),
        FieldRowPanel([FieldPanel("sector"), FieldPanel("presented_on")]),
        # The trades of the page's language only (base_form_class), under their sectors.
        FieldPanel("trades", widget=CheckboxesBySector),
        EasyReadMixin.easy_read_panel,
        FieldPanel("work"),
        FieldPanel("pay"),
        FieldPanel("training"),
        FieldPanel("hiring"),
        FieldPanel("key_facts"),
        FieldPanel("brochures"),
        FieldPanel("video_url"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("introduction", boost=2),
        index.SearchField("easy_read"),
        index.SearchField("work"),
        index.SearchField("training"),
        index.SearchField("hiring"),
        index.RelatedFields("sector", [index.SearchField("name", boost=2)]),
    ]
    override_translatable_fields = [
        *BasePage.override_translatable_fields,
        TranslatableField("sector"),
        SynchronizedField("trades"),
        SynchronizedField("presented_on"),
        SynchronizedField("video_url"),
    ]

    base_form_class = PageLanguageChoicesForm

    parent_page_types = ["offers.BranchIndexPage"]
    subpage_types = []
    template = "pages/branch_page.html"

    class Meta:
        verbose_name = _("Branche professionnelle")
        verbose_name_plural = _("Branches professionnelles")

    CURRENT_OFFERS_SHOWN = 6

    def clean(self):
        super().clean()
        if self.presented_on and self.presented_on > hub_today():
            # Beside the date, not at the top of the form: the editor sees what to change.
            raise ValidationError(
                {
                    "presented_on": _(
                        "Cette date est à venir : indiquez celle de la dernière présentation "
                        "passée. Une présentation à venir s'annonce par un événement."
                    )
                }
            )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # The offers of this page's language, whatever the language of their sector: an
        # untranslated offer shown in English or Arabic (an alias, offers.translations) keeps
        # the French sector.
        offers = (
            OfferPage.objects.current()
            .for_listing()
            .filter(locale=self.locale, sector__translation_key=self.sector.translation_key)
        )
        context["current_offers"] = offers.order_by("-first_published_at")[
            : self.CURRENT_OFFERS_SHOWN
        ]
        context["current_offers_count"] = offers.count()
        context["offer_index"] = OfferIndexPage.objects.live().filter(locale=self.locale).first()
        context["presented_trades"] = self.presented_trades()
        context["sections"] = page_sections(BRANCH_PAGE_SECTIONS_HOOK, request, self)
        return context

    def presented_trades(self):
        """The trades, in the page's language: a translation keeps its source's trades (they are
        synchronised), and shows each in its own language where it is translated."""
        trades = list(self.trades.all())
        if all(trade.locale_id == self.locale_id for trade in trades):
            return trades
        in_page_language = {
            trade.translation_key: trade
            for trade in Trade.objects.filter(
                translation_key__in=[trade.translation_key for trade in trades],
                locale_id=self.locale_id,
            )
        }
        return sorted(
            (in_page_language.get(trade.translation_key, trade) for trade in trades),
            key=lambda trade: trade.label,
        )
