"""The plans library (R11): owners publish and replace; everyone reads, searches and downloads."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from library import services
from library.models import Document, DocumentKind
from portal.exceptions import NotAllowed
from tests.library.conftest import PDF_BYTES, pdf

pytestmark = pytest.mark.django_db

CLUSTER_PLAN = "แผนพัฒนากลุ่มจังหวัดภาคตะวันออกเฉียงเหนือตอนกลาง พ.ศ. 2553-2556"


def publish(user, office, title=CLUSTER_PLAN, kind=DocumentKind.DEVELOPMENT_PLAN, **extra):
    return services.document_create(
        user=user,
        kind=kind,
        title=title,
        office=office,
        file=pdf(),
        fiscal_year_from=2553,
        fiscal_year_to=2556,
        **extra,
    )


def form_data(office, **overrides):
    data = {
        "kind": DocumentKind.DEVELOPMENT_PLAN,
        "title": CLUSTER_PLAN,
        "office": office.pk,
        "fiscal_year_from": 2553,
        "fiscal_year_to": 2556,
        "is_published": "on",
        "file": pdf(),
    }
    data.update(overrides)
    return data


# --- publishing through the page
def test_the_central_team_publishes_a_cluster_plan_through_the_form(client_for, people):
    response = client_for(people.central).post(reverse("library:document-create"), form_data(people.cluster_office_a))
    document = Document.objects.get(title=CLUSTER_PLAN)
    assert response.status_code == 302 and response["Location"] == document.get_absolute_url()
    assert document.versions.get().content_type == "application/pdf"


def test_a_planner_publishes_for_their_own_office(client_for, people):
    response = client_for(people.planner_a).post(
        reverse("library:document-create"), form_data(people.office_a, title="แผนพัฒนาจังหวัดขอนแก่น")
    )
    assert response.status_code == 302
    assert Document.objects.get(title="แผนพัฒนาจังหวัดขอนแก่น").office == people.office_a


def test_a_planner_cannot_publish_for_another_province(client_for, people):
    response = client_for(people.planner_b).post(
        reverse("library:document-create"), form_data(people.office_a, title="แผนปลอม")
    )
    assert response.status_code == 200  # the office is not among their choices: a form error
    assert not Document.objects.filter(title="แผนปลอม").exists()


def test_a_ministry_reviewer_publishes_for_their_ministry_only(people):
    document = services.document_create(
        user=people.reviewer_x,
        kind=DocumentKind.ENVIRONMENT_PLAN,
        title="แผนสิ่งแวดล้อม ทส.",
        ministry=people.ministry_x,
        file=pdf(),
    )
    assert document.ministry == people.ministry_x
    with pytest.raises(NotAllowed):
        services.document_create(
            user=people.reviewer_y, kind=DocumentKind.OTHER, title="x", ministry=people.ministry_x, file=pdf()
        )


def test_a_signed_in_person_without_an_organisation_cannot_open_the_publish_form(client_for, people):
    assert client_for(people.outsider).get(reverse("library:document-create")).status_code == 403


# --- editing: only one's own
def test_planner_b_cannot_edit_planner_a_office_document(client_for, people):
    document = publish(people.planner_a, people.office_a, title="แผนพัฒนาจังหวัดขอนแก่น")
    client = client_for(people.planner_b)
    assert client.get(reverse("library:document-edit", args=[document.slug])).status_code == 404
    response = client.post(reverse("library:document-edit", args=[document.slug]), {"kind": "other", "title": "ถูกแก้"})
    assert response.status_code == 404
    assert (
        client.post(reverse("library:document-version-add", args=[document.slug]), {"file": pdf()}).status_code == 404
    )
    document.refresh_from_db()
    assert document.title == "แผนพัฒนาจังหวัดขอนแก่น" and document.versions.count() == 1


def test_reviewer_y_cannot_edit_a_document_of_mnre(client_for, people):
    document = services.document_create(
        user=people.reviewer_x,
        kind=DocumentKind.ENVIRONMENT_PLAN,
        title="แผนสิ่งแวดล้อม ทส.",
        ministry=people.ministry_x,
        file=pdf(),
    )
    assert client_for(people.reviewer_y).get(reverse("library:document-edit", args=[document.slug])).status_code == 404
    assert client_for(people.reviewer_x).get(reverse("library:document-edit", args=[document.slug])).status_code == 200


def test_an_office_cannot_hand_its_document_to_another_office(client_for, people):
    document = publish(people.planner_a, people.office_a, title="แผนพัฒนาจังหวัดขอนแก่น")
    response = client_for(people.planner_a).post(
        reverse("library:document-edit", args=[document.slug]),
        {"kind": "development_plan", "title": "แผนพัฒนาจังหวัดขอนแก่น", "office": people.office_b.pk, "is_published": "on"},
    )
    assert response.status_code == 200
    document.refresh_from_db()
    assert document.office == people.office_a


def test_the_owner_edits_metadata_and_search_follows(client_for, people, client):
    document = publish(people.planner_a, people.office_a, title="แผนพัฒนาจังหวัดขอนแก่น")
    response = client_for(people.planner_a).post(
        reverse("library:document-edit", args=[document.slug]),
        {
            "kind": "development_plan",
            "title": "แผนพัฒนาจังหวัดขอนแก่น ฉบับทบทวน",
            "office": people.office_a.pk,
            "description": "ทบทวนตามมติ ก.บ.จ. เรื่องอ้อยและน้ำตาล",
            "is_published": "on",
        },
    )
    assert response.status_code == 302
    found = client.get(reverse("library:document-list"), {"q": "อ้อยและน้ำตาล"}).content.decode()
    assert "แผนพัฒนาจังหวัดขอนแก่น ฉบับทบทวน" in found


# --- versions and downloads
def test_replacing_a_document_keeps_the_old_version_downloadable(client_for, people, client):
    document = publish(people.central, people.cluster_office_a)
    new_bytes = PDF_BYTES + b"% revised after the workshop\n"
    response = client_for(people.central).post(
        reverse("library:document-version-add", args=[document.slug]),
        {"file": SimpleUploadedFile("plan-v2.pdf", new_bytes, content_type="application/pdf"), "note": "ฉบับทบทวน"},
    )
    assert response.status_code == 302
    assert list(document.versions.values_list("number", flat=True).order_by("number")) == [1, 2]
    old = client.get(reverse("library:document-version-download", args=[document.slug, 1]))
    latest = client.get(reverse("library:document-download", args=[document.slug]))
    assert b"".join(old.streaming_content) == PDF_BYTES
    assert b"".join(latest.streaming_content) == new_bytes
    assert latest["Content-Type"] == "application/pdf"
    assert latest["Content-Disposition"].startswith("attachment;") and "plan-v2.pdf" in latest["Content-Disposition"]


def test_a_thai_file_name_survives_in_the_download_header(people, client):
    document = services.document_create(
        user=people.central,
        kind="development_plan",
        title="แผน",
        office=people.office_a,
        file=SimpleUploadedFile("แผนพัฒนาจังหวัด.pdf", PDF_BYTES),
    )
    response = client.get(reverse("library:document-download", args=[document.slug]))
    assert "filename*=utf-8''" in response["Content-Disposition"]


def test_an_unpublished_document_is_hidden_from_visitors_and_other_offices(client_for, people, client):
    document = publish(people.planner_a, people.office_a, title="ร่างแผนพัฒนาจังหวัดขอนแก่น", is_published=False)
    assert client.get(document.get_absolute_url()).status_code == 404
    assert client.get(reverse("library:document-download", args=[document.slug])).status_code == 404
    assert client_for(people.planner_b).get(document.get_absolute_url()).status_code == 404
    assert client_for(people.planner_a).get(document.get_absolute_url()).status_code == 200
    assert client_for(people.central).get(document.get_absolute_url()).status_code == 200


# --- visitors read, never write
def test_visitors_read_the_list_and_detail(client, people):
    document = publish(people.central, people.cluster_office_a)
    assert CLUSTER_PLAN in client.get(reverse("library:document-list")).content.decode()
    page = client.get(document.get_absolute_url()).content.decode()
    assert CLUSTER_PLAN in page and "ดาวน์โหลดฉบับล่าสุด" in page and "แก้ไขข้อมูลเอกสาร" not in page


@pytest.mark.parametrize("name", ["library:document-create"])
def test_visitors_are_sent_to_login_for_the_publish_form(client, name):
    response = client.post(reverse(name), {"title": "x"})
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_visitors_cannot_edit_or_replace(client, people):
    document = publish(people.central, people.cluster_office_a)
    for name in ("library:document-edit", "library:document-version-add"):
        response = client.post(reverse(name, args=[document.slug]), {"title": "x", "file": pdf()})
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert document.versions.count() == 1


# --- bad input: a clear Thai answer, nothing saved
def test_a_disguised_executable_is_refused_with_a_thai_message(client_for, people):
    fake = SimpleUploadedFile("แผนพัฒนา.pdf", b"MZ\x90\x00" + b"\x00" * 512, content_type="application/pdf")
    response = client_for(people.central).post(
        reverse("library:document-create"), form_data(people.cluster_office_a, file=fake)
    )
    assert response.status_code == 200
    assert "ไม่ใช่เอกสาร" in response.content.decode()
    assert not Document.objects.filter(title=CLUSTER_PLAN).exists()
    assert f'value="{CLUSTER_PLAN}"' in response.content.decode()  # what was typed is kept


def test_an_oversized_file_is_refused_with_a_thai_message(client_for, people, settings):
    settings.UPLOAD_MAX_BYTES = 1024
    big = SimpleUploadedFile("big.pdf", PDF_BYTES + b"0" * 4096, content_type="application/pdf")
    response = client_for(people.central).post(
        reverse("library:document-create"), form_data(people.cluster_office_a, file=big)
    )
    assert response.status_code == 200
    assert "เกินกว่าที่ระบบรับได้" in response.content.decode()
    assert not Document.objects.exists()


def test_an_empty_title_is_refused_with_a_thai_message(client_for, people):
    response = client_for(people.central).post(
        reverse("library:document-create"), form_data(people.cluster_office_a, title="   ")
    )
    assert response.status_code == 200
    assert "กรุณากรอกชื่อเอกสาร" in response.content.decode()
    assert not Document.objects.exists()


def test_a_year_in_the_christian_era_is_refused(client_for, people):
    response = client_for(people.central).post(
        reverse("library:document-create"), form_data(people.cluster_office_a, fiscal_year_from=2010, fiscal_year_to="")
    )
    assert response.status_code == 200
    assert "พุทธศักราช" in response.content.decode()


def test_a_replacement_that_is_not_a_document_is_refused_and_the_old_version_stays(client_for, people):
    document = publish(people.central, people.cluster_office_a)
    response = client_for(people.central).post(
        reverse("library:document-version-add", args=[document.slug]),
        {"file": SimpleUploadedFile("v2.pdf", b"#!/bin/sh\nrm -rf /\n")},
    )
    assert response.status_code == 200 and "ไม่ใช่เอกสาร" in response.content.decode()
    assert document.versions.count() == 1


def test_a_published_image_is_stored_re_encoded(people):
    # issue 13: what the public downloads is pixels the portal wrote, not the uploaded bytes
    buffer = io.BytesIO()
    Image.new("RGB", (5, 5), "navy").save(buffer, format="PNG")
    document = services.document_create(
        user=people.planner_a,
        kind="development_plan",
        title="แผนภาพกลุ่มจังหวัด",
        office=people.office_a,
        file=SimpleUploadedFile("แผนภาพ.png", buffer.getvalue() + b"<html>trailing</html>"),
    )
    version = document.latest_version
    with version.file.open("rb") as handle:
        stored = handle.read()
    assert b"<html>" not in stored and version.size == len(stored)
