"""Reads of requests: the one guarded fetch and the list querysets (STYLE habit 5)."""

from django.db.models import BooleanField, Exists, ExpressionWrapper, OuterRef, Prefetch, prefetch_related_objects
from django.http import Http404
from django.utils.translation import get_language

from clusters.models import Office, Province
from ministries.models import MinistryStrategy, WorkCategory
from portal.search import filter_each_word
from proposals.models import Attachment, ProjectRequest, RequestEvent, RequestLocation
from proposals.models.joint import cross_cutting_q
from proposals.steps import REQUEST_STEPS, step_missing

# The lists' order; the index `request_list_order` matches it (issue 15: office_sort_name is the
# office's name copied on the row, so the database walks the index instead of sorting the year).
LIST_ORDER = ("-fiscal_year", "office_sort_name", "priority_rank", "id")
# Issue 15: PostgreSQL's planning time grows steeply with a query's joins (joined with its plan,
# a page of the list planned in 2-3.5 ms and ran in 1): the rows join only the lookups the table
# and the spreadsheet show, and leave out the long texts that neither shows.
LIST_RELATED = ("office", "category", "reviewing_ministry", "routed_field_office")
LIST_DEFERRED = (
    "description",
    "objectives",
    "problem",
    "evidence",
    "damage_justification",
    "framework_justification",
)
# Issue 15: the request with its thirteen lookups joined planned in ~8 ms and ran in under 1. Only
# the lookups nearly every request has are joined. The others are mostly empty, and an empty key
# costs no query, so they load when a page reads them; the linked strategy and its ministry come
# together in one small query.
ACCESS_JOINED = ("office", "plan", "category", "reviewing_ministry", "strategic_issue")
# A table's rows carry their places as a plain list (proposals.templatetags.request_rows.places).
PLACES_ATTR = "place_list"


def locations_prefetch(to_attr: str | None = None):
    """A request's places, as `RequestLocation.__str__` reads them: the province, and in English
    the gazetteer's district and subdistrict (issue 11). Issue 15: the Thai text comes from the
    names copied on the row, so Thai pages join only the province. `to_attr` (PLACES_ATTR for a
    page's table) sets a plain list instead of a queryset per row (~1 ms a page of 50)."""
    places = ("province", "district", "subdistrict") if _english() else ("province",)
    return Prefetch(
        "locations", queryset=RequestLocation.objects.select_related(*places).order_by("id"), to_attr=to_attr
    )


def _english() -> bool:
    return (get_language() or "").startswith("en")


def _request_with_lookups(user):
    return (
        ProjectRequest.objects.visible_to(user)
        .select_related(*ACCESS_JOINED)
        .prefetch_related(Prefetch("ministry_strategy", queryset=MinistryStrategy.objects.select_related("ministry")))
    )


def _guarded_get(queryset, request_id) -> ProjectRequest:
    try:
        return queryset.get(pk=request_id)
    except (ProjectRequest.DoesNotExist, ValueError, TypeError):
        raise Http404("ไม่พบคำของบประมาณ") from None


# What the form pages read of their request (issue 15: a save or a submit reads no more).
FORM_RELATED = ("office", "plan__office")
SUBMIT_RELATED = FORM_RELATED + (
    "category",
    "strategic_issue",
    "ministry_strategy__ministry",
    "target_ministry",
    "target_department",
)


def access_request(*, user, request_id, related: tuple | None = None) -> ProjectRequest:
    """The request if this user may see it; Http404 both for "missing" and for "not yours".
    `related`: only these lookups joined (the form pages), instead of the detail's."""
    if related is None:
        return _guarded_get(_request_with_lookups(user), request_id)
    return _guarded_get(ProjectRequest.objects.visible_to(user).select_related(*related), request_id)


def access_attachment(*, user, attachment_id) -> Attachment:
    """An attachment of a request this user may see; Http404 otherwise. The only way a stored
    file leaves the server (issue 13): no URL serves MEDIA_ROOT, in any mode."""
    visible = ProjectRequest.objects.visible_to(user).values("pk")
    try:
        return Attachment.objects.select_related("request").get(pk=attachment_id, request__in=visible)
    except (Attachment.DoesNotExist, ValueError, TypeError):
        raise Http404("ไม่พบไฟล์แนบ") from None


# The kinds of rows under a request its page and API show, and how each is fetched; the page asks
# first which of the kinds most requests lack the request has (request_detail_get).
DETAIL_RARE_CHILDREN = ("year_amounts", "kpis", "stakeholders", "attachments", "merged_sources")


def _detail_children() -> dict:
    return {
        "locations": [locations_prefetch()],
        "year_amounts": ["year_amounts"],
        "kpis": ["kpis", "kpis__joint_ministry"],
        "stakeholders": ["stakeholders"],
        "attachments": ["attachments"],
        "merged_sources": [
            Prefetch("merged_sources", queryset=ProjectRequest.objects.select_related("office").order_by("id"))
        ],
    }


def request_detail_get(*, user, request_id) -> ProjectRequest:
    """The request with everything its page shows, fetched in a bounded number of queries.

    Issue 15: most requests have none of several kinds of rows (attachments, KPIs, merged
    sources...). EXISTS on the request's own row answers which of those kinds it has; only those
    are fetched, the others are marked fetched and empty (no query, nor a query compiled for
    nothing). `has_kpis` also spares the KPI channel its queries (library_channel)."""
    children = _detail_children()
    queryset = _request_with_lookups(user).annotate(
        **{f"has_{name}": Exists(_rows_of(name)) for name in DETAIL_RARE_CHILDREN}
    )
    request = _guarded_get(queryset, request_id)
    lookups = []
    for name, prefetches in children.items():
        if getattr(request, f"has_{name}", True):
            lookups += prefetches
        else:
            _mark_fetched_empty(request, name)
    prefetch_related_objects([request], *lookups)
    return request


def _rows_of(name):
    relation = ProjectRequest._meta.get_field(name)
    return relation.related_model.objects.filter(**{relation.field.name: OuterRef("pk")})


def _mark_fetched_empty(request, name) -> None:
    """Leave relation `name` of `request` as `prefetch_related_objects` leaves a relation it found
    empty: its manager answers from a filled (empty) result cache."""
    rows = getattr(request, name).all()
    rows._result_cache = []
    rows._prefetch_done = True
    request.__dict__.setdefault("_prefetched_objects_cache", {})[name] = rows


def request_list(*, user, filters: dict | None = None, related=LIST_RELATED, table: bool = False):
    """Requests this user may see, ready for a table: a constant number of queries per page.
    `related`: the lookups joined (the API shows them by id and joins only the office); `table`:
    for the list page, whose rows read their places from PLACES_ATTR."""
    from proposals.filters import RequestFilter

    queryset = (
        ProjectRequest.objects.visible_to(user)
        .select_related(*related)
        .defer(*LIST_DEFERRED)
        .prefetch_related(locations_prefetch(PLACES_ATTR if table else None))
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
