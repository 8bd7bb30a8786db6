"""The design system's content blocks, shared by every page that has a body.

Each block describes itself to editors (icon, group, description, preview) and renders through a
template under templates/components/blocks/.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageBlock
from wagtail.images.models import Picture
from wagtail.images.shortcuts import get_renditions_or_not_found
from wagtail.models import Locale, Page

GROUP_TEXT = _("Texte")
GROUP_MEDIA = _("Images et documents")
GROUP_HIGHLIGHT = _("Mise en avant")


class LinkStructValue(blocks.StructValue):
    """Lets templates say `value.link.url` and `value.link.text` whatever the link's target."""

    @property
    def localized_page(self):
        """The chosen page in the reader's language when it is translated and live (a page
        chosen before its translation existed), else as chosen."""
        if "_localized_page" not in self.__dict__:
            page = self.get("page")
            self._localized_page = page.localized if page else None
        return self._localized_page

    @property
    def url(self):
        if page := self.localized_page:
            return page.url
        return self.get("external_url") or ""

    @property
    def text(self):
        if label := self.get("label"):
            return label
        if page := self.localized_page:
            return page.title
        return self.get("external_url") or ""

    @property
    def is_external(self):
        return not self.get("page") and bool(self.get("external_url"))


class LinkBlock(blocks.StructBlock):
    """A link to a page of the site or to another website: exactly one of the two."""

    page = blocks.PageChooserBlock(required=False, label=_("Page du site"))
    external_url = blocks.URLBlock(required=False, label=_("ou adresse d'un autre site"))
    label = blocks.CharBlock(
        required=False,
        max_length=80,
        label=_("Texte du lien"),
        help_text=_("Facultatif pour une page du site : son titre est utilisé par défaut."),
    )

    class Meta:
        value_class = LinkStructValue
        icon = "link"
        label = _("Lien")

    def bulk_to_python(self, values):
        """The links of a whole stream at once: their pages' translations in one query, where
        `page.localized` would make one per link."""
        links = super().bulk_to_python(values)
        if not any(link.get("page") for link in links):
            return links
        locale = Locale.get_active()
        elsewhere = {
            link["page"].translation_key
            for link in links
            if link.get("page") and link["page"].locale_id != locale.pk
        }
        translations = {}
        if elsewhere:
            translations = {
                page.translation_key: page
                for page in Page.objects.live().filter(locale=locale, translation_key__in=elsewhere)
            }
        for link in links:
            if page := link.get("page"):
                link._localized_page = translations.get(page.translation_key, page)
        return links

    def clean(self, value):
        value = super().clean(value)
        has_page, has_url = bool(value.get("page")), bool(value.get("external_url"))
        if has_page == has_url:
            message = _("Choisissez une page du site ou saisissez une adresse, pas les deux.")
            raise StructBlockValidationError(
                block_errors={"page": ValidationError(message)},
            )
        if has_url and not value.get("label"):
            raise StructBlockValidationError(
                block_errors={
                    "label": ValidationError(_("Un lien vers un autre site a besoin d'un texte.")),
                }
            )
        return value


class RichTextBlock(blocks.RichTextBlock):
    class Meta:
        icon = "pilcrow"
        label = _("Texte")
        group = GROUP_TEXT
        template = "components/blocks/rich_text.html"
        description = _("Paragraphes, intertitres, listes et liens.")
        preview_value = (
            "<h2>Qui peut venir à la Plateforme Emploi Entreprises ?</h2>"
            "<p>Toute personne qui habite un quartier prioritaire et cherche un emploi.</p>"
        )


# A body image's widths: a phone, a tablet or the text column (45rem), that column on a
# high-density screen. In WebP, with JPEG for the browsers that lack it.
BODY_IMAGE_WIDTHS = (480, 800, 1200)
BODY_IMAGE_FORMATS = ("webp", "jpeg")
BODY_IMAGE_SIZES = "(min-width: 48em) 45rem, 100vw"


def widths_for(original_width, wanted=BODY_IMAGE_WIDTHS):
    """The wanted widths an image can give without being enlarged, then its own width if it is
    narrower than the widest: each width once. Wagtail's `width-1200` leaves an 800-px image at
    800 px, so `{% picture … width-{400,800,1200} %}` gave a srcset with « 800w » twice (issue
    14), which tells the browser nothing."""
    widths = [width for width in wanted if width < original_width]
    widths.append(min(original_width, wanted[-1]) if original_width else wanted[0])
    return widths


def body_picture(image, **attrs):
    """A <picture> of `image` (an ImageBlock value) at the widths it can give, each format a
    <source>, with `attrs` on the <img> (sizes, loading…); its alt text is the block's, as with
    Wagtail's {% picture %} tag, whose renditions these are."""
    specs = [
        f"format-{image_format}|width-{width}"
        for image_format in BODY_IMAGE_FORMATS
        for width in widths_for(image.width)
    ]
    return Picture(get_renditions_or_not_found(image, specs), attrs)


class CaptionedImageBlock(blocks.StructBlock):
    image = ImageBlock(label=_("Image"))
    caption = blocks.CharBlock(required=False, max_length=250, label=_("Légende"))

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        image = value.get("image")
        context["picture"] = (
            body_picture(image, sizes=BODY_IMAGE_SIZES, loading="lazy", decoding="async")
            if image
            else ""
        )
        return context

    class Meta:
        icon = "image"
        label = _("Image")
        group = GROUP_MEDIA
        template = "components/blocks/captioned_image.html"
        description = _(
            "Une image avec son texte alternatif (décrit l'image pour qui ne la voit pas) "
            "et une légende facultative."
        )


class CallToActionBlock(blocks.StructBlock):
    heading = blocks.CharBlock(max_length=120, label=_("Titre"))
    text = blocks.TextBlock(required=False, max_length=400, label=_("Texte"))
    link = LinkBlock(label=_("Bouton"))

    class Meta:
        icon = "pick"
        label = _("Appel à l'action")
        group = GROUP_HIGHLIGHT
        template = "components/blocks/call_to_action.html"
        description = _("Un encadré avec un titre, une phrase et un bouton.")
        preview_value = {
            "heading": "Venez nous rencontrer",
            "text": "La Plateforme Emploi Entreprises vous accueille sans rendez-vous.",
            "link": {"external_url": "https://example.org", "label": "Nous trouver"},
        }


class QuestionBlock(blocks.StructBlock):
    question = blocks.CharBlock(max_length=200, label=_("Question"))
    answer = blocks.RichTextBlock(
        features=["bold", "italic", "ol", "ul", "link"], label=_("Réponse")
    )

    class Meta:
        icon = "help"
        label = _("Question")


class FAQBlock(blocks.StructBlock):
    heading = blocks.CharBlock(required=False, max_length=120, label=_("Titre"))
    questions = blocks.ListBlock(QuestionBlock(), min_num=1, label=_("Questions"))

    class Meta:
        icon = "help"
        label = _("Questions fréquentes")
        group = GROUP_TEXT
        template = "components/blocks/faq.html"
        description = _("Des questions dont la réponse s'ouvre au clic, sans JavaScript.")
        preview_value = {
            "heading": "Questions fréquentes",
            "questions": [
                {
                    "question": "Faut-il un CV pour venir ?",
                    "answer": "<p>Non. Un conseiller vous aide à le préparer.</p>",
                }
            ],
        }


class KeyFigureBlock(blocks.StructBlock):
    value = blocks.CharBlock(
        max_length=20, label=_("Chiffre"), help_text=_("Par exemple : 434 ou 78 %")
    )
    label = blocks.CharBlock(max_length=120, label=_("Ce qu'il mesure"))
    detail = blocks.CharBlock(
        required=False,
        max_length=160,
        label=_("Précision"),
        help_text=_("Facultatif : l'année ou la source du chiffre."),
    )

    class Meta:
        icon = "pick"
        label = _("Chiffre clé")


class KeyFiguresBlock(blocks.StructBlock):
    heading = blocks.CharBlock(required=False, max_length=120, label=_("Titre"))
    figures = blocks.ListBlock(KeyFigureBlock(), min_num=1, max_num=8, label=_("Chiffres"))

    class Meta:
        icon = "table"
        label = _("Chiffres clés")
        group = GROUP_HIGHLIGHT
        template = "components/blocks/key_figures.html"
        description = _("De un à huit chiffres mis en avant, chacun avec ce qu'il mesure.")
        preview_value = {
            "heading": "Nos résultats",
            "figures": [
                {"value": "434", "label": "demandeurs d'emploi suivis", "detail": "en 2015"},
                {"value": "78 %", "label": "ont retrouvé un emploi", "detail": ""},
            ],
        }


class ContactCardBlock(blocks.StructBlock):
    name = blocks.CharBlock(max_length=120, label=_("Nom ou service"))
    role = blocks.CharBlock(required=False, max_length=120, label=_("Fonction"))
    address = blocks.TextBlock(required=False, label=_("Adresse"))
    phone = blocks.CharBlock(required=False, max_length=30, label=_("Téléphone"))
    email = blocks.EmailBlock(required=False, label=_("Adresse e-mail"))
    hours = blocks.TextBlock(required=False, label=_("Horaires"))

    class Meta:
        icon = "user"
        label = _("Carte de contact")
        group = GROUP_HIGHLIGHT
        template = "components/blocks/contact_card.html"
        description = _("Une personne ou un service à joindre, avec téléphone et e-mail.")
        preview_value = {
            "name": "Plateforme Emploi Entreprises",
            "role": "Accueil sans rendez-vous",
            "phone": "01 23 45 67 89",
            "email": "contact@example.org",
        }

    def clean(self, value):
        value = super().clean(value)
        if not (value.get("phone") or value.get("email") or value.get("address")):
            raise StructBlockValidationError(
                block_errors={
                    "phone": ValidationError(
                        _("Indiquez au moins un moyen de contact : téléphone, e-mail ou adresse.")
                    )
                }
            )
        return value


class DocumentLinkBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("Document"))
    title = blocks.CharBlock(
        required=False,
        max_length=160,
        label=_("Titre affiché"),
        help_text=_("Facultatif : le titre du document est utilisé par défaut."),
    )
    description = blocks.TextBlock(required=False, max_length=300, label=_("Description"))

    class Meta:
        icon = "doc-full"
        label = _("Document à télécharger")
        group = GROUP_MEDIA
        template = "components/blocks/document_link.html"
        description = _("Un lien de téléchargement qui annonce le format et le poids du fichier.")


class BodyBlock(blocks.StreamBlock):
    """The blocks an editor can put in the body of an editorial page."""

    rich_text = RichTextBlock()
    image = CaptionedImageBlock()
    call_to_action = CallToActionBlock()
    faq = FAQBlock()
    key_figures = KeyFiguresBlock()
    contact_card = ContactCardBlock()
    document_link = DocumentLinkBlock()


class EntryPointBlock(blocks.StructBlock):
    """One of the home page's doors, one per audience."""

    heading = blocks.CharBlock(
        max_length=60, label=_("Titre"), help_text=_("Par exemple : Je cherche un emploi")
    )
    text = blocks.TextBlock(max_length=200, label=_("Phrase d'explication"))
    link = LinkBlock(label=_("Page de destination"))

    class Meta:
        icon = "arrow-right"
        label = _("Porte d'entrée")
        template = "components/blocks/entry_point.html"
        description = _("Un public, une phrase, un lien vers la page qui lui est destinée.")
