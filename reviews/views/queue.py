"""Pages of the review area: thin (parse, fetch through access_*, call one service, respond)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from portal.exceptions import ApplicationError
from portal.forms import flash_form_errors
from portal.redirects import redirect_next
from portal.roles import scope_of
from portal.scoping import MAX_ID
from portal.selectors import shown_fiscal_year
from reviews import permissions, selectors, services
from reviews.filters import PER_PAGE_CHOICES
from reviews.forms import (
    BulkForm,
)
from reviews.views.common import per_page_of, require

# --- the reviewer's queue (issue 5 item 1)


@login_required
def queue(request):
    require(permissions.can_view_review_queue(request.user))
    filterset = selectors.review_queue(
        user=request.user, filters=request.GET, prefetched=selectors.QUEUE_PREFETCHED, plan_size=False
    )
    rows = filterset.filtered
    # issue 15: one pass over the filtered queue gives the counts, the sums, the page count and
    # whether the rows have more than one deadline to sort on
    counts = selectors.queue_counts(rows)
    page = selectors.queue_page(filterset, rows, counts, per_page=per_page_of(request), number=request.GET.get("page"))
    colleagues = selectors.colleagues_of(request.user)
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "reviews/queue.html",
        {
            "filter": filterset,
            "page": page,
            "counts": counts,
            "bulk_form": BulkForm(colleagues=colleagues, scope=scope_of(request.user)),
            "query": query.urlencode(),
            "per_page_choices": PER_PAGE_CHOICES,
            "per_page": per_page_of(request),
            "field_office_shares": selectors.field_office_shares_for(request.user, _current_year()),
        },
    )


def _current_year():
    current = shown_fiscal_year()  # the header's year (issue 15)
    return current.year if current else None


@login_required
@require_POST
def bulk(request):
    require(permissions.can_view_review_queue(request.user))
    ids = [i for i in request.POST.getlist("ids") if i.isdecimal() and int(i) <= MAX_ID]
    form = BulkForm(
        request.POST,
        colleagues=selectors.colleagues_of(request.user),
        request_ids=[int(i) for i in ids],
        scope=scope_of(request.user),
    )
    if not form.is_valid():
        flash_form_errors(request, form)
        return redirect_next(request, "reviews:queue")
    try:
        outcomes = services.reviews_bulk_apply(
            user=request.user,
            request_ids=form.cleaned_data["ids"],
            action=form.cleaned_data["action"],
            comment=form.cleaned_data["comment"],
            assignee=form.cleaned_data["assignee"],
        )
    except ApplicationError as exc:
        messages.error(request, exc.message)
        return redirect(reverse("reviews:queue"))
    return render(
        request,
        "reviews/bulk_result.html",
        {
            "outcomes": outcomes,
            "action_label": dict(BulkForm.ACTIONS)[form.cleaned_data["action"]],
            "succeeded": sum(o.ok for o in outcomes),
            "refused": sum(not o.ok for o in outcomes),
        },
    )
