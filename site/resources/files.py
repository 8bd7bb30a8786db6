"""What a shared file really is, judged from its bytes rather than its name or the browser's word.

libmagic (through python-magic) reads the first bytes, as the `file` command does: it tells a
PDF from a Windows program or an HTML page named « rapport.pdf », and looks inside ZIP archives
for the entries that make an OpenDocument or Office Open XML file, so that a bare ZIP, or an
executable renamed .docx, is refused. Only the types below are accepted; anything else,
including SVG (an image that can carry scripts) and HTML, is refused.
"""

import zipfile
from dataclasses import dataclass
from pathlib import PurePath

import magic
from django.utils.translation import gettext_lazy as _

# At most 20 MB a file. Tests patch this rather than upload 20 MB.
MAX_FILE_SIZE = 20 * 1024 * 1024
# libmagic's OOXML rules look a few kilobytes into the archive for its second and third entries.
BYTES_TO_SNIFF = 64 * 1024


@dataclass(frozen=True)
class FileType:
    content_type: str
    extension: str
    label: str
    # Office documents are ZIP archives: they must also open as one.
    is_zip: bool = False


ODF = "application/vnd.oasis.opendocument"
OOXML = "application/vnd.openxmlformats-officedocument"
ACCEPTED_TYPES = {
    file_type.content_type: file_type
    for file_type in [
        FileType("application/pdf", "pdf", _("PDF")),
        FileType(f"{ODF}.text", "odt", _("Texte OpenDocument"), is_zip=True),
        FileType(f"{ODF}.spreadsheet", "ods", _("Tableur OpenDocument"), is_zip=True),
        FileType(f"{ODF}.presentation", "odp", _("Présentation OpenDocument"), is_zip=True),
        FileType(f"{OOXML}.wordprocessingml.document", "docx", _("Document Word"), is_zip=True),
        FileType(f"{OOXML}.spreadsheetml.sheet", "xlsx", _("Classeur Excel"), is_zip=True),
        FileType(
            f"{OOXML}.presentationml.presentation",
            "pptx",
            _("Présentation PowerPoint"),
            is_zip=True,
        ),
        FileType("image/png", "png", _("Image PNG")),
        FileType("image/jpeg", "jpg", _("Image JPEG")),
        FileType("image/webp", "webp", _("Image WebP")),
    ]
}
# Extensions a downloaded file may keep (jpeg as well as jpg).
EXTENSION_ALIASES = {"jpeg": "jpg"}


def detect_type(uploaded_file):
    """The accepted FileType of this file's content, or None."""
    uploaded_file.seek(0)
    head = uploaded_file.read(BYTES_TO_SNIFF)
    uploaded_file.seek(0)
    file_type = ACCEPTED_TYPES.get(magic.from_buffer(head, mime=True))
    if file_type and file_type.is_zip:
        try:
            is_archive = zipfile.is_zipfile(uploaded_file)
        finally:
            uploaded_file.seek(0)
        if not is_archive:
            return None
    return file_type


def accepted_types_label():
    return ", ".join(sorted({str(file_type.label) for file_type in ACCEPTED_TYPES.values()}))


def download_name(original_name, content_type):
    """The name a download is saved under: the uploaded name, its extension matching the content.

    A PDF uploaded as « notes.docx » downloads as « notes.docx.pdf », so that the person's
    computer opens it with the right program.
    """
    file_type = ACCEPTED_TYPES.get(content_type)
    name = PurePath(original_name or "document").name or "document"
    if file_type is None:
        return name
    suffix = PurePath(name).suffix.lstrip(".").lower()
    if EXTENSION_ALIASES.get(suffix, suffix) == file_type.extension:
        return name
    return f"{name}.{file_type.extension}"
