"""Who may write in the public channel. Everyone, signed in or not, may read what is published
(R11-R13); these pure predicates serve templates, services and the API's permission classes."""

from portal.roles import scope_of


# --- documents (R11)
def can_publish_document(user, *, office=None, ministry=None) -> bool:
    """Publish a new document for this office and/or ministry. The central team for anyone;
    an office's planners and cluster officers for their office; a ministry's reviewers (or its
    departments' planning units) for the ministry. A document with neither belongs to the
    central team."""
    scope = scope_of(user)
    if scope.is_central:
        return True
    office_id = getattr(office, "pk", office)
    ministry_id = getattr(ministry, "pk", ministry)
    if office_id is None and ministry_id is None:
        return False
    if office_id is not None and office_id in scope.office_ids:
        return True
    return ministry_id is not None and ministry_id in scope.reviewer_ministry_ids


def can_publish_any_document(user) -> bool:
    scope = scope_of(user)
    return scope.is_central or bool(scope.office_ids) or bool(scope.reviewer_ministry_ids)


def can_edit_document(user, document) -> bool:
    return can_publish_document(user, office=document.office_id, ministry=document.ministry_id)


# --- directory (R12)
def can_edit_directory_for(
    user, *, central_agency=None, ministry=None, department=None, office=None, field_office=None
) -> bool:
    """Each organisation keeps its own entries; the central team keeps all of them."""
    scope = scope_of(user)
    if scope.is_central:
        return True
    if ministry is not None:
        return ministry.pk in scope.ministry_ids
    if department is not None:
        return department.pk in scope.department_ids or department.ministry_id in scope.ministry_ids
    if office is not None:
        return office.pk in scope.office_ids
    if field_office is not None:
        return field_office.pk in scope.field_office_ids
    return False  # central agencies' entries: the central team only


def can_edit_directory_entry(user, entry) -> bool:
    return can_edit_directory_for(
        user,
        central_agency=entry.central_agency,
        ministry=entry.ministry,
        department=entry.department,
        office=entry.office,
        field_office=entry.field_office,
    )


def can_add_directory_entry(user) -> bool:
    scope = scope_of(user)
    return scope.is_central or bool(
        scope.ministry_ids or scope.department_ids or scope.office_ids or scope.field_office_ids
    )


# --- mechanisms (R10) and joint KPIs (R13): kept by the central team
def can_edit_mechanisms(user) -> bool:
    return scope_of(user).is_central


def can_edit_joint_kpis(user) -> bool:
    """Record agreed KPIs, workshops and results directly: the central team, who run the workshops."""
    return scope_of(user).is_central


# --- joint KPIs agreed by both sides (R13): one side proposes, the other confirms
def can_propose_joint_kpi(user) -> bool:
    scope = scope_of(user)
    return scope.is_central or bool(scope.office_ids) or bool(scope.reviewer_ministry_ids)


def joint_kpi_side_of(user, *, ministry_id, office_ids) -> str | None:
    """The side this user stands on for a KPI between this ministry and these offices."""
    from library.models import ProposingSide

    scope = scope_of(user)
    if ministry_id in scope.reviewer_ministry_ids:
        return ProposingSide.MINISTRY
    if office_ids and set(office_ids) <= set(scope.office_ids):
        return ProposingSide.AREA
    return None


def _kpi_office_ids(kpi) -> set[int]:
    return {office.pk for office in kpi.offices.all()}


def can_respond_joint_kpi(user, kpi) -> bool:
    """The other side of a pending proposal: the ministry's reviewers for an area's proposal, the
    people of the offices it names for a ministry's. Never its own author (R9's spirit)."""
    from library.models import AgreementStatus, ProposingSide

    if kpi.status != AgreementStatus.PENDING or (kpi.created_by_id and kpi.created_by_id == user.pk):
        return False
    scope = scope_of(user)
    if kpi.proposed_side == ProposingSide.AREA:
        return kpi.ministry_id in scope.reviewer_ministry_ids
    if kpi.proposed_side == ProposingSide.MINISTRY:
        return bool(_kpi_office_ids(kpi) & set(scope.office_ids))
    return False


def can_revise_joint_kpi(user, kpi) -> bool:
    """The central team always; the proposing side while the KPI is not yet agreed."""
    from library.models import AgreementStatus, ProposingSide

    scope = scope_of(user)
    if scope.is_central:
        return True
    if kpi.status == AgreementStatus.AGREED:
        return False
    if kpi.proposed_side == ProposingSide.MINISTRY:
        return kpi.ministry_id in scope.reviewer_ministry_ids
    if kpi.proposed_side == ProposingSide.AREA:
        return bool(_kpi_office_ids(kpi)) and _kpi_office_ids(kpi) <= set(scope.office_ids)
    return False


def can_answer_request_kpi(user, kpi) -> bool:
    """A request's joint KPI is the province's proposal; the joint ministry's reviewers answer."""
    return bool(kpi.is_joint and kpi.joint_ministry_id in scope_of(user).reviewer_ministry_ids)


# --- plans a request cites, zoning proposals (R22)
def can_send_zoning_proposal(user, office=None) -> bool:
    scope = scope_of(user)
    if office is None:
        return bool(scope.office_ids)
    return getattr(office, "pk", office) in scope.office_ids


def can_answer_zoning_proposal(user, proposal) -> bool:
    return proposal.ministry_id in scope_of(user).reviewer_ministry_ids
