"""Pure fact extractor: ``extract_facts(text, *, unit, context) -> Facts``.

Order matters and is deliberate: places (province, amphoe, tambon, village) and
roads are found first and their spans blanked, so that the later search for named
water bodies and facilities does not read "ตำบลห้วยกรด" as a creek or a highway
section "ตอน อ่างเก็บน้ำหนองปลาไหล - หนองเสือช้าง" as a reservoir.  Work kinds are
looked for last, on what is left, so "อำเภอบางสะพาน" is not bridge work.

Regexes run on ``strip_marks(normalize_text(text))``: OCR of this corpus loses or
swaps tone marks and upper/lower vowels far more often than consonants, so names
and keywords are matched on their consonant skeleton (spans keep their length, so
surface strings for highlighting are cut from the normalised text).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from functools import lru_cache
from itertools import accumulate
from operator import add

from .facts import Facts, Road, Site
from .gazetteer import PROVINCES, amphoe_of_tambon, known_tambon, match_province, provinces_of_unit
from .normalize import MARK_RE, normalize_text, skeleton, strip_marks
from .vocab import FACILITY_KINDS, drop_weak, find_work, work_from_context

S = strip_marks  # patterns are written in plain Thai and matched without marks

_TH = "ก-๙"
_NOT_TH_BEFORE = rf"(?<![{_TH}])"
_NAME = rf"[{_TH}][{_TH}.]*"

# Words that end a name glued to the words after it ("แม่น้ำป่าสักพร้อมปรับปรุง...").
# Matched on the normalised text with its marks: stripped, short words such as
# ที่ -> ท would cut inside names.  Words common inside names (สาย, ใน, หน้า, ยาว,
# บ้าน, วัด) are deliberately absent.
_NAME_STOPS = (
    "พร้อม",
    "บริเวณ",
    "ฝั่ง",
    "ตำบล",
    "อำเภอ",
    "จังหวัด",
    "หมู่ที่",
    "เพื่อ",
    "ระยะ",
    "และ",
    "ช่วง",
    "ความ",
    "ขนาด",
    "โครงการ",
    "เชื่อม",
    "ปริมาตร",
    "ด้วย",
    "พื้นที่",
    "ระบบ",
    "อาคาร",
    "จำนวน",
    "ชนิด",
    "ซึ่ง",
    "เป็น",
    "โรงเรียน",
    "สถานี",
    "ก่อสร้าง",
    "ปรับปรุง",
    "ตอนที่",
    "ระหว่าง",
)

_PROVINCE_RE = re.compile(S(rf"(?:{_NOT_TH_BEFORE}จ\.|จังหวัด)\s*({_NAME})"))
_AMPHOE_RE = re.compile(
    S(
        rf"(?:อำเภอ|{_NOT_TH_BEFORE}อ\.)\s*({_NAME}(?:\s*,\s*(?:อำเภอ|อ\.)?\s*{_NAME})*)"
        rf"(?:\s+((?:{_NAME}\s+){{0,3}})(?=จ\.|จังหวัด))?"
    )
)
# Not the ตำบล of a health centre's title (โรงพยาบาลส่งเสริมสุขภาพตำบลบ้านดอน).
_TAMBON_RE = re.compile(S(rf"(?<!สุขภาพ)(?<!สุขภาพ )(?:ตำบล|ตำบ|{_NOT_TH_BEFORE}ต\.)\s*({_NAME})"))
_VILLAGE_RE = re.compile(
    S(
        rf"(?:หมู่ที่|หมู่|{_NOT_TH_BEFORE}ม\.)\s*(\d{{1,2}})(?![\d+.])((?:\s*(?:,|และ|-|ถึง)\s*(?:หมู่ที่|หมู่|ม\.)?\s*\d{{1,2}}(?![\d+.]))*)"
    )
)

# "ทางหลวงหมายเลข 1288", "ทางหลวง หมายเลข 309", "สายทางหมายเลข 34", "ทล.212", "#3153",
# and as planners type them: "ทางหลวง 1234", "ทล 1234", "ถนนสาย 1234", "สาย 1234".
_HIGHWAY_RE = re.compile(
    S(
        r"(?:หมายเลข|หมายเล\s*มายเลข|(?<![ก-๙])ทล\.?|ทางหลวง\s*(?=#)|ทางหลวง(?:แผ่นดิน)?\s+(?=\d)"
        r"|(?:(?<![ก-๙])|(?<=ถนน)|(?<=ทางหลวง))สาย\s*(?=\d))\s*#?\s*(?:ที่\s*)?(\d{1,4})(?![\d+]|\.\d|\s*\+)"
    )
)
# Words one of which every highway match contains, and the digits of a rural code:
# cheap C-level tests that spare most texts the scans below.
_HIGHWAY_WORDS = tuple(S(w) for w in ("หมายเล", "ทล", "ทางหลวง", "สาย", "#"))
_FOUR_DIGITS_RE = re.compile(r"\d{4}")
# A bare "สาย N" is a highway only when N is not a count or a size ("สาย 2 ช่องจราจร").
_BARE_SAI_RE = re.compile(S(r"สาย\s*$"))
# Nor a list or range of canal numbers ("สาย 01 - 08, 10 - 23").
_NOT_HIGHWAY_AFTER_RE = re.compile(S(r"\s*(?:กม|กิโล|เมตร|ม\.|ช่อง|ชั้น|แห่ง|สาย|เส้น|คน|ตัน|[A-Za-z%]|[-,]\s*\d)"))
_CONTROL_RE = re.compile(S(r"\s*ตอนควบคุม(?:ที่)?\s*((?:\d{4}(?:\s*(?:,|และ)\s*)?)+)"))
_SECTION_STOP = S(
    r"(?=ระหว่าง|กม\.?\s*\d|กม\s|กิโลเมตร|ตำบล|ต\.|อำเภอ|อ\.|จังหวัด|จ\.|ช่วง|\(|,|\sและ|ระยะ|บริเวณ"
    r"|\s?ตอน(?:ที่)?\s*\d|สายทางหลวง|ทางหลวง|หมายเลข|\d+\s*(?:แห่ง|สายทาง|กม|กิโลเมตร)|ผิว|ขนาด|หนา|กว้าง"
    r"|ความยาว|ยาว\s*\d|พร้อม|ชุมชน|เป็น|แบบ|\s*#?\d|$)"
)
# "ตอน A - B", and as typed "ช่วง A - B".
_SECTION_RE = re.compile(S(r"\s*(?:ชื่อ)?(?:ตอน(?!ควบคุม)|ช่วง)?\s*([ก-๙][^()\d,]{1,70}?)") + _SECTION_STOP)
# The lot of a section, also typed in parentheses: "ตอน 2", "(ตอน 2)", "(ตอนที่ 2)".
_LOT_RE = re.compile(S(r"\s*\(?\s*ตอน(?:ที่)?\s*(\d{1,2})(?!\d|\s*\+)\s*\)?"))
_MORE_SECTION_RE = re.compile(S(r"(?:และ|,)\s*ตอน(?!ควบคุม)\s*([ก-๙][^()\d,]{1,70}?)") + _SECTION_STOP)
_KM_RANGE_RE = re.compile(
    S(
        r"(?:กม\.?|กิโลเมตร(?:\s*ที่)?)\s*(\d{1,3})\s*\+\s*(\d{3})\s*(?:-|ถึง)\s*(?:กม\.?|กิโลเมตร(?:\s*ที่)?)?\s*(\d{1,3})\s*\+\s*(\d{3})"
    )
)
# Rural road codes: a province's two-letter code and four digits ("นค.3010", "สุข.4034").
# Typed also "ขก 1039", "ขก.๑๐๓๙" (digits are normalised), "รหัสสายทาง ขก.1039", "ถนนขก1039".
_RURAL_RE = re.compile(
    S(
        r"(?:ทช\.?\s*)?(?:(?<![ก-๙])|(?<=ถนน)|(?<=สาย)|(?<=ทาง))"
        r"([ก-ฮ][ก-ฮ\u0e30-\u0e4e]{1,3})\s*[.\-]?\s*(\d{4})(?!\d)"
    )
)
_NOT_RURAL_CODES = {"ทล", "ทช", "กม", "พศ", "คศ", "ลบม", "ตรม", "ตรว", "มม", "ซม", "ชม", "บ", "รพ", "สภ"}
_BRANCH_RE = re.compile(
    # The dash may be missing before a village ("แยกทางหลวงหมายเลข 3043 บ้านลำไทร").
    S(
        r"แยก\s*(?:ทางหลวง(?:แผ่นดิน)?\s*(?:หมายเลข)?|ทล\.?)\s*#?\s*(\d{1,4})"
        r"\s*(?:-\s*|(?=บ\.|บ้าน))((?:บ\.|บ้าน)?\s*[ก-๙][ก-๙.]*)"
    )
)
# A rural road leaving another one: "สต.5043 แยกทางหลวงชนบท สต.5041 - บ้านศาลเจ้า".
_RURAL_BRANCH_RE = re.compile(
    S(r"\s*แยก\s*(?:ทางหลวงชนบท|ทช\.?)\s*([ก-ฮ]{2})\s*\.?\s*(\d{4})\s*-\s*((?:บ\.|บ้าน)\s*[ก-๙][ก-๙]*)")
)
_BRANCH_DEST_RE = re.compile(S(r"\s*-\s*((?:บ\.|บ้าน)\s*[ก-๙][ก-๙]*)"))
# The ends after a rural code: "นภ.6011 บ้านโนนสัง - บ้านโนนยาว", "สาย นม.1234 บ.X - บ.Y".
_RURAL_ENDS_RE = re.compile(S(r"\s*(?:สาย\s*)?((?:บ\.|บ้าน)\s*[ก-๙][ก-๙]*)\s*-\s*((?:บ\.|บ้าน)\s*[ก-๙][ก-๙]*)"))
# An uncoded road named by its ends: "สาย X - Y", "ถนนสายบ้าน ก - บ้าน ข", "ถนน บ.ก - บ.ข".
_END = r"(?:(?:บ\.|บ้าน|อ\.|ต\.)\s*)?[ก-๙][ก-๙]*"
_ROUTE_RE = re.compile(
    S(
        rf"(?:(?:{_NOT_TH_BEFORE}|(?<=ถนน))สาย\s*(?!แยก|ทาง)|ถนน[ก-๙]{{0,20}}\s*(?=(?:บ\.|บ้าน)[^-]{{1,30}}-\s*(?:บ\.|บ้าน)))"
        rf"({_END})\s*-\s*({_END})"
    )
)
_JUNCTION_BEFORE_RE = re.compile(S(r"(?:แยก|เชื่อม|เชื่อมต่อ|บรรจบ)\s*(?:ทางหลวง(?:แผ่นดิน|ชนบท)?\s*|ทช\.?\s*)?$"))
# "ทางต่างระดับ ... เชื่อมระหว่าง ทช.ปข.2052 กับ ทช.ปข.2057": rural roads an
# interchange connects are where the work is, not the work itself.
_BETWEEN_BEFORE_RE = re.compile(S(r"(?:ระหว่าง|กับ)\s*(?:ทางหลวงชนบท\s*|ทช\.?\s*)?$"))
# "ทางหลวงหมายเลข 1289 - บ้านประดาทอง": a number followed straight by a dash names a
# road leaving the highway (sections are written "ตอน X - Y"), even when OCR lost แยก.
_JUNCTION_AFTER_RE = re.compile(r"\s*-\s*[ก-๙]")

# Named water bodies and facilities.  Tambon/amphoe names are blanked before this runs;
# the short prefixes (ห้วย, คลอง, ฝาย, วัด...) are still skipped after a place word...
_SITE_PREFIXES = (
    ("waterway", r"แม่น้ำ|ลำน้ำ|ลำห้วย", True),
    ("reservoir", r"อ่างเก็บน้ำ", True),
    ("gate", r"ประตูระบายน้ำ|อาคารบังคับน้ำ|(?<![ก-๙])ปตร\.\s*", True),
    ("pump", r"สถานีสูบน้ำ(?:ด้วยไฟฟ้า)?", True),
    ("waterway", r"ห้วย|คลอง", False),
    ("reservoir", r"อ่าง(?!ทอง)", False),
    ("weir", r"ฝาย", False),
    ("pond", r"สระเก็บน้ำ|สระน้ำ|แก้มลิง|บึง|หนอง", False),
    # Not the วัด of จังหวัด or of a measuring word (ตรวจวัด, เครื่องวัด, วัดผล).
    ("temple", r"(?<!จัง)(?<!ตรวจ)(?<!เครื่อง)วัด(?!ผล|ระดับ|ปริมาณ|คุณภาพ|ขนาด)", False),
    # Facilities, also abbreviated as typed: รพ.สต., รพ., ร.ร., รร., สนง.
    ("health", r"โรงพยาบาลส่งเสริมสุขภาพ\s?(?:ตำบล)?\s*|รพ\.\s*สต\.?\s*|สถานีอนามัย\s*", True),
    # โรงพยาบาลสมเด็จพระยุพราชX is typed รพร.X, a community hospital รพช.X.
    (
        "hospital",
        r"โรงพยาบาลสมเด็จพระยุพราช\s*|โรงพยาบาล\s*|(?<![ก-๙])รพ[รช]?\.\s*",
        True,
    ),
    ("school", r"โรงเรียน\s*|(?<![ก-๙])ร\.\s?ร\.\s*|(?<![ก-๙])รร\.\s*", True),
    ("college", r"(?<!มหา)วิทยาลัย\s*", True),
    ("office", r"สำนักงาน\s*|(?<![ก-๙])สนง\.\s*", True),
    ("centre", r"ศูนย์\s*", True),
    ("pier", r"ท่าเทียบเรือ|ท่าเรือ", False),
    ("market", r"ตลาด", False),
    ("beach", r"หาด", False),
)
# Short prefixes are checked against the marked text too: stripped, บึง is บง and
# would match บังคับ.
_SITE_RES = tuple((k, re.compile(S(p)), re.compile(p), free) for k, p, free in _SITE_PREFIXES)
# Per prefix, the literal heads a match must contain: most texts name no site of most
# kinds, and a C-level substring test rules a kind out before its regex scans the text.


def _literal_heads(pattern: str) -> tuple[str, ...]:
    """The literal text each alternative of a prefix pattern starts with (after any
    lookbehind), stripped of marks: a match needs one of them in the text."""
    out, depth, part = [], 0, ""
    for ch in pattern + "|":
        if ch == "|" and depth == 0:
            p = re.sub(r"^(?:\(\?<[!=][^)]*\))+", "", part)
            head, i = "", 0
            while i < len(p):
                c = p[i]
                if c == "\\" and i + 1 < len(p) and not p[i + 1].isalpha():
                    head, i = head + p[i + 1], i + 2  # an escaped literal ("\.")
                    continue
                if c in "\\()[]{}?*+|^$.":
                    if c in "?*{":
                        head = head[:-1]  # the last literal is optional
                    break
                head, i = head + c, i + 1
            out.append(S(head))
            part = ""
            continue
        depth += ch == "("
        depth -= ch == ")"
        part += ch
    assert all(out), pattern
    return tuple(out)


# (literal head, prefix index): a prefix's regex can only match where a head of it is.
_SITE_ANCHORS = tuple((a, i) for i, (_, p, _) in enumerate(_SITE_PREFIXES) for a in _literal_heads(p))
# ...unless a place or road name is being spelt ("บ้านห้วยคต", "ชุมชนคลองเตย", "ซอยวัดใหม่").
_PLACE_WORDS = tuple(S(w) for w in ("บ้าน", "บ.", "ชุมชน", "หมู่บ้าน", "ซอย", "ถนน", "สาย", "นิคม", "เทศบาล", "แยก"))
_GENERIC_SITE_NAMES = {
    skeleton(w)
    for w in (
        "ส่งน้ำ",
        "ระบายน้ำ",
        "ไส้ไก่",
        "ธรรมชาติ",
        "สาธารณะ",
        "ชลประทาน",
        "น้ำ",
        "ดาด",
        "ต่างๆ",
        "ต่าง",
        # Locatives and parts, not names: "คลองหน้าอาคารบังคับน้ำ", "ฝายหัวงาน".
        "หน้า",
        "หลัง",
        "ข้าง",
        "หัวงาน",
    )
}
_LOCATIVE_BEFORE_RE = re.compile(S(r"(?:บริเวณ|ใต้|หน้า|หลัง|ข้าง|ใกล้|ติด|ริม)\s*$"))
# Descriptive heads of a site name: "ฝายทดน้ำหินเหล็กไฟ" is the weir หินเหล็กไฟ.
_GENERIC_SITE_HEAD_RE = re.compile(
    "^(?:(?:"
    + "|".join(
        skeleton(w)
        for w in (
            "ทดน้ำ",
            "ชะลอน้ำ",
            "เก็บน้ำ",
            "ส่งน้ำ",
            "คอนกรีตเสริมเหล็ก",
            "คสล",
            "มีชีวิต",
            "แกนดินซีเมนต์",
            "ยาง",
            "น้ำล้น",
        )
    )
    + "))+"
)
_PROVINCE_KEYS = frozenset(skeleton(p) for p in PROVINCES)
_LAMHUAI_SK, _HUAI_SK = skeleton("ลำห้วย"), skeleton("ห้วย")
_YUPPARAT_SK = skeleton("สมเด็จพระยุพราช")
_BAN_RE = re.compile(S(rf"{_NOT_TH_BEFORE}(?:บ้าน|บ\.)\s*({_NAME})"))
_SITE_BAN_HEAD_RE = re.compile(S(r"\s?(?:บ\.|บ้าน)\s*(?=[ก-๙])"))

_LENGTH_RE = re.compile(
    S(r"(?:ระยะทาง|ความยาว|ยาว|ระยะ)\s*(?:ไม่น้อยกว่า|รวม)?\s*(\d[\d,]*(?:\.\d+)?)\s*(กิโลเมตร|กม\.?|เมตร|ม\.)")
)
_KM_RE = re.compile(S(r"(\d[\d,]*\.\d+)\s*(?:กิโลเมตร|กม\.)(?!\s*(?:\d|\+|ที่))"))
_COUNT_RE = re.compile(S(r"(\d[\d,]*)\s*(แห่ง|สายทาง|ต้น|ชุด|หลัง|เครื่อง|คัน|จุด|สาย|เตียง)(?![ก-๙])"))
_EQUIPMENT_UNITS = frozenset({"ชุด", "เครื่อง", "คัน", "เตียง"})
_BUILD_BEFORE_RE = re.compile(S(r"ก่อสร้าง\s*$"))
# Verbs and cost words before the item a facility line builds or buys.
_ITEM_VERBS_RE = re.compile(
    S(
        r"^(?:ค่า|งาน|โครงการ|ก่อสร้าง|สร้าง|จัดซื้อ|จัดหา|ครุภัณฑ์(?:การแพทย์|คอมพิวเตอร์)?|ซ่อมแซม|ซ่อม"
        r"|ปรับปรุง|ต่อเติม|บูรณะ|และ|พร้อม|ๆ|\s)+"
    )
)
# The item's name ends at its specification: type, size, design number, figures.
_ITEM_SPEC_RE = re.compile(S(r"\s*(?:ชนิด|ขนาด|แบบ|พร้อม|ไม่น้อยกว่า|ปริมาตร|เป็นอาคาร|คสล|สูง\s*\d|จำนวน|\(|\d)"))
# Work on something that exists (repair, renovation, extension) is another kind of work
# than building it (issue 12): "ซ่อมแซมฝาย..." vs "ก่อสร้างฝาย...".  ซ่อมสร้าง is road
# resurfacing and ศูนย์ซ่อมบำรุง a name, not renovation.
_RENOVATION_RE = re.compile(
    S(
        r"ซ่อมแซม|ซ่อม(?!สร้าง|บำรุง)|ต่อเติม|ปรับปรุง\s*(?=อาคาร|ฝาย|ประตูระบายน้ำ|ปตร|หอ|โรง|ห้อง|บ้านพัก|ส้วม)"
        r"|บูรณะ\s*(?=อาคาร|ฝาย)"
    )
)
_GROUPED_RE = re.compile(S(r"รวม\s*\d+\s*รายการ|ราคาต่อหน่วยต่ำกว่า"))
_AMOUNT_RE = re.compile(S(r"(?:วงเงิน|งบประมาณ)\s*(\d[\d,]*(?:\.\d+)?)\s*(ล้าน)?บาท"))


_RUN_RE = re.compile(rf"[{_TH}]+")

# Literal words without which a pattern cannot match (its alternatives' fixed heads, in
# the stripped form the patterns run on): a C-level substring test spares most texts
# the full scan of most patterns (national scale, issue 12).  Each tuple must cover
# every alternative of its pattern: the extraction golden test holds the results.
_PROVINCE_WORDS = ("จ.", S("จังหวัด"))
_AMPHOE_WORDS = ("อำเภอ", "อ.")
_TAMBON_WORDS = ("ตำบ", "ต.")
_VILLAGE_WORDS = (S("หมู่"), "ม.")
_BRANCH_WORDS = (S("แยก"),)
_BAN_WORDS = (S("บ้าน"), "บ.")
_LENGTH_WORDS = ("ยาว", "ระยะ")
_KM_WORDS = (S("กิโลเมตร"), "กม.")
_KM_RANGE_WORDS = ("+",)
_RENOVATION_WORDS = tuple(S(w) for w in ("ซ่อม", "ต่อเติม", "ปรับปรุง", "บูรณะ"))
_GROUPED_WORDS = ("รายการ", S("ราคาต่อหน่วยต่ำกว่า"))


def _has(s: str, words: tuple[str, ...]) -> bool:
    for w in words:
        if w in s:
            return True
    return False


def _finditer(rx: re.Pattern, s: str, words: tuple[str, ...]):
    """``rx.finditer(s)``, or nothing at once when ``s`` holds none of ``words``."""
    for w in words:
        if w in s:
            return rx.finditer(s)
    return ()


_MARK_SPLIT = MARK_RE.split
# Patterns used per match, compiled once (a module-level re call looks its pattern up each time).
_BAN_SPACE_RE = re.compile(r"(บ้าน|บาน|บ\.)\s+(?=[ก-๙])")
_END_SPLIT_RE = re.compile(r"\s*-\s*|\s+")
_BAN_ABBR_RE = re.compile(r"^บ\.")
_END_PREFIX_RE = re.compile(r"^(?:อ\.|ต\.|บ้าน(?=บ้าน))")
_AMPHOE_SPLIT_RE = re.compile(r"\s*,\s*(?:อำเภอ|อ\.)?\s*|\s+")
_ONE_TWO_DIGITS_RE = re.compile(r"\d{1,2}")
_ROAD_WORD_END_RE = re.compile(S(r"(?:ทางหลวง(?:แผ่นดิน)?\s*|สายทาง\s*|ถนน\s*)$"))
_NOT_SECTION_RE = re.compile(S(r"\s*(?:กับ|และ|แยก|เชื่อม)"))
_ROAD_PREFIX_END_RE = re.compile(S(r"(?:สาย)?(?:ทางหลวง(?:แผ่นดิน)?\s*|สายทาง\s*|ถนน\s*)$"))
_SPACES_RE = re.compile(r"\s*")
_DEST_HEAD_RE = re.compile(S(r"^(?:บ\.|บ้าน)\s*"))
_BAN_S = S("บ้าน")
_NAME_STOP_RE = re.compile("|".join(map(re.escape, _NAME_STOPS)))


# Large enough that a worker screening a whole year keeps the texts repeated across
# provinces and units (national bench, issue 12); entries are small (no per-character maps).
@lru_cache(maxsize=65536)
def _prepared(text: str) -> tuple[str, str, tuple[int, ...], tuple[int, ...]]:
    """Normalised text, its stripped form, and where the marks were: their positions in
    the normalised text and, per mark, how many kept characters precede it.

    Memoised: about half of the year file's descriptions repeat (same item under
    several units).  The index maps between the two forms are answered from the mark
    positions by bisection (``_Cutter``) rather than built per character: only a few
    positions per text are ever mapped (issue 12, national scale)."""
    norm = normalize_text(text)
    # The runs between marks, joined, are the stripped text; their running lengths are
    # how many kept characters precede each mark (all C-level iteration).
    parts = _MARK_SPLIT(norm)
    kept_before = tuple(accumulate(map(len, parts[:-1])))
    return norm, "".join(parts), tuple(map(add, kept_before, range(len(kept_before)))), kept_before


class _Cutter:
    """Cuts names on the normalised text while the regexes run on its stripped form."""

    __slots__ = ("norm", "marks", "kept_before", "n")

    def __init__(self, norm: str, marks: tuple[int, ...], kept_before: tuple[int, ...]):
        self.norm = norm
        self.marks = marks
        self.kept_before = kept_before
        self.n = len(norm) - len(marks)  # length of the stripped text

    def fwd(self, i: int) -> int:
        """Stripped index -> normalised index (the end maps to the end)."""
        if i > self.n:
            i = self.n
        elif i < 0:
            i += self.n + 1
        return i + bisect_right(self.kept_before, i)

    def back(self, a: int) -> int:
        """Normalised index -> stripped index."""
        return a - bisect_left(self.marks, a)

    def surface(self, a: int, b: int) -> str:
        return self.norm[self.fwd(a) : self.fwd(b)].strip()

    def name(self, start: int, limit: int = 40) -> tuple[str, int]:
        """The Thai run at stripped index ``start``, cut at the first stop word."""
        a = self.fwd(start)
        m = _RUN_RE.match(self.norm[a : a + limit])
        if not m:
            return "", start
        run = m.group(0)
        stop = _NAME_STOP_RE.search(run, 2)  # the leftmost stop word from index 2
        cut = stop.start() if stop else len(run)
        return run[:cut], self.back(a + cut)


def _blank(chars: list[str], a: int, b: int) -> None:
    for i in range(a, b):
        chars[i] = " "


_BAN_SK = skeleton("บ้าน")
_BUILDING_SK = skeleton("อาคาร")


def _tokens(name: str) -> tuple[str, ...]:
    """Endpoint tokens of a section or route name, as skeletons."""
    out = []
    name = _BAN_SPACE_RE.sub(r"\1", name)  # "บ้าน โนนสัง" is one end (marks may be stripped)
    for part in _END_SPLIT_RE.split(name):
        part = _END_PREFIX_RE.sub("", _BAN_ABBR_RE.sub("บ้าน", part))
        sk = skeleton(part)
        # "บ้านโนนสัง", "บ.โนนสัง" and "โนนสัง" name one end; a short name keeps its
        # บ้าน so that "บ้านนา" does not become a substring of every other name.
        if sk.startswith(_BAN_SK) and len(sk) - len(_BAN_SK) >= 3:
            sk = sk[len(_BAN_SK) :]
        # "กม." is a kilometre post read as a section name ("1081 กม.92-000+ ...").
        if len(sk) >= 2 and not sk.isdigit() and sk not in ("ตอน", "ตอนท", "ชวง", "สาย", "กม", "กโลเมตร", "ระหวาง"):
            out.append(sk)
    return tuple(out)


def _km_ranges(s: str) -> tuple[tuple[int, int], ...]:
    out = []
    for m in _finditer(_KM_RANGE_RE, s, _KM_RANGE_WORDS):
        a = int(m.group(1)) * 1000 + int(m.group(2))
        b = int(m.group(3)) * 1000 + int(m.group(4))
        out.append((min(a, b), max(a, b)))
    return tuple(out)


def _number(s: str) -> float | None:
    try:
        return float(s.replace(",", ""))
    except ValueError:
        return None


def extract_facts(
    text: str,
    *,
    unit: str = "",
    context: str = "",
    amount: int | None = None,
    clusters: dict[str, tuple[str, ...]] | None = None,
) -> Facts:
    """Facts of one line.  ``unit`` (BUDGETARY_UNIT) gives the province when the text
    names none; ``context`` (PROJECT / OUTPUT / CATEGORY) gives the kind of work when
    the text names none; ``clusters`` overrides the 2560 cluster table."""
    # A pure function of its arguments returning an immutable value: memoised whole, so a
    # text repeated with the same unit (the same item in many provinces' files, a request
    # read again) costs a lookup (national scale, issue 12).
    frozen = tuple(sorted((k, tuple(v)) for k, v in clusters.items())) if clusters else None
    return _extract_memo(text, unit, context, amount, frozen)


@lru_cache(maxsize=65536)
def _extract_memo(
    text: str, unit: str, context: str, amount: int | None, clusters: tuple[tuple[str, tuple[str, ...]], ...] | None
) -> Facts:
    return _extract(text, unit=unit, context=context, amount=amount, clusters=dict(clusters) if clusters else None)


def _extract(
    text: str,
    *,
    unit: str,
    context: str,
    amount: int | None,
    clusters: dict[str, tuple[str, ...]] | None,
) -> Facts:
    # Everything but the context and amount fallbacks depends only on the text and,
    # when the text names no province, on the unit's provinces: that part is memoised
    # (the year file repeats a description under several units and amounts).
    unit_provinces = () if _text_provinces(text) else tuple(provinces_of_unit(unit, clusters))
    (
        provinces,
        amphoes,
        tambons,
        villages,
        roads,
        sites,
        codes,
        main,
        lengths,
        counts,
        text_amount,
        grouped,
        terms,
        items,
        renovation,
        site_km,
    ) = _text_facts(text, unit_provinces)
    from_context = False
    if not drop_weak(codes) and context:
        codes = _context_work(context)
        main = codes
        from_context = bool(codes)
    return Facts(
        provinces=provinces,
        amphoes=amphoes,
        tambons=tambons,
        villages=villages,
        roads=roads,
        sites=sites,
        work=drop_weak(codes),
        main_work=drop_weak(main) or drop_weak(codes),
        work_from_context=from_context,
        lengths_km=lengths,
        counts=counts,
        amount=text_amount if amount is None else amount,
        grouped=grouped,
        terms=terms,
        items=items,
        renovation=renovation,
        km_ranges=site_km,
    )


@lru_cache(maxsize=65536)
def _text_provinces(text: str) -> tuple[str, ...]:
    """Provinces the text itself names (the unit is only a fallback for these)."""
    s = _prepared(text)[1]
    return tuple(
        dict.fromkeys(p for m in _finditer(_PROVINCE_RE, s, _PROVINCE_WORDS) if (p := match_province(m.group(1))))
    )


# Sized for a worker screening a national year (about 75,000 distinct texts per worker
# in bench/national.py): texts repeated across provinces are read once per worker.
@lru_cache(maxsize=65536)
def _text_facts(text: str, unit_provinces: tuple[str, ...]) -> tuple:
    """The memoised part of ``extract_facts``: immutable values only (tuples, frozen
    dataclasses), since one result is shared by every line with the same text."""
    norm, s, marks, kept_before = _prepared(text)
    chars = list(s)
    terms: list[tuple[str, str]] = []

    cutter = _Cutter(norm, marks, kept_before)
    surface = cutter.surface

    # --- places --------------------------------------------------------------
    provinces: list[str] = []
    for m in _finditer(_PROVINCE_RE, s, _PROVINCE_WORDS):
        p = match_province(m.group(1))
        if p:
            provinces.append(p)
            terms.append(("province:" + p, surface(m.start(), m.end())))
            _blank(chars, m.start(), m.end())
    provinces = list(dict.fromkeys(provinces))
    if not provinces:
        provinces = list(unit_provinces)

    amphoes: list[str] = []
    for m in _finditer(_AMPHOE_RE, s, _AMPHOE_WORDS):
        names = _AMPHOE_SPLIT_RE.split((m.group(1) + " " + (m.group(2) or "")).strip())
        for n in names:
            n = n.strip(".")
            if not n:
                continue
            if n == S("เมือง") and len(provinces) == 1:
                n = "เมือง" + S(provinces[0])
            amphoes.append(skeleton(n))
        terms.append(("amphoe", surface(m.start(), m.end())))
        _blank(chars, m.start(), m.end())

    tambons: list[tuple[str, int]] = []
    for m in _finditer(_TAMBON_RE, s, _TAMBON_WORDS):
        name, end = cutter.name(m.start(1))
        if name:
            # The gazetteer knows the province's tambons: a name typed with the next
            # abbreviation glued to it ("ต.ทุ่งนุ้ยอ.ควนกาหลง") is cut back to the tambon.
            key = known_tambon(skeleton(name), tuple(provinces)) or skeleton(name)
            tambons.append((key, m.start()))
            terms.append(("tambon:" + key, surface(m.start(), end)))
            _blank(chars, m.start(), end)
    if not amphoes and tambons:
        # A text that names its tambon but not its amphoe (typed requests often do)
        # is placed in the amphoe the gazetteer gives, when the name is unique there.
        amphoes = [a for t, _ in tambons if (a := amphoe_of_tambon(t, tuple(provinces)))]

    villages: list[tuple[int, str]] = []
    for m in _finditer(_VILLAGE_RE, s, _VILLAGE_WORDS):
        nums = [int(m.group(1))] + [int(x) for x in _ONE_TWO_DIGITS_RE.findall(m.group(2) or "")]
        following = [t for t, pos in tambons if pos >= m.end()]
        tb = following[0] if following else (tambons[-1][0] if len(tambons) == 1 else "")
        for n in nums:
            villages.append((n, tb))
        terms.append((f"village:{tb}", surface(m.start(), m.end())))
        _blank(chars, m.start(), m.end())

    # --- roads ---------------------------------------------------------------
    roads: list[Road] = []
    hw_matches = [
        m
        for m in (_HIGHWAY_RE.finditer(s) if any(w in s for w in _HIGHWAY_WORDS) else ())
        if not (
            m.group(0).startswith(S("สาย")) and (m.group(1).startswith("0") or _NOT_HIGHWAY_AFTER_RE.match(s, m.end()))
        )
    ]
    for i, m in enumerate(hw_matches):
        number = str(int(m.group(1)))
        before = s[max(0, m.start() - 20) : m.start()]
        before = _ROAD_WORD_END_RE.sub("", before)
        junction = _JUNCTION_BEFORE_RE.search(before) or _JUNCTION_AFTER_RE.match(s, m.end())
        role = "junction" if junction else "asset"
        pos = m.end()
        control: tuple[str, ...] = ()
        cm = _CONTROL_RE.match(s, pos)
        if cm:
            control = tuple(_FOUR_DIGITS_RE.findall(cm.group(1)))
            pos = cm.end()
        sections: list[tuple[str, ...]] = []
        names: list[str] = []
        lot = None
        if role == "asset":
            sm = _SECTION_RE.match(s, pos)
            if sm and not _NOT_SECTION_RE.match(s, pos):
                toks = _tokens(sm.group(1))
                if toks:
                    sections.append(toks)
                    names.append(surface(sm.start(1), sm.end(1)))
                pos = sm.end()
            lm = _LOT_RE.match(s, pos)
            if lm:
                lot = int(lm.group(1))
                pos = lm.end()
            scope_end = hw_matches[i + 1].start() if i + 1 < len(hw_matches) else len(s)
            for mm in _MORE_SECTION_RE.finditer(s, pos, scope_end):
                toks = _tokens(mm.group(1))
                if toks:
                    sections.append(toks)
                    names.append(surface(mm.start(1), mm.end(1)))
                    _blank(chars, mm.start(), mm.end())
            scope = s[m.end() : scope_end]
        else:
            scope = ""
        start = m.start()
        pre = _ROAD_PREFIX_END_RE.search(s[max(0, start - 20) : start])
        if pre:
            start -= len(pre.group(0))
        roads.append(
            Road(
                kind="highway",
                number=number,
                role=role,
                control=control,
                sections=tuple(sections),
                section_names=tuple(names),
                lot=lot,
                km_ranges=_km_ranges(scope),
                surface=surface(start, pos),
            )
        )
        if role == "asset":
            terms.append((f"road:highway:{number}", surface(start, pos)))
            # Junction mentions stay for the branch-road regex.  A leading ทาง/ถนน/สาย
            # stays too, so "ปรับปรุงทางหลวงหมายเลข 11" still reads as road work.
            keep = 3 if s[start : start + 3] in ("ทาง", "ถนน", "สาย") else 0
            _blank(chars, start + keep, pos)

    codes_seen: set[str] = set()
    for m in _RURAL_RE.finditer(s) if _FOUR_DIGITS_RE.search(s) else ():
        letters = skeleton(m.group(1))
        if len(letters) != 2 or letters in _NOT_RURAL_CODES:
            continue
        code = f"{letters}.{m.group(2)}"
        before = s[max(0, m.start() - 20) : m.start()]
        role = "junction" if _JUNCTION_BEFORE_RE.search(before) or _BETWEEN_BEFORE_RE.search(before) else "asset"
        branch = _BRANCH_RE.match(s, _SPACES_RE.match(s, m.end()).end())
        rural_branch = _RURAL_BRANCH_RE.match(s, m.end())
        branch_of, dest = ("", "")
        end = m.end()
        sections: tuple[tuple[str, ...], ...] = ()
        names: tuple[str, ...] = ()
        if role == "junction" and S("แยก") in before[-12:] and (dm := _BRANCH_DEST_RE.match(s, m.end())):
            # "ถนนสายแยก ทช.สต.5041 - บ้านศาลเจ้า": the road leaving that rural road.
            roads.append(
                Road(kind="branch", branch_of=code, dest=_dest(dm.group(1)), surface=surface(m.start(), dm.end()))
            )
            terms.append((f"road:branch:{code}", surface(m.start(), dm.end())))
        if branch:
            branch_of, dest = str(int(branch.group(1))), _dest(branch.group(2))
            end = branch.end()
        elif rural_branch:
            branch_of = f"{skeleton(rural_branch.group(1))}.{rural_branch.group(2)}"
            dest, end = _dest(rural_branch.group(3)), rural_branch.end()
        elif rm := _RURAL_ENDS_RE.match(s, m.end()):
            # "นภ.6011 บ้านโนนสัง - บ้านโนนยาว": the ends name the road, so an uncoded
            # request "สายบ้านโนนสัง ... - บ้านโนนยาว" can be matched to it.
            toks = _tokens(rm.group(1) + " - " + rm.group(2))
            if len(toks) >= 2:
                sections, names = (toks,), (surface(rm.start(1), rm.end(2)),)
                end = rm.end()
        if code in codes_seen:
            continue
        codes_seen.add(code)
        roads.append(
            Road(
                kind="rural",
                number=code,
                role=role,
                branch_of=branch_of,
                dest=dest,
                sections=sections,
                section_names=names,
                surface=surface(m.start(), end),
            )
        )
        if role == "asset":
            terms.append((f"road:rural:{code}", surface(m.start(), m.end())))
        _blank(chars, m.start(), end)

    masked = "".join(chars)
    for m in _finditer(_BRANCH_RE, masked, _BRANCH_WORDS):
        # An uncoded branch road ("สายแยก ทล. 2095 - บ้านนาสวรรค์"); coded ones were blanked.
        roads.append(
            Road(
                kind="branch",
                branch_of=str(int(m.group(1))),
                dest=_dest(m.group(2)),
                surface=surface(m.start(), m.end()),
            )
        )
        terms.append((f"road:branch:{m.group(1)}", surface(m.start(), m.end())))
        _blank(chars, m.start(), m.end())
    masked = "".join(chars)
    for m in _ROUTE_RE.finditer(masked) if "-" in masked and (S("สาย") in masked or "ถนน" in masked) else ():
        toks = _tokens(m.group(1) + " - " + m.group(2))
        if len(toks) >= 2:
            roads.append(
                Road(
                    kind="route",
                    sections=(toks,),
                    section_names=(surface(m.start(1), m.end()),),
                    surface=surface(m.start(), m.end()),
                )
            )
            terms.append(("road:route", surface(m.start(), m.end())))
    # --- named sites ---------------------------------------------------------
    masked = "".join(chars)
    place_keys = _PROVINCE_KEYS | set(amphoes) | {t for t, _ in tambons}
    sites: list[Site] = []
    prefixes: list[tuple[int, str]] = []
    taken: set[int] = set()
    first_facility = len(s)
    facility_sites: list[tuple[int, Site]] = []
    present = {i for a, i in _SITE_ANCHORS if a in masked}
    for i, (kind, rx, rx_marked, free) in enumerate(_SITE_RES):
        if i not in present:
            continue  # one scan for all the literal heads rules out most kinds of most texts
        for m in rx.finditer(masked):
            if m.start() in taken:
                continue
            if len(m.group(0)) <= 3 and not rx_marked.match(norm, cutter.fwd(m.start())):
                continue
            if not free and masked[max(0, m.start() - 14) : m.start()].endswith(_PLACE_WORDS):
                continue
            # "ฝาย บ.เขาไคร", "ฝายบ้านเขาไคร": a structure named after its village.
            bm = _SITE_BAN_HEAD_RE.match(masked, m.end())
            if bm:
                name, end = cutter.name(bm.end())
                name = "บ้าน" + name if name else ""
            else:
                name, end = cutter.name(m.end())
            key = _GENERIC_SITE_HEAD_RE.sub("", skeleton(name))
            if kind == "hospital" and key.startswith(_YUPPARAT_SK) and len(key) > len(_YUPPARAT_SK) + 1:
                key = key[len(_YUPPARAT_SK) :]  # รพ.สมเด็จพระยุพราชX = รพร.X
            if key.startswith(_LAMHUAI_SK):
                key = key[len(_LAMHUAI_SK) - len(_HUAI_SK) :]  # ฝายลำห้วยบง = ฝายห้วยบง
            taken.update(range(m.start(), end))
            whole = skeleton(m.group(0)) + skeleton(name)
            if len(key) < 2 or key in _GENERIC_SITE_NAMES or whole in place_keys:
                continue  # "บึงกาฬ", "คลองหลวง": a province/amphoe/tambon name, not a site
            sites.append(Site(kind=kind, name=surface(m.end(), end), key=key, surface=surface(m.start(), end)))
            prefixes.append((m.start(), m.group(0)))
            if kind in FACILITY_KINDS:
                first_facility = min(first_facility, m.start())
                facility_sites.append((m.start(), sites[-1]))
            terms.append((f"site:{kind}:{key}", surface(m.start(), end)))
    for i in sorted(taken):
        if i < len(chars):
            chars[i] = " "
    masked = "".join(chars)
    for m in _finditer(_BAN_RE, masked, _BAN_WORDS):
        name, end = cutter.name(m.start(1))
        key = skeleton(name)
        if len(key) >= 2:
            sites.append(Site(kind="ban", name=surface(m.start(1), end), key=key, surface=surface(m.start(), end)))

    # --- work ------------------------------------------------------------------
    masked = "".join(chars)
    # "บริเวณใต้สะพาน", "หน้าอาคาร": a work word after a locative places the work.
    found = [f for f in find_work(masked) if not _LOCATIVE_BEFORE_RE.search(masked[max(0, f[1] - 12) : f[1]])]
    cut = masked.find(S("พร้อม"))
    codes = [c for c, _, _ in sorted(found, key=lambda x: x[1])]
    main = [c for c, p, _ in sorted(found, key=lambda x: x[1]) if cut < 0 or p < cut]
    for c, p, surf in found:
        terms.append((f"work:{c}", surface(p, p + len(surf))))
    if not drop_weak(main) and prefixes:
        # A structure named by its kind and nothing else ("ประตูระบายน้ำบ้านวังวารีวน",
        # "อาคารบังคับน้ำบ้านเขาขาด พร้อมขุดลอก..."): its prefix, blanked with the
        # name, is the main work.
        pf = sorted((start + q, c) for start, word in prefixes for c, q, _ in find_work(word))
        main = [c for p, c in pf if cut < 0 or p < cut] + main
        codes = list(dict.fromkeys(main + codes))
    # --- quantities ------------------------------------------------------------
    lengths: list[float] = []
    for m in _finditer(_LENGTH_RE, s, _LENGTH_WORDS):
        v = _number(m.group(1))
        if v is not None:
            lengths.append(v if S("กิโล") in m.group(2) or m.group(2).startswith(S("กม")) else v / 1000)
    if not lengths:
        lengths = [v for v in (_number(m.group(1)) for m in _finditer(_KM_RE, s, _KM_WORDS)) if v is not None]
    counts = [
        (v, surface(m.start(2), m.end(2))) for m in _COUNT_RE.finditer(s) if (v := _number(m.group(1))) is not None
    ]
    if not drop_weak(main) and first_facility < len(s) and _BUILD_BEFORE_RE.search(s, 0, first_facility):
        # "ค่าก่อสร้างสำนักงานพาณิชย์จังหวัด": building the facility itself.
        main = codes = ["building"]
    if not drop_weak(main) and any(u in _EQUIPMENT_UNITS for _, u in counts):
        # "กล้องส่องตรวจ ... 1 ชุด": an item counted in sets or machines is a purchase.
        main = codes = ["equipment"]
    # What is built or bought at a named facility: the words before it, without the
    # verbs ("ก่อสร้างอาคารเรียน แบบ 212ล. ร.ร.X" -> อาคารเรียน).
    items: tuple[str, ...] = ()
    if first_facility < len(s):
        item = _ITEM_VERBS_RE.sub("", s[:first_facility])
        item = _ITEM_SPEC_RE.split(item, maxsplit=1)[0]
        key = skeleton(item)
        if key == _BUILDING_SK:
            # "อาคารศูนย์ประชุม... โรงเรียนนายร้อยตำรวจ": a bare อาคาร is named after the
            # centre or office right after it, which is then part of the item.
            key += next(skeleton(x.surface) for p, x in facility_sites if p == first_facility)
        if len(key) >= 3:
            items = (key,)
    # Only the main work counts: "ก่อสร้างอาคารเรียน พร้อมปรับปรุงห้องน้ำ" builds.
    renovation = _has(s, _RENOVATION_WORDS) and bool(_RENOVATION_RE.search(s, 0, cut if cut >= 0 else len(s)))
    # Kilometre posts of a text that names no road place a work along a canal.
    site_km = () if any(r.role == "asset" for r in roads) else _km_ranges(s)
    # The amount the text states; extract_facts uses it only when none is given.
    text_amount = None
    am = _AMOUNT_RE.search(s) if "บาท" in s else None
    if am and (v := _number(am.group(1))) is not None:
        text_amount = int(v * 1_000_000) if am.group(2) else int(v)

    return (
        tuple(provinces),
        tuple(dict.fromkeys(amphoes)),
        tuple(dict.fromkeys(t for t, _ in tambons)),
        tuple(dict.fromkeys(villages)),
        tuple(roads),
        tuple(sites),
        tuple(codes),
        tuple(main),
        tuple(round(x, 3) for x in lengths),
        tuple(counts),
        text_amount,
        _has(s, _GROUPED_WORDS) and bool(_GROUPED_RE.search(s)),
        tuple(dict.fromkeys((k, v) for k, v in terms if v)),
        items,
        renovation,
        site_km,
    )


@lru_cache(maxsize=8192)
def _context_work(context: str) -> tuple[str, ...]:
    # Contexts (PROJECT | OUTPUT | CATEGORY) repeat across thousands of lines.
    return work_from_context(strip_marks(normalize_text(context)))


def _dest(raw: str) -> str:
    raw = _DEST_HEAD_RE.sub(_BAN_S, raw.strip())
    return skeleton(raw.split()[0] if raw.split() else raw)
