import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from library.demo import library_load

PDF_BYTES = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


@pytest.fixture
def channel(db):
    """The mechanisms, directory and demo joint KPIs as `make run` loads them."""
    return library_load()


def pdf(name="plan.pdf", body=b""):
    return SimpleUploadedFile(name, PDF_BYTES + body, content_type="application/pdf")


def ooxml(name, main_type, *, extra_parts=None):
    """A minimal Office Open XML package whose [Content_Types].xml declares main_type."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        package.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="xml" ContentType="application/xml"/>'
            f'<Override PartName="/main.xml" ContentType="{main_type}"/></Types>',
        )
        package.writestr("main.xml", "<x/>")
        for part, content in (extra_parts or {}).items():
            package.writestr(part, content)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="application/octet-stream")


DOCX_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
DOCM_MAIN = "application/vnd.ms-word.document.macroEnabled.main+xml"
