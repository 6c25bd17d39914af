from proposals.models.calendar import CalendarPhase, DeadlineExtension, DeadlineReminder, PhaseKind
from proposals.models.events import Notification, RequestEvent
from proposals.models.plans import ActionPlan
from proposals.models.reviews import (
    Agenda, AgendaDecision, AgendaItem, Decision, Programme, ProgrammeItem, Review, ReviewAssignment,
)
from proposals.models.screening import DuplicateFlag, FlagLevel, FlagState, ResponseKind, ScreeningRun
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
    "Agenda", "AgendaDecision", "AgendaItem", "Decision", "Programme", "ProgrammeItem", "Review", "ReviewAssignment",
    "DuplicateFlag", "FlagLevel", "FlagState", "ResponseKind", "ScreeningRun",
    "ActionPlan", "Attachment", "CalendarPhase", "DeadlineExtension", "DeadlineReminder", "FundingChannel", "Notification",
    "PhaseKind", "ProjectRequest", "RequestEvent", "RequestKPI", "RequestLocation", "RequestStakeholder",
    "RequestYearAmount", "Severity",
]
