"""Place names the extractor needs: the 77 provinces, the 2560 BE clusters, and the
tambon/amphoe gazetteer (loaded lazily from data/).

The cluster arrangement changes over fiscal years (shared/reference/README.md): the
constants here are defaults for FY2565 and are passed in, never hard-wired, by callers
that know better (``extract_facts(..., clusters=...)``).
"""

from __future__ import annotations

import gzip
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from rapidfuzz import fuzz, process

from .normalize import skeleton

PROVINCES: tuple[str, ...] = (
    "กรุงเทพมหานคร",
    "กระบี่",
    "กาญจนบุรี",
    "กาฬสินธุ์",
    "กำแพงเพชร",
    "ขอนแก่น",
    "จันทบุรี",
    "ฉะเชิงเทรา",
    "ชลบุรี",
    "ชัยนาท",
    "ชัยภูมิ",
    "ชุมพร",
    "เชียงราย",
    "เชียงใหม่",
    "ตรัง",
    "ตราด",
    "ตาก",
    "นครนายก",
    "นครปฐม",
    "นครพนม",
    "นครราชสีมา",
    "นครศรีธรรมราช",
    "นครสวรรค์",
    "นนทบุรี",
    "นราธิวาส",
    "น่าน",
    "บึงกาฬ",
    "บุรีรัมย์",
    "ปทุมธานี",
    "ประจวบคีรีขันธ์",
    "ปราจีนบุรี",
    "ปัตตานี",
    "พระนครศรีอยุธยา",
    "พะเยา",
    "พังงา",
    "พัทลุง",
    "พิจิตร",
    "พิษณุโลก",
    "เพชรบุรี",
    "เพชรบูรณ์",
    "แพร่",
    "ภูเก็ต",
    "มหาสารคาม",
    "มุกดาหาร",
    "แม่ฮ่องสอน",
    "ยโสธร",
    "ยะลา",
    "ร้อยเอ็ด",
    "ระนอง",
    "ระยอง",
    "ราชบุรี",
    "ลพบุรี",
    "ลำปาง",
    "ลำพูน",
    "เลย",
    "ศรีสะเกษ",
    "สกลนคร",
    "สงขลา",
    "สตูล",
    "สมุทรปราการ",
    "สมุทรสงคราม",
    "สมุทรสาคร",
    "สระแก้ว",
    "สระบุรี",
    "สิงห์บุรี",
    "สุโขทัย",
    "สุพรรณบุรี",
    "สุราษฎร์ธานี",
    "สุรินทร์",
    "หนองคาย",
    "หนองบัวลำภู",
    "อ่างทอง",
    "อำนาจเจริญ",
    "อุดรธานี",
    "อุตรดิตถ์",
    "อุทัยธานี",
    "อุบลราชธานี",
)

# Short forms used in the documents ("กรุงเทพฯ", "อยุธยา" after จ.).
_PROVINCE_ALIASES = {"กรุงเทพ": "กรุงเทพมหานคร", "กทม": "กรุงเทพมหานคร", "อยุธยา": "พระนครศรีอยุธยา"}

# 2560 BE arrangement (18 clusters).  The FY2565 documents print the cluster units
# without their numbers, so CLUSTER_UNITS_2560 below merges "... 1" and "... 2".
CLUSTERS_2560: dict[str, tuple[str, ...]] = {
    "กลุ่มจังหวัดภาคเหนือตอนบน 1": ("เชียงใหม่", "ลำพูน", "ลำปาง", "แม่ฮ่องสอน"),
    "กลุ่มจังหวัดภาคเหนือตอนบน 2": ("เชียงราย", "พะเยา", "แพร่", "น่าน"),
    "กลุ่มจังหวัดภาคเหนือตอนล่าง 1": ("ตาก", "พิษณุโลก", "เพชรบูรณ์", "สุโขทัย", "อุตรดิตถ์"),
    "กลุ่มจังหวัดภาคเหนือตอนล่าง 2": ("กำแพงเพชร", "พิจิตร", "นครสวรรค์", "อุทัยธานี"),
    "กลุ่มจังหวัดภาคตะวันออกเฉียงเหนือตอนบน 1": ("อุดรธานี", "เลย", "หนองคาย", "หนองบัวลำภู", "บึงกาฬ"),
    "กลุ่มจังหวัดภาคตะวันออกเฉียงเหนือตอนบน 2": ("สกลนคร", "นครพนม", "มุกดาหาร"),
    "กลุ่มจังหวัดภาคตะวันออกเฉียงเหนือตอนกลาง": ("ขอนแก่น", "มหาสารคาม", "ร้อยเอ็ด", "กาฬสินธุ์"),
    "กลุ่มจังหวัดภาคตะวันออกเฉียงเหนือตอนล่าง 1": ("นครราชสีมา", "ชัยภูมิ", "บุรีรัมย์", "สุรินทร์"),
    "กลุ่มจังหวัดภาคตะวันออกเฉียงเหนือตอนล่าง 2": ("อุบลราชธานี", "ศรีสะเกษ", "ยโสธร", "อำนาจเจริญ"),
    "กลุ่มจังหวัดภาคกลางตอนบน": ("พระนครศรีอยุธยา", "อ่างทอง", "ลพบุรี", "สระบุรี", "สิงห์บุรี", "ชัยนาท"),
    "กลุ่มจังหวัดภาคกลางปริมณฑล": ("นนทบุรี", "ปทุมธานี", "นครปฐม", "สมุทรปราการ"),
    "กลุ่มจังหวัดภาคกลางตอนล่าง 1": ("กาญจนบุรี", "ราชบุรี", "สุพรรณบุรี"),
    "กลุ่มจังหวัดภาคกลางตอนล่าง 2": ("เพชรบุรี", "ประจวบคีรีขันธ์", "สมุทรสาคร", "สมุทรสงคราม"),
    "กลุ่มจังหวัดภาคตะวันออก 1": ("ฉะเชิงเทรา", "ชลบุรี", "ระยอง"),
    "กลุ่มจังหวัดภาคตะวันออก 2": ("จันทบุรี", "ตราด", "ปราจีนบุรี", "นครนายก", "สระแก้ว"),
    "กลุ่มจังหวัดภาคใต้ฝั่งอ่าวไทย": ("ชุมพร", "สุราษฎร์ธานี", "นครศรีธรรมราช", "พัทลุง"),
    "กลุ่มจังหวัดภาคใต้ฝั่งอันดามัน": ("ภูเก็ต", "กระบี่", "พังงา", "ระนอง", "ตรัง"),
    "กลุ่มจังหวัดภาคใต้ชายแดน": ("สงขลา", "สตูล", "ปัตตานี", "ยะลา", "นราธิวาส"),
}


def _merge_unnumbered(clusters: dict[str, tuple[str, ...]]) -> dict[str, tuple[str, ...]]:
    merged: dict[str, list[str]] = {}
    for name, members in clusters.items():
        merged.setdefault(re.sub(r"\s*\d+\s*$", "", name), []).extend(members)
    return {k: tuple(dict.fromkeys(v)) for k, v in merged.items()}


CLUSTER_UNITS_2560 = _merge_unnumbered(CLUSTERS_2560)

_SKEL_TO_PROVINCE = {skeleton(p): p for p in PROVINCES}
_SKEL_TO_PROVINCE.update({skeleton(a): p for a, p in _PROVINCE_ALIASES.items()})
# Longest first so that a prefix match prefers นครศรีธรรมราช over นคร...
_PROVINCE_SKELETONS = sorted(_SKEL_TO_PROVINCE, key=len, reverse=True)


@lru_cache(maxsize=4096)
def match_province(fragment: str) -> str | None:
    """Canonical province whose name starts ``fragment`` (the text after จังหวัด/จ.).

    Exact skeleton prefix first; then a fuzzy match of the fragment's head for OCR
    slips such as "สิงค์บุรี" or "สุราษฎ์ธานี" (one wrong consonant in five or more).
    """
    sk = skeleton(fragment)
    if len(sk) < 2:
        return None
    for cand in _PROVINCE_SKELETONS:
        if sk.startswith(cand):
            return _SKEL_TO_PROVINCE[cand]
    best = None
    for cand in _PROVINCE_SKELETONS:
        if len(cand) < 5:
            continue
        score = fuzz.ratio(sk[: len(cand)], cand)
        if score >= 80 and (best is None or score > best[1]):
            best = (cand, score)
    return _SKEL_TO_PROVINCE[best[0]] if best else None


def provinces_of_unit(unit: str, clusters: dict[str, tuple[str, ...]] | None = None) -> tuple[str, ...]:
    """Provinces a budgetary unit stands for: "จังหวัดX" -> (X,), a cluster -> members."""
    unit = (unit or "").strip()
    if unit.startswith("กลุ่มจังหวัด"):
        table = _merge_unnumbered(clusters) if clusters else CLUSTER_UNITS_2560
        key = re.sub(r"\s*\d+\s*$", "", unit)
        if key in table:
            return table[key]
        hit = process.extractOne(key, list(table), scorer=fuzz.ratio, score_cutoff=90)
        return table[hit[0]] if hit else ()
    if unit.startswith("จังหวัด"):
        p = match_province(unit[len("จังหวัด") :])
        return (p,) if p else ()
    return ()


# --- tambon/amphoe gazetteer ---------------------------------------------------
# A compact copy of the DOPA tambon/amphoe list (screening_engine/data/admin_areas.tsv.gz,
# derived from thailand-geography-json, MIT licence in data/LICENSE-thailand-geography-json):
# one line per amphoe, "province<TAB>amphoe<TAB>tambon|tambon|...".  Read on first use only,
# so importing the engine stays cheap.
_ADMIN_FILE = Path(__file__).resolve().parent / "data" / "admin_areas.tsv.gz"


@dataclass(frozen=True)
class ProvinceAreas:
    """Skeleton keys of one province's places: tambon -> amphoe keys it belongs to."""

    tambons: dict[str, tuple[str, ...]]
    amphoes: frozenset[str]
    # Tambon keys longest first, for the longest known prefix of a name run on.
    by_length: tuple[str, ...]


@lru_cache(maxsize=1)
def _admin_areas() -> dict[str, ProvinceAreas]:
    raw: dict[str, dict[str, set[str]]] = {}
    if _ADMIN_FILE.is_file():
        with gzip.open(_ADMIN_FILE, "rt", encoding="utf-8") as fh:
            for row in fh:
                if row.startswith("#") or not row.strip():
                    continue
                province, amphoe, tambons = row.rstrip("\n").split("\t")
                a = skeleton(amphoe)
                per = raw.setdefault(province, {})
                for t in tambons.split("|"):
                    per.setdefault(skeleton(t), set()).add(a)
    out = {}
    for province, per in raw.items():
        tambons = {t: tuple(sorted(a)) for t, a in per.items()}
        amphoes = frozenset(a for v in tambons.values() for a in v)
        out[province] = ProvinceAreas(tambons, amphoes, tuple(sorted(tambons, key=len, reverse=True)))
    return out


def province_areas(province: str) -> ProvinceAreas | None:
    return _admin_areas().get(province)


@lru_cache(maxsize=16384)
def known_tambon(name_key: str, provinces: tuple[str, ...]) -> str | None:
    """The gazetteer's tambon for a skeleton name cut from the text, in one of
    ``provinces``: the name itself when known, else the longest known tambon that
    starts it and leaves one letter: typed text glues the next abbreviation to the
    name ("ต.ทุ่งนุ้ยอ.ควนกาหลง", "ต.โซ่ม.5").  None when unknown."""
    for p in provinces:
        areas = province_areas(p)
        if areas is None:
            continue
        if name_key in areas.tambons:
            return name_key
        for t in areas.by_length:
            if len(t) >= 2 and len(name_key) == len(t) + 1 and name_key.startswith(t):
                return t
    return None


def amphoe_of_tambon(tambon_key: str, provinces: tuple[str, ...]) -> str | None:
    """The one amphoe a tambon belongs to in these provinces, or None when the name
    is unknown or repeats in several amphoe."""
    found: set[str] = set()
    for p in provinces:
        areas = province_areas(p)
        if areas is not None:
            found.update(areas.tambons.get(tambon_key, ()))
    return next(iter(found)) if len(found) == 1 else None
