"""R1 pages: the central team's list of divergences with the outcome of each meeting (both sides
read their own rows), and a cluster's strategic issues against its provinces'."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from clusters.models import Cluster
from ministries.models import Ministry
from portal.exceptions import ApplicationError
from portal.forms import apply_service_errors
from reviews.forms_divergences import DivergenceForm
from reviews.models import StrategyDivergence
from reviews.permissions import can_keep_divergences, can_see_divergences
from reviews.selectors import divergences as reads
from reviews.services.divergences import divergence_create, divergence_update
from reviews.views.common import fiscal_year_of


def _pick(model, raw):
    return model.objects.filter(pk=int(raw)).first() if raw and raw.isdecimal() else None


@login_required
def divergence_list(request):
    if not can_see_divergences(request.user):
        raise Http404
    fiscal_year = fiscal_year_of(request)
    cluster = _pick(Cluster, request.GET.get("cluster"))
    ministry = _pick(Ministry, request.GET.get("ministry"))
    outcome = request.GET.get("outcome") if request.GET.get("outcome") in StrategyDivergence.Outcome.values else None
    keeper = can_keep_divergences(request.user)
    form = None
    if keeper:
        form = DivergenceForm(request.POST or None, fiscal_year=fiscal_year)
        if request.method == "POST" and form.is_valid():
            try:
                divergence_create(user=request.user, fiscal_year=fiscal_year, **form.cleaned_data)
            except (ValidationError, ApplicationError) as exc:
                apply_service_errors(form, exc)
            else:
                messages.success(request, _("บันทึกรายการความไม่สอดคล้องแล้ว"))
                return redirect(f"{reverse('reviews:divergence-list')}?fiscal_year={fiscal_year}")
    elif request.method == "POST":
        raise Http404
    return render(
        request,
        "reviews/divergence_list.html",
        {
            "fiscal_year": fiscal_year,
            "rows": reads.divergence_list(
                user=request.user, fiscal_year=fiscal_year, cluster=cluster, ministry=ministry, outcome=outcome
            ),
            "candidates": reads.divergence_candidates(fiscal_year=fiscal_year) if keeper else [],
            "form": form,
            "can_keep": keeper,
            "clusters": Cluster.objects.order_by("name_th"),
            "ministries": Ministry.objects.order_by("name_th"),
            "outcomes": StrategyDivergence.Outcome.choices,
            "chosen": {"cluster": cluster, "ministry": ministry, "outcome": outcome},
        },
    )


@login_required
def divergence_detail(request, pk):
    divergence = reads.access_divergence(user=request.user, divergence_id=pk)
    keeper = can_keep_divergences(request.user)
    form = None
    if keeper:
        initial = {
            f: getattr(divergence, f)
            for f in (
                "strategic_issue",
                "ministry",
                "ministry_strategy",
                "degree",
                "description",
                "outcome",
                "outcome_note",
                "meeting_date",
            )
        }
        form = DivergenceForm(request.POST or None, initial=initial, fiscal_year=divergence.fiscal_year)
        if request.method == "POST" and form.is_valid():
            try:
                divergence_update(user=request.user, divergence=divergence, **form.cleaned_data)
            except (ValidationError, ApplicationError) as exc:
                apply_service_errors(form, exc)
            else:
                messages.success(request, _("บันทึกผลการหารือแล้ว"))
                return redirect("reviews:divergence-detail", pk=divergence.pk)
    elif request.method == "POST":
        raise Http404
    return render(request, "reviews/divergence_detail.html", {"row": divergence, "form": form, "can_keep": keeper})


@login_required
def cluster_issues(request):
    """A cluster's strategic issues beside each member province's (000 ประเด็น 1 item 1)."""
    offices = reads.cluster_offices_for(request.user)
    raw = request.GET.get("office", "")
    if raw.isdecimal():
        office = reads.access_cluster_office(user=request.user, office_id=int(raw))
    else:
        office = offices.first()
        if office is None:
            raise Http404
    fiscal_year = fiscal_year_of(request)
    return render(
        request,
        "reviews/cluster_issues.html",
        {"offices": offices, **reads.cluster_issue_comparison(office=office, fiscal_year=fiscal_year)},
    )
