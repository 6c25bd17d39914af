"""Shared rules for stored uploads (issue 13): random stored names, and the deeper content checks
both upload paths (request attachments, library documents) run after their type sniffing."""

from __future__ import annotations

import io
import re
import uuid
import warnings
import zipfile
import zlib
from pathlib import PurePath

from django.utils.translation import gettext

_EXTENSION = re.compile(r"^\.[a-z0-9]{1,8}$")


def stored_extension(filename: str) -> str:
    """The name's extension, lower-cased, if it is a plain one (".pdf"); else ""."""
    suffix = PurePath(filename or "").suffix.lower()
    return suffix if _EXTENSION.match(suffix) else ""


def random_stored_name(folder: str, filename: str, extension: str | None = None) -> str:
    """`folder/<32 hex chars><ext>`: nothing a visitor could guess or enumerate, nothing of the
    uploader's file name in a path."""
    ext = extension if extension is not None else stored_extension(filename)
    return f"{folder}/{uuid.uuid4().hex}{ext}"


# --- deeper content checks (issue 13 item 5) ------------------------------------------------------
# Type sniffing (filetype) only reads the first bytes: a PDF header before an executable, HTML
# behind a PNG signature and a DOCX carrying a program all passed it. These checks look inside.

EXECUTABLE_NAME = re.compile(
    rb"\.(?:exe|dll|bat|cmd|com|scr|pif|cpl|msi|msp|jar|js|jse|vbs|vbe|wsf|wsh|hta|ps1|psm1|lnk|reg|sh|elf|app)\b",
    re.IGNORECASE,
)
PDF_ACTIONS = re.compile(rb"/(?:Launch|JavaScript|JS|EmbeddedFile|RichMedia|SubmitForm|ImportData)(?![A-Za-z0-9])")
PDF_STREAM = re.compile(rb"stream\r?\n")
PDF_NAME_ESCAPE = re.compile(rb"#([0-9A-Fa-f]{2})")
DOS_STUB = b"This program cannot be run in DOS mode"
MAX_INFLATED = 64 * 1024 * 1024  # total a PDF's compressed streams are inflated to, for scanning
OOXML_FORBIDDEN_MEMBERS = ("vbaproject.bin", "vbadata.xml")


class ContentRefused(ValueError):
    """The file's content is unsafe or not what its type claims; the message is Thai."""


def has_windows_executable(data: bytes) -> bool:
    """An MZ header whose e_lfanew points at a "PE\\0\\0" signature, or the DOS stub text."""
    if DOS_STUB in data:
        return True
    start = data.find(b"MZ")
    while start != -1:
        pointer = data[start + 0x3C : start + 0x40]
        if len(pointer) == 4:
            offset = int.from_bytes(pointer, "little")
            if 0x40 <= offset < 4096 and data[start + offset : start + offset + 4] == b"PE\x00\x00":
                return True
        start = data.find(b"MZ", start + 1)
    return False


def _pdf_texts(content: bytes):
    """The raw file, then each compressed stream inflated (object streams hide dictionaries),
    within MAX_INFLATED in all."""
    yield content
    budget = MAX_INFLATED
    for match in PDF_STREAM.finditer(content):
        if budget <= 0:
            return
        end = content.find(b"endstream", match.end())
        if end == -1:
            continue
        inflater = zlib.decompressobj()
        try:
            inflated = inflater.decompress(content[match.end() : end], budget)
        except zlib.error:
            continue  # not a Flate stream (images, fonts in other filters)
        budget -= len(inflated)
        yield inflated


def pdf_check(content: bytes) -> None:
    """Refuse a PDF that launches programs, runs scripts, embeds files, or carries a program."""
    for text in _pdf_texts(content):
        if has_windows_executable(text):
            raise ContentRefused(gettext("ไฟล์ PDF นี้มีโปรแกรม (executable) ฝังอยู่ ระบบไม่รับไฟล์นี้"))
        names = PDF_NAME_ESCAPE.sub(lambda m: bytes([int(m.group(1), 16)]), text)
        action = PDF_ACTIONS.search(names)
        if action:
            raise ContentRefused(
                gettext(
                    "ไฟล์ PDF นี้มีคำสั่งเปิดโปรแกรม สคริปต์ หรือไฟล์แนบซ้อนอยู่ข้างใน (%(what)s) ซึ่งอาจเป็นอันตราย "
                    "กรุณาพิมพ์เป็น PDF ใหม่ (Print to PDF) แล้วแนบอีกครั้ง"
                )
                % {"what": action.group(0).decode("ascii")}
            )


def ooxml_check(content: bytes) -> None:
    """Refuse a Word/Excel/PowerPoint package holding macros, a program or a script."""
    from portal.xlsx_guard import XlsxRefused, limits_from_settings, xlsx_check

    handle = io.BytesIO(content)
    try:
        xlsx_check(handle, limits_from_settings())  # the same inflation limits as the imports
    except XlsxRefused as exc:
        raise ContentRefused(str(exc)) from None
    try:
        with zipfile.ZipFile(handle) as package:
            for info in package.infolist():
                name = info.filename
                lower = name.lower()
                if lower.rsplit("/", 1)[-1] in OOXML_FORBIDDEN_MEMBERS:
                    raise ContentRefused(
                        gettext("ไฟล์นี้มีมาโคร (macro) ซึ่งอาจเป็นอันตราย กรุณาบันทึกเป็น .docx หรือ .xlsx ที่ไม่มีมาโครแล้วแนบใหม่")
                    )
                if EXECUTABLE_NAME.search(name.encode("utf-8", "replace") + b" "):
                    raise ContentRefused(
                        gettext("ไฟล์นี้มีโปรแกรมหรือสคริปต์ (%(name)s) ซ่อนอยู่ข้างใน ระบบไม่รับไฟล์นี้") % {"name": name}
                    )
                if not lower.endswith((".xml", ".rels")):
                    # embedded objects (embeddings/oleObject1.bin, packaged files) may wrap a program
                    with package.open(info) as member:
                        if has_windows_executable(member.read()):
                            raise ContentRefused(
                                gettext("ไฟล์นี้มีโปรแกรม (executable) ฝังอยู่ใน %(name)s ระบบไม่รับไฟล์นี้") % {"name": name}
                            )
    except zipfile.BadZipFile:
        raise ContentRefused(gettext("ไฟล์เสียหรือไม่สมบูรณ์ กรุณาตรวจสอบไฟล์แล้วแนบใหม่")) from None


def image_reencoded(content: bytes, *, kind: str) -> bytes:
    """Decode the whole image with Pillow and write it again as `kind` ("PNG" or "JPEG"): what is
    stored is pixels we produced, with no trailing data, script or metadata (GPS) of the original."""
    from PIL import Image, ImageOps

    refused = ContentRefused(gettext("ไฟล์ภาพนี้เสียหรือไม่ใช่ภาพ %(kind)s จริง ระบบไม่รับไฟล์นี้") % {"kind": kind})
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(content)) as probe:
                if probe.format != kind:
                    raise refused
                probe.verify()
            with Image.open(io.BytesIO(content)) as image:
                image.load()
                image = ImageOps.exif_transpose(image)
                out = io.BytesIO()
                if kind == "JPEG":
                    if image.mode not in ("RGB", "L", "CMYK"):
                        image = image.convert("RGB")
                    image.save(out, format="JPEG", quality=90)
                else:
                    image.save(out, format="PNG")
    except ContentRefused:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ContentRefused(gettext("ภาพนี้มีจำนวนพิกเซลมากเกินไป กรุณาย่อขนาดภาพแล้วแนบใหม่")) from None
    except Exception:  # Pillow raises many kinds (SyntaxError, OSError, ValueError) for a broken image
        raise refused from None
    return out.getvalue()


def deep_check(content: bytes, *, content_type: str) -> bytes | None:
    """Run the check for this (already sniffed) type. Returns re-encoded bytes for an image (store
    those instead of the upload), None otherwise; raises ContentRefused."""
    if content_type == "application/pdf":
        pdf_check(content)
    elif content_type in ("image/png", "image/jpeg"):
        return image_reencoded(content, kind="PNG" if content_type == "image/png" else "JPEG")
    elif content_type.startswith("application/vnd.openxmlformats"):
        ooxml_check(content)
    return None
