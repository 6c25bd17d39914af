"""Pages of the review area: thin (parse, fetch through access_*, call one service, respond)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import prefetch_related_objects
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from ministries.models import Department, Ministry, WorkCategory
from portal.exceptions import ApplicationError
from portal.forms import apply_service_errors, flash_form_errors
from portal.redirects import redirect_next
from portal.roles import scope_of
from portal.scoping import MAX_ID
from proposals.models import ActionPlan, ProjectRequest
from proposals.selectors.requests import request_events
from reviews import exports, permissions, selectors, services
from reviews.filters import PER_PAGE_CHOICES
from reviews.forms import (
    AgendaDecisionForm,
    AgendaForm,
    AssignForm,
    BulkForm,
    DecisionForm,
    EnvelopeForm,
    EnvelopeRaiseForm,
    ProgrammeAddForm,
    ProgrammeForm,
    ReviewerReassignForm,
    RuleCellForm,
    RuleCellPickForm,
    StrategyMappingForm,
    current_year,
)


def _fiscal_year(request) -> int:
    try:
        return int(request.GET.get("fiscal_year") or request.POST.get("fiscal_year") or current_year() or 0)
    except ValueError:
        return current_year() or 0


def _require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


def _per_page(request) -> int:
    try:
        value = int(request.GET.get("per_page", 25))
    except ValueError:
        value = 25
    return value if value in PER_PAGE_CHOICES else 25


# --- the reviewer's queue (issue 5 item 1)


@login_required
def queue(request):
    _require(permissions.can_view_review_queue(request.user))
    filterset = selectors.review_queue(user=request.user, filters=request.GET)
    queryset = filterset.qs
    page = Paginator(queryset, _per_page(request)).get_page(request.GET.get("page"))
    colleagues = selectors.colleagues_of(request.user)
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "reviews/queue.html",
        {
            "filter": filterset,
            "page": page,
            "counts": selectors.queue_counts(queryset),
            "bulk_form": BulkForm(colleagues=colleagues, scope=scope_of(request.user)),
            "query": query.urlencode(),
            "per_page_choices": PER_PAGE_CHOICES,
            "per_page": _per_page(request),
        },
    )


@login_required
@require_POST
def bulk(request):
    _require(permissions.can_view_review_queue(request.user))
    ids = [i for i in request.POST.getlist("ids") if i.isdigit() and int(i) <= MAX_ID]
    form = BulkForm(
        request.POST,
        colleagues=selectors.colleagues_of(request.user),
        request_ids=[int(i) for i in ids],
        scope=scope_of(request.user),
    )
    if not form.is_valid():
        flash_form_errors(request, form)
        return redirect_next(request, "reviews:queue")
    try:
        outcomes = services.reviews_bulk_apply(
            user=request.user,
            request_ids=form.cleaned_data["ids"],
            action=form.cleaned_data["action"],
            comment=form.cleaned_data["comment"],
            assignee=form.cleaned_data["assignee"],
        )
    except ApplicationError as exc:
        messages.error(request, exc.message)
        return redirect(reverse("reviews:queue"))
    return render(
        request,
        "reviews/bulk_result.html",
        {
            "outcomes": outcomes,
            "action_label": dict(BulkForm.ACTIONS)[form.cleaned_data["action"]],
            "succeeded": sum(o.ok for o in outcomes),
            "refused": sum(not o.ok for o in outcomes),
        },
    )


# --- the decision page


def _decision_context(request, req, form=None, assign_form=None):
    prefetch_related_objects([req], "reviews__reviewer")
    decisions = services.decisions_for_status(req.status) if permissions.can_decide_request(request.user, req) else []
    alignment = selectors.strategy_alignment(request=req)
    return {
        "req": req,
        "alignment": alignment,
        "decisions": decisions,
        "form": form or DecisionForm(decisions=decisions),
        "assign_form": assign_form or AssignForm(colleagues=selectors.colleagues_of(request.user)),
        "can_decide": bool(decisions),
        "envelope": selectors.envelope_for_request(req),
        "framework": selectors.framework_warning_for(
            category_id=req.category_id,
            fiscal_year=req.fiscal_year,
            funding_channel=req.funding_channel,
            target_ministry_id=req.target_ministry_id,
        ),
        "events": request_events(request=req),
        "reviews": list(req.reviews.all()),
        "can_manage_envelope": bool(scope_of(request.user).reviewer_ministry_ids),
        "assignment_event": selectors.reviewer_assignment_event(request=req),
        "can_consent_merge": services.can_consent_merge(request.user, req),
        "has_merge_consent": services.has_merge_consent(req),
        "reassign_form": ReviewerReassignForm(
            initial={"ministry": req.reviewing_ministry_id, "department": req.reviewing_department_id}
        )
        if permissions.can_reassign_reviewer(request.user, req)
        else None,
    }


@login_required
def decide(request, pk):
    req = selectors.access_review_request(user=request.user, request_id=pk)
    if not permissions.can_view_review_page(request.user, req):
        raise Http404
    if request.method == "POST":
        context = _decision_context(request, req)
        if not context["decisions"]:
            messages.error(
                request, _("คำขอนี้ไม่ได้รอการพิจารณาของท่านแล้ว (สถานะ “%(s)s”)") % {"s": req.get_status_display()}
            )
            return redirect("reviews:decide", pk=req.pk)
        form = DecisionForm(request.POST, decisions=context["decisions"])
        if form.is_valid():
            try:
                review = services.review_record(
                    user=request.user,
                    request_id=req.pk,
                    decision=form.cleaned_data["decision"],
                    comment=form.cleaned_data["comment"],
                    alignment=context["alignment"].as_dict(),
                )
            except ApplicationError as exc:
                apply_service_errors(form, exc)
            else:
                messages.success(
                    request,
                    _("%(decision)s คำขอ %(ref)s แล้ว")
                    % {"decision": review.get_decision_display(), "ref": req.reference},
                )
                return redirect("reviews:queue")
        context["form"] = form
        return render(request, "reviews/decide.html", context, status=400)
    return render(request, "reviews/decide.html", _decision_context(request, req))


@login_required
@require_POST
def assign(request, pk):
    req = selectors.access_review_request(user=request.user, request_id=pk)
    form = AssignForm(request.POST, colleagues=selectors.colleagues_of(request.user))
    if form.is_valid():
        try:
            services.review_assign(user=request.user, request_id=req.pk, assignee=form.cleaned_data["assignee"])
        except ApplicationError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("มอบหมายผู้พิจารณาแล้ว"))
    else:
        messages.error(request, _("กรุณาเลือกผู้รับมอบหมาย"))
    return redirect("reviews:decide", pk=req.pk)


@login_required
@require_POST
def reassign_reviewer(request, pk):
    """The central team moves a request to another reviewing ministry (issue 10)."""
    req = selectors.access_review_request(user=request.user, request_id=pk)
    form = ReviewerReassignForm(request.POST)
    if not form.is_valid():
        flash_form_errors(request, form)
        return redirect("reviews:decide", pk=req.pk)
    try:
        services.request_reviewer_reassign(
            user=request.user,
            request_id=req.pk,
            ministry_id=form.cleaned_data["ministry"].pk,
            department_id=getattr(form.cleaned_data["department"], "pk", None),
            reason=form.cleaned_data["reason"],
        )
    except ApplicationError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(
            request,
            _("เปลี่ยนผู้พิจารณาคำขอ %(ref)s เป็น %(m)s แล้ว และแจ้งผู้พิจารณาแล้ว")
            % {"ref": req.reference, "m": form.cleaned_data["department"] or form.cleaned_data["ministry"]},
        )
    return redirect("reviews:decide", pk=req.pk)


@login_required
@require_POST
def merge_consent(request, pk):
    """The reviewing ministry lets the cluster merge a request in its review (issue 10)."""
    req = selectors.access_review_request(user=request.user, request_id=pk)
    try:
        services.merge_consent_give(user=request.user, request_id=req.pk, note=request.POST.get("note", "")[:2000])
    except ApplicationError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(
            request, _("ยินยอมให้กลุ่มจังหวัดรวมคำขอ %(ref)s แล้ว และแจ้งเจ้าหน้าที่กลุ่มจังหวัดแล้ว") % {"ref": req.reference}
        )
    return redirect("reviews:decide", pk=req.pk)


# --- R1 mapping table (issue 10)


def _mapping_form(request, fiscal_year, data=None):
    scope = scope_of(request.user)
    return StrategyMappingForm(
        data, fiscal_year=fiscal_year, ministry_ids=None if scope.is_central else scope.reviewer_ministry_ids
    )


@login_required
def alignment_map(request):
    """The year's mapping between strategic issues and ministry strategies (R1): the central team
    sees and keeps every row, a ministry the rows of its own strategies."""
    if not selectors.can_see_mappings(request.user):
        raise Http404
    fiscal_year = _fiscal_year(request)
    form = _mapping_form(request, fiscal_year, request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            try:
                services.strategy_mapping_set(
                    user=request.user,
                    fiscal_year=fiscal_year,
                    strategic_issue_id=form.cleaned_data["strategic_issue"].pk,
                    ministry_strategy_id=form.cleaned_data["ministry_strategy"].pk,
                    verdict=form.cleaned_data["verdict"],
                    note=form.cleaned_data["note"],
                )
            except ApplicationError as exc:
                apply_service_errors(form, exc)
            else:
                messages.success(request, _("บันทึกความสอดคล้องแล้ว"))
                return redirect(f"{reverse('reviews:alignment-map')}?fiscal_year={fiscal_year}")
    rows = selectors.mappings_visible_to(request.user, fiscal_year=fiscal_year)
    return render(
        request,
        "reviews/alignment_map.html",
        {"rows": rows, "form": form, "fiscal_year": fiscal_year},
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_POST
def alignment_map_delete(request, pk):
    services.strategy_mapping_delete(user=request.user, mapping_id=pk)
    messages.success(request, _("ลบแถวความสอดคล้องแล้ว"))
    return redirect(f"{reverse('reviews:alignment-map')}?fiscal_year={_fiscal_year(request)}")


# --- responsibility framework (R5)


@login_required
def framework(request):
    fiscal_year = _fiscal_year(request)
    return render(
        request,
        "reviews/framework.html",
        {
            "matrix": selectors.framework_matrix(fiscal_year=fiscal_year),
            "fiscal_year": fiscal_year,
            "can_manage": permissions.can_manage_framework(request.user),
            "pick_form": RuleCellPickForm(),
        },
    )


@login_required
def framework_cell(request, category_id, ministry_id):
    _require(permissions.can_manage_framework(request.user))
    category = WorkCategory.objects.filter(pk=category_id).first()
    ministry = Ministry.objects.filter(pk=ministry_id).first()
    if category is None or ministry is None:
        raise Http404
    fiscal_year = _fiscal_year(request)
    rule = selectors.rule_for_cell(category_id=category.pk, ministry_id=ministry.pk, fiscal_year=fiscal_year)
    initial = {
        "owned": rule is not None,
        "department": rule.department_id if rule else None,
        "province_may_fund": rule.province_may_fund if rule else False,
        "note": rule.note if rule else "",
    }
    form = RuleCellForm(request.POST or None, initial=initial, ministry=ministry)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.responsibility_rule_set(
                user=request.user,
                category_id=category.pk,
                ministry_id=ministry.pk,
                fiscal_year=fiscal_year,
                owned=data["owned"],
                department_id=data["department"].pk if data["department"] else None,
                province_may_fund=data["province_may_fund"],
                note=data["note"],
            )
        except ApplicationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, _("บันทึกกรอบความรับผิดชอบแล้ว"))
            return redirect(f"{reverse('reviews:framework')}?fiscal_year={fiscal_year}")
    return render(
        request,
        "reviews/framework_cell.html",
        {
            "form": form,
            "category": category,
            "ministry": ministry,
            "rule": rule,
            "fiscal_year": fiscal_year,
        },
    )


@login_required
@require_GET
def framework_pick(request):
    _require(permissions.can_manage_framework(request.user))
    form = RuleCellPickForm(request.GET)
    if not form.is_valid():
        messages.error(request, _("กรุณาเลือกหมวดงานและกระทรวง"))
        return redirect("reviews:framework")
    url = reverse("reviews:framework-cell", args=[form.cleaned_data["category"].pk, form.cleaned_data["ministry"].pk])
    return redirect(f"{url}?fiscal_year={_fiscal_year(request)}")


@login_required
@require_GET
def framework_check(request):
    """htmx fragment for the planner's request form: the R5 warning for the chosen category.
    The fiscal year comes from the form's plan (one the planner may see) or the year given."""
    fiscal_year = None
    plan_id = request.GET.get("plan")
    if plan_id and plan_id.isdigit():
        plan = ActionPlan.objects.visible_to(request.user).filter(pk=plan_id).only("fiscal_year").first()
        fiscal_year = plan.fiscal_year if plan else None
    if fiscal_year is None:
        fiscal_year = _fiscal_year(request)
    category = request.GET.get("category")
    warning = selectors.framework_warning_for(
        category_id=int(category) if category and category.isdigit() else None,
        fiscal_year=fiscal_year,
        funding_channel=request.GET.get("funding_channel") or None,
        target_ministry_id=request.GET.get("target_ministry")
        if (request.GET.get("target_ministry") or "").isdigit()
        else None,
    )
    return render(request, "reviews/includes/framework_check.html", {"warning": warning})


# --- support envelopes (R15)


@login_required
def envelope_list(request):
    scope = scope_of(request.user)
    _require(scope.is_central or bool(scope.reviewer_ministry_ids))
    ministries = Ministry.objects.filter(pk__in=scope.reviewer_ministry_ids)
    departments = Department.objects.filter(ministry__in=scope.ministry_ids) | Department.objects.filter(
        pk__in=scope.department_ids
    )
    form = None
    if scope.reviewer_ministry_ids:
        form = EnvelopeForm(
            request.POST or None, user=request.user, ministries=ministries, departments=departments.distinct()
        )
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            try:
                envelope = services.envelope_create(
                    user=request.user,
                    ministry_id=data["ministry"].pk,
                    fiscal_year=data["fiscal_year"],
                    department_id=data["department"].pk if data["department"] else None,
                    base_budget=data["base_budget"] or 0,
                    share_percent=data["share_percent"],
                    fixed_amount=data["fixed_amount"],
                    note=data["note"],
                )
            except (ApplicationError, ValidationError) as exc:
                apply_service_errors(form, exc)
            else:
                messages.success(request, _("กำหนดกรอบวงเงินสนับสนุนแล้ว"))
                return redirect("reviews:envelope-detail", pk=envelope.pk)
    elif request.method == "POST":
        raise PermissionDenied
    fiscal_year = request.GET.get("fiscal_year")
    return render(
        request,
        "reviews/envelope_list.html",
        {
            "envelopes": selectors.envelope_list(
                user=request.user, fiscal_year=int(fiscal_year) if (fiscal_year or "").isdigit() else None
            ),
            "form": form,
        },
        status=400 if (form is not None and form.errors) else 200,
    )


@login_required
def envelope_detail(request, pk):
    envelope = selectors.access_envelope(user=request.user, envelope_id=pk)
    can_manage = permissions.can_manage_envelope(request.user, envelope)
    form = None
    if can_manage:
        initial = {
            "base_budget": envelope.base_budget,
            "share_percent": envelope.share_percent,
            "fixed_amount": envelope.fixed_amount,
        }
        form = EnvelopeRaiseForm(request.POST or None, initial=initial)
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            try:
                services.envelope_raise(
                    user=request.user,
                    envelope_id=envelope.pk,
                    reason=data["reason"],
                    base_budget=data["base_budget"],
                    share_percent=data["share_percent"],
                    fixed_amount=data["fixed_amount"],
                )
            except (ApplicationError, ValidationError) as exc:
                apply_service_errors(form, exc)
            else:
                messages.success(request, _("ปรับกรอบวงเงินแล้ว"))
                return redirect("reviews:envelope-detail", pk=envelope.pk)
    elif request.method == "POST":
        raise PermissionDenied
    return render(
        request,
        "reviews/envelope_detail.html",
        {
            "envelope": envelope,
            "draws": selectors.envelope_draws(envelope=envelope),
            "changes": selectors.envelope_changes(envelope=envelope),
            "form": form,
            "can_manage": can_manage,
        },
        status=400 if (form is not None and form.errors) else 200,
    )


# --- programmes (R16)


@login_required
def programme_list(request):
    can_manage = permissions.can_manage_programmes(request.user)
    form = ProgrammeForm(request.POST or None) if can_manage else None
    if request.method == "POST":
        _require(can_manage)
        if form.is_valid():
            data = form.cleaned_data
            try:
                programme = services.programme_create(
                    user=request.user,
                    name=data["name"],
                    fiscal_year=data["fiscal_year"],
                    kind=data["kind"],
                    description=data["description"],
                )
            except (ApplicationError, ValidationError) as exc:
                apply_service_errors(form, exc)
            else:
                messages.success(request, _("สร้างแผนงานแล้ว"))
                return redirect("reviews:programme-detail", pk=programme.pk)
    fiscal_year = request.GET.get("fiscal_year")
    return render(
        request,
        "reviews/programme_list.html",
        {
            "programmes": selectors.programme_list(
                fiscal_year=int(fiscal_year) if (fiscal_year or "").isdigit() else None
            ),
            "form": form,
            "can_manage": can_manage,
        },
    )


@login_required
def programme_detail(request, pk):
    programme = selectors.access_programme(user=request.user, programme_id=pk)
    can_manage = permissions.can_manage_programmes(request.user)
    form = None
    if can_manage:
        form = ProgrammeAddForm(request.POST or None, candidates=selectors.programme_candidates(programme=programme))
        if request.method == "POST" and form.is_valid():
            try:
                services.programme_item_add(
                    user=request.user, programme_id=programme.pk, request_id=int(form.cleaned_data["request"])
                )
            except ApplicationError as exc:
                apply_service_errors(form, exc)
            else:
                messages.success(request, _("จัดคำขอเข้าแผนงานแล้ว"))
                return redirect("reviews:programme-detail", pk=programme.pk)
    elif request.method == "POST":
        raise PermissionDenied
    return render(
        request,
        "reviews/programme_detail.html",
        {
            "programme": programme,
            "items": selectors.programme_items(user=request.user, programme=programme),
            "form": form,
            "can_manage": can_manage,
        },
    )


@login_required
@require_POST
def programme_item_remove(request, pk):
    _require(permissions.can_manage_programmes(request.user))
    item = selectors.access_programme_item(user=request.user, item_id=pk)
    services.programme_item_remove(user=request.user, item_id=item.pk)
    messages.success(request, _("นำคำขอออกจากแผนงานแล้ว"))
    return redirect("reviews:programme-detail", pk=item.programme_id)


# --- the ก.น.จ. agenda


@login_required
def agenda_list(request):
    _require(permissions.can_manage_agenda(request.user))
    form = AgendaForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            agenda = services.agenda_create(
                user=request.user,
                committee=data["committee"],
                meeting=data["meeting"],
                fiscal_year=data["fiscal_year"],
                title=data["title"],
            )
        except (ApplicationError, ValidationError) as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, _("สร้างวาระแล้ว"))
            return redirect("reviews:agenda-detail", pk=agenda.pk)
    return render(
        request,
        "reviews/agenda_list.html",
        {"agendas": selectors.agenda_list(), "form": form},
        status=400 if form.errors else 200,
    )


@login_required
def agenda_detail(request, pk):
    agenda = selectors.access_agenda(user=request.user, agenda_id=pk)
    items = selectors.agenda_items(agenda=agenda)
    return render(
        request,
        "reviews/agenda_detail.html",
        {
            "agenda": agenda,
            "items": items,
            "summary": selectors.agenda_summary(items),
            "eligible": list(selectors.agenda_eligible_requests(fiscal_year=agenda.fiscal_year))
            if agenda.is_draft
            else [],
            "held_back": list(selectors.agendas_held_back(fiscal_year=agenda.fiscal_year)) if agenda.is_draft else [],
            "decision_form": AgendaDecisionForm(),
        },
    )


@login_required
@require_POST
def agenda_add(request, pk):
    agenda = selectors.access_agenda(user=request.user, agenda_id=pk)
    ids = [int(i) for i in request.POST.getlist("request_ids") if i.isdigit()]
    if not ids:
        messages.error(request, _("กรุณาเลือกคำขออย่างน้อย 1 รายการ"))
    added, refused = 0, []
    references = selectors.request_references(ids)  # messages name requests as people do (issue 10)
    for request_id in ids:
        name = references.get(request_id, f"#{request_id}")
        try:
            services.agenda_item_add(user=request.user, agenda_id=agenda.pk, request_id=request_id)
            added += 1
        except ApplicationError as exc:
            message = exc.message if name in exc.message else f"{name}: {exc.message}"
            refused.append(message)
        except Http404:
            refused.append(f"{name}: {_('ไม่พบคำของบประมาณ')}")
    if added:
        messages.success(request, _("เพิ่มเข้าวาระแล้ว %(n)s รายการ") % {"n": added})
    for line in refused:
        messages.error(request, line)
    return redirect("reviews:agenda-detail", pk=agenda.pk)


@login_required
@require_POST
def agenda_finalise(request, pk):
    agenda = selectors.access_agenda(user=request.user, agenda_id=pk)
    try:
        services.agenda_finalise(user=request.user, agenda_id=agenda.pk)
        messages.success(request, _("สรุปวาระแล้ว"))
    except ApplicationError as exc:
        messages.error(request, exc.message)
    return redirect("reviews:agenda-detail", pk=agenda.pk)


@login_required
@require_POST
def agenda_decide(request, pk, item_id):
    agenda = selectors.access_agenda(user=request.user, agenda_id=pk)
    form = AgendaDecisionForm(request.POST)
    if not agenda.items.filter(pk=item_id).exists():
        raise Http404
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.agenda_item_decide(
                user=request.user,
                item_id=item_id,
                decision=data["decision"],
                approved_amount=data["approved_amount"],
                note=data["note"],
            )
            messages.success(request, _("บันทึกมติแล้ว"))
        except ApplicationError as exc:
            messages.error(request, exc.message)
    else:
        flash_form_errors(request, form)
    return redirect(f"{reverse('reviews:agenda-detail', args=[agenda.pk])}#item-{item_id}")


@login_required
def agenda_xlsx(request, pk):
    agenda = selectors.access_agenda(user=request.user, agenda_id=pk)
    stream = exports.agenda_pack_xlsx(agenda=agenda)
    return FileResponse(
        stream,
        as_attachment=True,
        filename=exports.agenda_filename(agenda),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )


@login_required
def agenda_print(request, pk):
    agenda = selectors.access_agenda(user=request.user, agenda_id=pk)
    items = selectors.agenda_items(agenda=agenda)
    for item in items:
        item.flag_text = selectors.flag_rulings_text(item.request)
        item.approved_value = selectors.approved_amount_of(item)
    return render(
        request,
        "reviews/agenda_print.html",
        {
            "agenda": agenda,
            "items": items,
            "summary": selectors.agenda_summary(items),
        },
    )


# --- dashboard (issue 5 item 6)


@login_required
def dashboard(request):
    _require(permissions.can_view_dashboard(request.user))
    fiscal_year = _fiscal_year(request)
    return render(
        request,
        "reviews/dashboard.html",
        {
            "fiscal_year": fiscal_year,
            "data_url": f"{reverse('reviews:dashboard-data')}?fiscal_year={fiscal_year}",
            "alignment": selectors.alignment_summary(
                ProjectRequest.objects.visible_to(request.user).filter(fiscal_year=fiscal_year)
            ),
        },
    )


@login_required
def dashboard_data(request):
    _require(permissions.can_view_dashboard(request.user))
    return JsonResponse(
        selectors.dashboard_data(user=request.user, fiscal_year=_fiscal_year(request)),
        json_dumps_params={"ensure_ascii": False},
    )
