"""R1 strategy alignment: does a request's province/cluster strategic issue point where the
reviewing ministry's strategies point? (000 ประเด็น 1 item 1-2, 4; 002 ประเด็น 1: a cluster's
target industry may differ from the ministry's, and both sides should see it to meet about it.)

Pure functions on plain values, no ORM: the selector feeds them rows.

Issue 10: the verdict rests on the explicit mapping the central team and the ministries keep
(`MappingRow`s for the year): a strategy with a row takes its verdict and cites the row; one
without says "not mapped yet" (the sector-tag comparison is only a hint in its reason). Called
without a mapping table (`mappings=None`) the sector-tag comparison decides, as before.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

ALIGNED = "aligned"
PARTIAL = "partial"
DIVERGENT = "divergent"
MISSING = "missing"
UNMAPPED = "unmapped"

LABELS = {
    ALIGNED: gettext_lazy("สอดคล้อง"),
    PARTIAL: gettext_lazy("สอดคล้องบางส่วน"),
    DIVERGENT: gettext_lazy("ไม่สอดคล้อง"),
    MISSING: gettext_lazy("ไม่ได้เชื่อมโยง"),
    UNMAPPED: gettext_lazy("ยังไม่ได้จับคู่"),
}

# Words that say nothing about direction: every strategy "develops" and "manages".
_STOP = frozenset(
    {
        "พัฒนา",
        "การ",
        "และ",
        "ของ",
        "เพื่อ",
        "ให้",
        "แบบ",
        "อย่าง",
        "ยั่งยืน",
        "บริหาร",
        "จัดการ",
        "ส่งเสริม",
        "เพิ่ม",
        "ขีดความสามารถ",
        "ความ",
        "สามารถ",
        "ใน",
        "ที่",
        "สู่",
        "เป็น",
        "ด้าน",
        "ยกระดับ",
        "ประสิทธิภาพ",
        "บูรณาการ",
        "เชื่อมโยง",
        "แหล่ง",
        "ระบบ",
        "จังหวัด",
        "กลุ่ม",
        "กลุ่มจังหวัด",
        "ภูมิภาค",
    }
)


@dataclass(frozen=True)
class StrategyRow:
    id: int
    number: int
    title: str
    target_industry: str
    ministry_id: int


@dataclass(frozen=True)
class MappingRow:
    """One row of the year's mapping table: this issue serves this ministry strategy."""

    id: int
    strategy_id: int
    verdict: str  # ALIGNED | PARTIAL
    note: str
    kept_by: str  # "ทีมบูรณาการกลาง" or the ministry's name


@dataclass
class Alignment:
    state: str
    reason: str
    linked_matches: bool | None = None
    matching_strategy_ids: list[int] = field(default_factory=list)
    rows: list[dict] = field(default_factory=list)  # one per ministry strategy, for the table
    mapping_id: int | None = None  # the mapping row the verdict used

    @property
    def label(self) -> str:
        return str(LABELS[self.state])

    def as_dict(self) -> dict:
        return {
            "state": self.state,
            "label": self.label,
            "reason": self.reason,
            "matching_strategy_ids": self.matching_strategy_ids,
            "rows": self.rows,
            "mapping_id": self.mapping_id,
        }


def _norm(text: str) -> str:
    return "".join((text or "").split()).lower()


@lru_cache(maxsize=4096)
def _words(text: str) -> frozenset[str]:
    """Content words of a Thai title (pythainlp's newmm segmentation), stop words dropped."""
    if not text:
        return frozenset()
    from pythainlp.tokenize import word_tokenize  # on first use: pythainlp takes most of a second to import

    tokens = word_tokenize(text, engine="newmm", keep_whitespace=False)
    return frozenset(t for t in tokens if len(t) > 1 and t not in _STOP)


def industries_match(a: str, b: str) -> bool:
    a, b = _norm(a), _norm(b)
    return bool(a and b) and (a == b or a in b or b in a)


def compare(*, issue_title: str, issue_industry: str, strategy: StrategyRow) -> tuple[str, str]:
    """(state, reason) for one issue against one ministry strategy, the reason in the active language."""
    return _compare(issue_title=issue_title, issue_industry=issue_industry, strategy=strategy, language=get_language())


@lru_cache(maxsize=8192)  # the dashboard asks the same pairs for many requests; keyed by language too
def _compare(*, issue_title: str, issue_industry: str, strategy: StrategyRow, language: str | None) -> tuple[str, str]:
    if issue_industry and strategy.target_industry:
        if industries_match(issue_industry, strategy.target_industry):
            return ALIGNED, _("สาขาเป้าหมายตรงกัน: %(s)s") % {"s": strategy.target_industry}
        return DIVERGENT, (
            _("จังหวัด/กลุ่มจังหวัดมุ่งสาขา “%(issue)s” แต่ยุทธศาสตร์กระทรวงมุ่งสาขา “%(strategy)s”")
            % {"issue": issue_industry, "strategy": strategy.target_industry}
        )
    shared = _words(issue_title) & _words(strategy.title)
    if shared:
        return PARTIAL, _("ไม่ได้ระบุสาขาเป้าหมายครบทั้งสองฝ่าย แต่ชื่อยุทธศาสตร์มีคำร่วม: %(words)s") % {
            "words": ", ".join(sorted(shared))
        }
    return DIVERGENT, _("ไม่ได้ระบุสาขาเป้าหมายครบทั้งสองฝ่าย และชื่อยุทธศาสตร์ไม่มีคำร่วมกัน")


def compare_mapped(
    *, issue_title: str, issue_industry: str, strategy: StrategyRow, mappings: dict[int, MappingRow]
) -> tuple[str, str, int | None]:
    """(state, reason, mapping row id) from the mapping table; no row = not mapped yet."""
    row = mappings.get(strategy.id)
    if row is not None:
        reason = _("ตามตารางความสอดคล้อง (แถวที่ %(id)s บันทึกโดย %(by)s)") % {"id": row.id, "by": row.kept_by}
        return row.verdict, f"{reason}: {row.note}" if row.note else reason, row.id
    _state, hint = compare(issue_title=issue_title, issue_industry=issue_industry, strategy=strategy)
    return UNMAPPED, _("ยังไม่ได้จับคู่ประเด็นนี้กับยุทธศาสตร์นี้ในตารางความสอดคล้องของปี (ข้อสังเกต: %(hint)s)") % {"hint": hint}, None


def align(
    *,
    issue_title: str | None,
    issue_industry: str | None,
    linked_strategy: StrategyRow | None,
    reviewing_ministry_id: int | None,
    ministry_strategies: list[StrategyRow],
    mappings: dict[int, MappingRow] | None = None,
) -> Alignment:
    """Compare the request's strategic issue with the strategy it links and with every strategy
    of the reviewing ministry that fiscal year; say which fit and why (with `mappings`, by the
    year's mapping table, citing the row)."""
    if issue_title is None:
        return Alignment(MISSING, _("คำขอยังไม่ได้เชื่อมโยงประเด็นยุทธศาสตร์จังหวัด/กลุ่มจังหวัด"))
    issue_industry = issue_industry or ""

    def judge(strategy: StrategyRow) -> tuple[str, str, int | None]:
        if mappings is None:
            return (*compare(issue_title=issue_title, issue_industry=issue_industry, strategy=strategy), None)
        return compare_mapped(
            issue_title=issue_title, issue_industry=issue_industry, strategy=strategy, mappings=mappings
        )

    rows, matching = [], []
    for strategy in ministry_strategies:
        state, reason, mapping_id = judge(strategy)
        rows.append(
            {
                "id": strategy.id,
                "number": strategy.number,
                "title": strategy.title,
                "target_industry": strategy.target_industry,
                "state": state,
                "label": str(LABELS[state]),
                "reason": reason,
                "mapping_id": mapping_id,
                "is_linked": linked_strategy is not None and strategy.id == linked_strategy.id,
            }
        )
        if state == ALIGNED:
            matching.append(strategy.id)
    if linked_strategy is None:
        if matching:
            return Alignment(
                PARTIAL, _("คำขอยังไม่ได้เลือกยุทธศาสตร์กระทรวง แต่มียุทธศาสตร์ของกระทรวงที่สอดคล้องกับประเด็นนี้"), None, matching, rows
            )
        return Alignment(MISSING, _("คำขอยังไม่ได้เลือกยุทธศาสตร์กระทรวง"), None, matching, rows)
    if reviewing_ministry_id is not None and linked_strategy.ministry_id != reviewing_ministry_id:
        return Alignment(
            DIVERGENT,
            _("ยุทธศาสตร์กระทรวงที่คำขออ้างเป็นของกระทรวงอื่น ไม่ใช่กระทรวงผู้พิจารณา"),
            False,
            matching,
            rows,
        )
    state, reason, mapping_id = judge(linked_strategy)
    if state in (DIVERGENT, UNMAPPED) and matching:
        others = ", ".join(str(r["number"]) for r in rows if r["id"] in matching)
        reason += " " + _("(ยุทธศาสตร์กระทรวงข้อ %(n)s สอดคล้องกับประเด็นนี้)") % {"n": others}
    return Alignment(state, reason, state == ALIGNED, matching, rows, mapping_id)


def common_words(a: str, b: str) -> frozenset[str]:
    """Content words two strategy titles share (for comparing a cluster's issues with its
    provinces', 000 ประเด็น 1 item 1)."""
    return _words(a) & _words(b)
