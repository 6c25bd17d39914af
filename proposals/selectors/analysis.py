"""Reads for the plan's analysis section (R3): its problems compared by severity."""

from django.db.models import Case, IntegerField, Value, When

from proposals.models import PlanAnalysis, Severity
from proposals.workflow import StatusGroup

# most severe first; an unassessed problem last so it shows as the gap it is
SEVERITY_ORDER = {Severity.CRITICAL: 1, Severity.HIGH: 2, Severity.MEDIUM: 3, Severity.LOW: 4}


def severity_rank():
    return Case(
        *[When(severity=k, then=Value(v)) for k, v in SEVERITY_ORDER.items()],
        default=Value(9),
        output_field=IntegerField(),
    )


def plan_problem_table(*, plan) -> list:
    """The plan's requests (not withdrawn or merged away) ordered by severity, then the
    province's priority rank: the table printed and published with the plan."""
    return list(
        plan.requests.exclude(status__in=StatusGroup.CLOSED_BY_OWNER_OR_CLUSTER)
        .select_related("category")
        .annotate(severity_order=severity_rank())
        .order_by("severity_order", "priority_rank", "id")
    )


def plan_analysis_get(*, plan) -> PlanAnalysis | None:
    return PlanAnalysis.objects.filter(plan=plan).first()
