"""Attachments are checked inside, not only by their first bytes (issue 13 item 5): programs,
scripts, launch actions and embedded files in PDFs, programs and macros in Office packages, and
images that do not decode are refused with a Thai message; images are stored re-encoded."""

import io
import zipfile
import zlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook
from PIL import Image

from portal.exceptions import ApplicationError
from portal.uploads import has_windows_executable
from proposals.models import Attachment
from proposals.services.attachments import attachment_add
from tests.proposals.conftest import make_request

pytestmark = pytest.mark.django_db

PDF_HEAD = b"%PDF-1.7\n"
PDF_TAIL = b"\ntrailer<</Root 1 0 R>>\n%%EOF\n"
# A minimal Windows program: MZ, e_lfanew (at 0x3C) pointing at "PE\0\0", the DOS stub text left out
PROGRAM = b"MZ" + b"\x90" * 58 + (0x80).to_bytes(4, "little") + b"\x00" * (0x80 - 0x40) + b"PE\x00\x00" + b"\x4c\x01"


def _image(kind: str) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 6), "orange").save(buffer, format=kind)
    return buffer.getvalue()


def _office(extension: str, extra: dict[str, bytes]) -> bytes:
    if extension == "xlsx":
        buffer = io.BytesIO()
        Workbook().save(buffer)
        base = zipfile.ZipFile(io.BytesIO(buffer.getvalue()))
        parts = {info.filename: base.read(info) for info in base.infolist()}
    else:
        parts = {
            "[Content_Types].xml": b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            b'<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.'
            b'wordprocessingml.document.main+xml"/></Types>',
            "word/document.xml": b"<w:document/>",
        }
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
        for name, content in {**parts, **extra}.items():
            package.writestr(name, content)
    return out.getvalue()


def _attach(people, name: str, content: bytes):
    request = make_request(people)
    return attachment_add(user=people.planner_a, request_id=request.pk, uploaded=SimpleUploadedFile(name, content))


def _refused(people, name: str, content: bytes, match: str) -> None:
    with pytest.raises(ApplicationError, match=match):
        _attach(people, name, content)
    assert not Attachment.objects.exists()


def test_the_program_fixture_is_recognised_as_one():
    assert has_windows_executable(PROGRAM) and not has_windows_executable(b"MZ" + b"\x00" * 200)


def test_a_pdf_header_followed_by_a_program_is_refused(people):
    _refused(people, "แบบแปลน.pdf", PDF_HEAD + PROGRAM + PDF_TAIL, "โปรแกรม")


@pytest.mark.parametrize(
    "body",
    [
        b"1 0 obj<</Type/Catalog/OpenAction<</S/Launch/F(cmd.exe)>>>>endobj",
        b"1 0 obj<</Type/Catalog/OpenAction<</S/Lau#6Ech/F(cmd.exe)>>>>endobj",  # hex-escaped name
        b"1 0 obj<</Type/Catalog/OpenAction<</S/JavaScript/JS(app.alert(1))>>>>endobj",
        b"2 0 obj<</Type/Filespec/F(setup.exe)/EF<</F 3 0 R>>>>endobj 3 0 obj<</Type/EmbeddedFile>>stream\nx\nendstream",
    ],
    ids=["launch", "escaped-launch", "javascript", "embedded-exe"],
)
def test_a_pdf_that_launches_runs_or_embeds_is_refused(people, body):
    _refused(people, "เอกสาร.pdf", PDF_HEAD + body + PDF_TAIL, "PDF")


def test_a_launch_action_hidden_in_a_compressed_object_stream_is_refused(people):
    hidden = zlib.compress(b"<</S/Launch/Win<</F(calc.exe)>>>>")
    body = b"5 0 obj<</Type/ObjStm/Filter/FlateDecode/Length %d>>stream\n" % len(hidden) + hidden + b"\nendstream"
    _refused(people, "เอกสาร.pdf", PDF_HEAD + body + PDF_TAIL, "Launch")


def test_a_plain_pdf_is_accepted(people):
    attachment = _attach(people, "แผนที่.pdf", PDF_HEAD + b"1 0 obj<</Type/Catalog>>endobj" + PDF_TAIL)
    assert attachment.content_type == "application/pdf"


def test_html_behind_a_png_signature_is_refused(people):
    _refused(people, "ภาพ.png", b"\x89PNG\r\n\x1a\n<html><script>alert(1)</script></html>", "ไม่ใช่ภาพ PNG จริง")


def test_a_jpeg_named_png_is_refused(people):
    _refused(people, "ภาพ.png", _image("JPEG"), "ไม่ตรงกับชนิดไฟล์")


@pytest.mark.parametrize("kind,extension", [("PNG", "png"), ("JPEG", "jpg")])
def test_images_are_decoded_and_stored_re_encoded(people, kind, extension):
    attachment = _attach(people, f"ภาพถ่าย.{extension}", _image(kind) + b"<script>alert(1)</script>")
    with attachment.file.open("rb") as handle:
        stored = handle.read()
    assert b"<script>" not in stored and attachment.size == len(stored)
    assert Image.open(io.BytesIO(stored)).size == (8, 6)


@pytest.mark.parametrize("extension", ["docx", "xlsx"])
@pytest.mark.parametrize("member", ["word/setup.exe", "payload.dll", "run.bat", "x/evil.js", "macro.vbs"])
def test_an_office_file_holding_a_program_or_script_is_refused(people, extension, member):
    _refused(people, f"งบ.{extension}", _office(extension, {member: b"echo"}), "โปรแกรมหรือสคริปต์")


@pytest.mark.parametrize("extension,member", [("xlsx", "xl/vbaProject.bin"), ("docx", "word/vbaProject.bin")])
def test_an_office_file_with_macros_is_refused(people, extension, member):
    _refused(people, f"งบ.{extension}", _office(extension, {member: b"\xd0\xcf\x11\xe0"}), "มาโคร")


def test_a_program_wrapped_in_an_embedded_object_is_refused(people):
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100 + PROGRAM
    _refused(people, "งบ.docx", _office("docx", {"word/embeddings/oleObject1.bin": ole}), "โปรแกรม")


def test_a_plain_xlsx_and_docx_are_accepted(people):
    assert _attach(people, "งบ.xlsx", _office("xlsx", {})).content_type.endswith("sheet")
    assert _attach(people, "บันทึก.docx", _office("docx", {})).content_type.endswith("document")


def test_a_refusal_through_the_page_is_a_thai_message_not_a_500(client_for, people):
    request = make_request(people)
    response = client_for(people.planner_a).post(
        reverse("proposals:attachment-add", args=[request.pk]),
        {"file": SimpleUploadedFile("งบ.docx", _office("docx", {"word/setup.exe": b"x"}))},
        follow=True,
    )
    assert response.status_code == 200 and "โปรแกรมหรือสคริปต์" in response.content.decode()
