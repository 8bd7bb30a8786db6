"""Demo content for `manage.py load_demo`, built on the factories of tests/ (dev dependencies).

The command first runs the home app's steps (site, pages, settings, editor account), then every
function registered under the LOAD_DEMO_HOOK Wagtail hook, in hook order. An app adds its own demo
content from its wagtail_hooks.py, importing its factories inside the function so that production,
which lacks the dev dependencies, never imports them:

    @hooks.register(LOAD_DEMO_HOOK)
    def load_offers_demo(demo):
        from tests.offers.factories import OfferFactory
        ...

Each step receives a Demo and must be idempotent: look for what it would create, and skip it.
"""

import secrets
from collections import Counter

from django.conf import settings

LOAD_DEMO_HOOK = "load_demo"


class Demo:
    """What the steps share: the site being filled, output, and get-or-create helpers."""

    def __init__(self, stdout, style, options=None):
        self.stdout = stdout
        self.style = style
        # The command's options (e.g. "offers": how many extra offers a benchmark wants).
        self.options = options or {}
        self.site = None
        self.home_page = None
        self.created = Counter()
        # One password for every account this run creates (the editor, the members): DEMO_PASSWORD
        # or one generated here, printed with each new account and never stored.
        self.password = settings.DEMO_PASSWORD or secrets.token_urlsafe(12)

    def log(self, message):
        self.stdout.write(f"  {message}")

    def count(self, kind, number=1):
        self.created[kind] += number

    def image(self, title, draw, alt_text="", filename=None):
        """The image with this title, or a new one from the bytes `draw()` returns."""
        # Imported here: production lacks the dev dependencies (factories live in tests/).
        from django.core.files.base import ContentFile
        from django.utils.text import slugify
        from wagtail.images import get_image_model

        from tests.core.factories import ImageFactory

        if existing := get_image_model().objects.filter(title=title).first():
            return existing
        data = draw()
        extension = "png" if data.startswith(b"\x89PNG") else "jpg"
        image = ImageFactory(
            title=title,
            description=alt_text,
            file=ContentFile(data, name=filename or f"{slugify(title)}.{extension}"),
        )
        self.count("images")
        return image

    def document(self, title, lines, filename=None):
        """The document with this title, or a new one-page PDF with these lines of text."""
        from django.core.files.base import ContentFile
        from django.utils.text import slugify
        from wagtail.documents import get_document_model

        from tests.core.factories import DocumentFactory, pdf_bytes

        if existing := get_document_model().objects.filter(title=title).first():
            return existing
        document = DocumentFactory(
            title=title,
            file=ContentFile(pdf_bytes(title, lines), name=filename or f"{slugify(title)}.pdf"),
        )
        self.count("documents")
        return document

    def child_page(self, parent, factory, slug, **fields):
        """(page, created): the child of `parent` with this slug, or a new one from `factory`."""
        if existing := parent.get_children().filter(slug=slug).first():
            return existing.specific, False
        page = factory(parent=parent, slug=slug, **fields)
        self.count("pages")
        return page, True

    @staticmethod
    def publish(page):
        """Save the page's current content as a revision and publish it, as an editor would."""
        page.save_revision(log_action=False).publish(log_action=False)
