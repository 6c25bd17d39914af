"""Writes for the directory (R12): each organisation keeps its own entries, the central team all."""

from django.db import transaction
from django.utils.translation import gettext as _

from library.models import DirectoryEntry
from library.models.directory import ORGANISATION_FIELDS
from library.permissions import can_edit_directory_entry
from portal.exceptions import NotAllowed

DETAIL_FIELDS = (
    "unit_name",
    "coordination_role",
    "contact_person",
    "position",
    "phone",
    "email",
    "website",
    "note",
    "order",
)


@transaction.atomic
def directory_entry_create(*, user, **fields) -> DirectoryEntry:
    """fields: exactly one organisation (central_agency, ministry, department, office,
    field_office) and the DETAIL_FIELDS. Raises NotAllowed for another organisation's entry."""
    unknown = set(fields) - set(DETAIL_FIELDS) - set(ORGANISATION_FIELDS)
    if unknown:
        raise ValueError(f"unknown fields: {sorted(unknown)}")
    entry = DirectoryEntry(**fields)
    entry.full_clean()
    if not can_edit_directory_entry(user, entry):
        raise NotAllowed(_("ท่านเพิ่มข้อมูลได้เฉพาะของหน่วยงานของท่าน"))
    entry.save()
    return entry


@transaction.atomic
def directory_entry_update(*, user, entry: DirectoryEntry, **fields) -> DirectoryEntry:
    unknown = set(fields) - set(DETAIL_FIELDS) - set(ORGANISATION_FIELDS)
    if unknown:
        raise ValueError(f"unknown fields: {sorted(unknown)}")
    if not can_edit_directory_entry(user, entry):
        raise NotAllowed(_("ท่านแก้ไขได้เฉพาะข้อมูลของหน่วยงานของท่าน"))
    entry = DirectoryEntry.objects.select_for_update().get(pk=entry.pk)
    if set(fields) & set(ORGANISATION_FIELDS):
        for name in ORGANISATION_FIELDS:
            setattr(entry, name, fields.get(name))
    for name in DETAIL_FIELDS:
        if name in fields:
            setattr(entry, name, fields[name])
    entry.full_clean()
    if not can_edit_directory_entry(user, entry):
        raise NotAllowed(_("ท่านย้ายข้อมูลไปเป็นของหน่วยงานอื่นไม่ได้"))
    entry.save()
    return entry


@transaction.atomic
def directory_entry_delete(*, user, entry: DirectoryEntry) -> None:
    if not can_edit_directory_entry(user, entry):
        raise NotAllowed(_("ท่านลบได้เฉพาะข้อมูลของหน่วยงานของท่าน"))
    entry.delete()
