"""The text inside uploaded PDF, DOCX and XLSX files, extracted once at upload, is searched by the
library (issue 11); a file whose text cannot be read is still accepted."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from library import services
from library.extract import extract_text
from library.models import DocumentKind, DocumentVersion
from library.uploads import DOCX, PDF, XLSX
from tests.library.conftest import PDF_BYTES

pytestmark = pytest.mark.django_db


def pdf_with_text(text: str) -> bytes:
    """A one-page PDF whose content stream draws `text` (ASCII) in Helvetica, xref computed."""
    stream = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return out.getvalue()


def docx_with_text(text: str) -> bytes:
    from docx import Document

    document = Document()
    document.add_paragraph(text)
    table = document.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text, table.rows[0].cells[1].text = "ตำบลนาชุมแสง", "อำเภอภูเวียง"
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def xlsx_with_text(text: str) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.active.title = "คำขอ"
    workbook.active.append(["ลำดับ", "โครงการ", "วงเงิน"])
    workbook.active.append([1, text, 1500000])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def publish(people, name, data, content_type, title="เอกสารประกอบแผน"):
    upload = SimpleUploadedFile(name, data, content_type=content_type)
    return services.document_create(
        user=people.central, kind=DocumentKind.ACTION_PLAN, title=title, office=people.office_a, file=upload
    )


def found(client, q):
    response = client.get(reverse("library:document-list"), {"q": q})
    assert response.status_code == 200
    return [d.title for d in response.context["page"].object_list]


def test_the_text_of_a_pdf_is_extracted_and_searched(client, people):
    document = publish(people, "plan.pdf", pdf_with_text("Dredging of Nong Khot reservoir"), PDF, title="แผน ก")
    assert "Nong Khot" in document.versions.get().text
    assert found(client, "reservoir dredging") == ["แผน ก"]  # all words, any order


def test_the_text_of_a_docx_is_extracted_with_its_tables(client, people):
    publish(people, "plan.docx", docx_with_text("ขุดลอกหนองโคตรเพื่อแก้ปัญหาภัยแล้ง"), DOCX, title="แผน ข")
    assert found(client, "ขุดลอก นาชุมแสง") == ["แผน ข"]


def test_the_text_of_an_xlsx_is_extracted(client, people):
    document = publish(people, "plan.xlsx", xlsx_with_text("ซ่อมแซมฝายน้ำล้นบ้านโนนสวรรค์"), XLSX, title="แผน ค")
    assert "1500000" in document.versions.get().text
    assert found(client, "ฝายน้ำล้น") == ["แผน ค"]


def test_a_new_version_replaces_the_searched_text(client, people):
    document = publish(people, "plan.pdf", pdf_with_text("first edition about roads"), PDF, title="แผน ง")
    services.document_version_add(
        user=people.central,
        document=document,
        file=SimpleUploadedFile("plan.pdf", pdf_with_text("second edition about bridges"), content_type=PDF),
    )
    assert found(client, "bridges") == ["แผน ง"] and found(client, "roads") == []


def test_a_pdf_without_readable_text_is_still_accepted(people):
    document = publish(people, "scan.pdf", PDF_BYTES, PDF)
    assert document.versions.get().text == ""


def test_extraction_is_capped_and_survives_broken_files():
    assert len(extract_text(docx_with_text("ก" * 5000), DOCX, limit=1000)) == 1000
    assert extract_text(b"PK\x03\x04 not really a zip", DOCX) == ""
    assert extract_text(b"%PDF-1.4 garbage", PDF) == ""


def test_the_backfill_command_extracts_text_of_older_uploads(client, people):
    document = publish(people, "plan.xlsx", xlsx_with_text("ปรับปรุงถนนลูกรัง"), XLSX, title="แผน จ")
    DocumentVersion.objects.update(text="")
    type(document).objects.filter(pk=document.pk).update(search_text="")
    assert found(client, "ถนนลูกรัง") == []
    call_command("extract_document_text")
    assert found(client, "ถนนลูกรัง") == ["แผน จ"]
