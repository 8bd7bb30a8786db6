"""Factories for what every app shares: locales, the page tree's root, images, documents, settings.

They work on a freshly migrated database (Wagtail's root page, root collection and `fr` locale
exist) and on a flushed one (transactional and live-server tests): what is missing is created.
"""

import factory
import wagtail_factories
from django.conf import settings
from django.core.files.base import ContentFile
from django.utils.text import slugify
from wagtail.models import Collection, Locale, Page, Site

from core.enums import AccessibilityConformance
from core.models import SiteSettings


def get_default_locale():
    """Make sure every content language has its Locale; return the default one (`fr`)."""
    existing_codes = set(Locale.objects.values_list("language_code", flat=True))
    Locale.objects.bulk_create(
        Locale(language_code=code)
        for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES
        if code not in existing_codes
    )
    return Locale.get_default()


def get_root_collection():
    """Wagtail's root collection, created when a flush removed it."""
    root = Collection.get_first_root_node()
    if root is None:
        root = Collection.add_root(name="Root")
    return root


def get_root_page():
    """The page tree's invisible root (depth 1), created when a flush removed it."""
    root = Page.get_first_root_node()
    if root is None:
        root = Page.add_root(
            instance=Page(title="Root", slug="root", locale=get_default_locale(), live=True)
        )
    return root


def get_default_site():
    """The default Site, or None after a flush (tests/home/factories.create_site makes one)."""
    return Site.objects.filter(is_default_site=True).first()


def get_or_create_default_site():
    """The default Site, made with its home page when a flush (a transactional test run
    before on the same worker) removed it."""
    site = get_default_site()
    if site is None:
        # Imported here: the home app's factories build on this module.
        from tests.home.factories import create_site

        create_site()
        site = get_default_site()
    return site


def pdf_bytes(title, lines=()):
    """A small, valid one-page PDF showing a title and a few lines of text.

    Written by hand so that no PDF library is needed: Helvetica in WinAnsi encoding covers French.
    """

    def pdf_string(text):
        escaped = text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
        return b"(" + escaped.encode("cp1252", errors="replace") + b")"

    text_ops = [b"BT /F1 20 Tf 72 770 Td " + pdf_string(title) + b" Tj ET"]
    for line_number, line in enumerate(lines, start=1):
        baseline = 740 - 18 * line_number
        text_ops.append(b"BT /F1 12 Tf 72 %d Td " % baseline + pdf_string(line) + b" Tj ET")
    content = b"\n".join(text_ops)

    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
    ]
    output = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(output))
        output += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref_offset = len(output)
    output += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        output += b"%010d 00000 n \n" % offset
    output += b"trailer\n<< /Size %d /Root 1 0 R >>\n" % (len(objects) + 1)
    output += b"startxref\n%d\n%%%%EOF\n" % xref_offset
    return bytes(output)


class ImageFactory(wagtail_factories.ImageFactory):
    """A Wagtail image whose small JPEG is drawn by Pillow: a plain coloured rectangle."""

    # wagtail_factories would add a new root collection for every image.
    collection = factory.LazyFunction(get_root_collection)
    title = factory.Sequence(lambda n: f"Image {n}")
    description = factory.LazyAttribute(lambda image: f"Illustration : {image.title}")
    file = factory.django.ImageField(width=320, height=180, color="#1d6f5f", filename="image.jpg")


class DocumentFactory(wagtail_factories.DocumentFactory):
    """A Wagtail document: a one-page PDF written on the fly."""

    collection = factory.LazyFunction(get_root_collection)
    title = factory.Sequence(lambda n: f"Document {n}")
    file = factory.LazyAttribute(
        lambda document: ContentFile(
            pdf_bytes(document.title), name=f"{slugify(document.title) or 'document'}.pdf"
        )
    )


class SiteSettingsFactory(factory.django.DjangoModelFactory):
    """The default site's settings (one row per site: creating again updates the row)."""

    site = factory.LazyFunction(get_or_create_default_site)
    address = "Plateforme Emploi Entreprises\n12 rue des Tisserands\n93200 Saint-Denis"
    opening_hours = "Lundi au vendredi : 9 h – 12 h 30 et 14 h – 17 h\nSans rendez-vous le matin"
    phone = "01 23 45 67 89"
    email = "contact@dynamique-emploi.fr"
    facebook_url = "https://www.facebook.com/dynamique-emploi"
    linkedin_url = "https://www.linkedin.com/company/dynamique-emploi"
    instagram_url = ""
    accessibility_conformance = AccessibilityConformance.PARTIAL
    accessibility_statement_page = None

    class Meta:
        model = SiteSettings

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        site = kwargs.pop("site")
        site_settings, _created = model_class.objects.update_or_create(site=site, defaults=kwargs)
        return site_settings
