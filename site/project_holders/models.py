"""ESS project holders followed by the hub, their follow-up notes, and the public « Je porte un
projet ESS » page.

One ProjectHolder row holds the person, their project, their consent and where the project stands.
A person and their project are registered, followed, exported and erased together: one row keeps
each of those operations (and the history of who changed what) in one place. Someone with a
second project is registered a second time; the duplicate warning links the two records.

Personal data: saved only with the consent recorded on the row; anonymised on request by a
coordinator, or PROJECT_HOLDER_RETENTION_YEARS after closing by `manage.py
anonymise_project_holders`, which also blanks the personal fields of the history.
"""

from django.conf import settings
from django.db import models, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Page

from core.dates import hub_today
from core.erasure import erase_history
from core.models import BasePage
from project_holders.enums import (
    SUPPORTED_OUTCOMES,
    AgeBand,
    ConsentMethod,
    HolderStatus,
    LegalForm,
    Outcome,
    ProjectStage,
)

# The fields that say who the person is: blanked when the record is anonymised, in the history too.
PERSONAL_FIELDS = ("name", "phone", "email", "project_name", "project_description")


class ProjectHolderQuerySet(models.QuerySet):
    def for_listing(self):
        return self.select_related(
            "neighbourhood",
            "sector",
            "registered_by_organisation",
            "accompanying_organisation",
            "accompanying_coordinator",
        )

    def not_anonymised(self):
        return self.filter(anonymised_at__isnull=True)

    def supported_in(self, year):
        """Holders the hub supported during `year` (see ProjectHolder.supported_on)."""
        return self.filter(supported_on__year=year)

    def with_contact(self, *, phone="", email=""):
        """Records (not anonymised) with this phone number or e-mail address."""
        condition = Q()
        if phone:
            condition |= Q(phone=phone)
        if email:
            condition |= Q(email__iexact=email)
        if not condition:
            return self.none()
        return self.not_anonymised().filter(condition)

    def to_anonymise(self, today=None):
        """Closed more than PROJECT_HOLDER_RETENTION_YEARS years ago, not yet anonymised."""
        today = today or hub_today()
        years = settings.PROJECT_HOLDER_RETENTION_YEARS
        try:
            limit = today.replace(year=today.year - years)
        except ValueError:  # 29 February
            limit = today.replace(year=today.year - years, day=28)
        return self.not_anonymised().filter(status=HolderStatus.CLOSED, closed_on__lt=limit)


class ProjectHolder(models.Model):
    """A person carrying a social-economy project, the project, their consent and its follow-up.

    `supported_on` defines the yearly counter: the day the holder first reached « accompagné »,
    or, when a project is closed with a structure created or a redirection without having been
    marked « accompagné », the day it was closed. A holder counts once, in the year of that day.
    """

    # --- The person
    name = models.CharField(max_length=120, blank=True, verbose_name=_("Nom"))
    phone = models.CharField(max_length=30, blank=True, verbose_name=_("Téléphone"))
    email = models.EmailField(blank=True, verbose_name=_("E-mail"))
    neighbourhood = models.ForeignKey(
        "reference.Neighbourhood",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("Quartier"),
        help_text=_("Laissez vide si le quartier n'est pas dans la liste."),
    )
    age_band = models.CharField(
        max_length=10, blank=True, choices=AgeBand.choices, verbose_name=_("Tranche d'âge")
    )

    # --- The project
    project_name = models.CharField(max_length=200, blank=True, verbose_name=_("Nom du projet"))
    project_description = models.TextField(
        blank=True, max_length=3000, verbose_name=_("Description du projet")
    )
    sector = models.ForeignKey(
        "reference.Sector",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("Filière"),
    )
    stage = models.CharField(
        max_length=15,
        choices=ProjectStage.choices,
        default=ProjectStage.IDEA,
        verbose_name=_("Avancement"),
    )
    legal_form = models.CharField(
        max_length=15,
        choices=LegalForm.choices,
        default=LegalForm.OTHER,
        verbose_name=_("Forme juridique envisagée"),
    )
    # A list of Need values: JSON, so that the history records it like any other field.
    needs = models.JSONField(default=list, blank=True, verbose_name=_("Besoins"))

    # --- Consent: nothing is saved without it.
    consent_method = models.CharField(
        max_length=10, choices=ConsentMethod.choices, verbose_name=_("Consentement recueilli")
    )
    # Empty for a self-registration: the person gave it online.
    consent_collected_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("Consentement recueilli par"),
    )
    consent_given_at = models.DateTimeField(verbose_name=_("Consentement donné le"))
    consent_text = models.TextField(verbose_name=_("Texte du consentement"))
    # The purposes: support is the reason of the record, sharing is the person's choice.
    consent_to_support = models.BooleanField(
        default=True, verbose_name=_("Accord pour être accompagné")
    )
    consent_to_sharing = models.BooleanField(
        default=False, verbose_name=_("Accord pour le partage avec les membres partenaires")
    )

    # --- Who registered and who follows
    self_registered = models.BooleanField(
        default=False, verbose_name=_("Inscrit en ligne par la personne")
    )
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("Enregistré par"),
    )
    registered_by_organisation = models.ForeignKey(
        "organisations.Organisation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="registered_project_holders",
        verbose_name=_("Organisation qui l'a enregistré"),
    )
    accompanying_organisation = models.ForeignKey(
        "organisations.Organisation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="accompanied_project_holders",
        verbose_name=_("Organisation qui accompagne"),
    )
    accompanying_coordinator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("Coordinateur qui accompagne"),
    )

    # --- The pipeline
    status = models.CharField(
        max_length=15,
        choices=HolderStatus.choices,
        default=HolderStatus.RECEIVED,
        verbose_name=_("Statut"),
    )
    outcome = models.CharField(
        max_length=20, blank=True, choices=Outcome.choices, verbose_name=_("Issue")
    )
    closed_on = models.DateField(null=True, blank=True, verbose_name=_("Clôturé le"))
    supported_on = models.DateField(
        null=True, blank=True, verbose_name=_("Compté comme accompagné le")
    )

    created_at = models.DateTimeField(default=timezone.now, verbose_name=_("Enregistré le"))
    updated_at = models.DateTimeField(auto_now=True, verbose_name=_("Modifié le"))
    coordinators_notified_at = models.DateTimeField(
        null=True, blank=True, verbose_name=_("Coordinateurs prévenus le")
    )
    anonymised_at = models.DateTimeField(null=True, blank=True, verbose_name=_("Anonymisé le"))

    history = HistoricalRecords(
        verbose_name=_("Historique d'un porteur de projet"), excluded_fields=["updated_at"]
    )
    objects = ProjectHolderQuerySet.as_manager()

    class Meta:
        verbose_name = _("Porteur de projet")
        verbose_name_plural = _("Porteurs de projets")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(phone="", email="") | Q(anonymised_at__isnull=False),
                name="project_holder_has_a_phone_or_an_email",
                violation_error_message=_("Indiquez un téléphone ou un e-mail."),
            ),
            models.CheckConstraint(
                condition=~Q(consent_text="") & Q(consent_to_support=True),
                name="project_holder_has_consent",
                violation_error_message=_("Sans consentement, rien n'est enregistré."),
            ),
            models.CheckConstraint(
                condition=(
                    Q(status=HolderStatus.CLOSED) & ~Q(outcome="") & Q(closed_on__isnull=False)
                )
                | (~Q(status=HolderStatus.CLOSED) & Q(outcome="")),
                name="project_holder_outcome_when_closed",
                violation_error_message=_("Une issue est indiquée à la clôture, et seulement là."),
            ),
        ]
        indexes = [models.Index(fields=["phone"]), models.Index(fields=["email"])]

    def __str__(self):
        if self.anonymised_at:
            return _("Porteur anonymisé n° %(pk)s") % {"pk": self.pk}
        return f"{self.name} – {self.project_name}"

    def get_absolute_url(self):
        return reverse("project_holders:detail", args=[self.pk])

    @property
    def is_qpv(self):
        """The neighbourhood is a priority neighbourhood (it has a QPV code)."""
        return bool(self.neighbourhood_id and self.neighbourhood.qpv_code)

    @property
    def need_labels(self):
        from project_holders.enums import Need

        labels = dict(Need.choices)
        return [labels.get(code, code) for code in self.needs]

    @property
    def follower_name(self):
        if self.accompanying_organisation_id:
            return self.accompanying_organisation.name
        if self.accompanying_coordinator_id:
            return self.accompanying_coordinator.get_full_name() or str(
                self.accompanying_coordinator
            )
        return ""

    def move_to(self, status, *, outcome="", today=None):
        """Set the status (and outcome on closing), and the dates the counters read."""
        today = today or hub_today()
        self.status = status
        if status == HolderStatus.CLOSED:
            self.outcome = outcome
            self.closed_on = self.closed_on or today
        else:
            self.outcome = ""
            self.closed_on = None
        if self.supported_on is None and (
            status == HolderStatus.SUPPORTED
            or (status == HolderStatus.CLOSED and outcome in SUPPORTED_OUTCOMES)
        ):
            self.supported_on = today

    @transaction.atomic
    def anonymise(self, *, by=None):
        """Blank who the person is, here, in the notes and in the history; the counts stay."""
        for field in PERSONAL_FIELDS:
            setattr(self, field, "")
        self.anonymised_at = timezone.now()
        self._history_user = by
        self._change_reason = "anonymisation"
        self.save()
        erase_history(self.history.model.objects.filter(id=self.pk), PERSONAL_FIELDS)
        self.notes.update(text="")
        erase_history(FollowUpNote.history.model.objects.filter(holder_id=self.pk), ["text"])


class FollowUpNote(models.Model):
    """A dated note on what happened with a holder: a meeting, a call, a step of the project."""

    holder = models.ForeignKey(
        ProjectHolder, on_delete=models.CASCADE, related_name="notes", verbose_name=_("Porteur")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("Auteur"),
    )
    # Kept when the author leaves: the note stays attributed to their organisation.
    author_organisation = models.ForeignKey(
        "organisations.Organisation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("Organisation de l'auteur"),
    )
    date = models.DateField(default=hub_today, verbose_name=_("Date"))
    text = models.TextField(max_length=5000, blank=True, verbose_name=_("Note"))
    created_at = models.DateTimeField(default=timezone.now, verbose_name=_("Écrite le"))

    history = HistoricalRecords(verbose_name=_("Historique d'une note de suivi"))

    class Meta:
        verbose_name = _("Note de suivi")
        verbose_name_plural = _("Notes de suivi")
        ordering = ["-date", "-created_at"]

    def __str__(self):
        return f"{self.holder_id} – {self.date}"


class ProjectProposalPage(RoutablePageMixin, BasePage):
    """« Je porte un projet ESS »: an introduction and the self-registration form.

    Entries arrive « à qualifier », with no organisation, and the coordinators are told by e-mail.
    """

    introduction = models.TextField(
        blank=True,
        max_length=1500,
        verbose_name=_("Introduction"),
        help_text=_(
            "Au-dessus du formulaire : ce que le pôle propose et ce qui se passe ensuite. Ex. : "
            "Un coordinateur vous rappelle dans la semaine."
        ),
    )

    content_panels = [*Page.content_panels, FieldPanel("introduction")]
    # Under the home page, or under the editorial page that presents the support to ESS projects.
    parent_page_types = ["home.HomePage", "home.StandardPage"]
    subpage_types = []
    # One form for the whole site: the coordinators' e-mails and the demo find it by type.
    max_count = 1
    template = "pages/project_proposal_page.html"

    class Meta:
        verbose_name = _("Page « Je porte un projet ESS »")

    @path("")
    def proposal_form(self, request):
        from project_holders.public_views import proposal_form

        return proposal_form(request, self)

    @path("merci/")
    def proposal_sent(self, request):
        from project_holders.public_views import proposal_sent

        return proposal_sent(request, self)
