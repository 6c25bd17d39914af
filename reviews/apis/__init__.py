"""The review area's apis, one module per page group (a package since it passed 300 lines)."""

from reviews.apis.agendas import (  # noqa: F401
    AgendaDetailApi,
    AgendaEligibleApi,
    AgendaFinaliseApi,
    AgendaItemAddApi,
    AgendaItemDecisionApi,
    AgendaListApi,
)
from reviews.apis.decisions import (  # noqa: F401
    MergeConsentApi,
    MergeConsentInput,
    ReviewAssignApi,
    ReviewBulkApi,
    ReviewDecisionApi,
    ReviewDetailApi,
    ReviewerReassignApi,
    ReviewerReassignInput,
    ReviewQueueListApi,
    StrategyMappingDetailApi,
    StrategyMappingListApi,
    StrategyMappingSerializer,
)
from reviews.apis.envelopes import (  # noqa: F401
    EnvelopeDetailApi,
    EnvelopeListApi,
    EnvelopeRaiseApi,
    FrameworkCheckApi,
    FrameworkRuleListApi,
    RuleClearedSerializer,
)
from reviews.apis.ministry_views import (  # noqa: F401, E402
    ProgrammeMinistryRanksApi,
    ProgrammeRanksApi,
    ProgrammeSupportApi,
    ProgrammeSupportWithdrawApi,
    RequestOpinionsApi,
)
from reviews.apis.programmes import ProgrammeItemRemoveApi, ProgrammeItemsApi, ProgrammeListApi  # noqa: F401
from reviews.apis.referrals import ReferralApi  # noqa: F401
