"""Thai display rules: Buddhist Era years and baht.

Django's `th` locale prints Gregorian years ("1 ตุลาคม 2026") and parses a typed 01/10/2569 as
AD 2569, so dates shown and typed go through here (STYLE "traps already found").
"""

import datetime
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.utils import timezone

BE_OFFSET = 543
MONTHS_TH = (
    "มกราคม",
    "กุมภาพันธ์",
    "มีนาคม",
    "เมษายน",
    "พฤษภาคม",
    "มิถุนายน",
    "กรกฎาคม",
    "สิงหาคม",
    "กันยายน",
    "ตุลาคม",
    "พฤศจิกายน",
    "ธันวาคม",
)
MONTHS_TH_SHORT = ("ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.", "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค.")
MONTHS_EN_SHORT = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def be_year(year_ad: int) -> int:
    return year_ad + BE_OFFSET


def _as_local_date(value) -> datetime.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return value.date()
    if isinstance(value, datetime.date):
        return value
    return None


def thai_date(value, style: str = "long", language: str = "th") -> str:
    """'1 ตุลาคม 2553' (long), '1 ต.ค. 53' (short) or '01/10/2553' (numeric); always BE."""
    day = _as_local_date(value)
    if day is None:
        return ""
    year = be_year(day.year)
    if style == "numeric":
        return f"{day.day:02d}/{day.month:02d}/{year}"
    if language == "en":
        return f"{day.day} {MONTHS_EN_SHORT[day.month - 1]} {year} BE"
    if style == "short":
        return f"{day.day} {MONTHS_TH_SHORT[day.month - 1]} {str(year)[-2:]}"
    return f"{day.day} {MONTHS_TH[day.month - 1]} {year}"


def thai_datetime(value, language: str = "th") -> str:
    if not isinstance(value, datetime.datetime):
        return thai_date(value, language=language)
    local = timezone.localtime(value) if timezone.is_aware(value) else value
    suffix = " น." if language != "en" else ""
    return f"{thai_date(local, 'short', language)} {local:%H:%M}{suffix}"


def _to_decimal(value) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        return Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None


def baht(value, decimals: int | None = None) -> str:
    """The one baht format (issue 11): thousands separators, no decimals unless there are satang.

    12345678 -> '12,345,678'; 1234.5 -> '1,234.50'. `decimals` forces a fixed number of places
    (exports that must line up); pages use the default.
    """
    number = _to_decimal(value)
    if number is None:
        return ""
    if decimals is None:
        decimals = 0 if number == number.to_integral_value() else 2
    quant = Decimal(1).scaleb(-decimals)
    return f"{number.quantize(quant, rounding=ROUND_HALF_UP):,.{decimals}f}"


def million_baht(value, decimals: int = 2) -> str:
    """Million baht with two decimals: 3500000 -> '3.50'."""
    number = _to_decimal(value)
    if number is None:
        return ""
    return baht(number / Decimal(1_000_000), decimals)


def parse_be_date(text: str) -> datetime.date:
    """Parse a typed 'dd/mm/yyyy' whose year is BE. Raises ValueError with a Thai message.

    A year below 2400 is refused rather than guessed: a typed 2026 could be an AD year or a typo,
    and storing 2569 as AD is exactly the mistake to avoid.
    """
    cleaned = (text or "").strip().translate(str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789"))
    for sep in ("-", "."):
        cleaned = cleaned.replace(sep, "/")
    parts = cleaned.split("/")
    if len(parts) != 3 or not all(p.isdecimal() for p in parts):
        raise ValueError("กรุณากรอกวันที่ในรูปแบบ วว/ดด/ปปปป (พ.ศ.) เช่น 01/10/2553")
    day, month, year = (int(p) for p in parts)
    if year < 2400 or year > 2700:
        raise ValueError("กรุณากรอกปีเป็นพุทธศักราช (พ.ศ.) เช่น 2553")
    try:
        return datetime.date(year - BE_OFFSET, month, day)
    except ValueError:
        raise ValueError("ไม่มีวันที่นี้ในปฏิทิน") from None
