"""HTML pages of the ministries area, one module per concern; urls.py imports from here."""

from ministries.views.budget_lines import budget_line_import, budget_line_import_detail, budget_line_list_view
from ministries.views.outputs import output_list_view
from ministries.views.own_requests import (
    own_request_edit,
    own_request_list_view,
    own_request_template,
    own_request_upload,
)

__all__ = [
    "budget_line_import",
    "budget_line_import_detail",
    "budget_line_list_view",
    "output_list_view",
    "own_request_edit",
    "own_request_list_view",
    "own_request_template",
    "own_request_upload",
]
