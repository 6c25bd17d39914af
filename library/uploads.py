"""What the library accepts, decided by a file's content, never by its name (R11).

Accepted: PDF, Word (DOCX), Excel (XLSX), PowerPoint (PPTX: workshop slides are a large part of
what the forum produces), PNG and JPEG. The Office formats are zip packages, so the zip's
[Content_Types].xml must declare the matching main part; macro-enabled variants (docm, xlsm,
pptm) are refused. Executables and anything else are refused whatever they are called, and the
name's extension must agree with the content (a program renamed .pdf is refused).
Pure functions over bytes and file objects: no ORM.
"""

import hashlib
import zipfile
from dataclasses import dataclass

import filetype
from defusedxml import ElementTree
from django.utils.translation import gettext as _

from portal.uploads import ContentRefused, deep_check

PDF = "application/pdf"
PNG = "image/png"
JPEG = "image/jpeg"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation"
HTML = "text/html; charset=utf-8"  # only for documents the portal generates itself

EXTENSION_FOR_TYPE = {
    PDF: ".pdf",
    PNG: ".png",
    JPEG: ".jpg",
    DOCX: ".docx",
    XLSX: ".xlsx",
    PPTX: ".pptx",
    HTML: ".html",
}
EXTENSIONS_ACCEPTED = {
    PDF: {".pdf"},
    PNG: {".png"},
    JPEG: {".jpg", ".jpeg"},
    DOCX: {".docx"},
    XLSX: {".xlsx"},
    PPTX: {".pptx"},
}
LABEL_FOR_TYPE = {
    PDF: "PDF",
    PNG: "PNG",
    JPEG: "JPEG",
    DOCX: "Word (DOCX)",
    XLSX: "Excel (XLSX)",
    PPTX: "PowerPoint (PPTX)",
    HTML: "HTML",
}
ACCEPT_ATTRIBUTE = ",".join(sorted({ext for exts in EXTENSIONS_ACCEPTED.values() for ext in exts}))

# main-part content types inside [Content_Types].xml
OOXML_MAIN = {
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml": DOCX,
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml": XLSX,
    "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml": PPTX,
}
OOXML_MACRO = {
    "application/vnd.ms-word.document.macroEnabled.main+xml",
    "application/vnd.ms-excel.sheet.macroEnabled.main+xml",
    "application/vnd.ms-powerpoint.presentation.macroEnabled.main+xml",
}
EXECUTABLE_MAGIC = (b"MZ", b"\x7fELF", b"\xcf\xfa\xed\xfe", b"\xfe\xed\xfa\xce", b"\xca\xfe\xba\xbe", b"#!")
MAX_CONTENT_TYPES_BYTES = 512 * 1024
MAX_ZIP_ENTRIES = 5000


class UploadRefused(ValueError):
    """The file cannot be stored; the message is Thai and says why."""


@dataclass(frozen=True)
class CheckedFile:
    content_type: str
    extension: str
    size: int
    sha256: str
    # an image decoded and written again (issue 13): store these bytes instead of the upload
    replacement: bytes | None = None


def _extension(name: str) -> str:
    dot = (name or "").rfind(".")
    return name[dot:].lower() if dot > 0 else ""


def _ooxml_type(handle) -> str:
    try:
        with zipfile.ZipFile(handle) as package:
            if len(package.infolist()) > MAX_ZIP_ENTRIES:
                raise UploadRefused(_("ไฟล์บีบอัดมีรายการมากผิดปกติ ระบบไม่รับไฟล์นี้"))
            try:
                info = package.getinfo("[Content_Types].xml")
            except KeyError:
                raise UploadRefused(_("ไฟล์ ZIP นี้ไม่ใช่เอกสาร Word, Excel หรือ PowerPoint ระบบไม่รับไฟล์บีบอัดทั่วไป")) from None
            if info.file_size > MAX_CONTENT_TYPES_BYTES:
                raise UploadRefused(_("โครงสร้างไฟล์เอกสารผิดปกติ ระบบไม่รับไฟล์นี้"))
            root = ElementTree.fromstring(package.read(info))
    except zipfile.BadZipFile:
        raise UploadRefused(_("ไฟล์เสียหรือไม่สมบูรณ์ กรุณาตรวจสอบไฟล์แล้วอัปโหลดใหม่")) from None
    except ElementTree.ParseError:
        raise UploadRefused(_("โครงสร้างไฟล์เอกสารผิดปกติ ระบบไม่รับไฟล์นี้")) from None
    declared = {element.get("ContentType", "") for element in root.iter() if element.tag.endswith("Override")}
    if declared & OOXML_MACRO:
        raise UploadRefused(_("ไฟล์นี้มีมาโคร (macro) ซึ่งอาจเป็นอันตราย กรุณาบันทึกเป็น .docx .xlsx หรือ .pptx แล้วอัปโหลดใหม่"))
    for content_type, kind in OOXML_MAIN.items():
        if content_type in declared:
            return kind
    raise UploadRefused(_("ไฟล์ ZIP นี้ไม่ใช่เอกสาร Word, Excel หรือ PowerPoint ระบบไม่รับไฟล์บีบอัดทั่วไป"))


def check_upload(handle, *, name: str, size: int, max_bytes: int) -> CheckedFile:
    """Decide from the bytes whether a file may be stored. Reads the file (rewinds it after).

    Raises UploadRefused with a Thai message for an empty, oversized, unknown, executable,
    macro-enabled or misnamed file.
    """
    if size <= 0:
        raise UploadRefused(_("ไฟล์ว่างเปล่า กรุณาเลือกไฟล์ที่มีเนื้อหา"))
    if size > max_bytes:
        raise UploadRefused(
            _("ไฟล์มีขนาด %(size).1f MB เกินกว่าที่ระบบรับได้ (ไม่เกิน %(limit).0f MB)")
            % {"size": size / 1024 / 1024, "limit": max_bytes / 1024 / 1024}
        )
    handle.seek(0)
    head = handle.read(8192)
    handle.seek(0)
    if head.startswith(EXECUTABLE_MAGIC):
        raise UploadRefused(_("ไฟล์นี้เป็นโปรแกรมหรือสคริปต์ ไม่ใช่เอกสาร ระบบไม่รับไฟล์นี้ไม่ว่าจะตั้งชื่อไฟล์อย่างไร"))
    guess = filetype.guess(head)
    mime = guess.mime if guess else None
    if mime == "application/zip" or (mime or "").startswith("application/vnd.openxmlformats"):
        content_type = _ooxml_type(handle)
        handle.seek(0)
    elif mime in (PDF, PNG, JPEG):
        content_type = mime
    else:
        raise UploadRefused(
            _("ระบบรับเฉพาะไฟล์ PDF, Word (DOCX), Excel (XLSX), PowerPoint (PPTX), PNG และ JPEG ไฟล์นี้ไม่ใช่ชนิดดังกล่าว")
        )
    extension = _extension(name)
    if extension not in EXTENSIONS_ACCEPTED[content_type]:
        raise UploadRefused(
            _("นามสกุลไฟล์ “%(ext)s” ไม่ตรงกับเนื้อหาจริงของไฟล์ (%(kind)s) กรุณาตรวจสอบไฟล์")
            % {"ext": extension or _("(ไม่มีนามสกุล)"), "kind": LABEL_FOR_TYPE[content_type]}
        )
    # Inside the file (issue 13): no program, script, macro or embedded file in a PDF or an Office
    # package, and an image must decode in full. Library files are public: this matters most here.
    content = handle.read()
    handle.seek(0)
    try:
        replacement = deep_check(content, content_type=content_type)
    except ContentRefused as exc:
        raise UploadRefused(str(exc)) from None
    if replacement is not None:
        return CheckedFile(
            content_type=content_type,
            extension=EXTENSION_FOR_TYPE[content_type],
            size=len(replacement),
            sha256=hashlib.sha256(replacement).hexdigest(),
            replacement=replacement,
        )
    digest = hashlib.sha256()
    for chunk in iter(lambda: handle.read(1024 * 1024), b""):
        digest.update(chunk)
    handle.seek(0)
    return CheckedFile(
        content_type=content_type, extension=EXTENSION_FOR_TYPE[content_type], size=size, sha256=digest.hexdigest()
    )
