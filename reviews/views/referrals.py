"""The referred ministry's page (R19): the committee's referral and the answer of how it will fund
the request. Thin: fetch through access_referred_request, call one service, respond."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from portal.exceptions import ApplicationError
from portal.forms import apply_service_errors
from proposals.selectors.requests import request_events
from proposals.separation import took_part_in
from reviews import selectors, services
from reviews.forms import ReferralAnswerForm


@login_required
def referral(request, pk):
    req = selectors.access_referred_request(user=request.user, request_id=pk)
    waiting = selectors.open_referral(req)
    can_answer = waiting is not None and not took_part_in(request.user, req)
    form = ReferralAnswerForm(request.POST or None, initial={"amount": req.amount})
    if request.method == "POST":
        if not can_answer:
            messages.error(request, _("คำขอนี้ไม่ได้รอคำตอบจากหน่วยงานของท่านแล้ว"))
            return redirect("reviews:referral", pk=req.pk)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.referral_answer(
                    user=request.user,
                    request_id=req.pk,
                    funding=data["funding"],
                    amount=data["amount"],
                    answer=data["answer"],
                )
            except ApplicationError as exc:
                apply_service_errors(form, exc)
            else:
                messages.success(
                    request, _("บันทึกคำตอบการสนับสนุนคำขอ %(ref)s แล้ว และแจ้งทีมบูรณาการกลางแล้ว") % {"ref": req.reference}
                )
                return redirect("reviews:referral", pk=req.pk)
    context = {
        "req": req,
        "waiting": waiting,
        "can_answer": can_answer,
        "own_request": waiting is not None and not can_answer,
        "referrals": selectors.referrals_of(req),
        "envelope": services.referral_envelope_for(req),
        "form": form,
        "events": request_events(request=req),
    }
    return render(request, "reviews/referral.html", context, status=400 if form.errors else 200)
