"""Organisations of the hub's network: companies, insertion structures, local authorities…"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.search import index

from core.models import yes_or_no
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
    name = models.CharField(
        max_length=200,
        verbose_name=_("Nom"),
        help_text=_("Le nom que l'on connaît, pas la raison sociale. Ex. : Entrepôts du Canal."),
    )
    kind = models.CharField(
        max_length=20,
        choices=OrganisationKind.choices,
        verbose_name=_("Type d'organisation"),
        help_text=_("Ex. : Entreprise, Structure d'insertion, Association."),
    )
    siret = models.CharField(
        max_length=14,
        blank=True,
        validators=[validate_siret],
        verbose_name=_("SIRET"),
        help_text=_("14 chiffres, sans espace. Ex. : 12345678900015."),
    )
    address = models.TextField(
        blank=True,
        verbose_name=_("Adresse"),
        help_text=_("Le numéro et la rue. Ex. : 12 rue du Landy."),
    )
    commune = models.CharField(
        max_length=120, blank=True, verbose_name=_("Commune"), help_text=_("Ex. : Saint-Denis.")
    )
    neighbourhood = models.ForeignKey(
        "reference.Neighbourhood",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("Quartier"),
        help_text=_("Le quartier où elle se trouve, s'il est dans la liste. Ex. : Franc-Moisin."),
    )
    sector = models.ForeignKey(
        "reference.Sector",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("Filière"),
        help_text=_("Sa filière principale. Ex. : Logistique et transport."),
    )
    description = models.TextField(
        blank=True,
        verbose_name=_("Présentation"),
        help_text=_(
            "Ce qu'elle fait, en deux ou trois phrases. Ex. : Entrepôt de 200 salariés qui "
            "recrute des préparateurs de commandes."
        ),
    )
    logo = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("Logo"),
        help_text=_("Son logo officiel, sur fond clair, de préférence en PNG."),
    )
    website = models.URLField(
        blank=True,
        validators=[validate_no_bidi_controls],
        verbose_name=_("Site internet"),
        help_text=_("Ex. : https://www.entrepots-du-canal.fr"),
    )
    is_public = models.BooleanField(
        default=False,
        verbose_name=_("Peut être nommée sur le site public"),
        help_text=_("Comme employeur sur les offres, ou comme partenaire."),
    )
    is_archived = models.BooleanField(
        default=False,
        verbose_name=_("Archivée"),
        help_text=_(
            "Elle ne fait plus partie du réseau : elle quitte l'annuaire et les listes de choix, "
            "ses offres passées restent."
        ),
    )
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("Créée le"))

    # The contact the organisation shows to the other members in the extranet's directory. Never
    # on the public site; shown only once the organisation says so (directory_contact_shown).
    contact_name = models.CharField(
        max_length=150,
        blank=True,
        verbose_name=_("Nom de la personne à contacter"),
        help_text=_("Ex. : Samira Benali."),
    )
    contact_role = models.CharField(
        max_length=150,
        blank=True,
        verbose_name=_("Sa fonction"),
        help_text=_("Ex. : chargée de recrutement, directeur."),
    )
    contact_email = models.EmailField(
        blank=True,
        verbose_name=_("E-mail de contact"),
        help_text=_("Ex. : recrutement@entrepots-du-canal.fr"),
    )
    contact_phone = models.CharField(
        max_length=20,
        blank=True,
        verbose_name=_("Téléphone de contact"),
        help_text=_("Ex. : 01 48 13 00 00."),
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
                # « unique » on one field: Django shows the message beside the SIRET.
                violation_error_code="unique",
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

    def clean(self):
        super().clean()
        # The check constraint's rule, said beside the e-mail rather than at the top of the form.
        if self.directory_contact_shown and not (self.contact_email or self.contact_phone):
            raise ValidationError(
                {
                    "contact_email": _(
                        "Pour afficher un contact dans l'annuaire, indiquez un e-mail ou un "
                        "téléphone."
                    )
                }
            )

    # The admin's listing shows these instead of « True » and « False » (Wagtail's columns take
    # a get_<field>_display method when the model has one).
    def get_is_public_display(self):
        return yes_or_no(self.is_public)

    def get_is_archived_display(self):
        return yes_or_no(self.is_archived)

    @property
    def has_directory_contact(self):
        return self.directory_contact_shown and bool(self.contact_email or self.contact_phone)
