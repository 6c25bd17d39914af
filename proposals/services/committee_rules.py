"""R19's rules on the workflow (000 and 002 ประเด็น 5): the ministry's opinion and the committee's
referral. Registered in transition_rules; loaded by ProposalsConfig. The referral's answer (how
the ministry funds it, its envelope) is the review area's (reviews.rules)."""

from django.utils.translation import gettext as _

from ministries.models import Department, Ministry
from portal.exceptions import ApplicationError
from proposals.services.transition_rules import effect, guard
from proposals.workflow import Action, Opinion


@guard(Action.GIVE_OPINION)
def opinion_is_named(*, request, transition, user, payload):
    if payload.get("opinion") not in Opinion.values:
        raise ApplicationError(_("กรุณาเลือกความเห็น: สนับสนุน สนับสนุนโดยมีเงื่อนไข หรือไม่สนับสนุน"))


def _referral_target(payload):
    ministry = Ministry.objects.filter(pk=payload.get("referred_ministry") or 0).first()
    if ministry is None:
        raise ApplicationError(_("กรุณาเลือกกระทรวงที่ ก.น.จ. ส่งให้พิจารณาสนับสนุน"))
    department = None
    if payload.get("referred_department"):
        department = Department.objects.filter(pk=payload["referred_department"]).first()
        if department is None or department.ministry_id != ministry.pk:
            raise ApplicationError(_("กรมที่เลือกไม่อยู่ในกระทรวงที่ ก.น.จ. ส่งให้พิจารณา"))
    return ministry, department


@guard(Action.REFER)
def referral_names_a_ministry(*, request, transition, user, payload):
    _referral_target(payload)


@effect(Action.REFER)
def remember_referral(*, request, transition, user, payload):
    ministry, department = _referral_target(payload)
    request.referred_ministry = ministry
    request.referred_department = department
