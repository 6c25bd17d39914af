"""The review area's views, one module per page group (a package since it passed 300 lines)."""

from reviews.views.agendas import (  # noqa: F401
    agenda_add,
    agenda_decide,
    agenda_detail,
    agenda_finalise,
    agenda_list,
    agenda_print,
    agenda_xlsx,
)
from reviews.views.alignment import alignment_map, alignment_map_delete  # noqa: F401
from reviews.views.decisions import assign, decide, merge_consent, reassign_reviewer  # noqa: F401
from reviews.views.envelopes import envelope_detail, envelope_list  # noqa: F401
from reviews.views.framework import framework, framework_cell, framework_check, framework_pick  # noqa: F401
from reviews.views.opinions import opinion  # noqa: F401
from reviews.views.programmes import (  # noqa: F401
    programme_detail,
    programme_item_remove,
    programme_list,
    programme_rank_move_view,
    programme_support,
    programme_support_withdraw_view,
)
from reviews.views.queue import bulk, queue  # noqa: F401
from reviews.views.referrals import referral  # noqa: F401
