"""R9 (000 ประเด็น 2 item 3): the capacity a person acts in on a request.

A field office's staff act for the ministry's budget and for the province's; one person may hold
both memberships (the demo's tsj_khonkaen). Every event records which of the workflow table's
actor kinds the actor used and the organisation it stood for, frozen in Thai when written, so the
history shows "as ทสจ.ขอนแก่น" or "as the province planner of ขอนแก่น" long after memberships change.
"""

from django.utils import translation
from django.utils.translation import gettext as _

from portal.models import Membership, Role
from portal.roles import scope_of
from proposals.permissions import actor_kinds
from proposals.workflow import (
    AUTHORING_EVENTS,
    CENTRAL,
    CLUSTER,
    FIELD_OFFICE,
    MINISTRY,
    OWNER,
    REFERRED_TO,
    Status,
    transition_for,
)

# Which capacity an event of each sort was most likely taken in, when the actor holds several.
_AUTHOR_ORDER = (OWNER, CLUSTER, CENTRAL, MINISTRY, FIELD_OFFICE, REFERRED_TO)
_REVIEW_ORDER = (MINISTRY, FIELD_OFFICE, REFERRED_TO, CENTRAL, CLUSTER, OWNER)
_BY_STATUS = {Status.FIELD_REVIEW: FIELD_OFFICE, Status.REFERRED: REFERRED_TO}


def capacity_kind(*, user, request, kind: str) -> str:
    """The actor kind `user` acted in for an event of `kind` on `request`; "" when none applies
    (a budget line's owner answering a flag on a request it does not review, say)."""
    if user is None:
        return ""
    held = actor_kinds(user, request)
    transition = transition_for(kind)
    if transition is not None:
        held = held & transition.actors or held
        order = _AUTHOR_ORDER if kind in AUTHORING_EVENTS else _REVIEW_ORDER
    elif kind in AUTHORING_EVENTS:
        order = _AUTHOR_ORDER
    else:
        first = _BY_STATUS.get(request.status)
        order = ((first,) if first else ()) + _REVIEW_ORDER
    return next((k for k in order if k in held), "")


def _organisation(*, user, request, kind: str) -> str:
    if kind == OWNER:
        role = Role.CLUSTER_OFFICER if request.office.kind == "cluster" else Role.PROVINCE_PLANNER
        return f"{role.label} · {request.office.name}"
    if kind == MINISTRY:
        org = request.reviewing_department or request.reviewing_ministry
        return f"{Role.MINISTRY_REVIEWER.label} · {org}"
    if kind == FIELD_OFFICE:
        return f"{Role.FIELD_OFFICE_REVIEWER.label} · {request.routed_field_office}"
    if kind == REFERRED_TO:
        org = request.referred_department or request.referred_ministry
        return f"{_('กระทรวง/กรมที่ ก.น.จ. ส่งให้พิจารณาสนับสนุน')} · {org}"
    if kind == CLUSTER:
        membership = (
            Membership.objects.active()
            .filter(user=user, role=Role.CLUSTER_OFFICER)
            .select_related("office")
            .order_by("pk")
            .first()
        )
        return f"{Role.CLUSTER_OFFICER.label} · {membership.office.name_th if membership else ''}".strip(" ·")
    if kind == CENTRAL:
        return str(Role.ADMINISTRATOR.label if not scope_of(user).central_agency_ids else Role.CENTRAL_TEAM.label)
    return ""


def _memberships_text(user) -> str:
    rows = (
        Membership.objects.active()
        .filter(user=user)
        .select_related("office", "ministry", "department", "field_office", "central_agency")
    )
    parts = []
    for m in rows.order_by("pk"):
        org = m.department or m.ministry or m.field_office or m.office or m.central_agency
        parts.append(f"{m.get_role_display()} · {org}" if org else str(m.get_role_display()))
    return "; ".join(parts)


_ORG_ID = {
    OWNER: "office_id",
    MINISTRY: "reviewing_department_id",
    FIELD_OFFICE: "routed_field_office_id",
    REFERRED_TO: "referred_department_id",
}


def capacity_describe(*, user, request, kind: str) -> tuple[str, str]:
    """(actor kind, Thai label of the organisation acted for) for an event; ("", "") for the
    system. The label is written in Thai whatever the actor's language: it is part of the record.
    Labels are cached on the user object, so a plan's re-ranking costs no query per request."""
    if user is None:
        return "", ""
    cache = user.__dict__.setdefault("_capacity_labels", {})
    with translation.override("th"):
        actor_kind = capacity_kind(user=user, request=request, kind=kind)
        key = (
            actor_kind,
            getattr(request, _ORG_ID[actor_kind]) if actor_kind in _ORG_ID else None,
            request.reviewing_ministry_id if actor_kind == MINISTRY else request.referred_ministry_id,
        )
        if key not in cache:
            cache[key] = (
                _organisation(user=user, request=request, kind=actor_kind) if actor_kind else _memberships_text(user)
            )
    return actor_kind, cache[key][:300]
