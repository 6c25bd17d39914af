"""The plans a request cites (R22): added and removed from the request page by its office."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from library import selectors, services
from library.forms_agreements import PlanCitationForm
from proposals.selectors.requests import access_request


def _back(request_id):
    return redirect(reverse("proposals:request-detail", args=[request_id]) + "#cited-plans")


@login_required
@require_POST
def request_plan_cite(request, request_id):
    req = access_request(user=request.user, request_id=request_id)
    if not services.can_cite_plans(request.user, req):
        raise Http404
    form = PlanCitationForm(request.POST, documents=selectors.citable_documents(request=req))
    if not form.is_valid():
        messages.error(request, _("เลือกได้เฉพาะแผนที่เผยแพร่ของพื้นที่ของคำขอนี้"))
        return _back(req.pk)
    try:
        services.request_plan_cite(
            user=request.user, request=req, document=form.cleaned_data["document"], note=form.cleaned_data["note"]
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("อ้างอิงแผนแล้ว"))
    return _back(req.pk)


@login_required
@require_POST
def request_plan_uncite(request, request_id, citation_id):
    citation = selectors.access_citation(user=request.user, citation_id=citation_id, request_id=request_id)
    if not services.can_cite_plans(request.user, citation.request):
        raise Http404
    services.request_plan_uncite(user=request.user, citation=citation)
    messages.success(request, _("นำการอ้างอิงแผนออกแล้ว"))
    return _back(request_id)
