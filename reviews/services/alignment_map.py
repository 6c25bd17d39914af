"""The R1 mapping table (issue 10): which province/cluster strategic issue serves which ministry
strategy in a fiscal year, aligned or partly, with a note. The central team keeps every row; a
ministry keeps the rows of its own strategies."""

from django.db import transaction
from django.http import Http404
from django.utils.translation import gettext as _

from clusters.models import StrategicIssue
from ministries.models import MinistryStrategy
from portal.exceptions import ApplicationError, NotAllowed
from portal.roles import scope_of
from reviews.models import StrategyMapping


def can_keep_mapping(user, strategy) -> bool:
    scope = scope_of(user)
    return scope.is_central or strategy.ministry_id in scope.reviewer_ministry_ids


def strategy_mapping_set(
    *, user, fiscal_year: int, strategic_issue_id: int, ministry_strategy_id: int, verdict: str, note: str = ""
) -> StrategyMapping:
    """Create or change the row for (year, issue, strategy); both must cover the year."""
    if verdict not in StrategyMapping.Verdict.values:
        raise ApplicationError(_("ความสอดคล้องต้องเป็น “สอดคล้อง” หรือ “สอดคล้องบางส่วน”"), extra={"field": "verdict"})
    issue = StrategicIssue.objects.filter(pk=strategic_issue_id).first()
    strategy = MinistryStrategy.objects.select_related("ministry").filter(pk=ministry_strategy_id).first()
    if issue is None or strategy is None:
        raise ApplicationError(_("ไม่พบประเด็นยุทธศาสตร์หรือยุทธศาสตร์กระทรวงที่เลือก"))
    if not can_keep_mapping(user, strategy):
        raise NotAllowed(_("ท่านบันทึกความสอดคล้องได้เฉพาะยุทธศาสตร์ของกระทรวงท่าน"))
    if not (issue.covers(fiscal_year) and strategy.covers(fiscal_year)):
        raise ApplicationError(_("ประเด็นยุทธศาสตร์และยุทธศาสตร์กระทรวงต้องครอบคลุมปีงบประมาณ %(y)s") % {"y": fiscal_year})
    scope = scope_of(user)
    with transaction.atomic():
        row, _created = StrategyMapping.objects.select_for_update().get_or_create(
            fiscal_year=fiscal_year,
            strategic_issue=issue,
            ministry_strategy=strategy,
            defaults={"verdict": verdict},
        )
        row.verdict, row.note, row.kept_by = verdict, (note or "").strip(), user
        row.kept_by_ministry = None if scope.is_central else strategy.ministry
        row.save()
    return row


def strategy_mapping_delete(*, user, mapping_id: int) -> None:
    row = StrategyMapping.objects.select_related("ministry_strategy").filter(pk=mapping_id).first()
    if row is None or not can_keep_mapping(user, row.ministry_strategy):
        raise Http404("ไม่พบแถวความสอดคล้อง")
    row.delete()
