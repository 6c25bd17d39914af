"""Thai search over the library's titles and descriptions (R11).

Thai is written without spaces between words, so a query is segmented into words (pythainlp's
newmm engine, offline) and each word is matched as a substring of a normalised `search_text`
column; documents are ranked by whether they hold the whole phrase, then by how many words they
hold. Substring matching with `contains` is the same on SQLite and PostgreSQL, so no
database-specific index or collation is needed (pg_trgm yields no Thai trigrams under a C
LC_CTYPE: STYLE "traps already found").

Normalisation makes odd Unicode harmless: zero-width characters are removed, text is NFC, a
query made only of combining marks (tone marks or vowels without a consonant) is refused with a
clear message, and length is capped. Pure functions: no ORM.
"""

import re
import unicodedata
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

MAX_QUERY_CHARS = 200
MAX_TOKENS = 12
ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
_SPACES = re.compile(r"\s+")


def _is_mark(char: str) -> bool:
    return unicodedata.category(char) in ("Mn", "Me", "Mc")


def normalise_text(text: str) -> str:
    """NFC, zero-width and control characters removed, whitespace collapsed, case-folded."""
    text = unicodedata.normalize("NFC", str(text or "")).translate(ZERO_WIDTH)
    text = "".join(c if unicodedata.category(c)[0] != "C" else " " for c in text)
    return _SPACES.sub(" ", text).strip().casefold()


@dataclass(frozen=True)
class SearchQuery:
    text: str = ""  # the cleaned query, shown back in the search box
    tokens: tuple[str, ...] = ()
    notices: tuple[str, ...] = field(default_factory=tuple)

    @property
    def is_empty(self) -> bool:
        return not self.tokens


# Only function words: pythainlp's stop-word list also drops words that matter here ("กลุ่ม" in
# "แผนพัฒนากลุ่มจังหวัด" is what tells a cluster plan from a province plan).
STOPWORDS = frozenset(
    {
        "และ",
        "หรือ",
        "ของ",
        "ใน",
        "ที่",
        "กับ",
        "แก่",
        "โดย",
        "เพื่อ",
        "จาก",
        "ถึง",
        "ให้",
        "ได้",
        "เป็น",
        "มี",
        "ว่า",
        "ซึ่ง",
        "แห่ง",
        "ต่อ",
        "ตาม",
        "the",
        "of",
        "and",
        "for",
        "in",
    }
)


def segment(text: str) -> list[str]:
    from pythainlp import word_tokenize

    return [t.strip() for t in word_tokenize(text, engine="newmm", keep_whitespace=False) if t.strip()]


def parse_query(raw) -> SearchQuery:
    """Clean a typed query into tokens; notices (Thai) explain anything dropped or refused."""
    notices = []
    text = unicodedata.normalize("NFC", str(raw or "")).translate(ZERO_WIDTH)
    text = "".join(c for c in text if unicodedata.category(c)[0] != "C" or c in " \t")
    text = _SPACES.sub(" ", text).strip()
    if not text:
        if raw and str(raw).strip():
            notices.append(_("คำค้นมีเพียงอักขระที่มองไม่เห็น (เช่น อักขระความกว้างศูนย์) จึงไม่ได้ใช้ค้นหา กรุณาพิมพ์คำค้นใหม่"))
        return SearchQuery(notices=tuple(notices))
    if len(text) > MAX_QUERY_CHARS:
        text = text[:MAX_QUERY_CHARS].rstrip()
        notices.append(_("คำค้นยาวเกินไป ระบบใช้เพียง %(n)d ตัวอักษรแรก") % {"n": MAX_QUERY_CHARS})
    # A mark cannot stand alone: at the start, or after a space, it has no consonant to sit on.
    cleaned = []
    for char in text:
        if _is_mark(char) and (not cleaned or cleaned[-1] == " "):
            continue
        cleaned.append(char)
    if len(cleaned) != len(text):
        notices.append(_("ตัดสระหรือวรรณยุกต์ที่ไม่มีพยัญชนะนำออกจากคำค้นแล้ว"))
    text = "".join(cleaned).strip()
    if not text:
        notices = [_("คำค้นมีเพียงสระหรือวรรณยุกต์ที่ไม่มีพยัญชนะ จึงค้นหาไม่ได้ กรุณาพิมพ์คำค้นใหม่")]
        return SearchQuery(notices=tuple(notices))
    tokens = []
    words = [t.casefold() for t in segment(text)]
    meaningful = [t for t in words if any(c.isalnum() for c in t)]
    kept = [t for t in meaningful if t not in STOPWORDS and len(t) > 1] or meaningful
    for token in kept:
        if token not in tokens:
            tokens.append(token)
    if len(tokens) > MAX_TOKENS:
        tokens = tokens[:MAX_TOKENS]
        notices.append(_("คำค้นมีหลายคำเกินไป ระบบใช้เพียง %(n)d คำแรก") % {"n": MAX_TOKENS})
    if not tokens:
        notices.append(_("คำค้นไม่มีตัวอักษรหรือตัวเลขที่ใช้ค้นหาได้ กรุณาพิมพ์คำค้นใหม่"))
    return SearchQuery(text=text, tokens=tuple(tokens), notices=tuple(notices))


def phrase_of(query: SearchQuery) -> str:
    return normalise_text(query.text)


def minimum_matches(token_count: int) -> int:
    """A document must hold most of the words: all of one or two, then all but a third."""
    if token_count <= 2:
        return token_count
    return token_count - token_count // 3
