from library.services.directory import directory_entry_create, directory_entry_delete, directory_entry_update
from library.services.documents import (
    action_plan_publish,
    document_create,
    document_update,
    document_version_add,
)
from library.services.kpis import (
    joint_kpi_create,
    joint_kpi_respond,
    joint_kpi_update,
    request_kpi_respond,
    request_kpi_result_record,
)
from library.services.mechanisms import (
    mechanism_link_create,
    mechanism_link_delete,
    mechanism_node_create,
    mechanism_node_delete,
    mechanism_node_update,
    resource_type_create,
)
from library.services.plans import can_cite_plans, request_plan_cite, request_plan_uncite
from library.services.workshops import workshop_record
from library.services.zoning import zoning_proposal_answer, zoning_proposal_receive, zoning_proposal_send

__all__ = [
    "zoning_proposal_send",
    "zoning_proposal_receive",
    "zoning_proposal_answer",
    "workshop_record",
    "request_plan_uncite",
    "request_plan_cite",
    "can_cite_plans",
    "request_kpi_respond",
    "joint_kpi_respond",
    "action_plan_publish",
    "directory_entry_create",
    "directory_entry_delete",
    "directory_entry_update",
    "document_create",
    "document_update",
    "document_version_add",
    "joint_kpi_create",
    "joint_kpi_update",
    "mechanism_link_create",
    "mechanism_link_delete",
    "mechanism_node_create",
    "mechanism_node_delete",
    "mechanism_node_update",
    "request_kpi_result_record",
    "resource_type_create",
]
