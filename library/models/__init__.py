from library.models.directory import DirectoryEntry
from library.models.documents import Document, DocumentKind, DocumentVersion
from library.models.kpis import JointKPI
from library.models.mechanisms import MechanismLink, MechanismNode, NodeLevel, ResourceType

__all__ = [
    "DirectoryEntry",
    "Document",
    "DocumentKind",
    "DocumentVersion",
    "JointKPI",
    "MechanismLink",
    "MechanismNode",
    "NodeLevel",
    "ResourceType",
]
