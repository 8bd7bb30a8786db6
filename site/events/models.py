"""The hub's events, their venues, and their occurrences.

An event page holds what every occurrence shares and, optionally, a repetition rule (« every
second Tuesday of the month »). Its occurrences are stored as rows, made from the rule when the
page is published (events.signals): listings, the month view and calendars then read a plain,
indexed table whatever the rules, and each occurrence can be cancelled or moved on its own and
has its own address (/evenements/<event>/<date>/).
"""

import datetime
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, re_path
from wagtail.fields import RichTextField
from wagtail.models import Page, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from core.dates import HUB_TIME_ZONE
from core.erasure import ErasedFromLogOnDelete, anonymous_label
from core.models import BasePage, EasyReadMixin
from core.validators import validate_no_bidi_controls
from events.admin_forms import OccurrenceForm
from events.enums import (
    Audience,
    ConsentMethod,
    EventStatus,
    EventType,
    OccurrenceRegistration,
    Recurrence,
    RegistrationState,
    RegistrationStatus,
)
from events.recurrence import occurrence_starts


class Venue(TranslatableMixin, models.Model):
    """Where events take place, with what a resident needs to get there."""

    name = models.CharField(max_length=160, verbose_name=_("Nom du lieu"))
    address = models.CharField(max_length=200, verbose_name=_("Adresse"))
    postal_code = models.CharField(max_length=5, verbose_name=_("Code postal"))
    commune = models.CharField(max_length=120, verbose_name=_("Commune"))
    step_free_access = models.BooleanField(
        default=False,
        verbose_name=_("Accessible en fauteuil roulant"),
        help_text=_("Entrée et salle sans marche, ou avec rampe ou ascenseur."),
    )
    access_notes = models.TextField(
        blank=True,
        verbose_name=_("Comment venir"),
        help_text=_("Étage, entrée, interphone, aides sur place."),
    )
    public_transport = models.CharField(
        max_length=200,
        blank=True,
        verbose_name=_("Transports en commun"),
        help_text=_("Par exemple : métro ligne 13, arrêt Saint-Denis Université."),
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("address"),
        FieldRowPanel([FieldPanel("postal_code"), FieldPanel("commune")]),
        FieldPanel("step_free_access"),
        FieldPanel("access_notes"),
        FieldPanel("public_transport"),
    ]
    translatable_fields = [
        TranslatableField("name"),
        SynchronizedField("address"),
        SynchronizedField("postal_code"),
        SynchronizedField("commune"),
        SynchronizedField("step_free_access"),
        TranslatableField("access_notes"),
        TranslatableField("public_transport"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("Lieu")
        verbose_name_plural = _("Lieux")
        ordering = ["name"]

    def __str__(self):
        return f"{self.name}, {self.commune}"


DAY_PATTERN = r"(?P<day>\d{4}-\d{2}-\d{2})"
# What search engines show of a page (its meta description).
SUMMARY_MAX_LENGTH = 160
# A family or a small group; a larger group is arranged with the hub directly.
MAX_PEOPLE_PER_REGISTRATION = 10


class EventIndexPage(RoutablePageMixin, BasePage):
    """/evenements/: what is next, first as a list; a month view; the archive; calendars."""

    introduction = models.TextField(blank=True, max_length=600, verbose_name=_("Introduction"))

    content_panels = [*Page.content_panels, FieldPanel("introduction")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["events.EventPage"]
    max_count_per_parent = 1
    template = "pages/event_index_page.html"

    class Meta:
        verbose_name = _("Agenda des événements")

    @path("")
    def upcoming(self, request):
        from events.views import upcoming_events

        return upcoming_events(request, self)

    @re_path(r"^mois/(?P<year>\d{4})-(?P<month>\d{2})/$")
    def month(self, request, year, month):
        from events.views import month_view

        return month_view(request, self, int(year), int(month))

    @path("archives/")
    def archive(self, request):
        from events.views import past_events

        return past_events(request, self)

    # Wagtail's page URLs end with a slash and allow no dot: calendars live at agenda/ and are
    # downloaded as .ics files (Content-Disposition).
    @path("agenda/")
    def calendar(self, request):
        from events.calendars import calendar_feed

        return calendar_feed(request, self)


class EventPage(RoutablePageMixin, EasyReadMixin, BasePage):
    """An event, once or repeated, and what all its occurrences share."""

    event_type = models.CharField(
        max_length=30,
        choices=EventType.choices,
        verbose_name=_("Type d'événement"),
        help_text=_("Les visiteurs filtrent l'agenda par type. Par exemple : Atelier."),
    )
    # Also the page's meta description (pages/event_page.html): 160 characters at most.
    summary = models.TextField(
        max_length=SUMMARY_MAX_LENGTH,
        verbose_name=_("En une phrase"),
        help_text=_(
            "Ce qui se passe et pour qui, avec des mots simples, en 160 signes au plus : "
            "c'est aussi ce que montrent les moteurs de recherche. Par exemple : Deux heures "
            "pour écrire son CV avec un conseiller."
        ),
    )
    description = RichTextField(
        features=["h3", "bold", "ol", "ul", "link"],
        blank=True,
        verbose_name=_("Description"),
        help_text=_(
            "Le programme, ce qu'il faut apporter, qui anime. Par exemple : Apportez une pièce "
            "d'identité et, si vous en avez un, votre CV."
        ),
    )
    audience = models.CharField(
        max_length=20,
        choices=Audience.choices,
        default=Audience.EVERYONE,
        verbose_name=_("Pour qui"),
        help_text=_("Par exemple : Personnes qui cherchent un emploi."),
    )
    start = models.DateTimeField(
        verbose_name=_("Début"),
        help_text=_(
            "Jour et heure du début, à l'heure de Paris. Par exemple : le 10 mars à 14 h. "
            "Pour un événement répété, la première date."
        ),
    )
    end = models.DateTimeField(
        verbose_name=_("Fin"),
        help_text=_(
            "Jour et heure de la fin, après le début. Par exemple : le 10 mars à 16 h. Pour un "
            "événement répété, la fin de la première date : les suivantes durent autant."
        ),
    )
    all_day = models.BooleanField(
        default=False,
        verbose_name=_("Toute la journée"),
        help_text=_(
            "Cochez pour un forum ou une journée portes ouvertes : les heures ne sont pas montrées."
        ),
    )
    venue = models.ForeignKey(
        Venue,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("Lieu"),
        help_text=_(
            "Choisissez un lieu existant ou créez-le (menu « Lieux des événements »). "
            "Par exemple : Plateforme Emploi Entreprises, Saint-Denis. Vide : en ligne seulement."
        ),
    )
    online_url = models.URLField(
        blank=True,
        validators=[validate_no_bidi_controls],
        verbose_name=_("Lien pour suivre en ligne"),
        help_text=_(
            "L'adresse de la visioconférence, si l'on peut suivre en ligne. "
            "Par exemple : https://visio.example.org/atelier-cv"
        ),
    )
    branch_page = models.ForeignKey(
        "offers.BranchPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("Branche professionnelle présentée"),
        help_text=_(
            "Pour une présentation de métiers : l'événement est alors montré sur la page de "
            "la branche. Par exemple : Les métiers de la logistique."
        ),
    )
    participants = ParentalManyToManyField(
        "organisations.Organisation",
        blank=True,
        related_name="+",
        verbose_name=_("Organisations présentes"),
        help_text=_("Pour les rencontres pour l'emploi : les entreprises qui recrutent sur place."),
    )
    status = models.CharField(
        max_length=20,
        choices=EventStatus.choices,
        default=EventStatus.SCHEDULED,
        verbose_name=_("État"),
        help_text=_(
            "Pour tout l'événement. Une seule date annulée ou déplacée : menu « Dates des "
            "événements ». Les inscrits reçoivent un e-mail à chaque changement."
        ),
    )
    status_reason = models.CharField(
        max_length=300,
        blank=True,
        verbose_name=_("Explication pour les visiteurs"),
        help_text=_("Par exemple : reporté à cause d'une grève des transports."),
    )

    registration_required = models.BooleanField(
        default=False,
        verbose_name=_("Sur inscription"),
        help_text=_(
            "Les visiteurs s'inscrivent en ligne pour chaque date, avec un téléphone ou un "
            "e-mail ; vous voyez les inscrits dans le menu « Inscriptions »."
        ),
    )
    capacity = models.PositiveIntegerField(
        null=True,
        blank=True,
        verbose_name=_("Nombre de places"),
        help_text=_(
            "Par date, en personnes (une inscription peut compter plusieurs personnes). "
            "Par exemple : 12. Vide : sans limite. Au-delà, les inscrits vont en liste d'attente."
        ),
    )
    max_people_per_registration = models.PositiveSmallIntegerField(
        default=4,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_PEOPLE_PER_REGISTRATION)],
        verbose_name=_("Personnes par inscription, au plus"),
        help_text=_(
            "Une personne peut venir avec sa famille ou des proches. Par exemple : 4 ; au plus 10."
        ),
    )
    registration_opens_at = models.DateTimeField(
        null=True,
        blank=True,
        verbose_name=_("Inscriptions ouvertes à partir du"),
        help_text=_("Par exemple : le 1er mars à 9 h. Vide : dès la publication."),
    )
    registration_closes_at = models.DateTimeField(
        null=True,
        blank=True,
        verbose_name=_("Inscriptions closes le"),
        help_text=_(
            "Par exemple : la veille à 18 h, pour préparer la salle. Vide : jusqu'au début de "
            "chaque date."
        ),
    )

    recurrence = models.CharField(
        max_length=20,
        choices=Recurrence.choices,
        blank=True,
        default=Recurrence.NONE,
        verbose_name=_("Répétition"),
        help_text=_(
            "Par exemple : chaque mois, le même jour de la semaine, pour une permanence le "
            "2e mardi. Les dates sont créées à la publication."
        ),
    )
    recurrence_interval = models.PositiveSmallIntegerField(
        default=1,
        verbose_name=_("Tous les"),
        help_text=_("1 : chaque fois ; 2 : une fois sur deux."),
    )
    recurrence_until = models.DateField(
        null=True,
        blank=True,
        verbose_name=_("Jusqu'au"),
        help_text=_("Par exemple : le 30 juin, avant l'été. Vide : sans fin prévue."),
    )
    recurrence_count = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        verbose_name=_("Ou nombre de fois"),
        help_text=_("Par exemple : 6 pour un cycle de six ateliers. Vide : sans limite."),
    )
    excluded_dates = models.TextField(
        blank=True,
        verbose_name=_("Dates sans événement"),
        help_text=_("Une date par ligne, au format JJ/MM/AAAA (vacances, jours fériés)."),
    )

    content_panels = [
        *Page.content_panels,
        FieldRowPanel([FieldPanel("event_type"), FieldPanel("audience")]),
        FieldPanel("summary"),
        EasyReadMixin.easy_read_panel,
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("start"), FieldPanel("end")]), FieldPanel("all_day")],
            heading=_("Date et heure"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("recurrence"),
                FieldRowPanel([FieldPanel("recurrence_interval"), FieldPanel("recurrence_until")]),
                FieldPanel("recurrence_count"),
                FieldPanel("excluded_dates"),
            ],
            heading=_("Répétition"),
        ),
        MultiFieldPanel([FieldPanel("venue"), FieldPanel("online_url")], heading=_("Lieu")),
        MultiFieldPanel(
            [
                FieldPanel("registration_required"),
                FieldRowPanel([FieldPanel("capacity"), FieldPanel("max_people_per_registration")]),
                FieldRowPanel(
                    [FieldPanel("registration_opens_at"), FieldPanel("registration_closes_at")]
                ),
            ],
            heading=_("Inscription"),
        ),
        FieldPanel("description"),
        FieldPanel("branch_page"),
        FieldPanel("participants"),
        MultiFieldPanel(
            [FieldPanel("status"), FieldPanel("status_reason")], heading=_("Annulation, report")
        ),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary", boost=2),
        index.SearchField("easy_read"),
        index.SearchField("description"),
    ]
    override_translatable_fields = [
        *BasePage.override_translatable_fields,
        *[
            SynchronizedField(name)
            for name in (
                "event_type",
                "audience",
                "start",
                "end",
                "all_day",
                "online_url",
                "participants",
                "status",
                "registration_required",
                "capacity",
                "max_people_per_registration",
                "registration_opens_at",
                "registration_closes_at",
                "recurrence",
                "recurrence_interval",
                "recurrence_until",
                "recurrence_count",
                "excluded_dates",
            )
        ],
        # The venue and the branch page of the translation's own language.
        TranslatableField("venue"),
        TranslatableField("branch_page"),
    ]

    parent_page_types = ["events.EventIndexPage"]
    subpage_types = []
    template = "pages/event_page.html"

    class Meta:
        verbose_name = _("Événement")
        verbose_name_plural = _("Événements")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end__gte=models.F("start")),
                name="event_ends_after_it_starts",
                violation_error_message=_("La fin doit être après le début."),
            ),
        ]

    def clean(self):
        super().clean()
        errors = {}
        if self.start and self.end and self.end < self.start:
            errors["end"] = _("La fin doit être après le début.")
        try:
            self.parsed_excluded_dates()
        except ValueError as error:
            errors["excluded_dates"] = str(error)
        if (
            self.recurrence
            and self.recurrence_until
            and self.start
            and self.recurrence_until < timezone.localtime(self.start, HUB_TIME_ZONE).date()
        ):
            errors["recurrence_until"] = _("La répétition doit finir après le début.")
        if (
            self.registration_opens_at
            and self.registration_closes_at
            and self.registration_closes_at <= self.registration_opens_at
        ):
            errors["registration_closes_at"] = _(
                "Les inscriptions doivent se fermer après leur ouverture."
            )
        if errors:
            raise ValidationError(errors)

    @path("")
    def detail(self, request):
        from events.views import event_detail

        return event_detail(request, self)

    @re_path(rf"^{DAY_PATTERN}/$")
    def occurrence(self, request, day):
        from events.views import occurrence_detail

        return occurrence_detail(request, self, day)

    @re_path(rf"^{DAY_PATTERN}/agenda/$")
    def occurrence_calendar(self, request, day):
        from events.calendars import occurrence_calendar

        return occurrence_calendar(request, self, day)

    @re_path(rf"^{DAY_PATTERN}/inscription/$")
    def registration(self, request, day):
        from events.registration_views import register

        return register(request, self, day)

    # The signed link goes in the query string (?cle=…): it holds colons, which Wagtail's page
    # URLs do not allow.
    @re_path(rf"^{DAY_PATTERN}/inscription/la-mienne/$")
    def my_registration(self, request, day):
        from events.registration_views import my_registration

        return my_registration(request, self, day)

    @path("agenda/")
    def calendar(self, request):
        from events.calendars import event_calendar

        return event_calendar(request, self)

    def parsed_excluded_dates(self):
        dates = set()
        for line in self.excluded_dates.split():
            try:
                dates.add(datetime.datetime.strptime(line.strip(), "%d/%m/%Y").date())
            except ValueError:
                raise ValueError(
                    _("« %(line)s » n'est pas une date au format JJ/MM/AAAA.") % {"line": line}
                ) from None
        return dates

    @property
    def duration(self):
        return self.end - self.start

    def occurrence_starts(self, now=None):
        return occurrence_starts(
            self.start,
            self.recurrence,
            interval=self.recurrence_interval,
            until=self.recurrence_until,
            count=self.recurrence_count,
            excluded=self.parsed_excluded_dates(),
            now=now,
        )

    def sync_occurrences(self, now=None):
        """Make the stored occurrences follow the rule, keeping those an editor changed."""
        starts = self.occurrence_starts(now=now)
        wanted = {start: start + self.duration for start in starts}
        existing = {
            occurrence.rule_start: occurrence
            for occurrence in self.occurrences.annotate(
                has_registrations=models.Exists(
                    Registration.objects.filter(occurrence=models.OuterRef("pk"))
                )
            )
        }
        for rule_start, occurrence in existing.items():
            if rule_start in wanted or occurrence.changed_by_editor:
                continue
            if occurrence.has_registrations:
                # People registered for that date: it stays, cancelled, so that their link
                # still says what happened and the editors still see who to call.
                occurrence.is_cancelled = occurrence.changed_by_editor = True
                occurrence.save(update_fields=["is_cancelled", "changed_by_editor"])
            else:
                occurrence.delete()
        for rule_start, end in wanted.items():
            occurrence = existing.get(rule_start)
            if occurrence is None:
                Occurrence.objects.create(
                    event=self, rule_start=rule_start, start=rule_start, end=end
                )
            elif not occurrence.changed_by_editor and (
                occurrence.start != rule_start or occurrence.end != end
            ):
                occurrence.start, occurrence.end = rule_start, end
                occurrence.save(update_fields=["start", "end"])


class OccurrenceQuerySet(models.QuerySet):
    def of_live_events(self):
        return self.filter(event__live=True, event__view_restrictions__isnull=True)

    def upcoming(self, now=None):
        return self.of_live_events().filter(end__gte=now or timezone.now()).order_by("start")

    def past(self, now=None):
        return self.of_live_events().filter(end__lt=now or timezone.now()).order_by("-start")

    def between(self, first_day, last_day):
        start = datetime.datetime.combine(first_day, datetime.time.min, HUB_TIME_ZONE)
        end = datetime.datetime.combine(last_day, datetime.time.max, HUB_TIME_ZONE)
        return self.of_live_events().filter(start__lte=end, end__gte=start).order_by("start")

    def for_listing(self):
        """With what a list shows, people_confirmed included, in one query."""
        confirmed_people = (
            Registration.objects.filter(
                occurrence=models.OuterRef("pk"), status=RegistrationStatus.CONFIRMED
            )
            .values("occurrence")
            .annotate(total=models.Sum("people"))
            .values("total")
        )
        return self.select_related("event", "event__venue", "event__listing_image").annotate(
            people_confirmed_count=models.functions.Coalesce(models.Subquery(confirmed_people), 0)
        )


class Occurrence(models.Model):
    """One date of an event; cancelled or moved on its own when an editor says so."""

    event = models.ForeignKey(
        EventPage, on_delete=models.CASCADE, related_name="occurrences", verbose_name=_("Événement")
    )
    # The date the rule gave, which identifies the occurrence even when an editor moves it.
    rule_start = models.DateTimeField(verbose_name=_("Date prévue par la répétition"))
    start = models.DateTimeField(
        verbose_name=_("Début"),
        help_text=_(
            "Changez-le pour déplacer cette date seulement. Par exemple : le 10 mars à 14 h."
        ),
    )
    end = models.DateTimeField(
        verbose_name=_("Fin"),
        help_text=_("Après le début. Par exemple : le 10 mars à 16 h."),
    )
    is_cancelled = models.BooleanField(
        default=False,
        verbose_name=_("Annulée"),
        help_text=_(
            "Cette date seulement ; les inscrits reçoivent un e-mail et l'agenda le montre "
            "aussitôt."
        ),
    )
    note = models.CharField(
        max_length=300,
        blank=True,
        verbose_name=_("Message aux visiteurs"),
        help_text=_("Par exemple : exceptionnellement l'après-midi."),
    )
    changed_by_editor = models.BooleanField(
        default=False,
        editable=False,
        help_text="Set when an editor moves or cancels it: the rule then leaves it alone.",
    )
    registration = models.CharField(
        max_length=10,
        choices=OccurrenceRegistration.choices,
        blank=True,
        default=OccurrenceRegistration.AS_EVENT,
        verbose_name=_("Inscription"),
        help_text=_(
            "Par exemple : « Pas d'inscription pour cette date » pour une séance portes ouvertes."
        ),
    )
    # What registrants were last told of this date (events.registrations.announce_changes).
    announced = models.CharField(max_length=400, blank=True, editable=False)
    capacity_override = models.PositiveIntegerField(
        null=True,
        blank=True,
        verbose_name=_("Nombre de places pour cette date"),
        help_text=_(
            "Par exemple : 8 dans une salle plus petite. Vide : celui de l'événement. "
            "Plus de places inscrivent aussitôt ceux qui attendent."
        ),
    )

    objects = OccurrenceQuerySet.as_manager()

    base_form_class = OccurrenceForm
    panels = [
        FieldRowPanel([FieldPanel("start"), FieldPanel("end")]),
        FieldPanel("is_cancelled"),
        FieldPanel("note"),
        FieldRowPanel([FieldPanel("registration"), FieldPanel("capacity_override")]),
    ]

    class Meta:
        verbose_name = _("Date d'un événement")
        verbose_name_plural = _("Dates d'un événement")
        ordering = ["start"]
        constraints = [
            models.UniqueConstraint(fields=["event", "rule_start"], name="unique_occurrence_date"),
            models.CheckConstraint(
                condition=models.Q(end__gte=models.F("start")),
                name="occurrence_ends_after_it_starts",
            ),
        ]
        indexes = [models.Index(fields=["start", "end"])]

    def __str__(self):
        return (
            f"{self.event.title} – {timezone.localtime(self.start, HUB_TIME_ZONE):%d/%m/%Y %H:%M}"
        )

    def clean(self):
        super().clean()
        # Next to the field, rather than the constraint's message above the form.
        if self.start and self.end and self.end < self.start:
            raise ValidationError({"end": _("La fin doit être après le début.")})

    @property
    def local_date(self):
        return timezone.localtime(self.rule_start, HUB_TIME_ZONE).date()

    @property
    def status(self):
        if self.is_cancelled:
            return EventStatus.CANCELLED
        return self.event.status

    def get_url(self, request=None):
        return f"{self.event.get_url(request)}{self.local_date.isoformat()}/"

    def get_registration_url(self, request=None):
        return f"{self.get_url(request)}inscription/"

    def announcement(self):
        """What a registrant relies on to come: when, where, and whether it takes place."""
        event = self.event
        return "|".join(
            [
                self.status,
                self.start.isoformat(),
                self.end.isoformat(),
                str(event.venue_id or ""),
                event.online_url,
            ]
        )

    # --- Registration ----------------------------------------------------------------------
    @property
    def capacity(self):
        """Places for this date, in people; None when there is no limit."""
        if self.capacity_override is not None:
            return self.capacity_override
        return self.event.capacity

    @property
    def is_registration_required(self):
        if self.registration == OccurrenceRegistration.AS_EVENT:
            return self.event.registration_required
        return self.registration == OccurrenceRegistration.OPEN

    @property
    def registration_closes_at(self):
        return self.event.registration_closes_at or self.start

    def registration_state(self, now=None):
        """Why a registration can or cannot be made now, in RegistrationState's words."""
        now = now or timezone.now()
        if not self.is_registration_required:
            return RegistrationState.NOT_NEEDED
        if self.status in (EventStatus.CANCELLED, EventStatus.POSTPONED):
            return RegistrationState.CANCELLED
        if self.event.registration_opens_at and now < self.event.registration_opens_at:
            return RegistrationState.NOT_YET_OPEN
        if now >= self.registration_closes_at:
            return RegistrationState.CLOSED
        return RegistrationState.OPEN

    def changes_at(self):
        """When what a page says of this date changes without anyone acting: registrations open
        and close, the date ends (it leaves the upcoming lists and is past). For core.cache."""
        return [self.event.registration_opens_at, self.registration_closes_at, self.end]

    def is_past(self, now=None):
        return self.end < (now or timezone.now())

    def people_confirmed(self):
        # Annotated by OccurrenceQuerySet.for_listing(): no query per card.
        if hasattr(self, "people_confirmed_count"):
            return self.people_confirmed_count
        return self.registrations.confirmed().aggregate(people=models.Sum("people"))["people"] or 0

    @property
    def is_full(self):
        return self.places_left() == 0

    def places_left(self, people_confirmed=None):
        """Places still free, or None without a limit."""
        if self.capacity is None:
            return None
        if people_confirmed is None:
            people_confirmed = self.people_confirmed()
        return max(0, self.capacity - people_confirmed)


class RegistrationQuerySet(models.QuerySet):
    def confirmed(self):
        return self.filter(status=RegistrationStatus.CONFIRMED)

    def waitlisted(self):
        """Waiting for a place, first come first served."""
        return self.filter(status=RegistrationStatus.WAITLISTED).order_by("created_at", "pk")

    def active(self):
        return self.exclude(status=RegistrationStatus.CANCELLED)

    def of_person(self, phone, email):
        """Registrations with this phone number or this e-mail (either may be empty)."""
        person = models.Q(pk__in=[])
        if phone:
            person |= models.Q(phone=phone)
        if email:
            person |= models.Q(email=email)
        return self.filter(person)

    def to_erase(self, now=None):
        """Registrations whose date ended more than EVENT_REGISTRATION_RETENTION_DAYS ago."""
        now = now or timezone.now()
        limit = now - datetime.timedelta(days=settings.EVENT_REGISTRATION_RETENTION_DAYS)
        return self.filter(occurrence__end__lt=limit, erased_at__isnull=True)


class Registration(ErasedFromLogOnDelete, models.Model):
    """Someone coming to one date of an event, with the people they bring.

    Capacity counts people, not registrations. A registrant gives a phone number or an e-mail
    (one is enough); they manage their registration without an account through a signed link
    (events.registrations). A member of the extranet may register a job seeker on their behalf:
    `registered_by` and `registered_for_organisation` then say who, and `consent_method` how the
    person agreed. Personal data: names and contacts are blanked, and the link retired,
    EVENT_REGISTRATION_RETENTION_DAYS after the date (`manage.py erase_old_registrations`); the
    counts and attendance stay, for the hub's yearly figures. Deleting one (in the admin, on
    request) erases it: see core.erasure.ErasedFromLogOnDelete.
    """

    occurrence = models.ForeignKey(
        Occurrence,
        on_delete=models.CASCADE,
        related_name="registrations",
        verbose_name=_("Date"),
    )
    name = models.CharField(max_length=120, blank=True, verbose_name=_("Nom"))
    phone = models.CharField(max_length=30, blank=True, verbose_name=_("Téléphone"))
    email = models.EmailField(blank=True, verbose_name=_("E-mail"))
    people = models.PositiveSmallIntegerField(
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_PEOPLE_PER_REGISTRATION)],
        verbose_name=_("Nombre de personnes"),
    )
    status = models.CharField(
        max_length=10,
        choices=RegistrationStatus.choices,
        default=RegistrationStatus.CONFIRMED,
        verbose_name=_("État"),
    )
    attended = models.BooleanField(
        null=True, blank=True, verbose_name=_("Présent"), help_text=_("Vide : pas encore noté.")
    )
    # Identifies the registration in its signed link; never shown on its own.
    token = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    language = models.CharField(
        max_length=10, default=settings.LANGUAGE_CODE, verbose_name=_("Langue des messages")
    )

    consent_text = models.TextField(verbose_name=_("Texte du consentement accepté"))
    consent_method = models.CharField(
        max_length=10,
        choices=ConsentMethod.choices,
        default=ConsentMethod.ONLINE,
        verbose_name=_("Consentement recueilli"),
    )
    consented_at = models.DateTimeField(verbose_name=_("Consentement donné le"))
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("Inscrit par"),
    )
    registered_for_organisation = models.ForeignKey(
        "organisations.Organisation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("Pour l'organisation"),
    )

    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("Inscrit le"))
    promoted_at = models.DateTimeField(
        null=True, blank=True, verbose_name=_("Sorti de la liste d'attente le")
    )
    cancelled_at = models.DateTimeField(null=True, blank=True, verbose_name=_("Annulée le"))
    confirmation_sent_at = models.DateTimeField(
        null=True, blank=True, verbose_name=_("E-mail de confirmation envoyé le")
    )
    promotion_sent_at = models.DateTimeField(
        null=True, blank=True, verbose_name=_("E-mail « une place s'est libérée » envoyé le")
    )
    erased_at = models.DateTimeField(
        null=True, blank=True, verbose_name=_("Nom et contacts effacés le")
    )

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        verbose_name = _("Inscription")
        verbose_name_plural = _("Inscriptions")
        ordering = ["occurrence", "created_at"]
        # Exports carry personal data out of the site: a permission of its own (events.admin_views).
        permissions = [("export_registration", "Can export registration")]
        indexes = [models.Index(fields=["occurrence", "status"])]
        constraints = [
            # The same person once per date, by phone and by e-mail; a cancelled registration
            # does not count, so that they can register again.
            models.UniqueConstraint(
                fields=["occurrence", "phone"],
                condition=~models.Q(phone="") & ~models.Q(status=RegistrationStatus.CANCELLED),
                name="one_registration_per_phone_and_date",
            ),
            models.UniqueConstraint(
                fields=["occurrence", "email"],
                condition=~models.Q(email="") & ~models.Q(status=RegistrationStatus.CANCELLED),
                name="one_registration_per_email_and_date",
            ),
            models.CheckConstraint(
                condition=~models.Q(phone="", email="") | models.Q(erased_at__isnull=False),
                name="registration_has_a_phone_or_an_email",
                violation_error_message=_("Indiquez un téléphone ou un e-mail."),
            ),
            models.CheckConstraint(
                condition=models.Q(people__gte=1, people__lte=MAX_PEOPLE_PER_REGISTRATION),
                name="registration_counts_people",
            ),
        ]

    def __str__(self):
        # No name: Wagtail's admin log keeps this label after the registration is erased.
        return f"{anonymous_label(Registration, self.pk)} – {self.occurrence}"

    @property
    def is_confirmed(self):
        return self.status == RegistrationStatus.CONFIRMED

    @property
    def is_waitlisted(self):
        return self.status == RegistrationStatus.WAITLISTED

    @property
    def is_cancelled(self):
        return self.status == RegistrationStatus.CANCELLED

    def waitlist_position(self):
        """1 for the next to get a place; None when not waiting."""
        if not self.is_waitlisted:
            return None
        ahead = (
            Registration.objects.waitlisted()
            .filter(occurrence_id=self.occurrence_id)
            .filter(
                models.Q(created_at__lt=self.created_at)
                | models.Q(created_at=self.created_at, pk__lt=self.pk)
            )
        )
        return ahead.count() + 1
