"""The library's API: anyone reads and searches; owners publish and replace (R11)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from library import services
from library.models import Document
from tests.library.conftest import pdf

pytestmark = pytest.mark.django_db


@pytest.fixture
def document(people):
    return services.document_create(
        user=people.planner_a,
        kind="development_plan",
        title="แผนพัฒนาจังหวัดขอนแก่น พ.ศ. 2553-2556",
        office=people.office_a,
        file=pdf(),
        fiscal_year_from=2553,
        fiscal_year_to=2556,
    )


def test_visitors_search_in_thai_through_the_api(client, document):
    data = client.get(reverse("api:library-document-list"), {"q": "แผนพัฒนาจังหวัด"}).json()
    assert [d["slug"] for d in data["results"]] == [document.slug]
    assert data["results"][0]["versions"][0]["download_url"].endswith(
        f"/library/documents/{document.slug}/versions/1/download/"
    )


def test_odd_unicode_in_the_api_search_is_explained(client, document):
    data = client.get(reverse("api:library-document-list"), {"q": "\u0e48\u0e49"}).json()
    assert data["query"]["notices"] and data["query"]["tokens"] == []


def test_visitors_cannot_publish_or_edit_through_the_api(client, people, document):
    response = client.post(
        reverse("api:library-document-list"),
        {"kind": "other", "title": "x", "office": people.office_a.pk, "file": pdf()},
    )
    assert response.status_code == 403
    assert (
        client.patch(
            reverse("api:library-document-detail", args=[document.slug]),
            {"title": "x"},
            content_type="application/json",
        ).status_code
        == 403
    )
    assert (
        client.post(reverse("api:library-document-version-create", args=[document.slug]), {"file": pdf()}).status_code
        == 403
    )
    assert Document.objects.count() == 1


def test_an_office_publishes_through_the_api_for_itself_only(client_for, people):
    url = reverse("api:library-document-list")
    ok = client_for(people.planner_b).post(
        url, {"kind": "development_plan", "title": "แผนพัฒนาจังหวัดอุดรธานี", "office": people.office_b.pk, "file": pdf()}
    )
    assert ok.status_code == 201
    refused = client_for(people.planner_b).post(
        url, {"kind": "development_plan", "title": "แผนของคนอื่น", "office": people.office_a.pk, "file": pdf()}
    )
    assert refused.status_code == 400 and "ไม่มีสิทธิ์อ้างถึง" in refused.json()["office"][0]


def test_planner_b_cannot_edit_or_replace_planner_a_document_through_the_api(client_for, people, document):
    client = client_for(people.planner_b)
    assert (
        client.patch(
            reverse("api:library-document-detail", args=[document.slug]),
            {"title": "x"},
            content_type="application/json",
        ).status_code
        == 404
    )
    assert (
        client.post(reverse("api:library-document-version-create", args=[document.slug]), {"file": pdf()}).status_code
        == 404
    )
    assert (
        client_for(people.reviewer_y)
        .patch(
            reverse("api:library-document-detail", args=[document.slug]),
            {"title": "x"},
            content_type="application/json",
        )
        .status_code
        == 404
    )


def test_the_owner_replaces_the_file_through_the_api(client_for, people, document):
    response = client_for(people.planner_a).post(
        reverse("api:library-document-version-create", args=[document.slug]), {"file": pdf("v2.pdf", b"%v2")}
    )
    assert response.status_code == 201 and response.json()["number"] == 2


def test_the_api_refuses_a_disguised_executable_with_a_thai_message(client_for, people):
    evil = SimpleUploadedFile("evil.pdf", b"MZ" + b"\0" * 64)
    response = client_for(people.planner_a).post(
        reverse("api:library-document-list"),
        {"kind": "other", "title": "x", "office": people.office_a.pk, "file": evil},
    )
    assert response.status_code == 400 and "ไม่ใช่เอกสาร" in response.json()["file"][0]
    assert not Document.objects.exists()


def test_the_api_refuses_an_empty_title_with_a_thai_message(client_for, people):
    response = client_for(people.planner_a).post(
        reverse("api:library-document-list"),
        {"kind": "other", "title": "", "office": people.office_a.pk, "file": pdf()},
    )
    assert response.status_code == 400 and "กรุณากรอกชื่อเอกสาร" in response.json()["title"][0]
