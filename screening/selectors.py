"""Reads of duplicate screening: flags of a request, the guarded flag fetch, the draft check,
budget lines and import batches (STYLE habit 5)."""

from __future__ import annotations

import dataclasses
import datetime
import re
from dataclasses import dataclass

from django.conf import settings
from django.db.models import F, Q
from django.http import Http404
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from clusters.models import Office, Province
from ministries.models import BudgetLine
from portal.models import OutboxMessage
from portal.roles import scope_of
from proposals.models import ProjectRequest
from proposals.models.requests import ScreeningState
from proposals.selectors.requests import access_request
from proposals.workflow import Status
from screening.adapters import text_record, year_index
from screening.models import DuplicateFlag, ScreeningRun
from screening_engine import Match, highlight_terms

DRAFT_CHECK_LIMIT = 5
# The tasks that take a request (id, revision) through screening (screening/tasks.py).
SCREENING_TASKS = ("screening.tasks.queue_screening_task", "screening.tasks.screen_request_task")


def flags_for_request(*, request, include_superseded: bool = False) -> list[DuplicateFlag]:
    # issue 15: four joins, not eight (planning time grows steeply with joins; the request page
    # and the decision page run this on every view); the people, usually none, by prefetch
    queryset = (
        request.duplicate_flags.select_related("budget_line__ministry", "other_request__office")
        .prefetch_related("budget_line__department", "owner_answered_by", "ruled_by", "responded_by")
        .order_by("-screened_revision", "-score", "id")
    )
    if not include_superseded:
        queryset = queryset.current()
    return list(queryset)


def screening_progress(*, request) -> tuple[str, str]:
    """Where the screening of the request's current revision honestly stands, as (code, label):
    "queued" while its task waits in the queue (or for the outbox sweeper after a broker outage
    or a killed worker), "running" while a worker holds a live run of it, "done", "failed", or
    "not_started" for a request never submitted (issue 13: the page said "screening" for work
    that had no task at all)."""
    state = request.screening_state
    if state == ScreeningState.DONE and request.screened_revision == request.revision:
        return "done", str(ScreeningState.DONE.label)
    if state == ScreeningState.FAILED:
        return "failed", str(ScreeningState.FAILED.label)
    if request.status in (Status.SUBMITTED, Status.SCREENING) or state == ScreeningState.PENDING:
        live_since = timezone.now() - datetime.timedelta(seconds=settings.CELERY_TASK_TIME_LIMIT)
        running = ScreeningRun.objects.filter(
            request=request,
            revision=request.revision,
            status=ScreeningRun.RunStatus.RUNNING,
            started_at__gte=live_since,
        ).exists()
        return ("running", _("กำลังตรวจสอบ")) if running else ("queued", _("รอคิวตรวจสอบ"))
    if state == ScreeningState.DONE:  # an earlier revision's (the page says which)
        return "done", str(ScreeningState.DONE.label)
    return "not_started", str(ScreeningState.NOT_STARTED.label)


def requests_stranded_in_screening() -> list[int]:
    """Ids of requests waiting for screening (submitted, or screening with the current revision
    not screened) that have neither an undone outbox row that will screen them nor a finished
    run: work that would never happen. Empty by design since the outbox (issue 13 item 2); a
    check for tests and operators."""
    waiting = dict(
        ProjectRequest.objects.filter(status__in=(Status.SUBMITTED, Status.SCREENING))
        .exclude(Q(screening_state=ScreeningState.DONE) & Q(screened_revision=F("revision")))
        .values_list("pk", "revision")
    )
    if not waiting:
        return []
    covered = set()
    for payload in (
        OutboxMessage.objects.pending().filter(task_name__in=SCREENING_TASKS).values_list("payload", flat=True)
    ):
        args, kwargs = payload.get("args") or [None, None], payload.get("kwargs") or {}
        covered.add((kwargs.get("request_id", args[0]), kwargs.get("revision", args[1])))
    covered.update(
        ScreeningRun.objects.filter(
            request_id__in=waiting, status__in=(ScreeningRun.RunStatus.DONE, ScreeningRun.RunStatus.FAILED)
        ).values_list("request_id", "revision")
    )
    return sorted(pk for pk, revision in waiting.items() if (pk, revision) not in covered)


def line_owner_q(user) -> Q:
    """Flags against budget lines this user's ministry or department owns (R6, issue 10); the
    central team reads them all. Never a draft's flags (drafts are screened only as a hint)."""
    scope = scope_of(user)
    if scope.is_central:
        condition = Q(budget_line__isnull=False)
    else:
        condition = Q(pk__in=[])
        if scope.ministry_ids:
            condition |= Q(budget_line__ministry__in=scope.ministry_ids)
        if scope.department_ids:
            condition |= Q(budget_line__department__in=scope.department_ids)
    return condition & ~Q(request__status=Status.DRAFT)


def visible_other_request_ids(*, user, flags) -> frozenset[int]:
    """Which counterpart requests of these flags the user may open (issue 13): a flag against
    another office's request must not show that request's title, text or amount to a viewer who
    cannot open it."""
    ids = {flag.other_request_id for flag in flags if flag.other_request_id}
    if not ids:
        return frozenset()
    return frozenset(ProjectRequest.objects.visible_to(user).filter(pk__in=ids).values_list("pk", flat=True))


def access_flag(*, user, flag_id) -> DuplicateFlag:
    """The flag if its request is visible to the user, or if the flag points at a budget line
    the user's ministry/department owns (two-sided evidence); Http404 for missing and not-yours
    alike."""
    try:
        flag = DuplicateFlag.objects.select_related(
            "request__office", "budget_line__ministry", "budget_line__department", "other_request__office"
        ).get(pk=flag_id)
    except (DuplicateFlag.DoesNotExist, ValueError, TypeError):
        raise Http404("ไม่พบผลการตรวจ") from None
    if DuplicateFlag.objects.filter(line_owner_q(user), pk=flag.pk).exists():
        return flag
    flag.request = access_request(user=user, request_id=flag.request_id)
    return flag


def flags_against_lines(*, user, fiscal_year=None, province=None, level=None, answered=None):
    """ "Requests flagged against our lines": the current flags against budget lines the user's
    ministry or department owns, newest years first, with filters (issue 10)."""
    scope = scope_of(user)
    if not (scope.is_central or scope.ministry_ids or scope.department_ids):
        return DuplicateFlag.objects.none()
    queryset = DuplicateFlag.objects.current().filter(line_owner_q(user))
    if fiscal_year:
        queryset = queryset.filter(request__fiscal_year=fiscal_year)
    if province is not None:
        province_id = getattr(province, "pk", province)
        queryset = queryset.filter(
            Q(request__office__province_id=province_id) | Q(request__locations__province_id=province_id)
        ).distinct()
    if level:
        queryset = queryset.filter(level=level)
    if answered == "yes":
        queryset = queryset.exclude(owner_answer="")
    elif answered == "no":
        queryset = queryset.filter(owner_answer="")
    return queryset.select_related(
        "request__office", "budget_line__ministry", "budget_line__department", "owner_answered_by"
    ).order_by("-request__fiscal_year", "owner_answer", "-score", "id")


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
        Province.objects.filter(pk__in=[p for p in province_ids if str(p).isdecimal()]).values_list(
            "name_th", flat=True
        )
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


# ---------------------------------------------------------------- the state of screening (issue 10)


def screening_current_q() -> Q:
    """Requests whose CURRENT revision has been screened. The agenda's eligibility, the
    send-to-committee guard and the flags page's status line all read this one definition."""
    return Q(screening_state=ScreeningState.DONE, screened_revision=F("revision"))


def screening_is_current(request) -> bool:
    return request.screening_state == ScreeningState.DONE and request.screened_revision == request.revision


@dataclass(frozen=True)
class ScreeningStatus:
    """What the status line says; one reading, never "not screened" beside "1 found"."""

    key: str  # current | pending | failed | outdated | draft | not_started
    label: str
    badge: str  # ok | warn | bad
    next_step: str
    revision: int
    screened_revision: int | None
    # where the work stands right now: (queued | running | done | failed | not_started, label)
    progress: tuple = ("not_started", "")


def screening_status(request) -> ScreeningStatus:
    """The one reading of a request's screening: which revision was screened (the status line)
    and whether its work is queued, running or done (`screening_progress`)."""
    return dataclasses.replace(_revision_status(request), progress=screening_progress(request=request))


def _revision_status(request) -> ScreeningStatus:
    rev, screened = request.revision, request.screened_revision
    if screening_is_current(request):
        return ScreeningStatus(
            "current", _("ตรวจแล้ว (ฉบับที่ %(rev)s ซึ่งเป็นฉบับปัจจุบัน)") % {"rev": rev}, "ok", "", rev, screened
        )
    if request.status == Status.DRAFT:
        return ScreeningStatus(
            "draft", _("ยังไม่ส่ง: ระบบจะตรวจเมื่อส่งคำขอ"), "warn", _("ส่งคำขอเพื่อให้ระบบตรวจความซ้ำซ้อน"), rev, screened
        )
    if request.status == Status.RETURNED:
        return ScreeningStatus(
            "outdated",
            _("ส่งกลับให้แก้ไข: ระบบจะตรวจฉบับใหม่เมื่อส่งคำขออีกครั้ง"),
            "warn",
            _("แก้ไขแล้วส่งคำขออีกครั้ง"),
            rev,
            screened,
        )
    if request.screening_state == ScreeningState.FAILED:
        return ScreeningStatus(
            "failed",
            _("ตรวจฉบับที่ %(rev)s ไม่สำเร็จ") % {"rev": rev},
            "bad",
            _("ผู้พิจารณาหรือทีมบูรณาการกลางกด “ขอตรวจซ้ำ” ได้"),
            rev,
            screened,
        )
    if request.screening_state == ScreeningState.PENDING:
        return ScreeningStatus(
            "pending",
            _("รอตรวจฉบับที่ %(rev)s") % {"rev": rev},
            "warn",
            _("ระบบกำลังตรวจ หากนานเกินไป ผู้พิจารณาหรือทีมบูรณาการกลางกด “ขอตรวจซ้ำ” ได้"),
            rev,
            screened,
        )
    return ScreeningStatus(
        "not_started",
        _("ยังไม่ได้ตรวจฉบับที่ %(rev)s") % {"rev": rev},
        "warn",
        _("ผู้พิจารณาหรือทีมบูรณาการกลางกด “ขอตรวจซ้ำ” เพื่อตรวจฉบับปัจจุบัน"),
        rev,
        screened,
    )
