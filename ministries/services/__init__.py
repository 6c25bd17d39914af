"""Writes of the ministries area: the budget-line import (R6's data), the ministries' own
requests of the cycle (R6) and their outputs/projects list (R21)."""

from ministries.services.budget_lines import budget_lines_import
from ministries.services.outputs import ministry_output_save, outputs_sync_from_lines
from ministries.services.own_requests import own_requests_import

__all__ = ["budget_lines_import", "ministry_output_save", "outputs_sync_from_lines", "own_requests_import"]
