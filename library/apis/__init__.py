"""The public channel's API (R10-R13): read-only for everyone, writes for the owners, through the
same selectors, services and permission predicates as the pages."""

from library.apis.directory import DirectoryEntryDetailApi, DirectoryEntryListApi
from library.apis.documents import ActionPlanPublishApi, DocumentDetailApi, DocumentListApi, DocumentVersionCreateApi
from library.apis.kpis import JointKPIDetailApi, JointKPIListApi
from library.apis.mechanisms import (
    MechanismLinkCreateApi,
    MechanismNodeCreateApi,
    ResourceTypeDetailApi,
    ResourceTypeListApi,
)

__all__ = [
    "ActionPlanPublishApi",
    "DirectoryEntryDetailApi",
    "DirectoryEntryListApi",
    "DocumentDetailApi",
    "DocumentListApi",
    "DocumentVersionCreateApi",
    "JointKPIDetailApi",
    "JointKPIListApi",
    "MechanismLinkCreateApi",
    "MechanismNodeCreateApi",
    "ResourceTypeDetailApi",
    "ResourceTypeListApi",
]
