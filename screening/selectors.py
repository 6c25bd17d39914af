"""Reads of duplicate screening: flags of a request, the guarded flag fetch, the draft check,
budget lines and import batches (STYLE habit 5)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.http import Http404
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from clusters.models import Office, Province
from ministries.models import BudgetLine
from proposals.models import ProjectRequest
from proposals.selectors.requests import access_request
from screening.adapters import text_record, year_index
from screening.models import DuplicateFlag
from screening_engine import Match, highlight_terms

DRAFT_CHECK_LIMIT = 5


def flags_for_request(*, request, include_superseded: bool = False) -> list[DuplicateFlag]:
    queryset = request.duplicate_flags.select_related(
        "budget_line__ministry",
        "budget_line__department",
        "other_request__office",
        "ruled_by",
        "responded_by",
    ).order_by("-screened_revision", "-score", "id")
    if not include_superseded:
        queryset = queryset.current()
    return list(queryset)


def visible_other_request_ids(*, user, flags) -> frozenset[int]:
    """Which counterpart requests of these flags the user may open (issue 13): a flag against
    another office's request must not show that request's title, text or amount to a viewer who
    cannot open it."""
    ids = {flag.other_request_id for flag in flags if flag.other_request_id}
    if not ids:
        return frozenset()
    return frozenset(ProjectRequest.objects.visible_to(user).filter(pk__in=ids).values_list("pk", flat=True))


def access_flag(*, user, flag_id) -> DuplicateFlag:
    """The flag if its request is visible to the user; Http404 for missing and not-yours alike."""
    try:
        flag = DuplicateFlag.objects.select_related("request").get(pk=flag_id)
    except (DuplicateFlag.DoesNotExist, ValueError, TypeError):
        raise Http404("ไม่พบผลการตรวจ") from None
    flag.request = access_request(user=user, request_id=flag.request_id)
    return flag


def highlight(text: str, terms) -> SafeString:
    """`text` escaped, with each matched term wrapped in <mark> (longest first, no overlaps).

    Terms come from the engine's normalised text; OCR spacing differs between documents, so a
    term matches with any run of spaces where it has one."""
    text = text or ""
    patterns = [
        re.escape(t).replace(r"\ ", r"\s+")
        for t in sorted({t for t in terms if t and t.strip()}, key=len, reverse=True)
    ]
    if not patterns:
        return escape(text)
    spans = []
    for m in re.finditer("|".join(patterns), text):
        if m.end() > m.start():
            spans.append((m.start(), m.end()))
    out, last = [], 0
    for start, end in spans:
        out.append(escape(text[last:start]))
        out.append(f"<mark>{escape(text[start:end])}</mark>")
        last = end
    out.append(escape(text[last:]))
    return mark_safe("".join(out))


def flag_texts(flag: DuplicateFlag) -> tuple[str, str]:
    """(the request's text, the counterpart's text) as shown side by side."""
    request = flag.request
    left = request.title if request.source_ref else f"{request.title}\n{request.description}".strip()
    if flag.budget_line_id:
        right = flag.budget_line.item_text
    else:
        other = flag.other_request
        right = other.title if other.source_ref else f"{other.title}\n{other.description}".strip()
    return left, right


@dataclass(frozen=True)
class DraftHit:
    match: Match
    line: BudgetLine
    text: SafeString


def match_terms(match: Match) -> list[str]:
    """Matched terms as strings. The engine may hand back a fact object (e.g. a Site) among
    them; its surface text is what the page highlights."""
    out = []
    for term in match.matched_terms or ():
        if not isinstance(term, str):
            term = getattr(term, "surface", "") or getattr(term, "label", "") or str(term)
        if term and term not in out:
            out.append(term)
    return out


def draft_matches(
    *,
    office: Office,
    fiscal_year: int,
    title: str,
    description: str = "",
    province_ids=(),
    amphoe: str = "",
    tambon: str = "",
    limit: int = DRAFT_CHECK_LIMIT,
) -> list[DraftHit]:
    """Likely duplicates of a request being drafted (nothing is saved): its text and place
    screened against the year's ministry lines, best first."""
    provinces = list(
        Province.objects.filter(pk__in=[p for p in province_ids if str(p).isdigit()]).values_list("name_th", flat=True)
    )
    places = " ".join(
        [f"ตำบล{tambon}" if tambon else "", f"อำเภอ{amphoe}" if amphoe else ""] + [f"จังหวัด{p}" for p in provinces]
    )
    text = " ".join(part for part in (title, description, places) if part).strip()
    if len(text) < 8:
        return []
    record = text_record(ref="draft", fiscal_year=fiscal_year, office=office, text=text)
    built = year_index(fiscal_year)
    matches = built.index.screen(record)[:limit]
    lines = BudgetLine.objects.in_bulk([built.line_ids[m.line_ref] for m in matches if m.line_ref in built.line_ids])
    hits = []
    for m in matches:
        line = lines.get(built.line_ids.get(m.line_ref))
        if line is not None:
            hits.append(DraftHit(m, line, highlight(line.item_text, match_terms(m) or highlight_terms(record.facts))))
    return hits


def requests_with_flags(*, user, fiscal_year=None):
    """Requests this user may see that have current flags (for the screening overview page)."""
    queryset = (
        ProjectRequest.objects.visible_to(user).filter(duplicate_flags__state__in=("open", "answered")).distinct()
    )
    if fiscal_year:
        queryset = queryset.for_fiscal_year(fiscal_year)
    return queryset.select_related("office").order_by("-fiscal_year", "office__name_th", "id")
