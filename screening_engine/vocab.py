"""Kinds of work: a small controlled vocabulary with Thai labels.

Each kind belongs to a *group*.  Two works on the same asset are "the same work"
(duplicate) when their main kinds share a group, and "different work" (overlap)
otherwise.  The groups follow how the budget documents themselves split road work:
Department of Highways maintenance lines (งานบำรุงตามกำหนดเวลา, งานบำรุงพิเศษและบูรณะ)
are resurfacing, so they share the PAVEMENT group with a province's overlay or
repaving; widening shares CAPACITY with งานก่อสร้างเพิ่มประสิทธิภาพ and community-zone
upgrades; lighting, safety devices, bridges, drainage and rest areas are separate.

``improve`` (a bare ปรับปรุงถนน) says nothing about which, so it is compatible with both
road groups.  Weak kinds are dropped when a specific kind is present in the same
text ("เพิ่มประสิทธิภาพ ... ด้านอุปกรณ์อำนวยความปลอดภัย" is safety work).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .normalize import strip_marks


@dataclass(frozen=True)
class WorkKind:
    code: str
    label: str  # Thai, shown in reasons
    groups: tuple[str, ...]
    patterns: tuple[str, ...]
    weak: bool = False


# Order matters: earlier kinds consume their match so that later, more generic
# patterns do not fire on it (ประตูระบายน้ำ is a water structure, not drainage).
WORK_KINDS: tuple[WorkKind, ...] = (
    WorkKind("rest_area", "งานที่พักริมทาง", ("REST",), (r"ที่พักริมทาง", r"จุดจอดพักรถ", r"จุดพักรถ")),
    WorkKind(
        "water_struct",
        "งานฝาย/ประตูระบายน้ำ/อาคารบังคับน้ำ",
        ("WATER_STRUCT",),
        (r"ประตูระบายน้ำ", r"ปตร\.", r"อาคารระบายน้ำล้น", r"อาคารบังคับน้ำ", r"อาคารประกอบ", r"ทำนบ", r"ฝาย"),
    ),
    WorkKind(
        "bank",
        "งานเขื่อนป้องกันตลิ่ง",
        ("BANK",),
        (
            r"เขื่อนป้องกันตลิ่ง",
            r"อาคารป้องกันตลิ่ง",
            r"ป้องกันตลิ่ง",
            r"กันตลิ่ง",
            r"ตลิ่งพัง",
            r"ตลิ่งทรุด",
            r"เขื่อนริม",
            r"ป้องกันการกัดเซาะ",
            r"กำแพงกันคลื่น",
        ),
    ),
    WorkKind("flood", "งานป้องกันน้ำท่วม", ("FLOOD",), (r"ป้องกันน้ำท่วม", r"คันกั้นน้ำ", r"แก้ไขปัญหาน้ำท่วม")),
    WorkKind("dredge", "งานขุดลอก", ("DREDGE",), (r"ขุดลอก", r"ลอกตะกอน", r"ขุดลอกตะกอน")),
    WorkKind("canal_lining", "งานดาดคอนกรีตคลอง", ("CANAL",), (r"ดาดคอนกรีต", r"คอนกรีตดาด", r"ดาดคลอง")),
    WorkKind(
        "water_supply",
        "งานระบบส่ง/กระจายน้ำ",
        ("WATER_SUPPLY",),
        (r"ระบบส่งน้ำ", r"ท่อส่งน้ำ", r"กระจายน้ำ", r"ประปา", r"สถานีสูบน้ำ", r"สูบน้ำ", r"รางชักน้ำ", r"ผันน้ำ"),
    ),
    WorkKind(
        "storage",
        "งานแหล่งเก็บน้ำ",
        ("STORAGE",),
        (
            r"เพิ่มความจุ",
            r"สระเก็บน้ำ",
            r"แก้มลิง",
            r"ก่อสร้างอ่างเก็บน้ำ",
            r"ธนาคารน้ำ",
            r"ระบบกักเก็บ",
            r"ระบบเก็บกัก",
            r"กักเก็บน้ำ",
            r"เก็บกักน้ำ",
        ),
    ),
    WorkKind(
        "lighting",
        "งานไฟฟ้าแสงสว่าง",
        ("LIGHTING",),
        (r"ไฟฟ้าแสงสว่าง", r"ไฟฟ้าส่องสว่าง", r"ไฟส่องสว่าง", r"แสงสว่าง", r"HIGH\s*MAST", r"ไฟฟ้าชนิด"),
    ),
    WorkKind(
        "guardrail",
        "งานราวกันอันตราย/ป้องกันอันตรายข้างทาง",
        ("SAFETY", "SAFETY_ROADSIDE"),
        (r"ราวกันอันตราย", r"ป้องกันอันตรายข้างทาง", r"ราวเหล็กลูกฟูก"),
    ),
    WorkKind(
        "junction",
        "งานปรับปรุงทางแยก/สัญญาณไฟจราจร",
        ("SAFETY", "SAFETY_JUNCTION"),
        (r"ทางแยก(?!ต่างระดับ)", r"ไฟสัญญาณ", r"สัญญาณไฟ"),
    ),
    WorkKind(
        "safety",
        "งานอำนวยความปลอดภัย",
        ("SAFETY",),
        (r"ความปลอดภัย", r"จุดเสี่ยง", r"บริเวณอันตราย", r"แบ่งทิศทาง", r"(?<!แบบมี)เกาะกลาง", r"ป้ายจราจร", r"ป้ายแนะนำ"),
    ),
    WorkKind("bridge", "งานสะพาน/ทางแยกต่างระดับ", ("BRIDGE",), (r"ทางแยกต่างระดับ", r"ทางลอด", r"สะพาน")),
    WorkKind("drainage", "งานระบบระบายน้ำ/ลอกท่อ", ("DRAINAGE",), (r"ระบายน้ำ", r"ลอกท่อ", r"ท่อระบาย", r"รางระบาย")),
    WorkKind("community", "งานพัฒนาทางหลวงผ่านย่านชุมชน", ("CAPACITY",), (r"ย่านชุมชน",)),
    # The Department of Highways programme name, not area development.
    WorkKind("highway_dev", "งานก่อสร้างทางหลวงพัฒนาพื้นที่", ("CAPACITY",), (r"ทางหลวงพัฒนาพื้นที่",)),
    WorkKind(
        "widen",
        "งานขยายช่องจราจร/ไหล่ทาง",
        ("CAPACITY",),
        (r"ขยาย(?:ช่อง|ทาง|ผิว|ไหล่|เส้นทาง|ถนน)", r"เป็น(?:ถนน|ทาง)?\s*#?\s*[46]\s*ช่อง", r"ทางคู่ขนาน"),
    ),
    WorkKind(
        "resurface",
        "งานซ่อม/เสริม/บูรณะผิวทาง",
        ("PAVEMENT",),
        (
            r"เสริมผิว",
            r"ซ่อมสร้าง",
            r"ซ่อม(?:แซม)?(?:ผิว|ไหล่ทาง|ทาง|ถนน)",
            r"ปรับปรุงผิว",
            r"ผิวทางแอสฟัลต์",
            r"บูรณะ",
            r"ฟื้นฟูทาง",
            r"นำกลับมาใช้ใหม่",
            r"คันทางทรุด",
        ),
    ),
    WorkKind(
        "maintain",
        "งานบำรุงทาง",
        ("PAVEMENT",),
        (r"บำรุงตามกำหนดเวลา", r"บำรุงพิเศษ", r"บำรุงปกติ", r"บำรุงถนน", r"บำรุงรักษาทาง", r"งานบำรุงทาง"),
    ),
    WorkKind("capacity", "งานเพิ่มประสิทธิภาพทางหลวง", ("CAPACITY",), (r"เพิ่มประสิทธิภาพ",), weak=True),
    WorkKind(
        "construct_road", "งานก่อสร้างทาง", ("CAPACITY",), (r"ก่อสร้าง(?:ทาง|ถนน|สาย)", r"งานก่อสร้างทางหลวง"), weak=True
    ),
    WorkKind(
        "improve",
        "งานปรับปรุงทาง",
        ("CAPACITY", "PAVEMENT"),
        (r"ปรับปรุง(?:และ\S{0,10})?(?:ทาง|ถนน|สาย|เส้นทาง|ผิว)", r"พัฒนา(?:และ\S{0,10})?(?:ทาง|ถนน|เส้นทาง)"),
        weak=True,
    ),
    WorkKind("landscape", "งานปรับปรุงภูมิทัศน์/พัฒนาพื้นที่", ("AREA",), (r"ภูมิทัศน์", r"พัฒนาพื้นที่", r"ลานกิจกรรม", r"สวนสาธารณะ")),
    WorkKind(
        "building",
        "งานก่อสร้าง/ปรับปรุงอาคาร",
        ("BUILDING",),
        (
            r"อาคาร",
            r"หอประชุม",
            r"โรงเรือน",
            r"หอพัก",
            r"บ้านพัก",
            r"ส้วม",
            r"โรงอาหาร",
            r"โรงยิม",
            r"โรงฝึกงาน",
            r"ปรับปรุงห้อง",
            r"ศาลา(?!กลาง)",
            r"ห้องน้ำ",
        ),
    ),
    WorkKind(
        "study", "งานสำรวจ/ออกแบบ/ศึกษา", ("STUDY",), (r"สำรวจ", r"ออกแบบ", r"ศึกษา", r"ผลกระทบสิ่งแวดล้อม", r"ค่าควบคุมงาน")
    ),
    WorkKind("equipment", "จัดซื้อครุภัณฑ์", ("EQUIPMENT",), (r"ครุภัณฑ์", r"จัดซื้อ", r"เครื่อง")),
    WorkKind(
        "soft",
        "อบรม/สัมมนา/จ้างเหมาบริการ",
        ("SOFT",),
        (r"ฝึกอบรม", r"สัมมนา", r"จ้างเหมา", r"ค่าใช้จ่าย", r"ประชาสัมพันธ์", r"ส่งเสริม"),
    ),
)

KIND_BY_CODE = {k.code: k for k in WORK_KINDS}
# Named sites that are facilities: a building or an item there is work on that site.
FACILITY_KINDS = frozenset({"health", "hospital", "school", "college", "office", "centre", "temple", "market"})
ROAD_GROUPS = frozenset({"CAPACITY", "PAVEMENT"})
# Kinds that never make two lines the same work on their own (no asset to share).
NON_ASSET_KINDS = frozenset({"equipment", "soft", "study"})

_COMPILED = tuple((k, re.compile("|".join(strip_marks(p) for p in k.patterns))) for k in WORK_KINDS)

# Pre-filter for find_work.  Every pattern starts (after any lookbehind) with a
# fixed run of non-space literal characters; a match in the partly blanked string
# find_work scans must begin with that run unblanked, i.e. present in the input.
# So a kind none of whose leading runs ("anchors") occurs in the input cannot match
# and is skipped; one C-level scan finds all anchors instead of 28 finditer passes.
_ANCHOR_LEN = 3


def _literal_head(pattern: str) -> str:
    p = re.sub(r"^\(\?<[!=][^)]*\)", "", pattern)  # a leading lookbehind constrains nothing here
    head = re.match(r"[^\\()\[\]{}?*+|.^$\s]*", p).group(0)
    if len(head) < len(p) and p[len(head)] in "?*+{":
        head = head[:-1]  # a quantifier makes the last literal optional
    return head


def _trie(words: list[str]) -> str:
    """Regex for a set of equal-length literals, factored by common prefix: the
    engine tries one branch per distinct next character instead of every word."""
    if not words[0]:
        return ""
    by_first: dict[str, list[str]] = {}
    for w in words:
        by_first.setdefault(w[0], []).append(w[1:])
    alts = [re.escape(c) + _trie(rest) for c, rest in by_first.items()]
    return alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"


def _build_anchors() -> tuple[re.Pattern, dict[str, tuple[int, ...]]]:
    by_anchor: dict[str, set[int]] = {}
    for i, (kind, _) in enumerate(_COMPILED):
        for p in kind.patterns:
            head = _literal_head(strip_marks(p))
            # All anchors have the same length, so two can never start at the same
            # position unless equal: the lookahead scan below misses none.
            assert len(head) >= _ANCHOR_LEN, (kind.code, p)
            by_anchor.setdefault(head[:_ANCHOR_LEN], set()).add(i)
    rx = re.compile("(?=(" + _trie(sorted(by_anchor)) + "))")
    return rx, {a: tuple(sorted(v)) for a, v in by_anchor.items()}


_ANCHOR_RE, _KINDS_BY_ANCHOR = _build_anchors()
# Per kind, the whole literal heads of its patterns (no pattern has a top-level "|"): the
# 3-character anchors leave about five candidate kinds a text of which one matches, and a
# substring test on the whole head spares most of the other scans (national scale, issue 12).
_KIND_HEADS = tuple(tuple(dict.fromkeys(_literal_head(strip_marks(p)) for p in kind.patterns)) for kind, _ in _COMPILED)

# Work named in PROJECT / OUTPUT / CATEGORY, used only when the text names none
# (a Department of Highways line that is just "ทางหลวงหมายเลข 34 ตอน บางนา").
_CONTEXT_RULES = tuple(
    (re.compile(strip_marks(p)), code)
    for p, code in (
        (r"บูรณะ", "resurface"),
        (r"บำรุงรักษา", "maintain"),
        (r"ปลอดภัย", "safety"),
        (r"ที่พักริมทาง|จุดจอดพักรถ", "rest_area"),
        # The rural roads department's "development" programme funds upgrades of
        # existing roads as much as new ones: it says nothing more than "road work".
        (r"พัฒนาทาง", "improve"),
        (r"ก่อสร้าง(?:โครงข่าย)?ทาง|ค่าก่อสร้างทาง", "construct_road"),
    )
)


def find_work(text_marks_stripped: str) -> list[tuple[str, int, str]]:
    """(code, position, surface) of every work kind in text already passed through strip_marks."""
    found: list[tuple[str, int, str]] = []
    s = text_marks_stripped
    candidates: set[int] = set()
    for a in set(_ANCHOR_RE.findall(s)):
        candidates.update(_KINDS_BY_ANCHOR[a])
    for i in sorted(candidates):  # kinds in their declared order, as before
        for head in _KIND_HEADS[i]:
            if head in s:  # a match starts with one of the heads, unblanked
                break
        else:
            continue
        kind, rx = _COMPILED[i]
        hits = list(rx.finditer(s))
        if not hits:
            continue
        parts, last = [], 0
        for m in hits:
            found.append((kind.code, m.start(), m.group(0)))
            parts.append(s[last : m.start()])
            parts.append(" " * (m.end() - m.start()))
            last = m.end()
        s = "".join(parts) + s[last:]
    return found


def work_from_context(context_marks_stripped: str) -> tuple[str, ...]:
    for rx, code in _CONTEXT_RULES:
        if rx.search(context_marks_stripped):
            return (code,)
    return ()


# Specific roadside devices: with one of them, a text's "ความปลอดภัย" is the purpose
# ("เพิ่มมาตรฐานความปลอดภัย ... ติดตั้งไฟฟ้าแสงสว่าง"), not a second kind of work.
DEVICE_KINDS = frozenset({"lighting", "guardrail", "junction"})


def drop_weak(codes: list[str]) -> tuple[str, ...]:
    # Called several times per line on a handful of distinct code lists.
    return _drop_weak(tuple(codes))


@lru_cache(maxsize=1024)
def _drop_weak(codes: tuple[str, ...]) -> tuple[str, ...]:
    specific = [c for c in codes if not KIND_BY_CODE[c].weak and c not in NON_ASSET_KINDS]
    kept = [c for c in codes if not KIND_BY_CODE[c].weak or not specific]
    if DEVICE_KINDS & set(kept):
        kept = [c for c in kept if c != "safety"]
    return tuple(dict.fromkeys(kept))


def groups_of(codes) -> set[str]:
    out: set[str] = set()
    for c in codes:
        out.update(KIND_BY_CODE[c].groups)
    return out


def same_work(a: tuple[str, ...], b: tuple[str, ...]) -> bool | None:
    """True: same kind of work; False: different; None: one side names no work."""
    a = tuple(c for c in a if c not in NON_ASSET_KINDS)
    b = tuple(c for c in b if c not in NON_ASSET_KINDS)
    if not a or not b:
        return None
    ga, gb = groups_of(a), groups_of(b)
    # Two specific safety works of different sub-kinds (guardrails vs junction
    # signals) are different works even though both are SAFETY.
    sub_a = {g for g in ga if g.startswith("SAFETY_")}
    sub_b = {g for g in gb if g.startswith("SAFETY_")}
    if sub_a and sub_b and not (sub_a & sub_b) and not ({"safety"} & (set(a) | set(b))):
        return False
    return bool(ga & gb)


def only_non_asset(codes) -> bool:
    return bool(codes) and all(c in NON_ASSET_KINDS for c in codes)


def label(code: str) -> str:
    return KIND_BY_CODE[code].label
