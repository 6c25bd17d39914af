from proposals.models.calendar import CalendarPhase, DeadlineExtension, DeadlineReminder, PhaseKind
from proposals.models.events import Notification, RequestEvent
from proposals.models.plans import ActionPlan
from proposals.models.requests import (
    Attachment,
    FundingChannel,
    ProjectRequest,
    RequestKPI,
    RequestLocation,
    RequestStakeholder,
    RequestYearAmount,
    Severity,
)

__all__ = [
    "ActionPlan",
    "Attachment",
    "CalendarPhase",
    "DeadlineExtension",
    "DeadlineReminder",
    "FundingChannel",
    "Notification",
    "PhaseKind",
    "ProjectRequest",
    "RequestEvent",
    "RequestKPI",
    "RequestLocation",
    "RequestStakeholder",
    "RequestYearAmount",
    "Severity",
]
