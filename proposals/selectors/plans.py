"""Reads of action plans."""

from django.db.models import Count, Prefetch, Q, Sum
from django.http import Http404

from proposals.models import ActionPlan, ProjectRequest
from proposals.selectors.requests import locations_prefetch
from proposals.workflow import Status, StatusGroup

PLAN_REQUEST_RELATED = ("office", "category", "strategic_issue", "ministry_strategy__ministry", "merged_into")


def access_plan(*, user, plan_id) -> ActionPlan:
    """The plan if this user may see it; Http404 for "missing" and "not yours" alike."""
    try:
        return (
            ActionPlan.objects.visible_to(user)
            .select_related("office", "office__province", "office__cluster")
            .get(pk=plan_id)
        )
    except (ActionPlan.DoesNotExist, ValueError, TypeError):
        raise Http404("ไม่พบแผนปฏิบัติราชการ") from None


def plan_list(*, user, fiscal_year: int | None = None):
    queryset = (
        ActionPlan.objects.visible_to(user)
        .select_related("office")
        .annotate(
            request_count=Count("requests", filter=~Q(requests__status=Status.MERGED)),
            total_amount=Sum(
                "requests__amount", filter=~Q(requests__status__in=StatusGroup.CLOSED_BY_OWNER_OR_CLUSTER)
            ),
            draft_count=Count("requests", filter=Q(requests__status__in=StatusGroup.EDITABLE)),
        )
        .order_by("-fiscal_year", "office__kind", "office__name_th")
    )
    if fiscal_year:
        queryset = queryset.filter(fiscal_year=fiscal_year)
    return queryset


def plan_requests(*, plan, counted_only: bool = False):
    """The plan's requests in rank order, with what the plan page shows; `counted_only` leaves out
    those withdrawn or merged away (the printed plan lists what it asks for)."""
    queryset = ProjectRequest.objects.filter(plan=plan)
    if counted_only:
        queryset = queryset.exclude(status__in=StatusGroup.CLOSED_BY_OWNER_OR_CLUSTER)
    return (
        queryset.select_related(*PLAN_REQUEST_RELATED)
        .prefetch_related(
            locations_prefetch(),
            Prefetch(
                "merged_sources", queryset=ProjectRequest.objects.only("id", "reference", "plan_id", "merged_into_id")
            ),
        )
        .order_by("priority_rank", "id")
    )


def plan_totals(*, plan) -> dict:
    return (
        ProjectRequest.objects.filter(plan=plan)
        .exclude(status__in=StatusGroup.CLOSED_BY_OWNER_OR_CLUSTER)
        .aggregate(total=Sum("amount"), count=Count("id"))
    )
