"""The public channel's API (R10-R13): read-only for everyone, writes for the owners, through the
same selectors, services and permission predicates as the pages."""

from library.apis.agreements import (
    JointKPIProposalListApi,
    JointKPIRespondApi,
    RequestKPIAnswerApi,
    RequestPlanDeleteApi,
    RequestPlanListApi,
    WorkshopDetailApi,
    WorkshopListApi,
    ZoningProposalAnswerApi,
    ZoningProposalDetailApi,
    ZoningProposalListApi,
    ZoningProposalReceiveApi,
)
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
    "ZoningProposalReceiveApi",
    "ZoningProposalListApi",
    "ZoningProposalDetailApi",
    "ZoningProposalAnswerApi",
    "WorkshopListApi",
    "WorkshopDetailApi",
    "RequestPlanListApi",
    "RequestPlanDeleteApi",
    "RequestKPIAnswerApi",
    "JointKPIRespondApi",
    "JointKPIProposalListApi",
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
