"""Pages of the review area: thin (parse, fetch through access_*, call one service, respond)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ministries.models import Department, Ministry
from portal.exceptions import ApplicationError
from portal.forms import apply_service_errors, flash_form_errors
from reviews import exports, permissions, selectors, services
from reviews.forms import (
    AgendaDecisionForm,
    AgendaForm,
)
from reviews.views.common import require

# --- the ก.น.จ. agenda


@login_required
def agenda_list(request):
    require(permissions.can_manage_agenda(request.user))
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
            # R19: where the committee may refer a request
            "ministries": Ministry.objects.order_by("name_th"),
            "departments": Department.objects.select_related("ministry").order_by("ministry__name_th", "name_th"),
        },
    )


@login_required
@require_POST
def agenda_add(request, pk):
    agenda = selectors.access_agenda(user=request.user, agenda_id=pk)
    ids = [int(i) for i in request.POST.getlist("request_ids") if i.isdecimal()]
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
                referred_ministry_id=getattr(data["referred_ministry"], "pk", None),
                referred_department_id=getattr(data["referred_department"], "pk", None),
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
