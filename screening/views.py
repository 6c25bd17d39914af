"""HTML views of duplicate screening (thin: parse, fetch through access_*, call one service)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from portal.exceptions import ApplicationError
from portal.forms import flash_form_errors
from portal.models import FiscalYear
from portal.redirects import redirect_next
from portal.roles import scope_of
from proposals.selectors.requests import access_request
from screening.forms import DraftCheckForm, FlagResponseForm, FlagRulingForm, LineFlagFilterForm, OwnerAnswerForm
from screening.permissions import can_check_draft, can_see_line_flags
from screening.selectors import access_flag, draft_matches, flags_against_lines, requests_with_flags
from screening.services import flag_owner_answer, flag_respond, flag_rule, request_rescreen


def _back(request, flag, default="screening:request-flags"):
    if default == "screening:flag-detail":
        return redirect_next(request, default, flag_id=flag.pk)
    return redirect_next(request, default, request_id=flag.request_id)


@login_required
@require_GET
def request_flags(request, request_id):
    """The request's screening results on their own page (the request page includes the same block)."""
    req = access_request(user=request.user, request_id=request_id)
    return render(request, "screening/request_flags_page.html", {"req": req})


@login_required
@require_GET
def flag_overview(request):
    """Requests with flags waiting for an answer or a ruling, among those this user sees."""
    year = request.GET.get("fiscal_year")
    year = int(year) if year and year.isdecimal() else None
    rows = requests_with_flags(user=request.user, fiscal_year=year)[:500]
    return render(request, "screening/overview.html", {"rows": rows, "fiscal_year": year})


@login_required
@require_POST
def flag_respond_view(request, flag_id):
    flag = access_flag(user=request.user, flag_id=flag_id)
    form = FlagResponseForm(request.POST)
    if not form.is_valid():
        flash_form_errors(request, form)
        return _back(request, flag)
    try:
        flag_respond(flag_id=flag.pk, user=request.user, kind=form.cleaned_data["kind"], text=form.cleaned_data["text"])
    except ApplicationError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("บันทึกคำชี้แจงแล้ว"))
    return _back(request, flag)


@login_required
@require_POST
def flag_rule_view(request, flag_id):
    flag = access_flag(user=request.user, flag_id=flag_id)
    form = FlagRulingForm(request.POST)
    if not form.is_valid():
        flash_form_errors(request, form)
        return _back(request, flag)
    try:
        result = flag_rule(
            flag_id=flag.pk,
            user=request.user,
            duplicate=form.cleaned_data["decision"] == "duplicate",
            reason=form.cleaned_data["reason"],
        )
    except ApplicationError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("บันทึกการวินิจฉัยแล้ว และส่งคำขอกลับให้แก้ไข") if result.returned else _("บันทึกการวินิจฉัยแล้ว"))
    return _back(request, flag)


@login_required
@require_POST
def request_rescreen_view(request, request_id):
    """The reviewer or the central team asks for the current revision to be screened again."""
    req = access_request(user=request.user, request_id=request_id)
    try:
        req = request_rescreen(user=request.user, request_id=req.pk, reason=request.POST.get("reason", ""))
    except ApplicationError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(
            request,
            _("ขอตรวจซ้ำคำขอ %(ref)s ฉบับที่ %(rev)s แล้ว ผลตรวจจะแสดงในหน้านี้เมื่อระบบตรวจเสร็จ")
            % {"ref": req.reference, "rev": req.revision},
        )
    return redirect_next(request, "screening:request-flags", request_id=req.pk)


@login_required
@require_GET
def flag_detail(request, flag_id):
    """One flag with its evidence: for the request's own readers and for the ministry or
    department whose budget line it points at (two-sided evidence, R6)."""
    flag = access_flag(user=request.user, flag_id=flag_id)
    return render(request, "screening/flag_detail.html", {"flag": flag, "req": flag.request})


@login_required
@require_POST
def flag_owner_answer_view(request, flag_id):
    flag = access_flag(user=request.user, flag_id=flag_id)
    form = OwnerAnswerForm(request.POST)
    if not form.is_valid():
        flash_form_errors(request, form)
        return _back(request, flag, default="screening:flag-detail")
    try:
        flag_owner_answer(
            flag_id=flag.pk, user=request.user, answer=form.cleaned_data["answer"], note=form.cleaned_data["note"]
        )
    except ApplicationError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(
            request,
            _("บันทึกคำตอบต่อผลตรวจของคำขอ %(ref)s แล้ว สำนักงานเจ้าของคำขอและผู้พิจารณาจะเห็นคำตอบนี้")
            % {"ref": flag.request.reference},
        )
    return _back(request, flag, default="screening:flag-detail")


@login_required
@require_GET
def line_flags(request):
    """ "Requests flagged against our lines" for a ministry's or department's reviewers."""
    if not can_see_line_flags(request.user):
        raise Http404("ไม่พบหน้านี้")
    form = LineFlagFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_bound and form.is_valid() else {}
    rows = flags_against_lines(
        user=request.user,
        fiscal_year=filters.get("fiscal_year"),
        province=filters.get("province"),
        level=filters.get("level"),
        answered=filters.get("answered"),
    )
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    return render(request, "screening/line_flags.html", {"form": form, "page": page})


def _draft_context(request, form):
    """Office and fiscal year of the draft: the request being edited, the chosen plan, or the
    planner's own office; Http404/PermissionDenied rather than guessing someone else's."""
    data = form.cleaned_data
    if data.get("request_id"):
        req = access_request(user=request.user, request_id=data["request_id"])
        return req.office, req.fiscal_year
    from proposals.models import ActionPlan

    plan_id = request.POST.get("plan")
    if plan_id and plan_id.isdecimal():
        plan = ActionPlan.objects.visible_to(request.user).select_related("office").filter(pk=plan_id).first()
        if plan is None:
            raise Http404("ไม่พบแผน")
        return plan.office, plan.fiscal_year
    from clusters.models import Office

    office_ids = scope_of(request.user).office_ids
    office_id = data.get("office") or (min(office_ids) if office_ids else None)
    if office_id not in office_ids:
        raise PermissionDenied
    year = data.get("fiscal_year") or getattr(FiscalYear.objects.current(), "year", None)
    if year is None:
        raise Http404("ยังไม่ได้กำหนดปีงบประมาณ")
    return Office.objects.select_related("province", "cluster").get(pk=office_id), year


def _posted(request, suffix: str) -> list[str]:
    """Values of form fields named `suffix` or `<prefix>-<suffix>` (the location formset)."""
    return [v for k, values in request.POST.lists() if k == suffix or k.endswith(f"-{suffix}") for v in values if v]


@login_required
@require_POST
def draft_check(request):
    """htmx: likely duplicates of the request being drafted (nothing is saved)."""
    if not can_check_draft(request.user):
        raise PermissionDenied
    form = DraftCheckForm(request.POST)
    hits, error = [], ""
    if form.is_valid():
        office, year = _draft_context(request, form)
        hits = draft_matches(
            office=office,
            fiscal_year=year,
            title=form.cleaned_data["title"],
            description=form.cleaned_data["description"],
            province_ids=_posted(request, "province"),
            amphoe=" ".join(_posted(request, "amphoe"))[:100],
            tambon=" ".join(_posted(request, "tambon"))[:100],
        )
    else:
        error = _("ข้อความยาวเกินกว่าที่ตรวจได้")
    return render(
        request, "screening/includes/draft_check_results.html", {"hits": hits, "error": error, "checked": True}
    )
