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
    return scope_of(user).is_central
