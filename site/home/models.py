"""The home page (one per language) and the editorial pages built from blocks."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from core.blocks import BodyBlock, EntryPointBlock, KeyFigureBlock
from core.models import BasePage, EasyReadMixin, page_sections
from core.validators import validate_no_bidi_controls

# Apps that have something to show on the home page (the latest offers, the next events) register
# a function under this hook name in their wagtail_hooks.py. It receives the request and the home
# page, and returns the section's HTML, or an empty string when it has nothing to show. The home
# app thus never imports them.
HOME_PAGE_SECTIONS_HOOK = "home_page_sections"


class HomePage(BasePage):
    """The site's root in each language: the mission, three doors by audience, key figures."""

    mission = models.CharField(
        max_length=200,
        verbose_name=_("Mission en une phrase"),
        help_text=_(
            "Ce que fait le pôle, en mots simples. Affichée en grand en haut de la page. "
            "Ex. : Un emploi près de chez vous, avec les entreprises du quartier."
        ),
    )
    introduction = models.TextField(
        blank=True,
        max_length=600,
        verbose_name=_("Introduction"),
        help_text=_(
            "Deux ou trois phrases sous la mission. Ex. : Nous accompagnons les habitants des "
            "quartiers vers l'emploi."
        ),
    )
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("Image d'en-tête"),
        help_text=_("Une photo large, sans texte dedans (1600 × 900 pixels de préférence)."),
    )
    entry_points = StreamField(
        [("entry_point", EntryPointBlock())],
        min_num=1,
        max_num=3,
        verbose_name=_("Portes d'entrée par public"),
        help_text=_(
            "Une à trois portes, une par public. Ex. : Je cherche un emploi, Je recrute, "
            "Je porte un projet ESS."
        ),
    )
    figures_heading = models.CharField(
        max_length=120,
        blank=True,
        default="",
        verbose_name=_("Titre des chiffres clés"),
        help_text=_("Ex. : Le pôle en chiffres."),
    )
    key_figures = StreamField(
        [("figure", KeyFigureBlock())],
        blank=True,
        max_num=8,
        verbose_name=_("Chiffres clés"),
        help_text=_("Huit au plus. Ex. : « 120 » pour « personnes embauchées en 2026 »."),
    )
    body = StreamField(
        BodyBlock(),
        blank=True,
        verbose_name=_("Contenu libre"),
        help_text=_("Des blocs sous les chiffres clés. Ex. : un texte, une citation, une image."),
    )
    partners_heading = models.CharField(
        max_length=120,
        blank=True,
        default="",
        verbose_name=_("Titre des partenaires"),
        help_text=_("Ex. : Ils agissent avec nous."),
    )

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [FieldPanel("mission"), FieldPanel("introduction"), FieldPanel("hero_image")],
            heading=_("En-tête"),
        ),
        FieldPanel("entry_points"),
        MultiFieldPanel(
            [FieldPanel("figures_heading"), FieldPanel("key_figures")],
            heading=_("Chiffres clés"),
        ),
        FieldPanel("body"),
        MultiFieldPanel(
            [FieldPanel("partners_heading"), InlinePanel("partners", label=_("Partenaire"))],
            heading=_("Partenaires"),
        ),
    ]

    search_fields = [
        *Page.search_fields,
        index.SearchField("mission", boost=2),
        index.SearchField("introduction"),
        index.SearchField("body"),
    ]

    override_translatable_fields = [
        *BasePage.override_translatable_fields,
        SynchronizedField("hero_image"),
    ]

    max_count_per_parent = 1
    parent_page_types = ["wagtailcore.Page"]
    template = "pages/home_page.html"

    class Meta:
        verbose_name = _("Page d'accueil")
        verbose_name_plural = _("Pages d'accueil")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["partners"] = self.partners.select_related("logo")
        context["sections"] = page_sections(HOME_PAGE_SECTIONS_HOOK, request, self)
        return context


class HomePagePartner(Orderable):
    """A partner whose logo is shown at the foot of the home page."""

    page = ParentalKey(HomePage, on_delete=models.CASCADE, related_name="partners")
    name = models.CharField(
        max_length=120,
        verbose_name=_("Nom"),
        help_text=_("Le nom lu à la place du logo. Ex. : Plaine Commune."),
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
    url = models.URLField(
        blank=True,
        validators=[validate_no_bidi_controls],
        verbose_name=_("Site internet"),
        help_text=_("Ex. : https://plainecommune.fr"),
    )

    panels = [FieldPanel("name"), FieldPanel("logo"), FieldPanel("url")]

    class Meta(Orderable.Meta):
        verbose_name = _("Partenaire")
        verbose_name_plural = _("Partenaires")


class StandardPage(EasyReadMixin, BasePage):
    """An editorial page made of the design system's blocks."""

    introduction = models.TextField(
        blank=True,
        max_length=600,
        verbose_name=_("Chapeau"),
        help_text=_(
            "Une ou deux phrases qui disent de quoi parle la page. Ex. : Comment la Plateforme "
            "vous aide à trouver un emploi."
        ),
    )
    body = StreamField(
        BodyBlock(),
        blank=True,
        verbose_name=_("Contenu"),
        help_text=_("Le texte de la page en blocs. Ex. : un titre, un paragraphe, une image."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("introduction"),
        EasyReadMixin.easy_read_panel,
        FieldPanel("body"),
    ]

    search_fields = [
        *Page.search_fields,
        index.SearchField("introduction", boost=2),
        index.SearchField("easy_read"),
        index.SearchField("body"),
    ]

    parent_page_types = ["home.HomePage", "home.StandardPage"]
    template = "pages/standard_page.html"

    class Meta:
        verbose_name = _("Page standard")
        verbose_name_plural = _("Pages standard")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # One query per page type, whatever the number of children.
        context["child_pages"] = (
            self.get_children()
            .live()
            .public()
            .in_menu()
            .specific()
            .select_related("listing_image", for_specific_subqueries=True)
        )
        return context
