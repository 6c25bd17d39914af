"""R9 (000 ประเด็น 2 item 3): two roles kept apart.

A field office's staff may also plan for the province (the demo's tsj_khonkaen): whoever drafted,
edited or answered for a request may not endorse, forward or rule on it, whatever other
membership they hold. The workflow table names which events author a request and which actions
judge one (`AUTHORING_EVENTS`, `JUDGING_ACTIONS`); the transition guard, the flag ruling and the
buttons all ask `took_part_in`.
"""

from django.utils.translation import gettext as _

from portal.exceptions import NotAllowed
from proposals.models import RequestEvent
from proposals.workflow import AUTHORING_EVENTS


def took_part_in(user, request) -> bool:
    """Whether `user` drafted, edited, submitted or answered for `request` (one query, cached on
    the request object for the page that asks for several buttons)."""
    if user is None or not getattr(user, "pk", None):
        return False
    cache = request.__dict__.setdefault("_took_part", {})
    if user.pk not in cache:
        cache[user.pk] = request.created_by_id == user.pk or (
            RequestEvent.objects.filter(request_id=request.pk, actor_id=user.pk, action__in=AUTHORING_EVENTS).exists()
        )
    return cache[user.pk]


def refuse_own_request(*, user, request, what: str) -> None:
    """Raise NotAllowed (Thai) when `user` took part in writing `request`."""
    if took_part_in(user, request):
        raise NotAllowed(
            _(
                "ท่านมีส่วนจัดทำหรือชี้แจงคำขอนี้ในฐานะสำนักงานเจ้าของคำขอ จึง%(what)sคำขอนี้ไม่ได้ "
                "แม้จะมีบทบาทผู้พิจารณาด้วย ให้ผู้พิจารณาคนอื่นของหน่วยงานดำเนินการแทน"
            )
            % {"what": what}
        )
