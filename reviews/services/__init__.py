"""Writes for the review area (keyword-only, typed, each owning its transaction); import from here."""

from reviews.services.agendas import (
    agenda_create,
    agenda_delete,
    agenda_finalise,
    agenda_item_add,
    agenda_item_decide,
    agenda_update,
    programme_create,
    programme_item_add,
    programme_item_remove,
    unruled_flag_count,
)
from reviews.services.alignment_map import can_keep_mapping, strategy_mapping_delete, strategy_mapping_set
from reviews.services.decisions import (
    BULK_ACTIONS,
    DECISION_ACTIONS,
    BulkOutcome,
    decisions_for,
    decisions_for_status,
    decisions_open_to,
    review_assign,
    review_record,
    reviews_bulk_apply,
)
from reviews.services.envelopes import (
    envelope_create,
    envelope_draw_adjust,
    envelope_draw_create,
    envelope_draw_release,
    envelope_raise,
)
from reviews.services.framework import DEFAULT_RULES, framework_defaults_load, responsibility_rule_set
from reviews.services.merge import can_consent_merge, has_merge_consent, merge_consent_give
from reviews.services.opinions import ministry_opinion_record
from reviews.services.referrals import referral_answer, referral_envelope_for
from reviews.services.routing import ReviewerChoice, request_reviewer_reassign, reviewer_infer, reviewers_assign_missing

__all__ = [
    "ministry_opinion_record",
    "can_keep_mapping",
    "strategy_mapping_delete",
    "strategy_mapping_set",
    "can_consent_merge",
    "has_merge_consent",
    "merge_consent_give",
    "ReviewerChoice",
    "request_reviewer_reassign",
    "reviewer_infer",
    "reviewers_assign_missing",
    "BULK_ACTIONS",
    "BulkOutcome",
    "DECISION_ACTIONS",
    "DEFAULT_RULES",
    "agenda_create",
    "agenda_delete",
    "agenda_finalise",
    "agenda_update",
    "agenda_item_add",
    "agenda_item_decide",
    "decisions_for",
    "decisions_for_status",
    "decisions_open_to",
    "referral_answer",
    "referral_envelope_for",
    "envelope_create",
    "envelope_draw_adjust",
    "envelope_draw_create",
    "envelope_draw_release",
    "envelope_raise",
    "framework_defaults_load",
    "programme_create",
    "programme_item_add",
    "programme_item_remove",
    "responsibility_rule_set",
    "review_assign",
    "review_record",
    "reviews_bulk_apply",
    "unruled_flag_count",
]
