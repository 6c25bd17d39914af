"""Reads of the ministries area: budget lines and their import batches."""

from django.db.models import Q
from django.http import Http404

from ministries.models import BudgetLine, BudgetLineImport, BudgetLineProvince
from portal.search import filter_words


def budget_line_list(*, fiscal_year=None, province: str = "", q: str = "", provincial=None):
    queryset = BudgetLine.objects.select_related("ministry", "department").order_by("fiscal_year", "source_ref")
    if fiscal_year:
        queryset = queryset.for_fiscal_year(fiscal_year)
    if province:
        queryset = queryset.in_province(province)
    if q:
        # every word, in any order, in the line's text, its unit or ministry, or its provinces
        queryset = filter_words(
            queryset,
            q,
            ["item_text", "project", "unit_text", "ministry_text", "source_ref"],
            extra=lambda word: Q(pk__in=BudgetLineProvince.objects.filter(name__icontains=word).values("line_id")),
        )
    if provincial is not None:
        queryset = queryset.filter(is_provincial=provincial)
    return queryset


def import_batch_list():
    return BudgetLineImport.objects.select_related("created_by")


def import_batch_get(*, batch_id) -> BudgetLineImport:
    try:
        return BudgetLineImport.objects.select_related("created_by").get(pk=batch_id)
    except (BudgetLineImport.DoesNotExist, ValueError, TypeError):
        raise Http404("ไม่พบรายการนำเข้า") from None


# --- the ministries' own requests (R6) and their output lists (R21) ----------------------------


def own_request_lines_visible_to(user):
    """A ministry's policy bureau reads its ministry's own requests, a department's planning unit
    its department's; the central team reads them all; anyone else none."""
    from ministries.models import LineSource
    from portal.roles import scope_of

    scope = scope_of(user)
    queryset = BudgetLine.objects.filter(source=LineSource.MINISTRY_REQUEST)
    if scope.is_central:
        return queryset
    if not (scope.ministry_ids or scope.department_ids):
        return queryset.none()
    return queryset.owned_by(ministry_ids=scope.ministry_ids, department_ids=scope.department_ids)


def own_request_list(*, user, fiscal_year=None, q: str = ""):
    queryset = own_request_lines_visible_to(user).select_related("ministry", "department", "uploaded_by")
    if fiscal_year:
        queryset = queryset.for_fiscal_year(fiscal_year)
    if q:
        queryset = filter_words(queryset, q, ["item_text", "project", "output", "unit_text", "source_ref"])
    return queryset.order_by("-fiscal_year", "ministry__name_th", "source_ref")


def access_own_request(*, user, line_id) -> BudgetLine:
    """One own-request line this user may read; 404 for missing and for not theirs."""
    from portal.scoping import MAX_ID

    try:
        if int(line_id) > MAX_ID:
            raise ValueError
        return own_request_list(user=user).get(pk=line_id)
    except (BudgetLine.DoesNotExist, ValueError, TypeError):
        raise Http404("ไม่พบคำขอของกระทรวง") from None


def own_request_owners(user) -> list[tuple[str, object, object]]:
    """(key, ministry, department) for each owner this user may enter requests for: the whole
    ministry of a policy bureau (department None), or a planning unit's department."""
    from ministries.models import Department, Ministry
    from portal.roles import scope_of

    scope = scope_of(user)
    owners = [(f"m{m.pk}", m, None) for m in Ministry.objects.filter(pk__in=scope.ministry_ids)]
    for d in Department.objects.filter(pk__in=scope.department_ids).select_related("ministry"):
        owners.append((f"d{d.pk}", d.ministry, d))
    return owners


def output_list(*, fiscal_year=None, ministry_id=None, department_id=None, active_only: bool = False):
    from ministries.models import MinistryOutput

    queryset = MinistryOutput.objects.select_related("ministry", "department")
    if fiscal_year:
        queryset = queryset.for_fiscal_year(fiscal_year)
    if ministry_id:
        queryset = queryset.of_ministry(ministry_id, department_id)
    if active_only:
        queryset = queryset.active()
    return queryset


def output_get(*, output_id):
    from ministries.models import MinistryOutput
    from portal.scoping import MAX_ID

    try:
        if int(output_id) > MAX_ID:
            raise ValueError
        return MinistryOutput.objects.select_related("ministry", "department").get(pk=output_id)
    except (MinistryOutput.DoesNotExist, ValueError, TypeError):
        raise Http404("ไม่พบผลผลิต/โครงการ") from None
