"""Joint KPI pages (R13): one page per fiscal year with what both sides agreed; the proposals a
user is party to; proposing, answering and revising; the central team's results."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from library import selectors, services
from library.forms import JointKPIForm, RequestKPIResultForm
from library.forms_agreements import AnswerForm, JointKPIProposalForm
from library.permissions import (
    can_answer_request_kpi,
    can_edit_joint_kpis,
    can_propose_joint_kpi,
    can_respond_joint_kpi,
    can_revise_joint_kpi,
)
from portal.exceptions import ApplicationError
from portal.forms import apply_service_errors
from portal.models import FiscalYear


def _default_year() -> int:
    current = FiscalYear.objects.current()
    if current is not None:
        return current.year
    years = selectors.joint_kpi_years()
    return years[0] if years else 2554


def joint_kpis(request, year=None):
    if year is None:
        raw = request.GET.get("fiscal_year", "")
        year = int(raw) if raw.isdecimal() and 2500 <= int(raw) <= 2700 else _default_year()
    years = sorted(set(selectors.joint_kpi_years()) | {year, _default_year()}, reverse=True)
    user = request.user
    proposals = [
        {"kpi": kpi, "can_respond": can_respond_joint_kpi(user, kpi), "can_revise": can_revise_joint_kpi(user, kpi)}
        for kpi in selectors.proposal_joint_kpi_list(user=user, fiscal_year=year)
    ]
    return render(
        request,
        "library/joint_kpis.html",
        {
            "year": year,
            "years": years,
            "request_kpis": selectors.request_joint_kpi_list(fiscal_year=year),
            "workshop_kpis": selectors.workshop_joint_kpi_list(fiscal_year=year),
            "proposals": proposals,
            "to_answer": selectors.request_kpis_to_answer(user=user, fiscal_year=year),
            "workshops": selectors.workshop_list(fiscal_year=year),
            "answer_form": AnswerForm(),
            "can_edit": can_edit_joint_kpis(user),
            "can_propose": can_propose_joint_kpi(user),
        },
    )


def _form_for(user, *args, **kwargs):
    if can_edit_joint_kpis(user):
        return JointKPIForm(*args, **kwargs)
    return JointKPIProposalForm(*args, user=user, **kwargs)


@login_required
def joint_kpi_create(request):
    if not can_propose_joint_kpi(request.user):
        raise PermissionDenied
    form = _form_for(
        request.user,
        request.POST or None,
        initial={"fiscal_year": request.GET.get("fiscal_year") or _default_year()},
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            kpi = services.joint_kpi_create(user=request.user, offices=data.pop("offices"), **data)
        except (ValidationError, ApplicationError) as exc:
            apply_service_errors(form, exc)
        else:
            if kpi.is_agreed:
                messages.success(request, _("บันทึกตัวชี้วัดร่วมแล้ว"))
            else:
                messages.success(request, _("ส่งข้อเสนอตัวชี้วัดร่วมแล้ว รออีกฝ่ายยืนยัน"))
            return redirect("library:joint-kpis-year", year=kpi.fiscal_year)
    title = _("บันทึกตัวชี้วัดร่วมจากการประชุมเชิงปฏิบัติการ") if can_edit_joint_kpis(request.user) else _("เสนอตัวชี้วัดร่วม")
    return render(
        request, "library/form_page.html", {"form": form, "title": title, "back_url": reverse("library:joint-kpis")}
    )


@login_required
def joint_kpi_edit(request, kpi_id):
    kpi = selectors.access_joint_kpi(user=request.user, kpi_id=kpi_id)
    if not can_revise_joint_kpi(request.user, kpi):
        raise Http404
    form = _form_for(request.user, request.POST or None, instance=kpi)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            kpi = services.joint_kpi_update(user=request.user, kpi=kpi, offices=data.pop("offices"), **data)
        except (ValidationError, ApplicationError) as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, _("บันทึกตัวชี้วัดร่วมแล้ว"))
            return redirect("library:joint-kpis-year", year=kpi.fiscal_year)
    return render(
        request,
        "library/form_page.html",
        {"form": form, "title": _("แก้ไขตัวชี้วัดร่วม"), "back_url": reverse("library:joint-kpis")},
    )


def _answer(request, *, call, year, anchor=""):
    form = AnswerForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(str(m) for errors in form.errors.values() for m in errors))
    else:
        try:
            call(agree=form.cleaned_data["decision"] == "agree", note=form.cleaned_data["note"])
        except (ValidationError, ApplicationError) as exc:
            messages.error(request, " ".join(getattr(exc, "messages", [str(exc)])))
        else:
            messages.success(request, _("บันทึกความเห็นแล้ว"))
    return redirect(reverse("library:joint-kpis-year", args=[year]) + anchor)


@login_required
@require_POST
def joint_kpi_respond(request, kpi_id):
    kpi = selectors.access_joint_kpi(user=request.user, kpi_id=kpi_id)
    if not can_respond_joint_kpi(request.user, kpi):
        raise Http404
    return _answer(
        request,
        call=lambda **kw: services.joint_kpi_respond(user=request.user, kpi=kpi, **kw),
        year=kpi.fiscal_year,
        anchor="#proposals-h",
    )


@login_required
@require_POST
def request_kpi_answer(request, kpi_id):
    """The joint ministry answers a request's joint KPI; back to the request page if asked."""
    kpi = selectors.access_answerable_request_kpi(user=request.user, kpi_id=kpi_id)
    if not can_answer_request_kpi(request.user, kpi):
        raise Http404
    response = _answer(
        request,
        call=lambda **kw: services.request_kpi_respond(user=request.user, kpi=kpi, **kw),
        year=kpi.request.fiscal_year,
        anchor="#to-answer-h",
    )
    if request.POST.get("next") == "request":
        return redirect(reverse("proposals:request-detail", args=[kpi.request_id]) + "#request-kpis")
    return response


@login_required
@require_POST
def request_kpi_result(request, kpi_id):
    kpi = selectors.access_request_joint_kpi(user=request.user, kpi_id=kpi_id)
    form = RequestKPIResultForm(request.POST)
    if form.is_valid():
        try:
            services.request_kpi_result_record(user=request.user, kpi=kpi, result=form.cleaned_data["result"])
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("บันทึกผลการดำเนินงานแล้ว"))
    else:
        messages.error(request, _("ผลการดำเนินงานยาวเกินไป (ไม่เกิน 200 ตัวอักษร)"))
    return redirect("library:joint-kpis-year", year=kpi.request.fiscal_year)
