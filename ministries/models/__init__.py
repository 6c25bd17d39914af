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
    "CentralAgency", "Department", "FieldOffice", "FieldOfficeKind", "Ministry", "MinistryStrategy",
    "StrategicGoal", "WorkCategory",
]
