"""The integration team directory (R12): public; each organisation keeps its own entries."""

import pytest
from django.urls import reverse

from library.models import DirectoryEntry
from ministries.models import Department

pytestmark = pytest.mark.django_db


def entry_of(**organisation):
    return DirectoryEntry.objects.filter(**organisation).first()


def edit_data(entry, **overrides):
    field = next(
        f for f in ("central_agency", "ministry", "department", "office", "field_office") if getattr(entry, f"{f}_id")
    )
    data = {
        "organisation": f"{field}:{getattr(entry, f'{field}_id')}",
        "unit_name": entry.unit_name,
        "contact_person": "ผู้ประสานงานใหม่",
        "email": "contact@example.go.th",
        "order": 1,
    }
    data.update(overrides)
    return data


def test_the_public_page_lists_the_central_team_first_then_ministries(client, channel):
    response = client.get(reverse("library:directory"))
    anchors = [group.anchor for group in response.context["groups"]]
    assert anchors[:4] == ["central-nesdb", "central-opdc", "central-bb", "central-moi"]
    assert anchors.index("ministry-mnre") > 3 and anchors[-1] == "offices"
    page = response.content.decode()
    assert "กองแผนงาน กรมทรัพยากรน้ำ" in page and "saraban@bb.go.th" in page
    assert "ข้อมูลติดต่อตัวอย่าง" in page  # invented contacts say so


def test_a_visitor_opens_the_budget_bureau_entry(client, channel):
    entry = entry_of(central_agency__code="bb")
    page = client.get(reverse("library:directory-entry", args=[entry.pk])).content.decode()
    assert "สำนักงบประมาณ" in page and "ปฏิทินงบประมาณ" in page and "แก้ไข" not in page


def test_reviewer_x_edits_mnre_entries_and_its_departments(client_for, people, channel):
    mnre = entry_of(ministry=people.ministry_x)
    dwr = entry_of(department__code="dwr")
    client = client_for(people.reviewer_x)
    assert client.post(reverse("library:directory-entry-edit", args=[mnre.pk]), edit_data(mnre)).status_code == 302
    assert client.post(reverse("library:directory-entry-edit", args=[dwr.pk]), edit_data(dwr)).status_code == 302
    mnre.refresh_from_db()
    assert mnre.contact_person == "ผู้ประสานงานใหม่"


def test_reviewer_y_cannot_edit_mnre_entries(client_for, people, channel):
    mnre = entry_of(ministry=people.ministry_x)
    client = client_for(people.reviewer_y)
    assert client.get(reverse("library:directory-entry-edit", args=[mnre.pk])).status_code == 404
    assert client.post(reverse("library:directory-entry-edit", args=[mnre.pk]), edit_data(mnre)).status_code == 404
    assert client.post(reverse("library:directory-entry-delete", args=[mnre.pk])).status_code == 404
    mnre.refresh_from_db()
    assert mnre.contact_person != "ผู้ประสานงานใหม่"


def test_reviewer_y_cannot_move_their_entry_to_mnre(client_for, people, channel):
    mot = entry_of(ministry=people.ministry_y)
    response = client_for(people.reviewer_y).post(
        reverse("library:directory-entry-edit", args=[mot.pk]),
        edit_data(mot, organisation=f"ministry:{people.ministry_x.pk}"),
    )
    assert response.status_code == 200  # not among their choices
    mot.refresh_from_db()
    assert mot.ministry == people.ministry_y


def test_a_department_planning_unit_edits_its_department_not_its_ministry(client_for, people, channel):
    doh = entry_of(department__code="doh")
    mot = entry_of(ministry=people.ministry_y)
    drr = entry_of(department__code="drr")
    client = client_for(people.reviewer_dept)
    assert client.post(reverse("library:directory-entry-edit", args=[doh.pk]), edit_data(doh)).status_code == 302
    assert client.get(reverse("library:directory-entry-edit", args=[mot.pk])).status_code == 404
    assert client.get(reverse("library:directory-entry-edit", args=[drr.pk])).status_code == 404


def test_an_office_adds_and_edits_its_own_entry_only(client_for, people, channel):
    client = client_for(people.planner_a)
    response = client.post(
        reverse("library:directory-entry-create"),
        {"organisation": f"office:{people.office_a.pk}", "unit_name": "กลุ่มงานยุทธศาสตร์การพัฒนาจังหวัด", "order": 0},
    )
    entry = DirectoryEntry.objects.get(unit_name="กลุ่มงานยุทธศาสตร์การพัฒนาจังหวัด")
    assert response.status_code == 302 and entry.office == people.office_a
    other = client_for(people.planner_b)
    assert other.get(reverse("library:directory-entry-edit", args=[entry.pk])).status_code == 404
    response = other.post(
        reverse("library:directory-entry-create"),
        {"organisation": f"office:{people.office_a.pk}", "unit_name": "ปลอม", "order": 0},
    )
    assert response.status_code == 200 and not DirectoryEntry.objects.filter(unit_name="ปลอม").exists()


def test_a_field_office_keeps_its_own_entry(client_for, people, channel):
    tsj = entry_of(field_office__province__name_th="ขอนแก่น")
    assert (
        client_for(people.field_a)
        .post(reverse("library:directory-entry-edit", args=[tsj.pk]), edit_data(tsj))
        .status_code
        == 302
    )
    assert client_for(people.field_b).get(reverse("library:directory-entry-edit", args=[tsj.pk])).status_code == 404


def test_only_the_central_team_edits_the_central_agencies(client_for, people, channel):
    bb = entry_of(central_agency__code="bb")
    assert (
        client_for(people.central)
        .post(reverse("library:directory-entry-edit", args=[bb.pk]), edit_data(bb))
        .status_code
        == 302
    )
    for persona in ("reviewer_x", "planner_a", "field_a"):
        assert (
            client_for(getattr(people, persona)).get(reverse("library:directory-entry-edit", args=[bb.pk])).status_code
            == 404
        )


def test_the_central_team_edits_any_ministry(client_for, people, channel):
    mnre = entry_of(ministry=people.ministry_x)
    assert (
        client_for(people.central)
        .post(reverse("library:directory-entry-edit", args=[mnre.pk]), edit_data(mnre))
        .status_code
        == 302
    )


def test_visitors_and_outsiders_cannot_write(client, client_for, people, channel):
    mnre = entry_of(ministry=people.ministry_x)
    response = client.post(reverse("library:directory-entry-edit", args=[mnre.pk]), edit_data(mnre))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert client_for(people.outsider).get(reverse("library:directory-entry-create")).status_code == 403
    assert client_for(people.outsider).get(reverse("library:directory-entry-edit", args=[mnre.pk])).status_code == 404


def test_a_bad_email_gets_a_thai_message(client_for, people, channel):
    mnre = entry_of(ministry=people.ministry_x)
    response = client_for(people.reviewer_x).post(
        reverse("library:directory-entry-edit", args=[mnre.pk]), edit_data(mnre, email="not-an-email")
    )
    assert response.status_code == 200 and "รูปแบบอีเมลไม่ถูกต้อง" in response.content.decode()


# --- API: public reads, owners write
def test_the_api_lists_entries_to_visitors(client, channel):
    data = client.get(reverse("api:library-directory-list")).json()
    assert any(e["unit_name"] == "กลุ่มงานวิเคราะห์งบประมาณจังหวัดและกลุ่มจังหวัด" for e in data)


def test_the_api_refuses_visitors_writes(client, people, channel):
    mnre = entry_of(ministry=people.ministry_x)
    assert (
        client.patch(
            reverse("api:library-directory-detail", args=[mnre.pk]), {"phone": "1"}, content_type="application/json"
        ).status_code
        == 403
    )
    assert (
        client.post(
            reverse("api:library-directory-list"), {"ministry": people.ministry_x.pk, "unit_name": "x"}
        ).status_code
        == 403
    )
    assert client.delete(reverse("api:library-directory-detail", args=[mnre.pk])).status_code == 403


def test_the_api_lets_owners_write_their_own_only(client_for, people, channel):
    mnre = entry_of(ministry=people.ministry_x)
    url = reverse("api:library-directory-detail", args=[mnre.pk])
    assert (
        client_for(people.reviewer_y).patch(url, {"phone": "02-000-0001"}, content_type="application/json").status_code
        == 404
    )
    response = client_for(people.reviewer_x).patch(url, {"phone": "02-000-0001"}, content_type="application/json")
    assert response.status_code == 200 and response.json()["phone"] == "02-000-0001"
    response = client_for(people.reviewer_y).post(
        reverse("api:library-directory-list"),
        {"ministry": people.ministry_x.pk, "unit_name": "ปลอม"},
        content_type="application/json",
    )
    assert response.status_code == 400 and "ไม่มีสิทธิ์อ้างถึง" in response.json()["ministry"][0]
    department = Department.objects.get(code="dwr")
    response = client_for(people.reviewer_x).post(
        reverse("api:library-directory-list"),
        {"ministry": people.ministry_x.pk, "department": department.pk, "unit_name": "สองหน่วยงาน"},
        content_type="application/json",
    )
    assert response.status_code == 400  # exactly one organisation
