"""Factories for shared resources, and small real files of every accepted type.

ResourceFactory(organisation=org)                 # a PDF shared with all members
ResourceFactory(link=True)                         # a link, no file
ResourceFactory(organisation_only=True)            # also coordinators_only=True, expired=True
ResourceFactory(tags=["emploi", "mobilité"])
ResourceVersionFactory(resource=r, data=png_bytes())   # a new current file
"""

import datetime
import io
import zipfile

import factory
from django.core.files.base import ContentFile
from django.utils import timezone
from PIL import Image

from resources.enums import Audience, ResourceKind
from resources.files import detect_type
from resources.models import Resource, ResourceVersion
from tests.core.factories import pdf_bytes
from tests.extranet.factories import UserFactory
from tests.organisations.factories import OrganisationFactory


def png_bytes(colour=(11, 94, 90), size=(8, 8)):
    output = io.BytesIO()
    Image.new("RGB", size, colour).save(output, "PNG")
    return output.getvalue()


def zip_bytes(entries):
    """A ZIP archive of (name, text) entries in this order, compressed like office suites do."""
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w") as archive:
        for name, text in entries:
            # ODF wants its « mimetype » entry first and uncompressed.
            compression = zipfile.ZIP_STORED if name == "mimetype" else zipfile.ZIP_DEFLATED
            archive.writestr(name, text, compress_type=compression)
    return output.getvalue()


def odt_bytes(text="Compte-rendu"):
    """A minimal OpenDocument text that LibreOffice opens."""
    return zip_bytes(
        [
            ("mimetype", "application/vnd.oasis.opendocument.text"),
            (
                "META-INF/manifest.xml",
                '<?xml version="1.0" encoding="UTF-8"?>'
                '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:'
                'manifest:1.0" manifest:version="1.2"><manifest:file-entry '
                'manifest:full-path="/" manifest:media-type="application/vnd.oasis.'
                'opendocument.text"/><manifest:file-entry manifest:full-path="content.xml" '
                'manifest:media-type="text/xml"/></manifest:manifest>',
            ),
            (
                "content.xml",
                '<?xml version="1.0" encoding="UTF-8"?>'
                '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:'
                'office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
                f'office:version="1.2"><office:body><office:text><text:p>{text}</text:p>'
                "</office:text></office:body></office:document-content>",
            ),
        ]
    )


def docx_bytes(text="Modèle"):
    """A minimal Word document, its entries in the order Word writes them."""
    return zip_bytes(
        [
            (
                "[Content_Types].xml",
                '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.'
                'openxmlformats.org/package/2006/content-types"><Default Extension="rels" '
                'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                '<Default Extension="xml" ContentType="application/xml"/><Override '
                'PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
                'officedocument.wordprocessingml.document.main+xml"/></Types>',
            ),
            (
                "_rels/.rels",
                '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
                'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" '
                'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
                'officeDocument" Target="word/document.xml"/></Relationships>',
            ),
            (
                "word/document.xml",
                '<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.'
                'openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r>'
                f"<w:t>{text}</w:t></w:r></w:p></w:body></w:document>",
            ),
        ]
    )


# What people try to pass off as documents: a Windows program, a web page, an SVG with a script.
EXE_BYTES = (
    b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 48 + b"PE\x00\x00"
)
HTML_BYTES = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"
SVG_BYTES = (
    b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
)


class ResourceFactory(factory.django.DjangoModelFactory):
    """A guide of some organisation, shared with all members, its file a one-page PDF."""

    title = factory.Sequence(lambda n: f"Guide de l'accueil n° {n}")
    description = "Pour les conseillers et les employeurs du réseau."
    kind = ResourceKind.GUIDE
    audience = Audience.ALL_MEMBERS
    organisation = factory.SubFactory(OrganisationFactory)
    shared_by = factory.SubFactory(UserFactory)

    class Meta:
        model = Resource
        skip_postgeneration_save = True

    class Params:
        link = factory.Trait(url="https://www.example.org/guide")
        organisation_only = factory.Trait(audience=Audience.ORGANISATION)
        coordinators_only = factory.Trait(audience=Audience.COORDINATORS)
        expired = factory.Trait(
            valid_until=factory.LazyFunction(
                lambda: timezone.localdate() - datetime.timedelta(days=1)
            )
        )

    @factory.post_generation
    def tags(resource, create, extracted, **kwargs):
        if create and extracted:
            resource.tags.add(*extracted)

    @factory.post_generation
    def file(resource, create, extracted, **kwargs):
        """The first version: pass file=b"…" for other bytes, file=False for none."""
        if not create or resource.url or extracted is False:
            return
        ResourceVersionFactory(
            resource=resource,
            data=extracted or pdf_bytes(resource.title),
            original_name=kwargs.get("name", "guide.pdf"),
        )


class ResourceVersionFactory(factory.django.DjangoModelFactory):
    """A new file for a resource, which becomes its current version."""

    resource = factory.SubFactory(ResourceFactory, file=False)
    original_name = "document.pdf"
    uploaded_by = factory.SelfAttribute("resource.shared_by")
    # The file's bytes, taken by _create (not a model field).
    data = factory.LazyFunction(lambda: pdf_bytes("Document"))

    class Meta:
        model = ResourceVersion

    @classmethod
    def _create(cls, model_class, *args, data, **kwargs):
        content = ContentFile(data, name=kwargs["original_name"])
        file_type = detect_type(content)
        version = model_class(*args, content_type=file_type.content_type, size=len(data), **kwargs)
        version.file.save(kwargs["original_name"], content, save=False)
        version.save()
        Resource.objects.filter(pk=version.resource_id).update(current_version=version)
        version.resource.current_version = version
        return version
