"""Sectors, trades and neighbourhoods: translatable snippets that editors maintain."""

from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from reference.enums import RomeDomain

rome_code_validator = RegexValidator(
    r"^[A-N]\d{4}$",
    _("Un code ROME est une lettre de A à N suivie de quatre chiffres, par exemple N1103."),
)
qpv_code_validator = RegexValidator(
    r"^Q[NP][0-9A-Z]{6}$",
    _("Un code QPV commence par QP ou QN, suivi de six chiffres ou lettres, par exemple QP093001."),
)


class Sector(TranslatableMixin, index.Indexed, models.Model):
    """A « filière »: how residents and branches group trades, tied to a ROME grand domaine."""

    name = models.CharField(
        max_length=120,
        verbose_name=_("Nom"),
        help_text=_("Le nom que lisent les habitants. Ex. : Logistique et transport."),
    )
    slug = models.SlugField(
        max_length=120,
        verbose_name=_("Identifiant dans les adresses"),
        help_text=_(
            "En minuscules, sans espace ni accent : sert dans les filtres des listes. "
            "Ex. : logistique."
        ),
    )
    rome_domain = models.CharField(
        max_length=1,
        choices=RomeDomain.choices,
        verbose_name=_("Grand domaine ROME"),
        help_text=_("La lettre du ROME de France Travail. Ex. : N pour Transport et logistique."),
    )

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("rome_domain")]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        # The page editor's choosers open in the page's language (?locale=fr): the search then
        # filters on it.
        index.FilterField("locale"),
    ]
    translatable_fields = [
        TranslatableField("name"),
        SynchronizedField("slug"),
        SynchronizedField("rome_domain"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("Filière")
        verbose_name_plural = _("Filières")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["slug", "locale"], name="unique_sector_slug_per_locale"
            ),
        ]

    def __str__(self):
        return self.name


class Trade(TranslatableMixin, index.Indexed, models.Model):
    """A « métier » as France Travail's ROME 4.0 names it (fiche code and label)."""

    rome_code = models.CharField(
        max_length=5,
        validators=[rome_code_validator],
        verbose_name=_("Code de la fiche ROME"),
        help_text=_("Ex. : N1103 pour le magasinage et la préparation de commandes."),
    )
    label = models.CharField(
        max_length=160,
        verbose_name=_("Intitulé"),
        help_text=_("L'intitulé de la fiche ROME. Ex. : Magasinage et préparation de commandes."),
    )
    sector = models.ForeignKey(
        Sector,
        on_delete=models.PROTECT,
        related_name="trades",
        verbose_name=_("Filière"),
        help_text=_(
            "La filière où les habitants cherchent ce métier. Ex. : Logistique et transport."
        ),
    )

    panels = [FieldPanel("rome_code"), FieldPanel("label"), FieldPanel("sector")]
    search_fields = [
        index.SearchField("label"),
        index.AutocompleteField("label"),
        index.SearchField("rome_code"),
        # Editors know a trade by its name or by its ROME code, and type either's start.
        index.AutocompleteField("rome_code"),
        index.FilterField("locale"),
    ]
    translatable_fields = [
        TranslatableField("label"),
        SynchronizedField("rome_code"),
        TranslatableField("sector"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("Métier")
        verbose_name_plural = _("Métiers")
        ordering = ["label"]
        constraints = [
            models.UniqueConstraint(
                fields=["rome_code", "locale"], name="unique_trade_code_per_locale"
            ),
        ]

    def __str__(self):
        return f"{self.label} ({self.rome_code})"


class Neighbourhood(TranslatableMixin, index.Indexed, models.Model):
    """A priority neighbourhood (QPV) of the territory, or another place residents name."""

    name = models.CharField(
        max_length=120,
        verbose_name=_("Nom du quartier"),
        help_text=_("Le nom que disent les habitants. Ex. : Franc-Moisin."),
    )
    slug = models.SlugField(
        max_length=120,
        verbose_name=_("Identifiant dans les adresses"),
        help_text=_(
            "En minuscules, sans espace ni accent : sert dans les filtres des listes. "
            "Ex. : franc-moisin."
        ),
    )
    commune = models.CharField(
        max_length=120, verbose_name=_("Commune"), help_text=_("Ex. : Saint-Denis.")
    )
    qpv_code = models.CharField(
        max_length=8,
        blank=True,
        validators=[qpv_code_validator],
        verbose_name=_("Code QPV"),
        help_text=_(
            "Vide si ce lieu n'est pas un quartier prioritaire de la ville. Ex. : QP093001."
        ),
    )

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("commune"), FieldPanel("qpv_code")]
    search_fields = [
        index.SearchField("name"),
        index.SearchField("commune"),
        # What an editor types in the chooser's search box: the first letters of a name.
        index.AutocompleteField("name"),
        index.AutocompleteField("commune"),
        index.FilterField("locale"),
    ]
    translatable_fields = [
        TranslatableField("name"),
        SynchronizedField("slug"),
        SynchronizedField("commune"),
        SynchronizedField("qpv_code"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("Quartier")
        verbose_name_plural = _("Quartiers")
        ordering = ["commune", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["slug", "locale"], name="unique_neighbourhood_slug_per_locale"
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.commune})"

    @property
    def is_priority_area(self):
        return bool(self.qpv_code)
