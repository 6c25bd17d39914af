"""Checks on free text that people read as names (issue 13)."""

import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# Invisible characters that pass a plain .strip(): zero-width space/joiners, word joiner, BOM,
# soft hyphen, Mongolian vowel separator.
ZERO_WIDTH = frozenset("\u200b\u200c\u200d\u2060\ufeff\u00ad\u180e")

NO_LETTER_MESSAGE = _("ชื่อต้องมีตัวอักษรอย่างน้อยหนึ่งตัว (สระ วรรณยุกต์ ช่องว่าง หรืออักขระที่มองไม่เห็นเพียงอย่างเดียวใช้ไม่ได้)")


def has_letter(text: str) -> bool:
    """At least one letter (Unicode category L*). Thai vowels above/below and tone marks are
    combining marks (Mn), so "่่่" has none; "ก" (Lo) is one."""
    return any(unicodedata.category(ch).startswith("L") for ch in text or "" if ch not in ZERO_WIDTH)


def validate_title(value) -> None:
    """For titles of requests, plans and library documents. Empty text is left to `required`."""
    text = "".join(ch for ch in str(value or "") if ch not in ZERO_WIDTH).strip()
    if str(value or "").strip() and not has_letter(text):
        raise ValidationError(NO_LETTER_MESSAGE, code="no_letter")
