"""Reads for joint KPIs and workshops (R13), and their guarded fetches."""

from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404

from library.models import AgreementStatus, JointKPI, RequestKPIAgreement, Workshop
from library.models.kpis import matching_agreement
from portal.roles import scope_of
from proposals.models import RequestKPI
from proposals.workflow import Status

# --- joint KPIs (R13): only what both sides agreed is public
# Drafts are the office's working copy, not an agreement; a withdrawn request's KPI no longer
# binds anyone.
NOT_AGREED = (Status.DRAFT, Status.WITHDRAWN)


def request_joint_kpi_list(*, fiscal_year: int):
    """Requests' joint KPIs the joint ministry agreed to, as they read now."""
    return (
        RequestKPI.objects.filter(is_joint=True, request__fiscal_year=fiscal_year)
        .exclude(request__status__in=NOT_AGREED)
        .filter(matching_agreement(AgreementStatus.AGREED))
        .select_related("request__office", "joint_ministry")
        .order_by("joint_ministry__name_th", "request__office__name_th", "id")
    )


def workshop_joint_kpi_list(*, fiscal_year: int):
    return (
        JointKPI.objects.agreed()
        .filter(fiscal_year=fiscal_year)
        .select_related("ministry", "department", "workshop")
        .prefetch_related("offices")
        .order_by("ministry__name_th", "name")
    )


def joint_kpi_years() -> list[int]:
    years = set(JointKPI.objects.values_list("fiscal_year", flat=True))
    years |= set(Workshop.objects.values_list("fiscal_year", flat=True))
    years |= set(
        RequestKPI.objects.filter(is_joint=True)
        .exclude(request__status__in=NOT_AGREED)
        .values_list("request__fiscal_year", flat=True)
    )
    return sorted(years, reverse=True)


def _party_kpis(user):
    """Joint KPIs this user is a party to (either side), or all for the central team."""
    scope = scope_of(user)
    kpis = JointKPI.objects.all()
    if scope.is_central:
        return kpis
    return kpis.filter(
        Q(ministry__in=scope.reviewer_ministry_ids) | Q(offices__in=scope.office_ids) | Q(created_by=user.pk)
    ).distinct()


def proposal_joint_kpi_list(*, user, fiscal_year: int):
    """Proposals not yet agreed that this user is a party to (to confirm, or to revise)."""
    if not user.is_authenticated:
        return JointKPI.objects.none()
    return (
        _party_kpis(user)
        .not_agreed()
        .filter(fiscal_year=fiscal_year)
        .select_related("ministry", "department", "created_by")
        .prefetch_related("offices")
        .order_by("status", "-updated_at")
    )


def request_kpis_to_answer(*, user, fiscal_year: int):
    """Requests' joint KPIs naming this user's ministry with no answer to what they now say."""
    scope = scope_of(user)
    if not scope.reviewer_ministry_ids:
        return RequestKPI.objects.none()
    return (
        RequestKPI.objects.filter(
            is_joint=True, request__fiscal_year=fiscal_year, joint_ministry__in=scope.reviewer_ministry_ids
        )
        .exclude(request__status__in=NOT_AGREED)
        .exclude(matching_agreement())
        .select_related("request__office", "joint_ministry")
        .order_by("request__office__name_th", "request__reference", "id")
    )


def request_kpi_states(*, request) -> list[dict]:
    """Each KPI of a request with where its joint agreement stands (R13): a joint KPI counts only
    once its ministry agreed to it as it reads now."""
    answers = {
        (a.ministry_id, a.name, a.target, a.unit): a
        for a in RequestKPIAgreement.objects.filter(request=request).select_related("responded_by")
    }
    rows = []
    for kpi in request.kpis.select_related("joint_ministry").order_by("id"):
        answer = answers.get((kpi.joint_ministry_id, kpi.name, kpi.target, kpi.unit)) if kpi.is_joint else None
        state = answer.status if answer else (AgreementStatus.PENDING if kpi.is_joint else "")
        rows.append(
            {
                "kpi": kpi,
                "state": state,
                "state_label": AgreementStatus(state).label if state else "",
                "note": answer.note if answer else "",
                "answered_at": answer.responded_at if answer else None,
            }
        )
    return rows


def access_answerable_request_kpi(*, user, kpi_id: int) -> RequestKPI:
    """A request's joint KPI this user's ministry is named on (past draft); 404 otherwise."""
    scope = scope_of(user)
    return get_object_or_404(
        RequestKPI.objects.filter(is_joint=True, joint_ministry__in=scope.reviewer_ministry_ids)
        .exclude(request__status__in=NOT_AGREED)
        .select_related("request__office", "joint_ministry"),
        pk=kpi_id,
    )


def access_request_joint_kpi(*, user, kpi_id: int) -> RequestKPI:
    """A request's joint KPI whose result the central team records; 404 for anyone else."""
    from library.permissions import can_edit_joint_kpis

    if not can_edit_joint_kpis(user):
        raise Http404
    # a result is reported on what both sides agreed (R13), not on a proposal
    return get_object_or_404(
        RequestKPI.objects.filter(is_joint=True)
        .exclude(request__status__in=NOT_AGREED)
        .filter(matching_agreement(AgreementStatus.AGREED))
        .select_related("request"),
        pk=kpi_id,
    )


def access_joint_kpi(*, user, kpi_id: int) -> JointKPI:
    """A joint KPI this user is a party to (or any, for the central team); 404 otherwise."""
    if not user.is_authenticated:
        raise Http404
    return get_object_or_404(_party_kpis(user).select_related("ministry"), pk=kpi_id)


def joint_kpi_get(*, kpi_id: int, user) -> JointKPI:
    """Read: agreed KPIs are public; a proposal only for its parties."""
    kpi = JointKPI.objects.filter(pk=kpi_id).first()
    if kpi is None:
        raise Http404
    if kpi.status == AgreementStatus.AGREED:
        return kpi
    return access_joint_kpi(user=user, kpi_id=kpi_id)


# --- workshops
def workshop_list(*, fiscal_year: int | None = None):
    workshops = Workshop.objects.prefetch_related("offices", "ministries", "kpis")
    if fiscal_year:
        workshops = workshops.filter(fiscal_year=fiscal_year)
    return workshops.order_by("-held_on", "-id")


def workshop_get(*, workshop_id: int) -> Workshop:
    """Workshops are public records (R13: their outcome is recorded for everyone)."""
    return get_object_or_404(Workshop.objects.prefetch_related("offices", "ministries"), pk=workshop_id)


def workshop_kpis(*, workshop: Workshop):
    return workshop.kpis.agreed().select_related("ministry").prefetch_related("offices").order_by("name")
