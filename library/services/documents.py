"""Writes for the plans library (R11): publish, describe, replace (a new version), and publish an
action plan filed in the portal as a generated document."""

import hashlib
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from clusters.models import Office, StrategicIssue
from library.extract import EXTRACTORS, extract_text
from library.models import Document, DocumentKind, DocumentVersion
from library.permissions import can_edit_document, can_publish_document
from library.search import normalise_text
from library.uploads import HTML, UploadRefused, check_upload
from ministries.models import Ministry
from portal.exceptions import NotAllowed
from proposals.models import ActionPlan
from proposals.permissions import can_publish_action_plan
from proposals.selectors.analysis import plan_analysis_get, plan_problem_table
from proposals.workflow import StatusGroup

EDITABLE_FIELDS = (
    "kind",
    "title",
    "description",
    "office",
    "ministry",
    "fiscal_year_from",
    "fiscal_year_to",
    "plan_period",
    "tags",
    "is_published",
    "external_url",
)


def _search_text(document: Document) -> str:
    parts = [document.title, document.description, document.tags, document.get_kind_display(), document.plan_period]
    if document.office_id:
        parts.append(document.office.name_th)
    if document.ministry_id:
        parts.append(document.ministry.name_th)
    if document.source_plan_id:
        parts.extend(_plan_search_parts(document.source_plan))
    if document.pk:
        # the current file's text (issue 11): what the document says, not only what it is called
        parts.append(document.versions.order_by("-number").values_list("text", flat=True).first() or "")
    return normalise_text(" ".join(p for p in parts if p))


def _plan_search_parts(plan: ActionPlan) -> list[str]:
    """What a generated plan holds, so the library finds it by its content (issue 11): the
    vision, and each request's title, description and places, as in the published page."""
    parts = [plan.vision]
    requests = (
        plan.requests.exclude(status__in=StatusGroup.CLOSED_BY_OWNER_OR_CLUSTER)
        .select_related("category")
        .prefetch_related("locations__province")
    )
    for request in requests:
        parts += [request.title, request.description, request.category.name_th if request.category_id else ""]
        with translation.override("th"):  # the index is the same whoever publishes
            parts += [str(location) for location in request.locations.all()]
    return parts


def _new_slug(kind: str, year: int | None) -> str:
    while True:
        slug = f"{kind.replace('_', '-')}-{year or 'na'}-{secrets.token_hex(4)}"
        if not Document.objects.filter(slug=slug).exists():
            return slug


def _store_version(
    *, document: Document, user, content, original_name: str, content_type: str, size: int, sha256: str, note: str
) -> DocumentVersion:
    # numbered under the document's row lock: two uploads at once get 2 and 3, never 2 twice
    Document.objects.select_for_update().get(pk=document.pk)
    last = document.versions.order_by("-number").values_list("number", flat=True).first() or 0
    version = DocumentVersion(
        document=document,
        number=last + 1,
        original_name=original_name[:255],
        content_type=content_type,
        size=size,
        sha256=sha256,
        note=note,
        uploaded_by=user if getattr(user, "is_authenticated", False) else None,
        text=extract_text(_bytes_of(content), content_type) if content_type in EXTRACTORS else "",
    )
    version.file.save(original_name, content, save=False)
    version.full_clean()
    version.save()
    Document.objects.filter(pk=document.pk).update(updated_at=timezone.now(), search_text=_search_text(document))
    return version


def _bytes_of(content) -> bytes:
    """The upload's bytes for text extraction, leaving the file positioned for storage."""
    content.seek(0)
    data = content.read()
    content.seek(0)
    return data if isinstance(data, bytes) else data.encode("utf-8")


def document_text_refresh(*, version: DocumentVersion) -> bool:
    """Extract a stored version's text again (the backfill command); True if the text changed."""
    with version.file.open("rb") as handle:
        text = extract_text(handle.read(), version.content_type)
    if text == version.text:
        return False
    DocumentVersion.objects.filter(pk=version.pk).update(text=text)
    document = version.document
    Document.objects.filter(pk=document.pk).update(search_text=_search_text(document))
    return True


def _checked(file):
    if file is None:
        raise ValidationError({"file": _("กรุณาเลือกไฟล์เอกสาร")})
    try:
        return check_upload(file, name=getattr(file, "name", ""), size=file.size, max_bytes=settings.UPLOAD_MAX_BYTES)
    except UploadRefused as exc:
        raise ValidationError({"file": str(exc)}) from None


def _stored(file, checked):
    """What goes to storage: the upload, or the image re-encoded by the check (issue 13)."""
    return ContentFile(checked.replacement) if checked.replacement is not None else file


@transaction.atomic
def document_create(
    *,
    user,
    kind: str,
    title: str,
    file=None,
    external_url: str = "",
    description: str = "",
    office: Office | None = None,
    ministry: Ministry | None = None,
    fiscal_year_from: int | None = None,
    fiscal_year_to: int | None = None,
    plan_period: str = "",
    tags: str = "",
    is_published: bool = True,
    note: str = "",
) -> Document:
    """Publish a new document with its first version. Raises NotAllowed when the user may not
    publish for that office/ministry, ValidationError for bad metadata or a refused file."""
    if not can_publish_document(user, office=office, ministry=ministry):
        raise NotAllowed(_("ท่านเผยแพร่เอกสารได้เฉพาะของหน่วยงานของท่าน"))
    document = Document(
        kind=kind,
        title=(title or "").strip(),
        description=description or "",
        office=office,
        ministry=ministry,
        fiscal_year_from=fiscal_year_from,
        fiscal_year_to=fiscal_year_to,
        plan_period=plan_period or "",
        tags=tags or "",
        is_published=is_published,
        external_url=(external_url or "").strip(),
        created_by=user,
    )
    document.slug = _new_slug(kind, fiscal_year_from)
    document.search_text = _search_text(document)
    errors = {}
    try:
        document.full_clean()
    except ValidationError as exc:
        errors.update(exc.message_dict)
    checked = None
    if file:
        try:
            checked = _checked(file)
        except ValidationError as exc:
            errors.update(exc.message_dict)
    elif not document.external_url:
        # R22: a plan kept on another agency's site may be cited by its link instead of a file
        errors["file"] = [_("กรุณาเลือกไฟล์เอกสาร หรือใส่ลิงก์เอกสาร")]
    if errors:
        raise ValidationError(errors)
    document.save()
    if checked is None:
        return document
    _store_version(
        document=document,
        user=user,
        content=_stored(file, checked),
        original_name=file.name,
        content_type=checked.content_type,
        size=checked.size,
        sha256=checked.sha256,
        note=note,
    )
    return document


@transaction.atomic
def document_update(*, user, document: Document, **changes) -> Document:
    """Change a document's description; an office cannot hand its document to another office."""
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValueError(f"not editable: {sorted(unknown)}")
    if not can_edit_document(user, document):
        raise NotAllowed(_("ท่านแก้ไขได้เฉพาะเอกสารของหน่วยงานของท่าน"))
    document = Document.objects.select_for_update().get(pk=document.pk)
    for name, value in changes.items():
        setattr(document, name, value.strip() if isinstance(value, str) and name == "title" else value)
    if not can_edit_document(user, document):
        raise NotAllowed(_("ท่านย้ายเอกสารไปเป็นของหน่วยงานอื่นไม่ได้"))
    document.search_text = _search_text(document)
    document.full_clean()
    document.save()
    return document


@transaction.atomic
def document_version_add(*, user, document: Document, file, note: str = "") -> DocumentVersion:
    """Replace a document's file: a new version; the earlier ones stay listed and downloadable."""
    if not can_edit_document(user, document):
        raise NotAllowed(_("ท่านแก้ไขได้เฉพาะเอกสารของหน่วยงานของท่าน"))
    checked = _checked(file)
    return _store_version(
        document=document,
        user=user,
        content=_stored(file, checked),
        original_name=file.name,
        content_type=checked.content_type,
        size=checked.size,
        sha256=checked.sha256,
        note=note,
    )


def _plan_context(plan: ActionPlan) -> dict:
    issues = list(plan.strategic_issues.order_by("number"))
    if not issues:
        issues = list(
            StrategicIssue.objects.filter(
                office=plan.office, period_start__lte=plan.fiscal_year, period_end__gte=plan.fiscal_year
            ).order_by("number")
        )
    requests = list(
        plan.requests.exclude(status__in=StatusGroup.CLOSED_BY_OWNER_OR_CLUSTER)
        .select_related("strategic_issue", "category", "target_ministry")
        .order_by("priority_rank", "id")
    )
    requests.sort(key=lambda r: (r.priority_rank is None, r.priority_rank or 0, r.id))
    return {
        "plan": plan,
        "issues": issues,
        "requests": requests,
        # R3: the plan's analysis section is published with it
        "analysis": plan_analysis_get(plan=plan),
        "problem_table": plan_problem_table(plan=plan),
        "total": sum((r.amount for r in requests), 0),
        "generated_at": timezone.now(),
    }


@transaction.atomic
def action_plan_publish(*, user, plan: ActionPlan) -> Document:
    """Render an action plan filed in the portal (office, year, strategic issues, ranked requests
    with amounts) to an HTML document in the library, without re-uploading anything. The first
    publication creates the document; each later one adds a version (R11)."""
    if not can_publish_action_plan(user, plan):
        raise NotAllowed(_("ท่านเผยแพร่ได้เฉพาะแผนปฏิบัติราชการของหน่วยงานของท่าน"))
    plan = ActionPlan.objects.select_for_update().select_related("office").get(pk=plan.pk)
    document = Document.objects.filter(source_plan=plan).first()
    if document is None:
        document = Document(
            kind=DocumentKind.ACTION_PLAN,
            title=plan.title,
            office=plan.office,
            fiscal_year_from=plan.fiscal_year,
            plan_period=_("ปีงบประมาณ พ.ศ. %(year)s") % {"year": plan.fiscal_year},
            source_plan=plan,
            created_by=user,
            description=_("แผนปฏิบัติราชการประจำปีที่จัดทำในระบบ เผยแพร่จากระบบโดยตรง"),
        )
        document.slug = _new_slug(document.kind, plan.fiscal_year)
    document.title = plan.title
    document.search_text = _search_text(document)
    document.full_clean()
    document.save()
    html = render_to_string("library/generated/action_plan.html", _plan_context(plan)).encode("utf-8")
    name = f"action-plan-{plan.fiscal_year}-{plan.office_id}.html"
    return _store_version(
        document=document,
        user=user,
        content=ContentFile(html, name=name),
        original_name=name,
        content_type=HTML,
        size=len(html),
        sha256=hashlib.sha256(html).hexdigest(),
        note=_("สร้างจากแผนปฏิบัติราชการในระบบ"),
    ).document
