"""The gazetteer of amphoe and tambon (DOPA codes), and matching typed place names against it.

Source: clusters/data/thai_admin_areas.csv.gz, from thailand-geography-data/thailand-geography-json
(MIT licence; the notice is clusters/data/LICENSE-thailand-geography-json and must stay with the
file). Every tambon with its amphoe and province; loaded by `manage.py load_reference`.
"""

import csv
import gzip
import re
from pathlib import Path

from django.db import transaction

from clusters.models import Amphoe, Province, Tambon

GAZETTEER = Path(__file__).resolve().parent / "data" / "thai_admin_areas.csv.gz"

# Prefixes people type before a place name: อำเภอ/อ./เขต/กิ่งอำเภอ and ตำบล/ต./แขวง.
_AMPHOE_PREFIX = re.compile(r"^\s*(?:กิ่งอำเภอ|กิ่ง\s*อ\.|อำเภอ|อ\.|เขต)\s*")
_TAMBON_PREFIX = re.compile(r"^\s*(?:ตำบล|ต\.|แขวง)\s*")


def gazetteer_rows() -> list[dict]:
    with gzip.open(GAZETTEER, "rt", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


@transaction.atomic
def gazetteer_load() -> dict[str, int]:
    """Create or update every province code, amphoe and tambon (idempotent, bulk upserts).

    Provinces are matched on their Thai name (the registry's natural key); rows of provinces the
    registry does not know are skipped.
    """
    rows = gazetteer_rows()
    provinces = {p.name_th: p for p in Province.objects.all()}
    codes = {}
    for row in rows:
        codes.setdefault(row["province_th"], row["province_code"])
    changed = []
    for name, code in codes.items():
        province = provinces.get(name)
        if province is not None and province.code != code:
            province.code = code
            changed.append(province)
    Province.objects.bulk_update(changed, ["code"])

    known = {re.sub(r"\s+", "", r["subdistrict_th"]): r["subdistrict_en"].strip() for r in rows if r["subdistrict_en"]}
    amphoes = {}
    for row in rows:
        province = provinces.get(row["province_th"])
        if province is None or row["district_code"] in amphoes:
            continue
        name_th = row["district_th"].strip()
        amphoes[row["district_code"]] = Amphoe(
            code=row["district_code"],
            name_th=name_th,
            name_en=place_name_en(name_th, known=known, province_th=province.name_th, province_en=province.name_en),
            province=province,
        )
    Amphoe.objects.bulk_create(
        list(amphoes.values()),
        update_conflicts=True,
        unique_fields=["code"],
        update_fields=["name_th", "name_en", "province"],
        batch_size=1000,
    )
    amphoe_ids = dict(Amphoe.objects.values_list("code", "id"))
    tambons = {}
    for row in rows:
        if row["district_code"] not in amphoe_ids:
            continue
        # a few tambon appear once per postal code: the first row wins
        tambons.setdefault(
            row["subdistrict_code"],
            Tambon(
                code=row["subdistrict_code"],
                name_th=row["subdistrict_th"].strip(),
                name_en=row["subdistrict_en"].strip() or place_name_en(row["subdistrict_th"].strip(), known={}),
                amphoe_id=amphoe_ids[row["district_code"]],
                postal_code=row["postal_code"].strip(),
            ),
        )
    Tambon.objects.bulk_create(
        list(tambons.values()),
        update_conflicts=True,
        unique_fields=["code"],
        update_fields=["name_th", "name_en", "amphoe", "postal_code"],
        batch_size=2000,
    )
    return {"province_codes": len(codes), "amphoes": len(amphoes), "tambons": len(tambons)}


def _romanise(name: str) -> str:
    """RTGS (the Royal Institute system, pythainlp's offline "royin" engine), word by word."""
    from pythainlp.tokenize import word_tokenize
    from pythainlp.transliterate import romanize

    words = [w for w in word_tokenize(name, engine="newmm") if w.strip()]
    return " ".join(romanize(w, engine="royin").capitalize() for w in words)


def place_name_en(name_th: str, *, known: dict[str, str], province_th: str = "", province_en: str = "") -> str:
    """An English name for an amphoe or tambon the gazetteer gives only in Thai (issue 11).

    The gazetteer's own English for a tambon of the same Thai name where there is one (most
    amphoe share their name with a tambon), "Mueang <province>" for the capital district, else
    an RTGS transliteration. Transliterations, not official names: the README and the data notice
    say so.
    """
    bare = re.sub(r"\s+", "", _TAMBON_PREFIX.sub("", _AMPHOE_PREFIX.sub("", name_th or "")))
    if not bare:
        return ""
    if bare.startswith("เมือง") and len(bare) > len("เมือง"):
        rest = bare[len("เมือง") :]
        if rest == re.sub(r"\s+", "", province_th) and province_en:
            return f"Mueang {province_en}"
        return f"Mueang {known.get(rest) or _romanise(rest)}"
    return known.get(bare) or _romanise(bare)


def amphoe_name_normalise(name: str) -> str:
    return re.sub(r"\s+", "", _AMPHOE_PREFIX.sub("", name or ""))


def tambon_name_normalise(name: str) -> str:
    return re.sub(r"\s+", "", _TAMBON_PREFIX.sub("", name or ""))


def amphoe_match(province: Province, name: str) -> Amphoe | None:
    """The amphoe of `province` called `name` once prefixes are dropped ("อ.เมือง" is the
    province's เมือง amphoe), or None."""
    wanted = amphoe_name_normalise(name)
    if not wanted:
        return None
    candidates = {re.sub(r"\s+", "", a.name_th): a for a in Amphoe.objects.filter(province=province)}
    return candidates.get(wanted) or (candidates.get(f"เมือง{province.name_th}") if wanted == "เมือง" else None)


def tambon_match(amphoe: Amphoe, name: str) -> Tambon | None:
    wanted = tambon_name_normalise(name)
    if not wanted:
        return None
    for tambon in Tambon.objects.filter(amphoe=amphoe):
        if re.sub(r"\s+", "", tambon.name_th) == wanted:
            return tambon
    return None
