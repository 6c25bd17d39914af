from proposals.models.analysis import PlanAnalysis
from proposals.models.calendar import CalendarPhase, DeadlineExtension, DeadlineReminder, PhaseKind
from proposals.models.events import Notification, RequestEvent
from proposals.models.joint import RequestCoordination, RequestMinistryShare, RequestProvince, ShareRole
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
    "PlanAnalysis",
    "RequestCoordination",
    "RequestMinistryShare",
    "RequestProvince",
    "ShareRole",
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
