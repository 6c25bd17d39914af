"""Plans library pages (R11): public list, search, detail and download; publishing for owners."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from library import selectors, services
from library.filters import DocumentFilter
from library.forms import DocumentCreateForm, DocumentMetadataForm, DocumentVersionForm
from library.models import Document
from library.permissions import can_edit_document, can_publish_any_document
from library.search import parse_query
from portal.exceptions import ApplicationError, NotAllowed
from portal.forms import apply_service_errors

PAGE_SIZE = 20


def document_list(request):
    filterset = DocumentFilter(request.GET or None, queryset=Document.objects.none())
    params = filterset.clean_params()
    query = parse_query(params.pop("raw_query"))
    documents = selectors.document_list(user=request.user, query=query, **params)
    page = Paginator(documents, PAGE_SIZE).get_page(request.GET.get("page"))
    querystring = request.GET.copy()
    querystring.pop("page", None)
    if query.text and "q" in querystring:
        querystring["q"] = query.text
    return render(
        request,
        "library/document_list.html",
        {
            "filter": filterset,
            "query": query,
            "page": page,
            "querystring": querystring.urlencode(),
            "can_publish": can_publish_any_document(request.user),
            "searched": bool(request.GET),
        },
    )


def document_detail(request, slug):
    document = selectors.access_document(user=request.user, slug=slug)
    return render(
        request,
        "library/document_detail.html",
        {
            "document": document,
            "versions": document.versions.select_related("uploaded_by").order_by("-number"),
            "can_edit": can_edit_document(request.user, document),
        },
    )


def document_download(request, slug, number=None):
    if number is None:
        document = selectors.access_document(user=request.user, slug=slug)
        version = document.latest_version
        if version is None:
            raise Http404
    else:
        version = selectors.access_document_version(user=request.user, slug=slug, number=number)
    try:
        handle = version.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(
        handle, as_attachment=True, filename=version.original_name, content_type=version.content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
def document_create(request):
    if not can_publish_any_document(request.user):
        raise PermissionDenied
    form = DocumentCreateForm(request.POST or None, request.FILES or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            document = services.document_create(user=request.user, **data)
        except ValidationError as exc:
            apply_service_errors(form, exc)
        except NotAllowed as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("เผยแพร่เอกสารแล้ว"))
            return redirect(document)
    return render(
        request,
        "library/document_form.html",
        {
            "form": form,
            "title": _("เผยแพร่เอกสารในคลังแผน"),
            "multipart": True,
            "upload_limit_mb": settings.UPLOAD_MAX_BYTES // (1024 * 1024),
        },
    )


@login_required
def document_edit(request, slug):
    document = selectors.access_editable_document(user=request.user, slug=slug)
    initial = {name: getattr(document, name) for name in DocumentMetadataForm.base_fields}
    form = DocumentMetadataForm(request.POST or None, initial=initial, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.document_update(user=request.user, document=document, **form.cleaned_data)
        except ValidationError as exc:
            apply_service_errors(form, exc)
        except NotAllowed as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("บันทึกข้อมูลเอกสารแล้ว"))
            return redirect(document)
    return render(
        request, "library/document_form.html", {"form": form, "document": document, "title": _("แก้ไขข้อมูลเอกสาร")}
    )


@login_required
def document_version_add(request, slug):
    document = selectors.access_editable_document(user=request.user, slug=slug)
    form = DocumentVersionForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            version = services.document_version_add(user=request.user, document=document, **form.cleaned_data)
        except ValidationError as exc:
            apply_service_errors(form, exc)
        except NotAllowed as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("เพิ่มฉบับที่ %(n)s แล้ว ฉบับก่อนหน้ายังดาวน์โหลดได้") % {"n": version.number})
            return redirect(document)
    return render(
        request,
        "library/document_form.html",
        {
            "form": form,
            "document": document,
            "title": _("อัปโหลดฉบับใหม่"),
            "multipart": True,
            "upload_limit_mb": settings.UPLOAD_MAX_BYTES // (1024 * 1024),
        },
    )


@login_required
def plan_publish_list(request):
    """Action plans filed in the portal that this user may publish to the library."""
    plans = list(selectors.publishable_plan_list(user=request.user).select_related("library_document"))
    if not plans and not can_publish_any_document(request.user):
        raise PermissionDenied
    return render(request, "library/plan_publish_list.html", {"plans": plans})


@login_required
@require_POST
def plan_publish(request, plan_id):
    plan = selectors.access_publishable_plan(user=request.user, plan_id=plan_id)
    try:
        document = services.action_plan_publish(user=request.user, plan=plan)
    except ApplicationError as exc:
        messages.error(request, exc.message)
        return redirect("library:plan-publish-list")
    messages.success(request, _("เผยแพร่แผนปฏิบัติราชการในคลังแผนแล้ว (ฉบับที่ %(n)s)") % {"n": document.latest_version.number})
    return redirect(document)
