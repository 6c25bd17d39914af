"""The library decides what a file is from its bytes (R11): plain data in, a verdict out."""

import hashlib
import io
import zipfile

import openpyxl
import pytest

from library.uploads import DOCX, PDF, PNG, XLSX, UploadRefused, check_upload
from tests.library.conftest import DOCM_MAIN, DOCX_MAIN, PDF_BYTES, ooxml

LIMIT = 1024 * 1024


def _png() -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (4, 3), "teal").save(buffer, format="PNG")
    return buffer.getvalue()


PNG_BYTES = _png()


def check(data: bytes, name: str, limit=LIMIT):
    return check_upload(io.BytesIO(data), name=name, size=len(data), max_bytes=limit)


def test_a_pdf_is_accepted_with_its_hash():
    checked = check(PDF_BYTES, "แผนพัฒนา.pdf")
    assert checked.content_type == PDF
    assert len(checked.sha256) == 64


def test_a_png_is_accepted():
    assert check(PNG_BYTES, "chart.PNG").content_type == PNG


def test_a_png_signature_in_front_of_html_is_refused():
    # issue 13: the sniffer reads only the signature; Pillow has to decode the image
    with pytest.raises(UploadRefused, match="ไม่ใช่ภาพ PNG จริง"):
        check(b"\x89PNG\r\n\x1a\n<html><script>alert(1)</script></html>", "chart.png")


def test_a_real_xlsx_is_recognised_from_its_content_types():
    buffer = io.BytesIO()
    openpyxl.Workbook().save(buffer)
    assert check(buffer.getvalue(), "budget.xlsx").content_type == XLSX


def test_a_docx_package_is_recognised():
    assert check(ooxml("plan.docx", DOCX_MAIN).read(), "plan.docx").content_type == DOCX


def test_a_program_renamed_pdf_is_refused_as_a_program():
    with pytest.raises(UploadRefused, match="โปรแกรม"):
        check(b"MZ\x90\x00\x03" + b"\x00" * 200, "แผนพัฒนา.pdf")


def test_an_elf_binary_is_refused():
    with pytest.raises(UploadRefused, match="โปรแกรม"):
        check(b"\x7fELF\x02\x01\x01" + b"\x00" * 100, "plan.pdf")


def test_a_macro_enabled_word_file_is_refused():
    with pytest.raises(UploadRefused, match="มาโคร"):
        check(ooxml("plan.docx", DOCM_MAIN).read(), "plan.docx")


def test_a_plain_zip_is_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        package.writestr("readme.txt", "hello")
    with pytest.raises(UploadRefused, match="ZIP"):
        check(buffer.getvalue(), "plan.docx")


def test_a_pdf_named_docx_is_refused_for_its_misleading_name():
    with pytest.raises(UploadRefused, match="นามสกุล"):
        check(PDF_BYTES, "plan.docx")


def test_text_and_html_are_refused():
    with pytest.raises(UploadRefused, match="ระบบรับเฉพาะไฟล์"):
        check(b"<html><script>alert(1)</script></html>", "plan.pdf")


def test_an_oversized_file_is_refused_before_reading():
    with pytest.raises(UploadRefused, match="เกินกว่าที่ระบบรับได้"):
        check(PDF_BYTES + b"0" * 2000, "plan.pdf", limit=1000)


def test_an_empty_file_is_refused():
    with pytest.raises(UploadRefused, match="ว่างเปล่า"):
        check(b"", "plan.pdf")


def test_a_pdf_with_a_launch_action_is_refused():
    # issue 13: library files are public; the check looks inside, not only at the header
    with pytest.raises(UploadRefused, match="Launch"):
        check(PDF_BYTES.replace(b"/Type/Catalog", b"/Type/Catalog/OpenAction<</S/Launch/F(cmd.exe)>>"), "plan.pdf")


def test_a_docx_holding_a_program_is_refused():
    package = ooxml("plan.docx", DOCX_MAIN, extra_parts={"word/setup.exe": "MZ"}).read()
    with pytest.raises(UploadRefused, match="โปรแกรมหรือสคริปต์"):
        check(package, "plan.docx")


def test_an_image_is_re_encoded_and_hashed_as_stored():
    checked = check(PNG_BYTES + b"<script>alert(1)</script>", "chart.png")
    assert checked.replacement and b"<script>" not in checked.replacement
    assert checked.size == len(checked.replacement)
    assert checked.sha256 == hashlib.sha256(checked.replacement).hexdigest()
