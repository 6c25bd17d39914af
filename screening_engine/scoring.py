"""Pair rules: is budget line B the same work as request A?  Pure; see engine.py for
the rules in prose.  ``compare`` returns None (no flag) or a Match.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz

from . import vocab
from .facts import Facts, Road, Site
from .normalize import skeleton
from .records import LineRecord, Match

# Point assets: one object each.  A reservoir spans tambons, so its name within the
# amphoe is enough; a weir, gate, pump station or pond must not be in another tambon.
POINT_ASSETS = frozenset({"reservoir", "gate", "pump", "weir", "pond"})
# Linear assets: a river or canal is long, so the same name only means the same place
# together with the same tambon (and not another village).
LINEAR_ASSETS = frozenset({"waterway"})
# Works that build one structure on a waterway (a weir, a storage scheme, a gate).
STRUCTURE_GROUPS = frozenset({"STORAGE", "WATER_STRUCT"})
# Landmarks locate a work ("บริเวณวัดบัวงาม", "โรงพยาบาลพระนั่งเกล้า") but are not what is
# built: a riverbank wall at a hospital is not the hospital's new ward.
LANDMARKS = frozenset({"temple", "pier", "market", "beach"}) | vocab.FACILITY_KINDS
# Words that make a different object of the same stem (ฝายห้วยทราย vs ฝายห้วยทรายน้อย).
_QUALIFIERS = tuple(
    skeleton(w) for w in ("น้อย", "ใหญ่", "เหนือ", "ใต้", "ตะวันออก", "ตะวันตก", "กลาง", "ใน", "นอก", "ล่าง", "บน")
)

_HIGH = 0.7  # score floor of a duplicate
_LOW = 0.35  # score floor of an overlap


@lru_cache(maxsize=200_000)
def _name_match(a: str, b: str) -> bool:
    """Two skeleton names denote the same thing: equal, one a prefix of the other
    (names run into the next word when OCR drops a space), or one OCR slip apart."""
    if a == b:
        return True
    short, long_ = sorted((a, b), key=len)
    if len(short) >= 3 and long_.startswith(short):
        rest = long_[len(short) :]
        return not (rest.isdigit() or rest.startswith(_QUALIFIERS))
    return len(short) >= 4 and fuzz.ratio(a, b) >= 85


def _covered(tokens: tuple[str, ...], other: tuple[str, ...]) -> int:
    """How many of ``tokens`` occur in the other section name (as a substring of it,
    since OCR splits and joins words, or as a near-identical token)."""
    joined = "".join(other)
    n = 0
    for t in tokens:
        if t in joined or any(_name_match(t, o) for o in other):
            n += 1
        elif len(t) >= 5 and fuzz.partial_ratio(t, joined) >= 88:
            n += 1
    return n


def section_relation(a: tuple[str, ...], b: tuple[str, ...]) -> str:
    """'same' when every endpoint of one name is in the other; 'different' otherwise
    (sharing one endpoint means adjacent sections, not the same one)."""
    if not a or not b:
        return "unknown"
    if _covered(a, b) == len(a) or _covered(b, a) == len(b):
        return "same"
    return "different"


@dataclass(frozen=True)
class RoadHit:
    relation: str  # same | unspecified | different
    reason: str
    terms: tuple[str, ...]


_RANK = {"same": 3, "unspecified": 2, "different": 1}


def _same_road(a: Road, b: Road) -> bool:
    if a.kind == b.kind == "highway" or a.kind == b.kind == "rural":
        return a.number == b.number
    if {a.kind, b.kind} <= {"rural", "branch"}:
        # An uncoded branch road is the coded one when it leaves the same highway for
        # the same place ("สายแยกทางหลวงหมายเลข 3233 - บ้านตลาดเกาะแรต" = นฐ.4042).
        return bool(a.branch_of and a.branch_of == b.branch_of and a.dest and b.dest and _name_match(a.dest, b.dest))
    if "route" in (a.kind, b.kind) and {a.kind, b.kind} <= {"route", "highway", "rural"}:
        # "สายเขื่อนเพชร - บางกุฬา" is the highway whose section has both those ends;
        # "สายบ้านโนนสัง - บ้านโนนยาว" is the rural road นภ.6011 บ้านโนนสัง - บ้านโนนยาว.
        return any(
            len(x) >= 2 and len(y) >= 2 and _covered(x, y) == len(x) and _covered(y, x) == len(y)
            for x in a.sections
            for y in b.sections
        )
    return False


def _section(a: Road, b: Road) -> str:
    if a.kind == "route" or b.kind == "route":
        return "same"  # matched on the section names themselves
    if a.control and b.control:
        return "same" if set(a.control) & set(b.control) else "different"
    if a.lot is not None and b.lot is not None and a.lot != b.lot:
        return "different"  # ตอน 1 vs ตอน 2 of one section: separate contracts
    if a.km_ranges and b.km_ranges:
        overlap = any(x0 < y1 and y0 < x1 for x0, x1 in a.km_ranges for y0, y1 in b.km_ranges)
        if not overlap:
            return "different"
    rels = [section_relation(x, y) for x in a.sections for y in b.sections]
    if "same" in rels:
        return "same"
    if rels and all(r == "different" for r in rels):
        return "different"
    return "unspecified"


def road_hit(fa: Facts, fb: Facts) -> RoadHit | None:
    best: RoadHit | None = None
    for a in fa.roads:
        if a.role != "asset":
            continue
        for b in fb.roads:
            if b.role != "asset" or not _same_road(a, b):
                continue
            rel = _section(a, b)
            name = a.label if a.kind != "route" else b.label
            if rel == "same":
                sec = next(iter(a.section_names or b.section_names), "")
                reason = f"{name} ตอนเดียวกัน" + (f" ({sec})" if sec else "")
            elif rel == "unspecified":
                reason = f"{name} สายทางเดียวกัน (ไม่ระบุตอนหรือระบุไม่ขัดกัน)"
            else:
                sa = " / ".join(a.section_names) or "-"
                sb = " / ".join(b.section_names) or "-"
                reason = f"{name} คนละตอน ({sa} กับ {sb})"
            hit = RoadHit(rel, reason, (a.surface, b.surface))
            if best is None or _RANK[rel] > _RANK[best.relation]:
                best = hit
    return best


def _rel(a, b) -> str:
    if not a or not b:
        return "unknown"
    return "same" if set(a) & set(b) else "different"


def village_relation(fa: Facts, fb: Facts) -> str:
    """Villages only compare within one tambon (หมู่ที่ 5 exists in every tambon)."""
    rel = "unknown"
    for n, t in fa.villages:
        for m, u in fb.villages:
            if t and u and t != u:
                continue
            if n == m:
                return "same"
            rel = "different"
    return rel


@dataclass(frozen=True)
class SiteHit:
    relation: str  # same | possible | landmark
    reason: str
    terms: tuple[str, ...]


def site_hit(fa: Facts, fb: Facts, same_kind: bool | None) -> SiteHit | None:
    tambon = _rel(fa.tambons, fb.tambons)
    amphoe = _rel(fa.amphoes, fb.amphoes)
    village = village_relation(fa, fb)
    matched: list[tuple[Site, Site]] = [
        (a, b) for a in fa.sites for b in fb.sites if a.kind == b.kind and a.kind != "ban" and _name_match(a.key, b.key)
    ]
    if not matched or amphoe == "different" or village == "different":
        return None
    point = [p for p in matched if p[0].kind in POINT_ASSETS]
    linear = [p for p in matched if p[0].kind in LINEAR_ASSETS]
    landmark = [p for p in matched if p[0].kind in LANDMARKS]
    for a, b in point:
        if a.kind == "reservoir" or tambon != "different":
            return SiteHit("same", f"{a.label} แห่งเดียวกัน", (a.surface, b.surface))
    if (
        linear
        and same_kind
        and tambon != "different"
        and vocab.groups_of(fa.main_work) <= STRUCTURE_GROUPS
        and vocab.groups_of(fb.main_work) <= STRUCTURE_GROUPS
    ):
        # A weir or storage scheme named after its creek is one structure when no text
        # puts it in another tambon ("ระบบกักเก็บลำห้วยคล้า ระยะที่ 1"); a weir on the
        # same creek in another tambon is another weir (issue 12).
        a, b = linear[0]
        return SiteHit("same", f"{a.label}: สิ่งก่อสร้างบนลำน้ำเดียวกันในอำเภอเดียวกัน", (a.surface, b.surface))
    if linear and tambon != "different":
        a, b = linear[0]
        km = _km_relation(fa.km_ranges, fb.km_ranges)
        ban = _ban_relation(fa, fb)
        if km == "different" or (ban == "different" and not landmark and village != "same"):
            return None  # another stretch (kilometre posts) or another village on it
        if km == "same" or ban == "same":
            where = "ช่วงกิโลเมตรเดียวกัน" if km == "same" else "หมู่บ้านเดียวกัน"
            return SiteHit("same", f"{a.label} ที่เดียวกัน ({where})", (a.surface, b.surface))
        if landmark or village == "same":
            where = landmark[0][0].label if landmark else "หมู่ที่เดียวกัน"
            return SiteHit(
                "same", f"{a.label} ที่เดียวกัน ({where})", (a.surface, b.surface) + (landmark[0] if landmark else ())
            )
        if same_kind and (tambon == "same" or amphoe == "same"):
            # A long river at an unknown point: only the same kind of work there is a
            # question for the reviewer; other work on the river elsewhere is not.
            where = "ตำบลเดียวกัน" if tambon == "same" else "อำเภอเดียวกัน"
            return SiteHit("possible", f"{a.label} {where} แต่ระบุจุดไม่ได้ว่าเป็นช่วงเดียวกัน", (a.surface, b.surface))
    if landmark and tambon != "different":
        a, b = landmark[0]
        return SiteHit("landmark", f"บริเวณ{a.label}เดียวกัน", (a.surface, b.surface))
    return None


@dataclass(frozen=True)
class FacilityHit:
    level: str | None  # duplicate | overlap | None (decided: no flag)
    reason: str
    terms: tuple[str, ...]


def facility_work(f: Facts) -> str | None:
    """What a text does at a facility: ``building`` (build or repair a building) or
    ``equipment`` (buy an item); None for anything else (a bank wall at a school)."""
    groups = vocab.groups_of(f.main_work)
    if "BUILDING" in groups:
        return "building"
    if f.main_work and set(f.main_work) <= {"equipment", "soft", "study"} and "equipment" in f.main_work:
        return "equipment"
    return None


@lru_cache(maxsize=100_000)
def item_match(a: str, b: str) -> bool:
    """Two item names (skeletons) denote the same building type or equipment: one
    starts the other ("อาคารเรียน" / "อาคารเรียนรวม" is not enough: see below) or
    they are near-identical.  A bare "อาคาร" says nothing and matches any building."""
    if a == b or a == _BUILDING_SK or b == _BUILDING_SK:
        return True
    short, long_ = sorted((a, b), key=len)
    if long_.startswith(short) and len(long_) - len(short) <= 2:
        return True
    if len(short) >= 6 and fuzz.ratio(a, b) >= 85:
        return True
    # An item typed shorter than the document names it ("เครื่องตรวจตาด้วยคลื่นเสียง
    # ความถี่สูง" for "... ชนิดเอและบีสแกน"): the typed name is the head of the other.
    return len(short) >= 8 and long_.startswith(short)


_BUILDING_SK = skeleton("อาคาร")


def facility_hit(fa: Facts, fb: Facts) -> FacilityHit | None:
    """Buildings and equipment at a named facility (school, hospital, health centre,
    college, office, centre).  None when the rule does not apply; a hit with level
    None when it applies and decides there is no flag (another building, another
    item at the same hospital)."""
    wa, wb = facility_work(fa), facility_work(fb)
    if wa is None or wb is None:
        return None
    matched = [
        (a, b)
        for a in fa.sites
        for b in fb.sites
        if a.kind == b.kind and a.kind in vocab.FACILITY_KINDS and _name_match(a.key, b.key)
    ]
    if not matched:
        return None
    a, b = matched[0]
    kinds_a = {x.kind for x in fa.sites if x.kind in vocab.FACILITY_KINDS}
    kinds_b = {x.kind for x in fb.sites if x.kind in vocab.FACILITY_KINDS}
    for kind in kinds_a & kinds_b:
        if not any(x.kind == y.kind == kind for x, y in matched):
            # "ศูนย์X สำนักงานA" vs "ศูนย์X สำนักงานB": the same centre's name under
            # two offices is two buildings.
            return FacilityHit(None, "", ())
    if _rel(fa.tambons, fb.tambons) == "different" or _rel(fa.amphoes, fb.amphoes) == "different" or wa != wb:
        # Same name elsewhere is another school; building vs buying is not one work.
        return FacilityHit(None, "", ())
    if fa.items and fb.items:
        if not any(item_match(x, y) for x in fa.items for y in fb.items):
            return FacilityHit(None, "", ())
    elif wa == "equipment":
        return FacilityHit(None, "", ())  # which item is unknown: not a finding
    what = "อาคาร" if wa == "building" else "ครุภัณฑ์"
    if fa.renovation != fb.renovation:
        return FacilityHit("overlap", f"{what}เดียวกันที่{a.label}: ซ่อมแซม/ปรับปรุงกับก่อสร้างใหม่", (a.surface, b.surface))
    return FacilityHit("duplicate", f"{what}เดียวกันที่{a.label}", (a.surface, b.surface))


def _km_relation(a, b) -> str:
    if not a or not b:
        return "unknown"
    return "same" if any(x0 < y1 and y0 < x1 for x0, x1 in a for y0, y1 in b) else "different"


def _ban_relation(fa: Facts, fb: Facts) -> str:
    """Named villages (บ้านX) as places along a waterway: same, different, unknown."""
    a = [s.key for s in fa.sites if s.kind == "ban"]
    b = [s.key for s in fb.sites if s.kind == "ban"]
    if not a or not b:
        return "unknown"
    return "same" if any(_name_match(x, y) for x in a for y in b) else "different"


def _conflicting_assets(fa: Facts, fb: Facts) -> bool:
    """Both texts name an asset (or village) of the same type and no name is shared."""
    ra = {(r.kind, r.number) for r in fa.roads if r.role == "asset" and r.number}
    rb = {(r.kind, r.number) for r in fb.roads if r.role == "asset" and r.number}
    if {k for k, _ in ra} & {k for k, _ in rb} and not (ra & rb):
        return True
    # Named villages (บ้านX) count like village numbers: both named and none shared.
    for a in fa.sites:
        others = [c for c in fb.sites if c.kind == a.kind]
        if others and not any(_name_match(a.key, c.key) for c in others):
            return True
    # Both name a water structure (weir, gate, reservoir, pond, pump station), of any
    # kinds, and none is shared: ฝายบ้านกุดเวียน is not อาคารบังคับน้ำบ้านโคกไพล.
    wa = [x for x in fa.sites if x.kind in POINT_ASSETS]
    wb = [x for x in fb.sites if x.kind in POINT_ASSETS]
    return bool(wa and wb and not any(x.kind == y.kind and _name_match(x.key, y.key) for x in wa for y in wb))


# Site works a tambon can place (bank walls, dredging, water supply...).  Road work is
# placed by its road, buildings by their institution: the tambon alone says nothing.
TAMBON_RULE_GROUPS = frozenset({"BANK", "FLOOD", "DREDGE", "CANAL", "WATER_SUPPLY", "WATER_STRUCT", "STORAGE", "AREA"})


def _has_road(f: Facts) -> bool:
    return any(r.role == "asset" for r in f.roads)


def _work_phrase(fa: Facts, fb: Facts) -> str:
    la = ", ".join(vocab.label(c) for c in fa.main_work) or "ไม่ระบุลักษณะงาน"
    lb = ", ".join(vocab.label(c) for c in fb.main_work) or "ไม่ระบุลักษณะงาน"
    return f"{la} กับ {lb}"


def text_similarity(a: str, b: str) -> float:
    return fuzz.token_set_ratio(skeleton(a), skeleton(b)) / 100.0


def _amount_note(a: int | None, b: int | None) -> tuple[float, str | None]:
    if not a or not b:
        return 0.0, None
    ratio = min(a, b) / max(a, b)
    if a == b:
        return 1.0, f"งบประมาณเท่ากัน {a:,} บาท"
    return ratio, None


def compare(req: LineRecord, fa: Facts, line: LineRecord, fb: Facts, *, other_sections: bool = False) -> Match | None:
    """The rules.  ``fa``/``fb`` are the records' facts (passed so callers can cache).

    ``other_sections`` also flags the same road on a clearly different section (the
    labels' "overlap"), off by default: such lines are context, not duplicates."""
    if req.ref == line.ref or req.fiscal_year != line.fiscal_year:
        return None
    if not set(fa.provinces) & set(fb.provinces):
        return None
    if fa.grouped or fb.grouped:
        return None
    same_kind = vocab.same_work(fa.main_work, fb.main_work)
    if vocab.only_non_asset(fa.main_work) != vocab.only_non_asset(fb.main_work):
        return None  # a study, a purchase or a seminar is not the works it concerns
    reasons: list[str] = []
    terms: list[str] = []
    level = None

    road = road_hit(fa, fb)
    facility = facility_hit(fa, fb) if not road else None
    site = site_hit(fa, fb, same_kind) if not road and not facility else None
    if facility:
        if facility.level is None:
            return None
        reasons.append(facility.reason)
        terms.extend(facility.terms)
        level = facility.level
    elif road:
        if road.relation == "different" and not other_sections:
            return None
        reasons.append(road.reason)
        terms.extend(road.terms)
        level = "duplicate" if road.relation != "different" and same_kind else "overlap"
    elif site and (site.relation != "landmark" or same_kind):
        # A shared landmark alone only places the work; it takes the same kind of work
        # there to call it a duplicate.
        reasons.append(site.reason)
        terms.extend(site.terms)
        level = "duplicate" if site.relation in ("same", "landmark") and same_kind else "overlap"
        if level == "duplicate" and fa.renovation != fb.renovation:
            # Repairing a weir is not building it (issue 12): same site, other work.
            level = "overlap"
            reasons.append("งานซ่อมแซม/ปรับปรุงของเดิมกับงานก่อสร้างใหม่")
    elif (
        same_kind
        and vocab.groups_of(fa.main_work) & vocab.groups_of(fb.main_work) & TAMBON_RULE_GROUPS
        and _rel(fa.tambons, fb.tambons) == "same"
        and village_relation(fa, fb) != "different"
        and not _has_road(fa)
        and not _has_road(fb)
        and not _conflicting_assets(fa, fb)
        and _km_relation(fa.km_ranges, fb.km_ranges) != "different"
    ):
        # No shared asset: the same kind of site work in the same tambon cannot be told
        # apart from the texts, unless they name different assets or villages.
        level = "overlap"
        common = sorted(set(fa.tambons) & set(fb.tambons))
        reasons.append("งานประเภทเดียวกันในตำบลเดียวกัน ระบุไม่ได้ว่าเป็นจุดเดียวกันหรือไม่")
        terms.extend(s for k, s in fa.terms + fb.terms if k.startswith("tambon:") and k[7:] in common)
    if level is None:
        return None

    if same_kind is True:
        reasons.append("ลักษณะงานเดียวกัน: " + _work_phrase(fa, fb))
    elif same_kind is False:
        reasons.append("คนละลักษณะงาน: " + _work_phrase(fa, fb))
    else:
        reasons.append("ลักษณะงานไม่ชัดเจน: " + _work_phrase(fa, fb))
    if _rel(fa.tambons, fb.tambons) == "same" and not any("ตำบล" in r for r in reasons):
        reasons.append("ตำบลเดียวกัน: " + ", ".join(sorted(set(fa.tambons) & set(fb.tambons))))
    if village_relation(fa, fb) == "same":
        reasons.append("หมู่ที่เดียวกัน")
    amount_ratio, amount_note = _amount_note(req.amount, line.amount)
    if amount_note:
        reasons.append(amount_note)
    sim = text_similarity(req.text, line.text)
    reasons.append(f"ข้อความคล้ายกัน {sim:.0%}")

    # Score: the level sets the band; text and amount similarity order within it.
    base = _HIGH if level == "duplicate" else _LOW
    span = (1.0 - _HIGH) if level == "duplicate" else (_HIGH - 0.05 - _LOW)
    score = base + span * (0.7 * sim + 0.3 * amount_ratio)
    work_terms = [s for k, s in fa.terms + fb.terms if k.startswith("work:")]
    return Match(
        line_ref=line.ref,
        score=round(min(score, 1.0), 4),
        level=level,
        reasons=tuple(reasons),
        matched_terms=tuple(dict.fromkeys(t for t in terms + work_terms if t)),
    )
