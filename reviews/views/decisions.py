"""Pages of the review area: thin (parse, fetch through access_*, call one service, respond)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import prefetch_related_objects
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from portal.exceptions import ApplicationError
from portal.forms import apply_service_errors, flash_form_errors
from portal.roles import scope_of
from proposals.selectors.requests import request_events
from reviews import permissions, selectors, services
from reviews.forms import (
    AssignForm,
    DecisionForm,
    ReviewerReassignForm,
)

# --- the decision page


def _decision_context(request, req, form=None, assign_form=None):
    prefetch_related_objects([req], "reviews__reviewer")
    decisions = services.decisions_open_to(request.user, req)
    alignment = selectors.strategy_alignment(request=req)
    events = request_events(request=req)
    return {
        "req": req,
        "alignment": alignment,
        "decisions": decisions,
        "form": form or DecisionForm(decisions=decisions),
        "assign_form": assign_form or AssignForm(colleagues=selectors.colleagues_of(request.user)),
        "can_decide": bool(decisions),
        # R9: the decision card says why someone who also plans for the province sees no buttons
        "own_request": permissions.can_decide_request(request.user, req) and not decisions,
        "opinions": [r for r in req.reviews.all() if r.opinion],
        "envelope": selectors.envelope_for_request(req),
        "framework": selectors.framework_warning_for(
            category_id=req.category_id,
            fiscal_year=req.fiscal_year,
            funding_channel=req.funding_channel,
            target_ministry_id=req.target_ministry_id,
            partner_ministry_ids=selectors.partner_ministry_ids(req),
        ),
        "events": events,
        "reviews": list(req.reviews.all()),
        "can_manage_envelope": bool(scope_of(request.user).reviewer_ministry_ids),
        "assignment_event": selectors.reviewer_assignment_event(request=req, events=events),
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
    if request.method == "POST":
        return _decide_post(request, pk)
    req = selectors.access_review_request(user=request.user, request_id=pk)
    if not permissions.can_view_review_page(request.user, req):
        raise Http404
    return render(request, "reviews/decide.html", _decision_context(request, req))


def _decide_post(request, pk):
    # issue 15: the page's context is built only when the page is shown again (a refused
    # decision); a decision taken redirects to the queue
    req = selectors.access_review_request(user=request.user, request_id=pk, shown=False)
    if not permissions.can_view_review_page(request.user, req):
        raise Http404
    decisions = services.decisions_open_to(request.user, req)
    if not decisions:
        messages.error(request, _("คำขอนี้ไม่ได้รอการพิจารณาของท่านแล้ว (สถานะ “%(s)s”)") % {"s": req.get_status_display()})
        return redirect("reviews:decide", pk=req.pk)
    form = DecisionForm(request.POST, decisions=decisions)
    if form.is_valid():
        try:
            review = services.review_record(
                user=request.user,
                request_id=req.pk,
                decision=form.cleaned_data["decision"],
                comment=form.cleaned_data["comment"],
                alignment=selectors.strategy_alignment(request=req).as_dict(),
                opinion=form.cleaned_data.get("opinion") or "",
            )
        except ApplicationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(
                request,
                _("%(decision)s คำขอ %(ref)s แล้ว") % {"decision": review.get_decision_display(), "ref": req.reference},
            )
            return redirect("reviews:queue")
    shown = selectors.access_review_request(user=request.user, request_id=pk)
    return render(request, "reviews/decide.html", _decision_context(request, shown, form=form), status=400)


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
