"""Reads for the review area, one module per concern; import from here."""
from reviews.selectors.agendas import (
    access_agenda,
    access_programme,
    agenda_eligible_requests,
    agenda_items,
    agenda_list,
    agenda_summary,
    agendas_held_back,
    approved_amount_of,
    cluster_name_expr,
    flag_rulings_text,
    programme_candidates,
    programme_items,
    programme_list,
)
from reviews.selectors.dashboard import dashboard_data, deadline_figures
from reviews.selectors.envelopes import (
    access_envelope,
    envelope_changes,
    envelope_draws,
    envelope_for_request,
    envelope_list,
    envelope_lookup,
    with_left,
)
from reviews.selectors.framework import FrameworkWarning, framework_matrix, framework_warning_for, rule_for_cell
from reviews.selectors.queue import (
    access_review_request,
    annotate_queue,
    colleagues_of,
    queue_counts,
    review_queue,
    reviewable_requests,
    strategy_alignment,
    waiting_condition,
)

__all__ = [
    "FrameworkWarning", "access_agenda", "access_envelope", "access_programme", "access_review_request",
    "agenda_eligible_requests", "agenda_items", "agenda_list", "agenda_summary", "agendas_held_back", "annotate_queue",
    "approved_amount_of", "cluster_name_expr", "colleagues_of", "dashboard_data", "deadline_figures",
    "envelope_changes", "envelope_draws", "envelope_for_request", "envelope_list", "envelope_lookup",
    "flag_rulings_text", "framework_matrix", "framework_warning_for", "programme_candidates", "programme_items",
    "programme_list", "queue_counts", "review_queue", "reviewable_requests", "rule_for_cell", "strategy_alignment",
    "waiting_condition", "with_left",
]
