"""The cluster board (R4): the cluster officer consolidates the member provinces' requests."""

from itertools import groupby

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from clusters.models import Office
from portal.exceptions import ApplicationError
from portal.roles import scope_of
from proposals.forms import MergeForm
from proposals.models import ActionPlan, ProjectRequest
from proposals.selectors.plans import plan_requests
from proposals.selectors.requests import locations_prefetch
from proposals.services.cluster import requests_merge
from proposals.views import error_text, fiscal_year_from, paginate
from proposals.workflow import Action, transition_for


def merge_candidates(*, user, office: Office, fiscal_year: int):
    """The member provinces' requests that can still be merged, by category then province rank."""
    return (
        ProjectRequest.objects.visible_to(user)
        .filter(
            fiscal_year=fiscal_year,
            office__province_id__in=office.province_ids(fiscal_year),
            status__in=transition_for(Action.MERGE).sources,
        )
        .select_related("office", "category", "ministry_strategy__ministry", "strategic_issue")
        # issue 10: past consolidation a merge needs the reviewing ministry's consent (reviews app)
        .prefetch_related(locations_prefetch(), "merge_consents")
        .order_by("category__ordering", "category_id", "office__name_th", "priority_rank", "id")
    )


@login_required
def cluster_board_view(request):
    scope = scope_of(request.user)
    if not scope.cluster_office_ids:
        raise PermissionDenied(_("หน้านี้สำหรับเจ้าหน้าที่กลุ่มจังหวัด"))
    year = fiscal_year_from(request)
    offices = list(Office.objects.filter(pk__in=scope.cluster_office_ids).select_related("cluster").order_by("name_th"))
    chosen = request.GET.get("office", "")
    office = next((o for o in offices if str(o.pk) == chosen), offices[0])
    page = paginate(request, merge_candidates(user=request.user, office=office, fiscal_year=year))
    groups = [(category, list(rows)) for category, rows in groupby(page.object_list, key=lambda r: r.category)]
    plan = ActionPlan.objects.filter(office=office, fiscal_year=year).first()
    own = list(plan_requests(plan=plan)) if plan else []
    return render(
        request,
        "proposals/cluster_board.html",
        {
            "office": office,
            "offices": offices,
            "year": year,
            "page": page,
            "groups": groups,
            "plan": plan,
            "own": own,
            "form": MergeForm(candidates=ProjectRequest.objects.none()),
        },
    )


@login_required
@require_POST
def cluster_merge_view(request):
    scope = scope_of(request.user)
    if not scope.cluster_office_ids:
        raise PermissionDenied
    office_id = request.POST.get("office", "")
    office_id = int(office_id) if office_id.isdecimal() and int(office_id) in scope.cluster_office_ids else None
    ids = [i for i in request.POST.getlist("requests") if i.isdecimal()]
    try:
        project = requests_merge(
            user=request.user, request_ids=ids, title=request.POST.get("title", ""), cluster_office_id=office_id
        )
    except (ApplicationError, ValidationError) as exc:
        messages.error(request, error_text(exc))
        return redirect("proposals:cluster-board")
    messages.success(
        request,
        _("รวมเป็นโครงการกลุ่มจังหวัด %(ref)s แล้ว กรุณาตรวจสอบรายละเอียดและเชื่อมโยงยุทธศาสตร์ก่อนส่ง") % {"ref": project.reference},
    )
    return redirect("proposals:request-detail", pk=project.pk)
