"""Organisations of the hub's network: companies, insertion structures, local authorities…"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.search import index

from core.validators import validate_no_bidi_controls
from organisations.enums import OrganisationKind
from organisations.validators import validate_siret


class OrganisationQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_archived=False)

    def shown_publicly(self):
        """Those that agreed to be named on the public site (as employers, as partners)."""
        return self.active().filter(is_public=True)

    def in_directory(self):
        """The member directory of the extranet: every active organisation, with its card."""
        return self.active().select_related("sector", "neighbourhood")


class Organisation(index.Indexed, models.Model):
    name = models.CharField(max_length=200, verbose_name=_("Nom"))
    kind = models.CharField(
        max_length=20, choices=OrganisationKind.choices, verbose_name=_("Type d'organisation")
    )
    siret = models.CharField(
        max_length=14,
        blank=True,
        validators=[validate_siret],
        verbose_name=_("SIRET"),
        help_text=_("14 chiffres, sans espace."),
    )
    address = models.TextField(blank=True, verbose_name=_("Adresse"))
    commune = models.CharField(max_length=120, blank=True, verbose_name=_("Commune"))
    neighbourhood = models.ForeignKey(
        "reference.Neighbourhood",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("Quartier"),
    )
    sector = models.ForeignKey(
        "reference.Sector",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("Filière"),
    )
    description = models.TextField(blank=True, verbose_name=_("Présentation"))
    logo = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("Logo"),
    )
    website = models.URLField(
        blank=True, validators=[validate_no_bidi_controls], verbose_name=_("Site internet")
    )
    is_public = models.BooleanField(
        default=False,
        verbose_name=_("Peut être nommée sur le site public"),
        help_text=_("Comme employeur sur les offres, ou comme partenaire."),
    )
    is_archived = models.BooleanField(default=False, verbose_name=_("Archivée"))
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("Créée le"))

    # The contact the organisation shows to the other members in the extranet's directory. Never
    # on the public site; shown only once the organisation says so (directory_contact_shown).
    contact_name = models.CharField(
        max_length=150, blank=True, verbose_name=_("Nom de la personne à contacter")
    )
    contact_role = models.CharField(
        max_length=150,
        blank=True,
        verbose_name=_("Sa fonction"),
        help_text=_("Par exemple : chargée de recrutement, directeur."),
    )
    contact_email = models.EmailField(blank=True, verbose_name=_("E-mail de contact"))
    contact_phone = models.CharField(
        max_length=20, blank=True, verbose_name=_("Téléphone de contact")
    )
    directory_contact_shown = models.BooleanField(
        default=False,
        verbose_name=_("Afficher ce contact dans l'annuaire des membres"),
        help_text=_(
            "Seuls les membres connectés à l'espace membres le voient, jamais le site public."
        ),
    )

    objects = OrganisationQuerySet.as_manager()

    panels = [
        FieldPanel("name"),
        FieldPanel("kind"),
        FieldPanel("siret"),
        MultiFieldPanel(
            [FieldPanel("address"), FieldPanel("commune"), FieldPanel("neighbourhood")],
            heading=_("Adresse"),
        ),
        FieldPanel("sector"),
        FieldPanel("description"),
        FieldPanel("logo"),
        FieldPanel("website"),
        FieldPanel("is_public"),
        FieldPanel("is_archived"),
        MultiFieldPanel(
            [
                FieldPanel("contact_name"),
                FieldPanel("contact_role"),
                FieldPanel("contact_email"),
                FieldPanel("contact_phone"),
                FieldPanel("directory_contact_shown"),
            ],
            heading=_("Contact dans l'annuaire des membres"),
        ),
    ]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("siret"),
        # The admin's choosers and listing search as one types: by name, or by SIRET.
        index.AutocompleteField("siret"),
        index.FilterField("is_archived"),
    ]

    class Meta:
        verbose_name = _("Organisation")
        verbose_name_plural = _("Organisations")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["siret"],
                condition=~models.Q(siret=""),
                name="unique_organisation_siret",
                violation_error_message=_("Une organisation avec ce SIRET existe déjà."),
            ),
            # A contact shown in the directory says at least how to reach someone.
            models.CheckConstraint(
                condition=(
                    models.Q(directory_contact_shown=False)
                    | ~models.Q(contact_email="")
                    | ~models.Q(contact_phone="")
                ),
                name="directory_contact_shown_has_email_or_phone",
                violation_error_message=_(
                    "Pour afficher un contact dans l'annuaire, indiquez un e-mail ou un téléphone."
                ),
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def has_directory_contact(self):
        return self.directory_contact_shown and bool(self.contact_email or self.contact_phone)
