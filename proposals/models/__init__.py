from proposals.models.calendar import CalendarPhase, DeadlineExtension, DeadlineReminder, PhaseKind
from proposals.models.events import Notification, RequestEvent
from proposals.models.plans import ActionPlan, PlanApproval
from proposals.models.requests import (
    Attachment,
    FundingChannel,
    OwnerKind,
    ProjectRequest,
    RequestKPI,
    RequestLocation,
    RequestStakeholder,
    RequestYearAmount,
    Severity,
)

__all__ = [
    "ActionPlan",
    "PlanApproval",
    "Attachment",
    "CalendarPhase",
    "DeadlineExtension",
    "DeadlineReminder",
    "FundingChannel",
    "Notification",
    "OwnerKind",
    "PhaseKind",
    "ProjectRequest",
    "RequestEvent",
    "RequestKPI",
    "RequestLocation",
    "RequestStakeholder",
    "RequestYearAmount",
    "Severity",
]
