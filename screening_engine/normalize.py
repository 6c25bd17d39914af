"""Normalisation of OCR'd Thai budget text. Pure functions, no I/O.

Two levels:

* ``normalize_text`` repairs the text a person reads: Thai digits to Arabic, the
  decomposed sara am (``ํ`` + ``า``) to ``ำ``, doubled sara e (``เเ``) to ``แ``,
  ฝ่าย read for ฝาย (weir) before a water or place word,
  duplicated tone marks and vowels, zero-width characters, stray non-Thai symbols
  left by the OCR, and spacing.  Surface strings for highlighting come from it.
* ``skeleton`` is a comparison key, not a display form: it drops tone marks and
  the above/below vowels, which are where OCR of this corpus errs most
  (เปิ่งเคลิ่ง/เปิงเคลิง, บั้งกี้/บุ้งกี้, วังชิน/วังชิ้น, น้ำ/นำ, สข/สุข).
  Two names with the same skeleton are treated as the same name.

Why not ``pythainlp.util.normalize``: it applies the same repairs but costs about
100 µs per line (4.6 s for the 44,566-line year file on this machine), a quarter of
the full-year screening budget; the few rules needed here are regexes.
Tests cross-check the two on real strings.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
# str.translate with a dict walks every character in Python-level lookups; most
# lines have no Thai digit, so a C-level search decides whether it is needed.
_THAI_DIGIT_RE = re.compile("[๐-๙]")

# Tone marks and above/below vowels (U+0E31, U+0E34-0E3A, U+0E47-0E4E).
_MARKS = "\u0e31\u0e34\u0e35\u0e36\u0e37\u0e38\u0e39\u0e3a\u0e47\u0e48\u0e49\u0e4a\u0e4b\u0e4c\u0e4d\u0e4e"
_MARK_RE = re.compile(f"[{_MARKS}]")
MARKS = frozenset(_MARKS)
MARK_RE = _MARK_RE
_DUP_MARK_RE = re.compile(f"([{_MARKS}])\\1+")
_ZERO_WIDTH_RE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
# Anything that is not Thai, ASCII letters/digits or the punctuation the texts use.
_STRAY_RE = re.compile(r"[^\u0e00-\u0e7fA-Za-z0-9\s.,:;+\-/()%#&'\"]")
# Lone Latin fragments the OCR leaves between Thai words ("dd e 6", " y เน ").  Real
# Latin in the corpus is upper-case (LED, HIGH MAST, RT.), so only lower-case short
# fragments or a lone capital squeezed between Thai words are dropped.
_LATIN_JUNK_RE = re.compile(r"(?<=[\u0e00-\u0e7f\s])(?:[a-z]{1,3}|[A-Z](?=\s+[\u0e00-\u0e7f]))(?=\s|$)")
# A lone Thai consonant between spaces is OCR debris ("ทางหลวง บ สาย"); ณ is a word.
# The space before is consumed and put back (r"\1 "): a lookbehind at the head would
# stop the engine skipping ahead to the next whitespace.
_LONE_CONSONANT_RE = re.compile(r"(\s)[ก-ฒด-ฮ](?=\s|$)")
# Lookahead instead of a \1 template: the same spans are removed, without the
# template expansion on every call.
_SPACE_BEFORE_PUNCT_RE = re.compile(r"\s+(?=[,)])")
_DASH_RE = re.compile(r"\s*[-–—]\s*")
# Cheap guards: the subs below scan every position (leading \s* or a lookbehind),
# so they are skipped when the one character they need is absent.
_HAS_LATIN_RE = re.compile("[A-Za-z]")
# OCR reads ฝาย (weir) as ฝ่าย (side, department) in irrigation lines ("ฝ่ายหัวงาน",
# "ฝ่ายบ้านละลม", "ฝ่ายห้วยคำมิด").  Only before a water or place word: ฝ่ายตุลาการ,
# ฝ่ายสืบสวน, ฝ่ายมัธยม stay.
_WEIR_OCR_RE = re.compile(
    "ฝ่าย(?=\\s*(?:หัวงาน|ส่งน้ำ|ส่งนำ|ทดน้ำ|ทดนำ|ชะลอ|น้ำล้น|ห้วย|ลำห้วย|ลำน้ำ|คลอง|บ้าน|หนอง|แม่|วัง|ยาง|แกนดิน|คอนกรีต|คสล))"
)


# Pure function of a string, and the year file repeats texts (about half of the
# 44,566 descriptions are repeats), contexts and names, so results are memoised.
@lru_cache(maxsize=65536)
def normalize_text(text: str) -> str:
    """Return display-safe normalised text (idempotent)."""
    if not text:
        return ""
    s = unicodedata.normalize("NFC", text)
    s = _ZERO_WIDTH_RE.sub("", s)
    if _THAI_DIGIT_RE.search(s):
        s = s.translate(_THAI_DIGITS)
    s = s.replace("\u0e4d\u0e32", "\u0e33")  # ํา -> ำ
    s = s.replace("เเ", "แ")
    if _DUP_MARK_RE.search(s):  # sub with a template costs a Python-level call even when nothing matches
        s = _DUP_MARK_RE.sub(r"\1", s)
    if "ฝ่าย" in s:
        s = _WEIR_OCR_RE.sub("ฝาย", s)
    s = s.replace("ฯลฯ", " ฯลฯ ")
    s = _STRAY_RE.sub(" ", s)
    if _HAS_LATIN_RE.search(s):
        s = _LATIN_JUNK_RE.sub(" ", s)
    if _LONE_CONSONANT_RE.search(s):
        s = _LONE_CONSONANT_RE.sub(r"\1 ", s)
    if "-" in s or "–" in s or "—" in s:
        s = _DASH_RE.sub(" - ", s)
    # Collapse whitespace runs (and trim): str.split and \s agree on what whitespace is.
    s = " ".join(s.split())
    if " ," in s or " )" in s:  # whitespace runs are single spaces by now
        s = _SPACE_BEFORE_PUNCT_RE.sub("", s)
    return s.strip()


_SKELETON_DROP_RE = re.compile(r"[\s\-.,()]")


@lru_cache(maxsize=65536)
def skeleton(text: str) -> str:
    """Comparison key: normalised, tone marks/upper-lower vowels and spaces removed."""
    s = normalize_text(text) if text else ""
    s = _MARK_RE.sub("", s)
    return _SKELETON_DROP_RE.sub("", s)


def strip_marks(text: str) -> str:
    """Drop tone marks and above/below vowels but keep spacing (for regex matching)."""
    return _MARK_RE.sub("", text)
