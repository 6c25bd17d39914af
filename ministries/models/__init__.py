from ministries.models.budget_lines import BudgetLine, BudgetLineImport, BudgetLineProvince, LineSource
from ministries.models.envelopes import EnvelopeChange, EnvelopeDraw, SupportEnvelope
from ministries.models.framework import ResponsibilityRule
from ministries.models.outputs import MinistryOutput, OutputKind
from ministries.models.registry import (
    CentralAgency,
    Department,
    FieldOffice,
    FieldOfficeKind,
    Ministry,
    MinistryStrategy,
    StrategicGoal,
    WorkCategory,
)

__all__ = [
    "EnvelopeChange",
    "EnvelopeDraw",
    "ResponsibilityRule",
    "SupportEnvelope",
    "BudgetLine",
    "BudgetLineImport",
    "BudgetLineProvince",
    "LineSource",
    "MinistryOutput",
    "OutputKind",
    "CentralAgency",
    "Department",
    "FieldOffice",
    "FieldOfficeKind",
    "Ministry",
    "MinistryStrategy",
    "StrategicGoal",
    "WorkCategory",
]
