"""Attachments: type checked by content, not by name, and size-limited (settings.UPLOAD_MAX_BYTES);
then checked inside (portal.uploads.deep_check, issue 13): no programs, scripts or macros in a PDF
or an Office file, and images are decoded and stored re-encoded."""

import io
import zipfile
from pathlib import PurePath

import filetype
from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _

from portal.exceptions import ApplicationError, NotAllowed
from portal.uploads import ContentRefused, deep_check
from proposals.events import request_event_record
from proposals.models import Attachment, ProjectRequest
from proposals.permissions import can_edit_request
from proposals.workflow import EventKind

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
# extension -> (content types accepted from the sniffer, the zip member an Office file must have)
ALLOWED = {
    "pdf": ({"application/pdf"}, None),
    "png": ({"image/png"}, None),
    "jpg": ({"image/jpeg"}, None),
    "jpeg": ({"image/jpeg"}, None),
    "xlsx": ({XLSX, "application/zip"}, "xl/workbook.xml"),
    "docx": ({DOCX, "application/zip"}, "word/document.xml"),
}
CANONICAL = {
    "pdf": "application/pdf",
    "png": "image/png",
    "jpg": "image/jpeg",
    "jpeg": "image/jpeg",
    "xlsx": XLSX,
    "docx": DOCX,
}


def attachment_check(uploaded) -> tuple[str, bytes | None]:
    """(content type, bytes to store instead or None) if the file is an allowed kind whose bytes
    match its name and whose inside is safe; else ApplicationError with a Thai message."""
    name = PurePath(uploaded.name or "").name
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    limit_mb = settings.UPLOAD_MAX_BYTES / (1024 * 1024)
    if uploaded.size > settings.UPLOAD_MAX_BYTES:
        raise ApplicationError(_("ไฟล์ “%(name)s” มีขนาดเกิน %(limit).0f MB") % {"name": name, "limit": limit_mb})
    if extension not in ALLOWED:
        raise ApplicationError(_("แนบได้เฉพาะไฟล์ PDF, XLSX, DOCX, PNG หรือ JPEG (ไฟล์ “%(name)s” ไม่ใช่)") % {"name": name})
    uploaded.seek(0)
    content = uploaded.read()
    uploaded.seek(0)
    kinds, member = ALLOWED[extension]
    guess = filetype.guess(content[:8192])
    if guess is None or guess.mime not in kinds:
        raise ApplicationError(
            _("เนื้อหาไฟล์ “%(name)s” ไม่ตรงกับชนิดไฟล์ .%(ext)s (ระบบตรวจจากเนื้อไฟล์ ไม่ใช่จากชื่อ)")
            % {"name": name, "ext": extension}
        )
    if member:
        try:
            with zipfile.ZipFile(io.BytesIO(content)) as archive:
                names = set(archive.namelist())
        except zipfile.BadZipFile:
            names = set()
        if "[Content_Types].xml" not in names or member not in names:
            raise ApplicationError(_("ไฟล์ “%(name)s” ไม่ใช่เอกสาร .%(ext)s ที่ถูกต้อง") % {"name": name, "ext": extension})
    try:
        replacement = deep_check(content, content_type=CANONICAL[extension])
    except ContentRefused as exc:
        raise ApplicationError(_("ไฟล์ “%(name)s”: %(reason)s") % {"name": name, "reason": exc}) from None
    return CANONICAL[extension], replacement


def attachment_add(*, user, request_id: int, uploaded, description: str = "") -> Attachment:
    """Attach a file to a draft or returned request of the user's office."""
    request = ProjectRequest.objects.select_related("office").get(pk=request_id)
    if not can_edit_request(user, request):
        raise NotAllowed(_("แนบไฟล์ได้เฉพาะคำขอฉบับร่างหรือที่ถูกส่งกลับ ของสำนักงานท่าน"))
    content_type, replacement = attachment_check(uploaded)
    stored = ContentFile(replacement) if replacement is not None else uploaded
    with transaction.atomic():
        attachment = Attachment(
            request=request,
            original_name=PurePath(uploaded.name).name[:255],
            content_type=content_type,
            size=stored.size,
            description=(description or "")[:300],
            uploaded_by=user,
        )
        attachment.file.save(PurePath(uploaded.name).name, stored, save=False)
        attachment.full_clean()
        attachment.save()
        request_event_record(
            request=request,
            kind=EventKind.ATTACH,
            actor=user,
            from_status=request.status,
            to_status=request.status,
            payload={"file": attachment.original_name, "size": attachment.size},
        )
    return attachment


def attachment_delete(*, user, attachment_id: int) -> None:
    attachment = Attachment.objects.select_related("request__office").get(pk=attachment_id)
    if not can_edit_request(user, attachment.request):
        raise NotAllowed(_("ลบไฟล์แนบได้เฉพาะคำขอฉบับร่างหรือที่ถูกส่งกลับ ของสำนักงานท่าน"))
    with transaction.atomic():
        request_event_record(
            request=attachment.request,
            kind=EventKind.DETACH,
            actor=user,
            from_status=attachment.request.status,
            to_status=attachment.request.status,
            payload={"file": attachment.original_name},
        )
        attachment.file.delete(save=False)
        attachment.delete()
