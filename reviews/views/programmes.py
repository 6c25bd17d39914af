"""Pages of the review area: thin (parse, fetch through access_*, call one service, respond)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from portal.exceptions import ApplicationError
from portal.forms import apply_service_errors, flash_form_errors
from reviews import permissions, selectors, services
from reviews.forms import (
    ProgrammeAddForm,
    ProgrammeForm,
)
from reviews.ministry_forms import ProgrammeSupportForm
from reviews.selectors.programme_ranks import programme_rankings, support_candidates
from reviews.services.programme_ranks import (
    can_rank_for,
    programme_rank_move,
    programme_support_add,
    programme_support_withdraw,
)
from reviews.views.common import require

# --- programmes (R16)


@login_required
def programme_list(request):
    can_manage = permissions.can_manage_programmes(request.user)
    form = ProgrammeForm(request.POST or None) if can_manage else None
    if request.method == "POST":
        require(can_manage)
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
                fiscal_year=int(fiscal_year) if (fiscal_year or "").isdecimal() else None
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
            # R16: each ministry's own order, and the ministry reviewer's way in
            "rankings": programme_rankings(user=request.user, programme=programme),
            "support_form": _support_form(request.user, programme),
        },
    )


def _support_form(user, programme, data=None):
    candidates = list(support_candidates(user=user, programme=programme))
    return ProgrammeSupportForm(data, candidates=candidates) if candidates else None


@login_required
@require_POST
def programme_support(request, pk):
    programme = selectors.access_programme(user=request.user, programme_id=pk)
    form = _support_form(request.user, programme, request.POST)
    require(form is not None)
    if not form.is_valid():
        flash_form_errors(request, form)
        return redirect("reviews:programme-detail", pk=programme.pk)
    try:
        programme_support_add(
            user=request.user, programme_id=programme.pk, request_id=int(form.cleaned_data["request"])
        )
    except ApplicationError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("จัดคำขอเข้าแผนงานตามลำดับความสำคัญของกระทรวงแล้ว"))
    return redirect("reviews:programme-detail", pk=programme.pk)


@login_required
@require_POST
def programme_rank_move_view(request, pk, ministry_id, request_id, direction):
    programme = selectors.access_programme(user=request.user, programme_id=pk)
    require(can_rank_for(request.user, ministry_id))
    try:
        programme_rank_move(
            user=request.user,
            programme_id=programme.pk,
            ministry_id=ministry_id,
            request_id=request_id,
            direction=direction,
        )
    except ApplicationError as exc:
        messages.error(request, exc.message)
    return redirect("reviews:programme-detail", pk=programme.pk)


@login_required
@require_POST
def programme_support_withdraw_view(request, pk, ministry_id, request_id):
    programme = selectors.access_programme(user=request.user, programme_id=pk)
    require(can_rank_for(request.user, ministry_id))
    try:
        programme_support_withdraw(
            user=request.user, programme_id=programme.pk, ministry_id=ministry_id, request_id=request_id
        )
    except ApplicationError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("ถอนการสนับสนุนแล้ว"))
    return redirect("reviews:programme-detail", pk=programme.pk)


@login_required
@require_POST
def programme_item_remove(request, pk):
    require(permissions.can_manage_programmes(request.user))
    item = selectors.access_programme_item(user=request.user, item_id=pk)
    services.programme_item_remove(user=request.user, item_id=item.pk)
    messages.success(request, _("นำคำขอออกจากแผนงานแล้ว"))
    return redirect("reviews:programme-detail", pk=item.programme_id)
