"""Reads of the ministries area: budget lines and their import batches."""

from django.http import Http404

from ministries.models import BudgetLine, BudgetLineImport


def budget_line_list(*, fiscal_year=None, province: str = "", q: str = "", provincial=None):
    queryset = BudgetLine.objects.select_related("ministry", "department").order_by("fiscal_year", "source_ref")
    if fiscal_year:
        queryset = queryset.for_fiscal_year(fiscal_year)
    if province:
        queryset = queryset.in_province(province)
    if q:
        queryset = queryset.filter(item_text__icontains=q)
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
