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
