"""The hub's events, their venues, and their occurrences.

An event page holds what every occurrence shares and, optionally, a repetition rule (« every
second Tuesday of the month »). Its occurrences are stored as rows, made from the rule when the
page is published (events.signals): listings, the month view and calendars then read a plain,
indexed table whatever the rules, and each occurrence can be cancelled or moved on its own and
has its own address (/evenements/<event>/<date>/).
"""

import datetime

from django.core.exceptions import ValidationError
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
from core.models import BasePage
from events.enums import Audience, EventStatus, EventType, Recurrence
from events.forms import OccurrenceForm
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


class EventPage(RoutablePageMixin, BasePage):
    """An event, once or repeated, and what all its occurrences share."""

    event_type = models.CharField(
        max_length=30, choices=EventType.choices, verbose_name=_("Type d'événement")
    )
    summary = models.TextField(
        max_length=300,
        verbose_name=_("En une phrase"),
        help_text=_("Ce qui se passe et pour qui, avec des mots simples."),
    )
    description = RichTextField(
        features=["h3", "bold", "ol", "ul", "link"], blank=True, verbose_name=_("Description")
    )
    audience = models.CharField(
        max_length=20,
        choices=Audience.choices,
        default=Audience.EVERYONE,
        verbose_name=_("Pour qui"),
    )
    start = models.DateTimeField(verbose_name=_("Début"))
    end = models.DateTimeField(verbose_name=_("Fin"))
    all_day = models.BooleanField(default=False, verbose_name=_("Toute la journée"))
    venue = models.ForeignKey(
        Venue,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("Lieu"),
    )
    online_url = models.URLField(blank=True, verbose_name=_("Lien pour suivre en ligne"))
    branch_page = models.ForeignKey(
        "offers.BranchPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("Branche professionnelle présentée"),
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
    )
    status_reason = models.CharField(
        max_length=300,
        blank=True,
        verbose_name=_("Explication pour les visiteurs"),
        help_text=_("Par exemple : reporté à cause d'une grève des transports."),
    )

    recurrence = models.CharField(
        max_length=20,
        choices=Recurrence.choices,
        blank=True,
        default=Recurrence.NONE,
        verbose_name=_("Répétition"),
    )
    recurrence_interval = models.PositiveSmallIntegerField(
        default=1,
        verbose_name=_("Tous les"),
        help_text=_("1 : chaque fois ; 2 : une fois sur deux."),
    )
    recurrence_until = models.DateField(
        null=True, blank=True, verbose_name=_("Jusqu'au"), help_text=_("Vide : sans fin prévue.")
    )
    recurrence_count = models.PositiveSmallIntegerField(
        null=True, blank=True, verbose_name=_("Ou nombre de fois")
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
                "venue",
                "online_url",
                "branch_page",
                "participants",
                "status",
                "recurrence",
                "recurrence_interval",
                "recurrence_until",
                "recurrence_count",
                "excluded_dates",
            )
        ],
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
        existing = {occurrence.rule_start: occurrence for occurrence in self.occurrences.all()}
        for rule_start, occurrence in existing.items():
            if rule_start not in wanted and not occurrence.changed_by_editor:
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
        return self.select_related("event", "event__venue", "event__listing_image")


class Occurrence(models.Model):
    """One date of an event; cancelled or moved on its own when an editor says so."""

    event = models.ForeignKey(
        EventPage, on_delete=models.CASCADE, related_name="occurrences", verbose_name=_("Événement")
    )
    # The date the rule gave, which identifies the occurrence even when an editor moves it.
    rule_start = models.DateTimeField(verbose_name=_("Date prévue par la répétition"))
    start = models.DateTimeField(verbose_name=_("Début"))
    end = models.DateTimeField(verbose_name=_("Fin"))
    is_cancelled = models.BooleanField(default=False, verbose_name=_("Annulée"))
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

    objects = OccurrenceQuerySet.as_manager()

    base_form_class = OccurrenceForm
    panels = [
        FieldRowPanel([FieldPanel("start"), FieldPanel("end")]),
        FieldPanel("is_cancelled"),
        FieldPanel("note"),
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
