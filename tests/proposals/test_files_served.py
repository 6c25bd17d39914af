"""Stored files leave the server only through permission-checked views, in every mode (issue 13):
no URL serves MEDIA_ROOT, stored names are random, drafts' files stay with their office."""

import importlib
import re

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import Resolver404, URLPattern, URLResolver, clear_url_caches, resolve, reverse
from django.views.static import serve

from library import services as library_services
from proposals.services.attachments import attachment_add
from tests.proposals.conftest import make_request

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def draft_attachment(people):
    draft = make_request(people, title="ร่างที่มีไฟล์แนบ")
    return attachment_add(
        user=people.planner_a, request_id=draft.pk, uploaded=SimpleUploadedFile("แผนที่โครงการ.pdf", PDF)
    )


def _callbacks(patterns):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            yield from _callbacks(entry.url_patterns)
        elif isinstance(entry, URLPattern):
            yield entry.callback


@pytest.mark.parametrize("debug", [False, True])
def test_no_url_pattern_serves_the_media_folder_even_in_debug(debug):
    import portal.urls

    try:
        with override_settings(DEBUG=debug):
            module = importlib.reload(portal.urls)
            assert serve not in set(_callbacks(module.urlpatterns))
    finally:
        importlib.reload(portal.urls)
        clear_url_caches()
    with pytest.raises(Resolver404):
        resolve(f"{settings.MEDIA_URL}requests/1/a.pdf")


def test_a_draft_attachment_is_stored_under_a_random_name(draft_attachment):
    assert re.fullmatch(r"requests/[0-9a-f]{32}\.pdf", draft_attachment.file.name)
    assert draft_attachment.original_name == "แผนที่โครงการ.pdf"


def test_the_media_url_of_a_stored_file_is_not_found_for_anyone(client, client_for, people, draft_attachment):
    url = settings.MEDIA_URL + draft_attachment.file.name
    assert client.get(url).status_code == 404
    assert client_for(people.planner_a).get(url).status_code == 404


def test_visitors_are_sent_to_login_and_other_tenants_get_404(client, client_for, people, draft_attachment):
    url = reverse("proposals:attachment-download", args=[draft_attachment.pk])
    response = client.get(url)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    for persona in ("planner_b", "reviewer_x", "reviewer_y", "central"):
        assert client_for(getattr(people, persona)).get(url).status_code == 404, persona


def test_the_owner_downloads_under_the_original_name(client_for, people, draft_attachment):
    response = client_for(people.planner_a).get(reverse("proposals:attachment-download", args=[draft_attachment.pk]))
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF
    assert "filename*=utf-8''" in response["Content-Disposition"]


def test_a_library_version_is_stored_under_a_random_name(people):
    document = library_services.document_create(
        user=people.planner_a,
        kind="development_plan",
        title="แผนพัฒนาจังหวัดขอนแก่น",
        office=people.office_a,
        file=SimpleUploadedFile("แผนพัฒนาจังหวัด.pdf", PDF),
    )
    assert re.fullmatch(r"library/[0-9a-f]{32}\.pdf", document.latest_version.file.name)
