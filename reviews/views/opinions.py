"""The ministry's own view of a request (R3 severity; R20 partner advice): thin view."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from portal.exceptions import ApplicationError
from portal.forms import flash_form_errors
from reviews import permissions, selectors, services
from reviews.ministry_forms import OpinionForm
from reviews.views.common import require


@login_required
@require_POST
def opinion(request, pk):
    req = selectors.access_review_request(user=request.user, request_id=pk)
    require(permissions.can_record_opinion(request.user, req))
    form = OpinionForm(request.POST, partner=not permissions.is_reviewer_for(request.user, req))
    if not form.is_valid():
        flash_form_errors(request, form)
        return redirect("reviews:decide", pk=req.pk)
    try:
        services.ministry_opinion_record(user=request.user, request_id=req.pk, **form.cleaned_data)
    except ApplicationError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("บันทึกความเห็นของกระทรวงแล้ว"))
    return redirect("reviews:decide", pk=req.pk)
