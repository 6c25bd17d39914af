from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import prefetch_related_objects
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from portal.exceptions import ApplicationError, ConflictError
from portal.forms import apply_service_errors
from proposals import permissions
from proposals.filters import RequestFilter
from proposals.forms import AttachmentForm, RequestForm, TransitionForm, child_formsets, child_rows
from proposals.models import ProjectRequest
from proposals.selectors.plans import access_plan
from proposals.selectors.requests import (
    FORM_RELATED,
    SUBMIT_RELATED,
    access_attachment,
    access_request,
    locations_prefetch,
    request_detail_get,
    request_events,
    request_list,
    request_steps,
)
from proposals.services import excel
from proposals.services.attachments import attachment_add, attachment_delete
from proposals.services.requests import CONTENT_FIELDS, request_create, request_update
from proposals.services.transitions import request_transition
from proposals.services.workflow_rules import submission_problems
from proposals.steps import NEW_REQUEST_STEP, STEP_KEYS
from proposals.views import error_text, paginate
from proposals.views.plans import _xlsx
from proposals.workflow import Action


@login_required
def request_list_view(request):
    queryset = request_list(user=request.user, table=True)
    filterset = RequestFilter(request.GET or None, queryset=queryset, request=request)
    rows = filterset.qs if filterset.is_bound and filterset.is_valid() else queryset
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "proposals/request_list.html",
        {
            "filter": filterset,
            "page": paginate(request, rows),
            "query": query.urlencode(),
        },
    )


@login_required
def request_export_view(request):
    filterset = RequestFilter(request.GET or None, queryset=request_list(user=request.user), request=request)
    rows = filterset.qs if filterset.is_bound and filterset.is_valid() else filterset.queryset
    return _xlsx(excel.requests_export_xlsx(requests=rows[:20000]), "requests.xlsx")


def _save_request(request, *, form, formsets, plan=None, target=None):
    """Validate the form and its rows, call the service. Returns (saved request or None, the
    ConflictError if someone else saved first)."""
    if not (form.is_valid() and all(fs.is_valid() for fs in formsets.values())):
        return None, None
    rows = child_rows(formsets)
    try:
        if target is None:
            saved = request_create(
                user=request.user,
                plan_id=plan.pk,
                data=form.content(),
                locations=rows.get("locations") or None,  # a first step has no rows: its province
                kpis=rows.get("kpis", []),
                stakeholders=rows.get("stakeholders", []),
                year_amounts=rows.get("year_amounts", []),
                rank=form.requested_rank(),
            )
        else:
            saved = request_update(
                user=request.user,
                request_id=target.pk,
                expected_revision=form.cleaned_data.get("revision") or 0,
                data=form.content(),
                locations=rows.get("locations"),
                kpis=rows.get("kpis"),
                stakeholders=rows.get("stakeholders"),
                year_amounts=rows.get("year_amounts"),
                rank=form.requested_rank(),
            )
        return saved, None
    except ValidationError as exc:
        apply_service_errors(form, exc)
    except ConflictError as exc:
        form.add_error(None, exc.message)
        return None, exc
    except ApplicationError as exc:
        apply_service_errors(form, exc)
    return None, None


@login_required
def request_create_view(request, plan_pk):
    plan = access_plan(user=request.user, plan_id=plan_pk)
    if not permissions.can_add_request(request.user, plan):
        raise PermissionDenied
    data = request.POST if request.method == "POST" else None
    # issue 11: a new request opens on its first step (?step=all shows the whole form); a post
    # without ?step (API-like clients, older bookmarks) is the whole form as before
    wanted = request.GET.get("step")
    step = NEW_REQUEST_STEP[0] if (wanted == NEW_REQUEST_STEP[0] or (data is None and wanted != "all")) else None
    lists = {}  # option lists the form and its rows share
    form = RequestForm(
        data,
        user=request.user,
        office=plan.office,
        fiscal_year=plan.fiscal_year,
        plan=plan,
        step=step,
        choice_lists=lists,
    )
    formsets = child_formsets(
        data=data, office=plan.office, fiscal_year=plan.fiscal_year, step=step, choice_lists=lists
    )
    if data is not None:
        saved, _conflict = _save_request(request, form=form, formsets=formsets, plan=plan)
        if saved:
            messages.success(request, _("บันทึกคำขอ %(ref)s เป็นฉบับร่างแล้ว") % {"ref": saved.reference})
            if "save_next" in request.POST:
                return redirect(f"{reverse('proposals:request-edit', args=[saved.pk])}?step={STEP_KEYS[1]}")
            return redirect("proposals:request-detail", pk=saved.pk)
    context = {"form": form, "formsets": formsets, "plan": plan, "object": None, "step": step}
    context["new_step_label"] = NEW_REQUEST_STEP[1] if step else None
    return render(request, "proposals/request_form.html", context)


@login_required
def request_edit_view(request, pk):
    target = access_request(user=request.user, request_id=pk, related=FORM_RELATED)
    if not permissions.can_edit_request(request.user, target):
        raise PermissionDenied
    data = request.POST if request.method == "POST" else None
    step = request.GET.get("step") if request.GET.get("step") in STEP_KEYS else None
    lists = {}  # option lists the form and its rows share
    form = RequestForm(
        data,
        user=request.user,
        instance=target if data is None else None,
        office=target.office,
        fiscal_year=target.fiscal_year,
        step=step,
        plan=target.plan,
        choice_lists=lists,
    )
    formsets = child_formsets(
        data=data,
        request=target,
        office=target.office,
        fiscal_year=target.fiscal_year,
        step=step,
        choice_lists=lists,
    )
    conflict = None
    if data is not None:
        saved, conflict_error = _save_request(request, form=form, formsets=formsets, target=target)
        if saved:
            messages.success(request, _("บันทึกการแก้ไขแล้ว (ฉบับที่ %(rev)s)") % {"rev": saved.revision})
            following = STEP_KEYS[STEP_KEYS.index(step) + 1 : STEP_KEYS.index(step) + 2] if step else ()
            if following and "save_next" in request.POST:
                return redirect(f"{reverse('proposals:request-edit', args=[saved.pk])}?step={following[0]}")
            return redirect("proposals:request-detail", pk=saved.pk)
        if conflict_error is not None:
            # Nothing is lost: the other person's save stays, this user's input is shown back
            # beside it field by field, and the form now carries the current revision so a
            # deliberate second save goes through.
            current = ProjectRequest.objects.select_related(
                "category", "strategic_issue", "ministry_strategy", "target_ministry"
            ).get(pk=target.pk)
            conflict = {"revision": current.revision, "changes": [], "message": conflict_error.message}
            for name in CONTENT_FIELDS:
                if name not in form.fields:
                    continue  # a step's form compares only its own fields
                theirs, mine = getattr(current, name), form.cleaned_data.get(name)
                if (getattr(theirs, "pk", theirs) or "") != (getattr(mine, "pk", mine) or ""):
                    conflict["changes"].append(
                        {"label": ProjectRequest._meta.get_field(name).verbose_name, "theirs": theirs, "mine": mine}
                    )
            data = data.copy()
            data["revision"] = str(current.revision)
            form = RequestForm(
                data,
                user=request.user,
                office=target.office,
                fiscal_year=target.fiscal_year,
                step=step,
                plan=target.plan,
            )
            form.is_valid()
            form.add_error(None, conflict_error.message)
    return render(
        request,
        "proposals/request_form.html",
        {
            "form": form,
            "formsets": formsets,
            "plan": target.plan,
            "object": target,
            "conflict": conflict,
            "step": step,
            "steps": request_steps(request=target),
        },
    )


@login_required
def request_detail_view(request, pk):
    target = request_detail_get(user=request.user, request_id=pk)
    merged_into_visible = (
        bool(target.merged_into_id)
        and ProjectRequest.objects.visible_to(request.user).filter(pk=target.merged_into_id).exists()
    )
    can_edit = permissions.can_edit_request(request.user, target)
    return render(
        request,
        "proposals/request_detail.html",
        {
            "object": target,
            "req": target,
            "transitions": [
                {"action": str(t.action), "label": Action(t.action).label, "needs_comment": t.needs_comment}
                for t in permissions.transitions_for_buttons(request.user, target)
            ],
            "can_edit": can_edit,
            "problems": submission_problems(target) if target.is_editable else [],
            "merged_into_visible": merged_into_visible,
            "attachment_form": AttachmentForm() if can_edit else None,  # the page shows it to editors only
            # R19: the ministry ก.น.จ. referred the request to answers on its referral page
            "referred_to_me": permissions.is_referred_to(request.user, target),
        },
    )


@login_required
def request_submit_confirm_view(request, pk):
    """What is about to be sent, before it is sent (issue 11): submitting cannot be undone by the
    planner, so the detail page's submit button leads here and this page's button posts it."""
    target = access_request(user=request.user, request_id=pk, related=SUBMIT_RELATED)
    if not any(str(t.action) == Action.SUBMIT for t in permissions.transitions_for_buttons(request.user, target)):
        raise PermissionDenied
    # what the summary lists (the detail page's other rows are not shown here)
    prefetch_related_objects([target], locations_prefetch())
    return render(
        request,
        "proposals/request_submit_confirm.html",
        {"object": target, "problems": submission_problems(target)},
    )


@login_required
def request_history_view(request, pk):
    target = access_request(user=request.user, request_id=pk)
    return render(
        request, "proposals/request_history.html", {"object": target, "events": request_events(request=target)}
    )


@login_required
@require_POST
def request_transition_view(request, pk):
    # the service reads the row again under its lock
    target = access_request(user=request.user, request_id=pk, related=())
    form = TransitionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("ข้อมูลไม่ครบ"))
        return redirect("proposals:request-detail", pk=target.pk)
    try:
        moved = request_transition(
            request_id=target.pk,
            action=form.cleaned_data["action"],
            user=request.user,
            comment=form.cleaned_data["comment"],
        )
    except (ApplicationError, ValidationError) as exc:
        messages.error(request, error_text(exc))
    else:
        messages.success(request, _("ดำเนินการแล้ว: %(status)s") % {"status": moved.get_status_display()})
    return redirect("proposals:request-detail", pk=target.pk)


@login_required
@require_POST
def attachment_add_view(request, pk):
    target = access_request(user=request.user, request_id=pk)
    form = AttachmentForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("กรุณาเลือกไฟล์"))
    else:
        try:
            attachment_add(
                user=request.user,
                request_id=target.pk,
                uploaded=form.cleaned_data["file"],
                description=form.cleaned_data["description"],
            )
        except (ApplicationError, ValidationError) as exc:
            messages.error(request, error_text(exc))
        else:
            messages.success(request, _("แนบไฟล์แล้ว"))
    return redirect("proposals:request-detail", pk=target.pk)


@login_required
def attachment_download_view(request, pk):
    attachment = access_attachment(user=request.user, attachment_id=pk)
    try:
        handle = attachment.file.open("rb")
    except FileNotFoundError:
        raise Http404("ไม่พบไฟล์") from None
    return FileResponse(
        handle, as_attachment=True, filename=attachment.original_name, content_type=attachment.content_type
    )


@login_required
@require_POST
def attachment_delete_view(request, pk):
    attachment = access_attachment(user=request.user, attachment_id=pk)
    try:
        attachment_delete(user=request.user, attachment_id=attachment.pk)
    except ApplicationError as exc:
        messages.error(request, error_text(exc))
    else:
        messages.success(request, _("ลบไฟล์แนบแล้ว"))
    return redirect("proposals:request-detail", pk=attachment.request_id)
