"""Reads of requests: the one guarded fetch and the list querysets (STYLE habit 5)."""

from django.db.models import BooleanField, ExpressionWrapper, Prefetch
from django.http import Http404

from clusters.models import Office, Province
from ministries.models import WorkCategory
from portal.search import filter_each_word
from proposals.models import Attachment, ProjectRequest, RequestEvent, RequestLocation
from proposals.models.joint import cross_cutting_q
from proposals.steps import REQUEST_STEPS, step_missing

# The lists' order; the index `request_list_order` matches it (issue 15: office_sort_name is the
# office's name copied on the row, so the database walks the index instead of sorting the year).
LIST_ORDER = ("-fiscal_year", "office_sort_name", "priority_rank", "id")
LIST_RELATED = ("office", "plan", "category", "reviewing_ministry", "routed_field_office")
DETAIL_RELATED = LIST_RELATED + (
    "strategic_issue",
    "ministry_strategy__ministry",
    "target_ministry",
    "target_department",
    "reviewing_department",
    "merged_into",
    "office__province",
    "created_by",
)


def locations_prefetch():
    return Prefetch(
        "locations",
        queryset=RequestLocation.objects.select_related("province", "district", "subdistrict").order_by("id"),
    )


def access_request(*, user, request_id) -> ProjectRequest:
    """The request if this user may see it; Http404 both for "missing" and for "not yours"."""
    queryset = ProjectRequest.objects.visible_to(user).select_related(*DETAIL_RELATED)
    try:
        return queryset.get(pk=request_id)
    except (ProjectRequest.DoesNotExist, ValueError, TypeError):
        raise Http404("ไม่พบคำของบประมาณ") from None


def access_attachment(*, user, attachment_id) -> Attachment:
    """An attachment of a request this user may see; Http404 otherwise. The only way a stored
    file leaves the server (issue 13): no URL serves MEDIA_ROOT, in any mode."""
    visible = ProjectRequest.objects.visible_to(user).values("pk")
    try:
        return Attachment.objects.select_related("request").get(pk=attachment_id, request__in=visible)
    except (Attachment.DoesNotExist, ValueError, TypeError):
        raise Http404("ไม่พบไฟล์แนบ") from None


def request_detail_get(*, user, request_id) -> ProjectRequest:
    """The request with everything its page shows, fetched in a fixed number of queries."""
    request = access_request(user=user, request_id=request_id)
    from django.db.models import prefetch_related_objects

    prefetch_related_objects(
        [request],
        locations_prefetch(),
        "year_amounts",
        "kpis__joint_ministry",
        "stakeholders",
        "attachments",
        Prefetch("merged_sources", queryset=ProjectRequest.objects.select_related("office").order_by("id")),
    )
    return request


def request_list(*, user, filters: dict | None = None):
    """Requests this user may see, ready for a table: a constant number of queries per page."""
    from proposals.filters import RequestFilter

    queryset = (
        ProjectRequest.objects.visible_to(user)
        .select_related(*LIST_RELATED)
        .prefetch_related(locations_prefetch())
        # R20: the list marks requests across ministries or areas
        .annotate(is_cross_cutting=ExpressionWrapper(cross_cutting_q(), output_field=BooleanField()))
        .order_by(*LIST_ORDER)
    )
    if filters is None:
        return queryset
    return RequestFilter(filters, queryset=queryset).qs


def request_events(*, request) -> list[RequestEvent]:
    return list(request.events.select_related("actor").order_by("created_at", "id"))


def requests_matching(queryset, text):
    """Requests holding every word of `text` (issue 11), each in the title, reference, description,
    office, category or a place of the request (province, amphoe, tambon)."""
    return filter_each_word(queryset, text, _ids_with_word)


def _ids_with_word(word, within):
    """The ids of the requests of `within` holding `word` in one of the searched fields, as a
    UNION of one lookup per field (issue 15): each arm is served by its own index (the trigram
    GIN indexes of migration 0007 on PostgreSQL; the small office, category and province tables
    are scanned) and filtered by `within`'s conditions on the rows that index finds, where one OR
    across joined tables made the database test every visible row."""
    requests = within.order_by()
    offices = Office.objects.filter(name_th__icontains=word).values("pk")
    categories = WorkCategory.objects.filter(name_th__icontains=word).values("pk")
    provinces = Province.objects.filter(name_th__icontains=word).values("pk")
    places = RequestLocation.objects.order_by()
    arms = [
        requests.filter(title__icontains=word),
        requests.filter(reference__icontains=word),
        requests.filter(description__icontains=word),
        requests.filter(office__in=offices),
        requests.filter(category__in=categories),
        requests.filter(pk__in=places.filter(province__in=provinces).values("request_id")),
        requests.filter(pk__in=places.filter(amphoe__icontains=word).values("request_id")),
        requests.filter(pk__in=places.filter(tambon__icontains=word).values("request_id")),
    ]
    first, *rest = (arm.values_list("pk", flat=True) for arm in arms)
    return first.union(*rest)


def request_steps(*, request) -> list[dict]:
    """The steps of the request form with what each still lacks, for the step navigation."""
    missing = step_missing(request)
    return [{"key": key, "label": label, "missing": missing[key]} for key, label, *_rest in REQUEST_STEPS]
