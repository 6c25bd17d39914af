"""Integration team directory pages (R12): public list and entry; each organisation keeps its own."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from library import selectors, services
from library.forms import DirectoryEntryForm
from library.models import DirectoryEntry
from library.permissions import can_add_directory_entry, can_edit_directory_entry
from portal.exceptions import NotAllowed
from portal.forms import apply_service_errors


def directory(request):
    groups = selectors.directory_groups()
    editable = (
        set(DirectoryEntry.objects.editable_by(request.user).values_list("pk", flat=True))
        if request.user.is_authenticated
        else set()
    )
    return render(
        request,
        "library/directory.html",
        {
            "groups": groups,
            "editable_ids": editable,
            "can_add": can_add_directory_entry(request.user),
        },
    )


def directory_entry(request, entry_id):
    entry = get_object_or_404(
        DirectoryEntry.objects.select_related(
            "central_agency", "ministry", "department__ministry", "office", "field_office__kind"
        ),
        pk=entry_id,
    )
    return render(
        request,
        "library/directory_entry.html",
        {"entry": entry, "can_edit": can_edit_directory_entry(request.user, entry)},
    )


def _save(request, form, entry=None):
    try:
        fields = {**form.organisation_fields(), **form.detail_fields()}
        if entry is None:
            return services.directory_entry_create(user=request.user, **fields)
        return services.directory_entry_update(user=request.user, entry=entry, **fields)
    except ValidationError as exc:
        apply_service_errors(form, exc)
    except NotAllowed as exc:
        form.add_error("organisation", exc.message)
    return None


@login_required
def directory_entry_create(request):
    if not can_add_directory_entry(request.user):
        raise PermissionDenied
    form = DirectoryEntryForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        entry = _save(request, form)
        if entry is not None:
            messages.success(request, _("เพิ่มข้อมูลในทำเนียบแล้ว"))
            return redirect("library:directory-entry", entry_id=entry.pk)
    return render(
        request,
        "library/form_page.html",
        {"form": form, "title": _("เพิ่มข้อมูลในทำเนียบทีมบูรณาการ"), "back_url": reverse("library:directory")},
    )


@login_required
def directory_entry_edit(request, entry_id):
    entry = selectors.access_directory_entry(user=request.user, entry_id=entry_id)
    form = DirectoryEntryForm(request.POST or None, instance=entry, user=request.user)
    if request.method == "POST" and form.is_valid():
        saved = _save(request, form, entry)
        if saved is not None:
            messages.success(request, _("บันทึกข้อมูลในทำเนียบแล้ว"))
            return redirect("library:directory-entry", entry_id=saved.pk)
    return render(
        request,
        "library/form_page.html",
        {
            "form": form,
            "title": _("แก้ไขข้อมูลในทำเนียบ"),
            "back_url": reverse("library:directory-entry", args=[entry.pk]),
            "delete_action": reverse("library:directory-entry-delete", args=[entry.pk]),
        },
    )


@login_required
@require_POST
def directory_entry_delete(request, entry_id):
    entry = selectors.access_directory_entry(user=request.user, entry_id=entry_id)
    services.directory_entry_delete(user=request.user, entry=entry)
    messages.success(request, _("ลบข้อมูลออกจากทำเนียบแล้ว"))
    return redirect("library:directory")
