"""Industrial-zoning proposals (R22; 002 ประเด็น 2): the area sends, the ministry receives and
answers. Everything is scoped: another office's or another ministry's proposal answers 404."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from library import selectors, services
from library.forms_agreements import ZoningAnswerForm, ZoningProposalForm
from library.models import ZoningStatus
from library.permissions import can_answer_zoning_proposal, can_send_zoning_proposal
from portal.exceptions import ApplicationError
from portal.forms import apply_service_errors


@login_required
def zoning_list(request):
    raw = request.GET.get("fiscal_year", "")
    year = int(raw) if raw.isdecimal() and 2500 <= int(raw) <= 2700 else None
    status = request.GET.get("status") if request.GET.get("status") in ZoningStatus.values else None
    return render(
        request,
        "library/zoning_list.html",
        {
            "proposals": selectors.zoning_proposal_list(user=request.user, fiscal_year=year, status=status),
            "can_send": can_send_zoning_proposal(request.user),
            "statuses": ZoningStatus.choices,
            "status": status,
            "year": year,
        },
    )


@login_required
def zoning_create(request):
    if not can_send_zoning_proposal(request.user):
        raise PermissionDenied
    form = ZoningProposalForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            proposal = services.zoning_proposal_send(
                user=request.user, office=data.pop("office"), ministry=data.pop("ministry"), **data
            )
        except (ValidationError, ApplicationError) as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, _("ส่งข้อเสนอถึงกระทรวงแล้ว"))
            return redirect("library:zoning-detail", proposal_id=proposal.pk)
    return render(
        request,
        "library/form_page.html",
        {"form": form, "title": _("เสนอความต้องการจัดพื้นที่/เขตอุตสาหกรรม"), "back_url": reverse("library:zoning-list")},
    )


@login_required
def zoning_detail(request, proposal_id):
    proposal = selectors.access_zoning_proposal(user=request.user, proposal_id=proposal_id)
    return render(
        request,
        "library/zoning_detail.html",
        {
            "proposal": proposal,
            "can_answer": can_answer_zoning_proposal(request.user, proposal),
            "answer_form": ZoningAnswerForm(initial={"answer": proposal.answer}),
        },
    )


@login_required
@require_POST
def zoning_receive(request, proposal_id):
    proposal = selectors.access_zoning_proposal(user=request.user, proposal_id=proposal_id)
    if not can_answer_zoning_proposal(request.user, proposal):
        raise Http404
    try:
        services.zoning_proposal_receive(user=request.user, proposal=proposal)
    except (ValidationError, ApplicationError) as exc:
        messages.error(request, " ".join(getattr(exc, "messages", [str(exc)])))
    else:
        messages.success(request, _("รับเรื่องแล้ว"))
    return redirect("library:zoning-detail", proposal_id=proposal.pk)


@login_required
@require_POST
def zoning_answer(request, proposal_id):
    proposal = selectors.access_zoning_proposal(user=request.user, proposal_id=proposal_id)
    if not can_answer_zoning_proposal(request.user, proposal):
        raise Http404
    form = ZoningAnswerForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("กรุณากรอกคำตอบ"))
    else:
        try:
            services.zoning_proposal_answer(user=request.user, proposal=proposal, answer=form.cleaned_data["answer"])
        except (ValidationError, ApplicationError) as exc:
            messages.error(request, " ".join(getattr(exc, "messages", [str(exc)])))
        else:
            messages.success(request, _("บันทึกคำตอบแล้ว"))
    return redirect("library:zoning-detail", proposal_id=proposal.pk)
