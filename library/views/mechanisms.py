"""Coordination mechanism pages (R10): a chart per resource type, kept by the central team."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from library import selectors, services
from library.charts import layout
from library.forms import MechanismLinkForm, MechanismNodeForm, ResourceTypeForm
from library.models import MechanismLink, MechanismNode, NodeLevel
from library.permissions import can_edit_mechanisms
from portal.exceptions import ApplicationError
from portal.forms import apply_service_errors


def _require_editor(request):
    if not can_edit_mechanisms(request.user):
        raise PermissionDenied


def mechanism_list(request):
    resource_types = selectors.resource_type_list().prefetch_related("nodes")
    return render(
        request,
        "library/mechanism_list.html",
        {
            "resource_types": resource_types,
            "can_edit": can_edit_mechanisms(request.user),
        },
    )


def mechanism_detail(request, code, node_form=None, link_form=None):
    resource_type = selectors.resource_type_get(code=code)
    nodes, links = selectors.mechanism_of(resource_type)
    can_edit = can_edit_mechanisms(request.user)
    levels = dict(NodeLevel.choices)
    context = {
        "resource_type": resource_type,
        "nodes": nodes,
        "links": links,
        "can_edit": can_edit,
        "chart": layout(nodes, links, levels),
        "levels": [(value, label, [n for n in nodes if n.level == value]) for value, label in NodeLevel.choices],
        "other_types": selectors.resource_type_list().exclude(pk=resource_type.pk),
    }
    if can_edit:
        context["node_form"] = node_form or MechanismNodeForm(prefix="node")
        context["link_form"] = link_form or MechanismLinkForm(resource_type=resource_type, prefix="link")
    return render(request, "library/mechanism_detail.html", context, status=400 if (node_form or link_form) else 200)


@login_required
def resource_type_create(request):
    _require_editor(request)
    form = ResourceTypeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            resource_type = services.resource_type_create(user=request.user, **form.cleaned_data)
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, _("เพิ่มด้านทรัพยากรแล้ว"))
            return redirect("library:mechanism-detail", code=resource_type.code)
    return render(
        request,
        "library/form_page.html",
        {"form": form, "title": _("เพิ่มด้านทรัพยากร"), "back_url": reverse("library:mechanism-list")},
    )


@login_required
@require_POST
def mechanism_node_add(request, code):
    _require_editor(request)
    resource_type = selectors.resource_type_get(code=code)
    form = MechanismNodeForm(request.POST, prefix="node")
    if form.is_valid():
        try:
            services.mechanism_node_create(user=request.user, resource_type=resource_type, **form.cleaned_data)
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, _("เพิ่มหน่วยในกลไกแล้ว"))
            return redirect("library:mechanism-detail", code=code)
    return mechanism_detail(request, code, node_form=form)


@login_required
def mechanism_node_edit(request, code, node_id):
    _require_editor(request)
    resource_type = selectors.resource_type_get(code=code)
    node = get_object_or_404(MechanismNode, pk=node_id, resource_type=resource_type)
    form = MechanismNodeForm(request.POST or None, instance=node)
    if request.method == "POST" and form.is_valid():
        try:
            services.mechanism_node_update(user=request.user, node=node, **form.cleaned_data)
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, _("บันทึกหน่วยในกลไกแล้ว"))
            return redirect("library:mechanism-detail", code=code)
    return render(
        request,
        "library/form_page.html",
        {
            "form": form,
            "title": _("แก้ไขหน่วยในกลไก"),
            "back_url": reverse("library:mechanism-detail", args=[code]),
            "delete_action": reverse("library:mechanism-node-delete", args=[code, node.pk]),
        },
    )


@login_required
@require_POST
def mechanism_node_delete(request, code, node_id):
    _require_editor(request)
    node = get_object_or_404(MechanismNode, pk=node_id, resource_type__code=code)
    services.mechanism_node_delete(user=request.user, node=node)
    messages.success(request, _("ลบหน่วยในกลไกแล้ว"))
    return redirect("library:mechanism-detail", code=code)


@login_required
@require_POST
def mechanism_link_add(request, code):
    _require_editor(request)
    resource_type = selectors.resource_type_get(code=code)
    form = MechanismLinkForm(request.POST, resource_type=resource_type, prefix="link")
    if form.is_valid():
        try:
            services.mechanism_link_create(user=request.user, resource_type=resource_type, **form.cleaned_data)
        except (ApplicationError, ValidationError) as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, _("เพิ่มความเชื่อมโยงแล้ว"))
            return redirect("library:mechanism-detail", code=code)
    return mechanism_detail(request, code, link_form=form)


@login_required
@require_POST
def mechanism_link_delete(request, code, link_id):
    _require_editor(request)
    link = get_object_or_404(MechanismLink, pk=link_id, resource_type__code=code)
    services.mechanism_link_delete(user=request.user, link=link)
    messages.success(request, _("ลบความเชื่อมโยงแล้ว"))
    return redirect("library:mechanism-detail", code=code)
