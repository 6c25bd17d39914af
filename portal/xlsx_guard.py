"""Check an uploaded .xlsx before anything parses it (issue 13: zip bombs).

An .xlsx is a zip of XML parts, and openpyxl, even in read-only mode, loads the whole shared-string
table into memory: a 797 KB upload holding one 800 MB shared string grew a worker to 1.7 GB. This
module looks only at the zip's central directory and, for the row count, streams the worksheet
parts with a bounded read; it never builds a workbook. Python's zipfile never inflates a member
beyond the size its directory entry declares (it stops and fails the CRC), so the declared sizes
checked here bound what openpyxl can later read.

Pure Python (no Django needed): `limits_from_settings()` reads the `XLSX_*` settings when Django is
configured and falls back to the defaults below otherwise. Both imports use it: the plan import
(proposals/services/excel.py) and the budget-line import (ministries/importing.py).
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, replace
from typing import IO

MB = 1024 * 1024


@dataclass(frozen=True)
class XlsxLimits:
    max_uncompressed: int = 256 * MB  # all parts together, as declared in the zip
    max_ratio: int = 100  # uncompressed / compressed, for any part larger than ratio_floor
    ratio_floor: int = 1 * MB  # small parts (styles, an empty sheet) compress very well: ignore them
    max_shared_strings: int = 96 * MB  # xl/sharedStrings.xml: openpyxl holds it all in memory
    max_rows: int = 200_000  # per worksheet
    max_parts: int = 2_000


class XlsxRefused(ValueError):
    """The file is not read; the message is Thai and says why."""


_ROW = re.compile(rb"<(?:[A-Za-z_][\w.-]{0,20}:)?row[\s/>]")
_CHUNK = 1 * MB
_OVERLAP = 64


def limits_from_settings(**overrides) -> XlsxLimits:
    """The configured limits (settings.XLSX_*), else the defaults; keyword overrides win."""
    limits = XlsxLimits()
    try:
        from django.conf import settings

        if settings.configured:
            limits = XlsxLimits(
                max_uncompressed=getattr(settings, "XLSX_MAX_UNCOMPRESSED_BYTES", limits.max_uncompressed),
                max_ratio=getattr(settings, "XLSX_MAX_COMPRESSION_RATIO", limits.max_ratio),
                ratio_floor=limits.ratio_floor,
                max_shared_strings=getattr(settings, "XLSX_MAX_SHARED_STRINGS_BYTES", limits.max_shared_strings),
                max_rows=getattr(settings, "XLSX_MAX_ROWS", limits.max_rows),
                max_parts=limits.max_parts,
            )
    except ImportError:  # used without Django
        pass
    return replace(limits, **overrides)


def _mb(size: int) -> str:
    return f"{size / MB:,.0f} MB"


def _count_rows(archive: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int) -> int:
    """Row elements in one worksheet part, read in bounded chunks; stops early past the limit."""
    rows, tail = 0, b""
    with archive.open(info) as stream:
        while chunk := stream.read(_CHUNK):
            data = tail + chunk
            # a tag starting in the last _OVERLAP bytes may be cut: count it with the next chunk
            cut = max(0, len(data) - _OVERLAP)
            rows += sum(1 for match in _ROW.finditer(data) if match.start() < cut)
            tail = data[cut:]
            if rows > limit:
                return rows
    return rows + len(_ROW.findall(tail))


def xlsx_check(handle: IO[bytes], limits: XlsxLimits | None = None) -> None:
    """Raise XlsxRefused (Thai message) unless the .xlsx in `handle` is within the limits.

    Reads the zip directory and streams the worksheet parts; rewinds the handle afterwards. A file
    that is not a zip at all is left for the caller's parser to report in its own words.
    """
    limits = limits or limits_from_settings()
    handle.seek(0)
    try:
        archive = zipfile.ZipFile(handle)
    except zipfile.BadZipFile:
        handle.seek(0)
        return
    try:
        parts = archive.infolist()
        if len(parts) > limits.max_parts:
            raise XlsxRefused(
                f"ไฟล์ Excel มีส่วนประกอบ {len(parts):,} ส่วน มากผิดปกติ (ไม่เกิน {limits.max_parts:,}) ระบบไม่อ่านไฟล์นี้"
            )
        total = sum(info.file_size for info in parts)
        if total > limits.max_uncompressed:
            raise XlsxRefused(
                f"ไฟล์ Excel เมื่อขยายแล้วมีขนาด {_mb(total)} เกินกว่าที่ระบบรับได้ ({_mb(limits.max_uncompressed)}) "
                "กรุณาแบ่งไฟล์เป็นหลายไฟล์"
            )
        for info in parts:
            if info.file_size > limits.ratio_floor and info.file_size > limits.max_ratio * max(info.compress_size, 1):
                raise XlsxRefused(
                    f"ไฟล์ Excel ถูกบีบอัดมากผิดปกติ (ส่วน {info.filename} ขยายได้ "
                    f"{info.file_size // max(info.compress_size, 1):,} เท่า) อาจเป็นไฟล์อันตราย ระบบไม่อ่านไฟล์นี้"
                )
            name = info.filename.lower()
            if name.endswith("sharedstrings.xml") and info.file_size > limits.max_shared_strings:
                raise XlsxRefused(
                    f"ข้อความในไฟล์ Excel มีขนาดรวม {_mb(info.file_size)} เกินกว่าที่ระบบรับได้ "
                    f"({_mb(limits.max_shared_strings)}) กรุณาแบ่งไฟล์เป็นหลายไฟล์"
                )
        for info in parts:
            name = info.filename.lower()
            if name.startswith("xl/worksheets/") and name.endswith(".xml"):
                rows = _count_rows(archive, info, limits.max_rows)
                if rows > limits.max_rows:
                    raise XlsxRefused(
                        f"แผ่นงานในไฟล์ Excel มีเกิน {limits.max_rows:,} แถว เกินกว่าที่ระบบรับได้ กรุณาแบ่งไฟล์เป็นหลายไฟล์"
                    )
    except (zipfile.BadZipFile, EOFError, OSError, NotImplementedError):
        # a damaged member: openpyxl will refuse it with the caller's own message
        pass
    finally:
        archive.close()
        handle.seek(0)
