"""Documents and links the member organisations share, and the successive files of a document."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from taggit.managers import TaggableManager
from taggit.models import TaggedItemBase

from core.dates import hub_today
from core.validators import validate_no_bidi_controls
from resources.enums import Audience, ResourceKind
from resources.files import ACCEPTED_TYPES
from resources.storage import private_storage, random_file_name

MAX_DESCRIPTION_LENGTH = 2000


class TaggedResource(TaggedItemBase):
    """A tag on a resource: a real foreign key, so tag filters and prefetches are plain joins."""

    content_object = models.ForeignKey(
        "Resource", on_delete=models.CASCADE, related_name="tagged_items"
    )

    class Meta:
        verbose_name = _("Étiquette d'une ressource")
        verbose_name_plural = _("Étiquettes des ressources")
        constraints = [
            models.UniqueConstraint(
                fields=["content_object", "tag"], name="one_tag_once_per_resource"
            ),
        ]


class ResourceQuerySet(models.QuerySet):
    def expired(self):
        return self.filter(valid_until__lt=hub_today())

    def still_valid(self):
        return self.filter(Q(valid_until__isnull=True) | Q(valid_until__gte=hub_today()))

    def newest_first(self):
        return self.order_by("-created_at", "-pk")

    def for_listing(self):
        """What a list of resources shows, in a fixed number of queries whatever its length."""
        return self.select_related("organisation", "current_version").prefetch_related("tags")

    def search(self, terms):
        """Resources whose title, description or one of whose tags contains the terms."""
        terms = terms.strip()
        if not terms:
            return self
        tagged = TaggedResource.objects.filter(tag__name__icontains=terms).values("content_object")
        return self.filter(
            Q(title__icontains=terms) | Q(description__icontains=terms) | Q(pk__in=tagged)
        )


class Resource(models.Model):
    """A file (with its versions) or a link that a member organisation shares with others.

    It belongs to the sharer's organisation, which keeps it when the sharer leaves; shared_by only
    says who did it. A coordinator who belongs to no organisation shares in the hub's name
    (organisation empty). Either a link (url) or a file (current_version), never both.
    """

    title = models.CharField(max_length=200, verbose_name=_("Titre"))
    # Read on a card and a detail page, not a document: whatever is longer belongs in a file.
    description = models.TextField(
        blank=True, max_length=MAX_DESCRIPTION_LENGTH, verbose_name=_("Description")
    )
    kind = models.CharField(
        max_length=20,
        choices=ResourceKind.choices,
        default=ResourceKind.OTHER,
        verbose_name=_("Type de ressource"),
    )
    audience = models.CharField(
        max_length=20,
        choices=Audience.choices,
        default=Audience.ALL_MEMBERS,
        verbose_name=_("Visible par"),
    )
    valid_until = models.DateField(null=True, blank=True, verbose_name=_("Valable jusqu'au"))
    url = models.URLField(
        max_length=500,
        blank=True,
        validators=[validate_no_bidi_controls],
        verbose_name=_("Lien"),
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="resources",
        verbose_name=_("Organisation"),
    )
    # Read only when the audience is « Organisations choisies » (resources.permissions); the
    # extranet's form empties it for any other audience.
    shared_with = models.ManyToManyField(
        "organisations.Organisation",
        blank=True,
        related_name="resources_shared_with_it",
        verbose_name=_("Organisations choisies"),
    )
    shared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("Partagée par"),
    )
    current_version = models.OneToOneField(
        "ResourceVersion",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("Version actuelle"),
    )
    download_count = models.PositiveIntegerField(default=0, verbose_name=_("Téléchargements"))
    created_at = models.DateTimeField(default=timezone.now, verbose_name=_("Partagée le"))
    updated_at = models.DateTimeField(auto_now=True, verbose_name=_("Modifiée le"))

    tags = TaggableManager(
        through=TaggedResource,
        blank=True,
        verbose_name=_("Étiquettes"),
        help_text=_("Séparez les étiquettes par des virgules."),
    )

    objects = ResourceQuerySet.as_manager()

    class Meta:
        verbose_name = _("Ressource")
        verbose_name_plural = _("Ressources")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(url="") | Q(current_version__isnull=True),
                name="resource_is_a_link_or_a_file",
                violation_error_message=_("Une ressource est un lien ou un fichier, pas les deux."),
            ),
        ]
        indexes = [models.Index(fields=["-created_at"], name="resource_newest_first")]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("resources:detail", args=[self.pk])

    @property
    def is_link(self):
        return bool(self.url)

    @property
    def is_expired(self):
        return self.valid_until is not None and self.valid_until < hub_today()

    @property
    def audience_label(self):
        """Who sees it, named from the resource's own organisation, whoever reads it (a
        coordinator reads the organisation's name, not « Mon organisation »). Needs the
        organisation selected."""
        if self.audience == Audience.ORGANISATION and self.organisation_id is not None:
            return _("Les membres de %(organisation)s uniquement") % {
                "organisation": self.organisation.name
            }
        return self.get_audience_display()


class ResourceVersion(models.Model):
    """One file uploaded for a resource; the newest is the resource's current_version."""

    resource = models.ForeignKey(
        Resource, on_delete=models.CASCADE, related_name="versions", verbose_name=_("Ressource")
    )
    file = models.FileField(
        storage=private_storage,
        upload_to=random_file_name,
        max_length=200,
        verbose_name=_("Fichier"),
    )
    original_name = models.CharField(max_length=255, verbose_name=_("Nom du fichier envoyé"))
    content_type = models.CharField(max_length=100, verbose_name=_("Type détecté"))
    size = models.PositiveBigIntegerField(verbose_name=_("Taille (octets)"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("Envoyée par"),
    )
    uploaded_at = models.DateTimeField(default=timezone.now, verbose_name=_("Envoyée le"))

    class Meta:
        verbose_name = _("Version d'une ressource")
        verbose_name_plural = _("Versions des ressources")
        ordering = ["-uploaded_at", "-pk"]

    def __str__(self):
        return self.original_name

    @property
    def extension(self):
        """The extension of the stored name (see storage.random_file_name)."""
        file_type = ACCEPTED_TYPES.get(self.content_type)
        return file_type.extension if file_type else "bin"

    @property
    def type_label(self):
        file_type = ACCEPTED_TYPES.get(self.content_type)
        return file_type.label if file_type else self.content_type
