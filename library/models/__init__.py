from library.models.citations import CITABLE_KINDS, RequestPlanCitation
from library.models.directory import DirectoryEntry
from library.models.documents import Document, DocumentKind, DocumentVersion
from library.models.kpis import AgreementStatus, JointKPI, ProposingSide, RequestKPIAgreement, Workshop
from library.models.mechanisms import MechanismLink, MechanismNode, NodeLevel, ResourceType
from library.models.zoning import ZoningProposal, ZoningStatus

__all__ = [
    "CITABLE_KINDS",
    "AgreementStatus",
    "DirectoryEntry",
    "Document",
    "DocumentKind",
    "DocumentVersion",
    "JointKPI",
    "MechanismLink",
    "MechanismNode",
    "NodeLevel",
    "ProposingSide",
    "RequestKPIAgreement",
    "RequestPlanCitation",
    "ResourceType",
    "Workshop",
    "ZoningProposal",
    "ZoningStatus",
]
