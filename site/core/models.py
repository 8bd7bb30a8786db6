"""What every public page shares: listing and social fields, and the hub's site settings."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.models import Page
from wagtail_localize.fields import SynchronizedField

from core.enums import AccessibilityConformance
from core.panels import ReadabilityPanel

# ?lecture=facile shows a page's easy-read version instead of its full text.
EASY_READ_PARAMETER = "lecture"
EASY_READ_VALUE = "facile"


class BasePage(Page):
    """A public page: how it looks in listings and when shared on social networks.

    The promote tab's `search_description` is the meta description; `listing_summary` falls back
    to it, and the Open Graph image falls back to the listing image.
    """

    listing_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("Image de vignette"),
        help_text=_(
            "Montrée dans les listes de pages et, à défaut d'image de partage, sur les réseaux."
        ),
    )
    listing_summary = models.TextField(
        blank=True,
        max_length=300,
        verbose_name=_("Résumé pour les listes"),
        help_text=_(
            "Une ou deux phrases simples. À défaut, la description pour les moteurs de recherche."
        ),
    )
    social_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("Image de partage"),
        help_text=_("Montrée quand la page est partagée (1200 × 630 pixels de préférence)."),
    )

    promote_panels = [
        *Page.promote_panels,
        MultiFieldPanel(
            [
                FieldPanel("listing_image"),
                FieldPanel("listing_summary"),
                FieldPanel("social_image"),
            ],
            heading=_("Vignette et partage"),
        ),
    ]

    # Images are the same in every language; texts are translated.
    override_translatable_fields = [
        SynchronizedField("listing_image"),
        SynchronizedField("social_image"),
    ]

    class Meta:
        abstract = True

    @property
    def summary(self):
        return self.listing_summary or self.search_description

    @property
    def share_image(self):
        return self.social_image or self.listing_image


class EasyReadMixin(models.Model):
    """A page that can carry an easy-read version (« facile à lire ») of its text.

    Not a language of its own: the same page, in the same language, shows the easy-read text in
    place of its full text when the visitor chooses it (?lecture=facile, a plain link, so it
    works without JavaScript and can be bookmarked or shared). Put it before BasePage in the
    bases; add `easy_read_panel` to the content panels.
    """

    easy_read = models.TextField(
        blank=True,
        max_length=2000,
        verbose_name=_("Version facile à lire"),
        help_text=_(
            "Des phrases courtes, des mots de tous les jours, une idée par phrase. Les visiteurs "
            "la choisissent avec le bouton « Facile à lire »."
        ),
    )

    easy_read_panel = ReadabilityPanel("easy_read")

    class Meta:
        abstract = True

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["easy_read_shown"] = bool(self.easy_read) and (
            request.GET.get(EASY_READ_PARAMETER) == EASY_READ_VALUE
        )
        context["easy_read_url"] = f"{request.path}?{EASY_READ_PARAMETER}={EASY_READ_VALUE}"
        context["full_version_url"] = request.path
        return context


@register_setting(icon="site")
class SiteSettings(BaseSiteSetting):
    """The Plateforme Emploi Entreprises' contact details, shown in the footer of every page."""

    address = models.TextField(
        blank=True,
        verbose_name=_("Adresse de la Plateforme Emploi Entreprises"),
        help_text=_("Sur deux lignes. Ex. : 12 rue du Landy, puis 93200 Saint-Denis."),
    )
    opening_hours = models.TextField(
        blank=True,
        verbose_name=_("Horaires d'ouverture"),
        help_text=_("Une ligne par jour ou par période. Ex. : Lundi au vendredi : 9 h – 17 h"),
    )
    phone = models.CharField(
        blank=True,
        max_length=30,
        verbose_name=_("Téléphone"),
        help_text=_("Ex. : 01 49 33 00 00."),
    )
    email = models.EmailField(
        blank=True,
        verbose_name=_("Adresse e-mail"),
        help_text=_(
            "Montrée dans le pied de page ; reçoit aussi les « Ça m'intéresse » quand la liste "
            "des offres n'a pas d'e-mail des conseillers. Ex. : contact@dynamique-emploi.fr"
        ),
    )
    facebook_url = models.URLField(
        blank=True,
        verbose_name=_("Page Facebook"),
        help_text=_("Ex. : https://www.facebook.com/dynamique.emploi"),
    )
    linkedin_url = models.URLField(
        blank=True,
        verbose_name=_("Page LinkedIn"),
        help_text=_("Ex. : https://www.linkedin.com/company/dynamique-emploi"),
    )
    instagram_url = models.URLField(
        blank=True,
        verbose_name=_("Compte Instagram"),
        help_text=_("Ex. : https://www.instagram.com/dynamique.emploi"),
    )
    contact_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("Page de contact"),
        help_text=_("Proposée aux visiteurs qui ne trouvent pas ce qu'ils cherchent."),
    )
    accessibility_conformance = models.CharField(
        max_length=20,
        choices=AccessibilityConformance.choices,
        default=AccessibilityConformance.PARTIAL,
        verbose_name=_("Conformité au RGAA"),
        help_text=_("Le niveau établi par le dernier audit d'accessibilité."),
    )
    accessibility_statement_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("Page de la déclaration d'accessibilité"),
        help_text=_("Liée depuis le pied de page de chaque page. Ex. : la page « Accessibilité »."),
    )

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("address"),
                FieldPanel("opening_hours"),
                FieldPanel("phone"),
                FieldPanel("email"),
                FieldPanel("contact_page"),
            ],
            heading=_("Nous trouver, nous joindre"),
        ),
        MultiFieldPanel(
            [FieldPanel("facebook_url"), FieldPanel("linkedin_url"), FieldPanel("instagram_url")],
            heading=_("Réseaux sociaux"),
        ),
        MultiFieldPanel(
            [FieldPanel("accessibility_conformance"), FieldPanel("accessibility_statement_page")],
            heading=_("Accessibilité"),
        ),
    ]

    class Meta:
        verbose_name = _("Coordonnées et mentions du site")

    @property
    def social_links(self):
        """(network name, url) pairs for the links that are set, in a stable order."""
        links = [
            ("Facebook", self.facebook_url),
            ("LinkedIn", self.linkedin_url),
            ("Instagram", self.instagram_url),
        ]
        return [(name, url) for name, url in links if url]


def yes_or_no(value):
    """« Oui » or « Non », where the admin would otherwise print True or False."""
    return _("Oui") if value else _("Non")


def page_sections(hook_name, request, page):
    """The HTML of the sections other apps add to `page` through `hook_name`, in hook order.

    Each hook function receives the request and the page and returns its section's HTML, or ""
    when it has nothing to show; the page's app thus never imports the apps that fill it.
    """
    return [
        html
        for render_section in hooks.get_hooks(hook_name)
        if (html := render_section(request, page))
    ]
