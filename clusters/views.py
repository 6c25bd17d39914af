"""Small htmx endpoints behind the place pickers: <option> lists of the gazetteer."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.http import require_GET

from clusters.models import Amphoe, Tambon
from portal.scoping import id_param


def _param(request, suffix: str) -> str:
    """The value of the first query parameter named `suffix` or ending in `-suffix`: the pickers
    live in formsets, so the province select of row 2 is sent as `locations-2-province`."""
    for key, value in request.GET.items():
        if key == suffix or key.endswith(f"-{suffix}"):
            return value.strip()
    return ""


@login_required
@require_GET
def amphoe_options_view(request):
    province = id_param(_param(request, "province"))
    amphoes = Amphoe.objects.filter(province_id=province) if province else Amphoe.objects.none()
    return render(
        request,
        "clusters/place_options.html",
        {"places": amphoes, "selected": _param(request, "district"), "needs_parent": not province},
    )


@login_required
@require_GET
def tambon_options_view(request):
    province, amphoe = _param(request, "province"), _param(request, "district")
    tambons = Tambon.objects.none()
    if amphoe.isdecimal():
        tambons = Tambon.objects.filter(amphoe__code=amphoe)
        if id_param(province):
            # the amphoe select may still hold a pick from the previous province
            tambons = tambons.filter(amphoe__province_id=id_param(province))
    return render(
        request,
        "clusters/place_options.html",
        {"places": tambons, "selected": _param(request, "subdistrict"), "needs_parent": not amphoe.isdecimal()},
    )
