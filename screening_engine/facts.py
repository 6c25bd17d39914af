"""Plain-data facts extracted from one budget line, with a JSON-safe round trip.

``Facts.to_dict()`` is what the import stores in a JSONField; ``Facts.from_dict()``
rebuilds the frozen value.  ``FACTS_VERSION`` changes whenever the extractor's
output changes meaning, so stored facts older than it can be re-extracted.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields
from typing import Any

# 2: junction-after-dash, site prefix checks, structure kinds; 3: rural-road ends, gate/weir OCR,
# device vs safety; 4: typed road forms, facilities and their items, renovation (issue 12).
FACTS_VERSION = 4


@dataclass(frozen=True)
class Road:
    """A road the text names.

    kind: ``highway`` (ทางหลวงหมายเลข N), ``rural`` (coded road such as นค.3010),
    ``branch`` (uncoded "สายแยก ทล.N - บ้านX"), ``route`` (uncoded "สาย X - Y").
    role: ``asset`` when the work is on this road, ``junction`` when the road is
    only where another road starts ("แยกทางหลวงหมายเลข 43 - ...").
    sections: per section, the skeleton tokens of its name (endpoints).
    """

    kind: str
    number: str = ""
    role: str = "asset"
    control: tuple[str, ...] = ()
    sections: tuple[tuple[str, ...], ...] = ()
    section_names: tuple[str, ...] = ()
    lot: int | None = None
    branch_of: str = ""
    dest: str = ""
    km_ranges: tuple[tuple[int, int], ...] = ()
    surface: str = ""

    @property
    def label(self) -> str:
        if self.kind == "highway":
            return f"ทางหลวงหมายเลข {self.number}"
        if self.kind == "rural":
            return f"ถนนสาย {self.number}"
        if self.kind == "branch":
            return f"ถนนสายแยก ทล.{self.branch_of} - {self.dest}"
        return "ถนนสาย " + " - ".join(self.section_names[:1] or ("?",))


@dataclass(frozen=True)
class Site:
    """A named water body, facility or landmark ("แม่น้ำป่าสัก", "วัดบัวงาม")."""

    kind: str
    name: str
    key: str
    surface: str = ""

    @property
    def label(self) -> str:
        return self.surface or self.name


@dataclass(frozen=True)
class Facts:
    provinces: tuple[str, ...] = ()
    amphoes: tuple[str, ...] = ()
    tambons: tuple[str, ...] = ()
    villages: tuple[tuple[int, str], ...] = ()  # (หมู่ที่, tambon it belongs to or "")
    roads: tuple[Road, ...] = ()
    sites: tuple[Site, ...] = ()
    work: tuple[str, ...] = ()  # work-kind codes, see vocab.WORK_KINDS
    main_work: tuple[str, ...] = ()  # the kinds named before any "พร้อม..." add-on
    work_from_context: bool = False
    lengths_km: tuple[float, ...] = ()
    counts: tuple[tuple[float, str], ...] = ()
    amount: int | None = None
    grouped: bool = False  # "... รวม N รายการ": many small items, no place
    terms: tuple[tuple[str, str], ...] = ()  # (fact key, surface string) for highlighting
    items: tuple[str, ...] = ()  # skeleton of what is built or bought at a named facility
    renovation: bool = False  # repair/renovation/extension of something that exists
    km_ranges: tuple[tuple[int, int], ...] = ()  # kilometre posts (metres) of a text naming no road
    version: int = FACTS_VERSION

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Facts:
        return _build(cls, data)


_NESTED = {"roads": Road, "sites": Site}


def _tupleize(value: Any) -> Any:
    if isinstance(value, list):
        return tuple(_tupleize(v) for v in value)
    return value


def _build(cls: type, data: dict[str, Any]) -> Any:
    kwargs = {}
    for f in fields(cls):
        if f.name not in data:
            continue
        value = data[f.name]
        if f.name in _NESTED and cls is Facts:
            value = tuple(_build(_NESTED[f.name], v) for v in value or ())
        else:
            value = _tupleize(value)
        kwargs[f.name] = value
    return cls(**kwargs)


def highlight_terms(facts: Facts) -> list[str]:
    """Surface strings worth highlighting in the side-by-side view, longest first."""
    seen = dict.fromkeys(s for _, s in facts.terms if s)
    return sorted(seen, key=len, reverse=True)


__all__ = ["FACTS_VERSION", "Facts", "Road", "Site", "highlight_terms"]
