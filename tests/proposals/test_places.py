"""Place pickers from the gazetteer (issue 11): amphoe and tambon chosen by DOPA code, checked
against the office's provinces, through the form (with or without htmx) and the API."""

import pytest
from django.core.management import call_command
from django.urls import reverse
from rest_framework.test import APIClient

from clusters.gazetteer import amphoe_match, amphoe_name_normalise, gazetteer_load, tambon_match
from clusters.models import Amphoe, Province, Tambon
from proposals.models import ProjectRequest, RequestLocation
from tests.proposals.conftest import make_request, plan_for
from tests.proposals.test_requests import _form_data

pytestmark = pytest.mark.django_db


def _place(province, amphoe, tambon=None):
    district = Amphoe.objects.get(province__name_th=province, name_th=amphoe)
    return district, (Tambon.objects.get(amphoe=district, name_th=tambon) if tambon else None)


def _with_location(people, **fields):
    data = _form_data(people)
    data.update({f"locations-0-{k}": v for k, v in fields.items()})
    return data


def test_the_gazetteer_is_loaded_with_dopa_codes_and_loading_again_changes_nothing(people):
    assert Province.objects.get(name_th="ขอนแก่น").code == "40"
    assert Amphoe.objects.count() == 928
    before = (Amphoe.objects.count(), Tambon.objects.count())
    counts = gazetteer_load()
    assert counts["amphoes"] == 928 and (Amphoe.objects.count(), Tambon.objects.count()) == before
    phu_wiang = Amphoe.objects.get(province__name_th="ขอนแก่น", name_th="ภูเวียง")
    assert phu_wiang.code.startswith("40") and phu_wiang.tambons.filter(name_th="นาชุมแสง").exists()


@pytest.mark.parametrize("typed", ["ภูเวียง", "อำเภอภูเวียง", "อ.ภูเวียง", "อ. ภูเวียง"])
def test_typed_amphoe_names_match_after_dropping_the_prefix(people, typed):
    khon_kaen = Province.objects.get(name_th="ขอนแก่น")
    assert amphoe_name_normalise(typed) == "ภูเวียง"
    assert amphoe_match(khon_kaen, typed).name_th == "ภูเวียง"
    assert amphoe_match(khon_kaen, "อ.เมือง").name_th == "เมืองขอนแก่น"
    assert amphoe_match(khon_kaen, "ยางตลาด") is None  # an amphoe of กาฬสินธุ์
    assert tambon_match(amphoe_match(khon_kaen, typed), "ต.นาชุมแสง").name_th == "นาชุมแสง"


def test_a_valid_pick_is_saved_with_its_codes_and_names(client_for, people):
    plan = plan_for(people.planner_a, people.office_a)
    district, subdistrict = _place("ขอนแก่น", "ภูเวียง", "นาชุมแสง")
    response = client_for(people.planner_a).post(
        reverse("proposals:request-create", args=[plan.pk]),
        _with_location(
            people,
            province=people.office_a.province_id,
            district=district.code,
            subdistrict=subdistrict.code,
            village_no="5",
        ),
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    location = ProjectRequest.objects.latest("id").locations.get()
    assert (location.district_id, location.subdistrict_id, location.village_no) == (district.code, subdistrict.code, 5)
    assert (location.amphoe, location.tambon) == ("ภูเวียง", "นาชุมแสง")
    assert str(location) == "หมู่ 5 ต.นาชุมแสง อ.ภูเวียง จ.ขอนแก่น"


def test_an_amphoe_of_another_province_is_refused_with_a_thai_error(client_for, people):
    plan = plan_for(people.planner_a, people.office_a)
    before = ProjectRequest.objects.count()
    other, _ = _place("อุดรธานี", "กุมภวาปี")
    response = client_for(people.planner_a).post(
        reverse("proposals:request-create", args=[plan.pk]),
        _with_location(people, province=people.office_a.province_id, district=other.code),
    )
    assert response.status_code == 200
    assert ProjectRequest.objects.count() == before
    # not even offered: the pickers list the office's provinces only
    assert "อำเภอนี้ไม่อยู่ในจังหวัดที่สำนักงานรับผิดชอบ" in response.content.decode()


def test_the_form_refuses_an_amphoe_that_is_not_in_the_picked_province(client_for, people):
    # a cluster office plans for several provinces: an amphoe of one under another is refused
    cluster_plan = plan_for(people.cluster_officer, people.cluster_office_a)
    kalasin = Province.objects.get(name_th="กาฬสินธุ์")
    phu_wiang, _ = _place("ขอนแก่น", "ภูเวียง")
    data = _with_location(people, province=kalasin.pk, district=phu_wiang.code)
    data["strategic_issue"] = people.issue_cluster_a.pk
    response = client_for(people.cluster_officer).post(
        reverse("proposals:request-create", args=[cluster_plan.pk]), data
    )
    assert response.status_code == 200
    assert "อำเภอภูเวียง ไม่อยู่ในจังหวัดกาฬสินธุ์" in response.content.decode()


def test_a_tambon_of_another_amphoe_is_refused(client_for, people):
    plan = plan_for(people.planner_a, people.office_a)
    district, _ = _place("ขอนแก่น", "ภูเวียง")
    _, elsewhere = _place("ขอนแก่น", "น้ำพอง", "ม่วงหวาน")
    response = client_for(people.planner_a).post(
        reverse("proposals:request-create", args=[plan.pk]),
        _with_location(
            people, province=people.office_a.province_id, district=district.code, subdistrict=elsewhere.code
        ),
    )
    assert response.status_code == 200
    assert "ตำบลม่วงหวาน ไม่อยู่ในอำเภอภูเวียง" in response.content.decode()


def test_the_form_offers_plain_selects_of_the_office_places_without_javascript(client_for, people):
    plan = plan_for(people.planner_a, people.office_a)
    url = reverse("proposals:request-create", args=[plan.pk])
    assert 'name="locations-0-district"' not in client_for(people.planner_a).get(url).content.decode()  # step 1
    html = client_for(people.planner_a).get(url + "?step=all").content.decode()
    assert 'name="locations-0-district"' in html and ">ภูเวียง</option>" in html
    assert ">กุมภวาปี</option>" not in html  # an amphoe of อุดรธานี
    assert f'hx-get="{reverse("clusters:amphoe-options")}"' in html


def test_the_api_takes_and_returns_codes_and_names(people):
    plan = plan_for(people.planner_a, people.office_a)
    district, subdistrict = _place("ขอนแก่น", "ภูเวียง", "นาชุมแสง")
    client = APIClient()
    client.force_authenticate(people.planner_a)
    created = client.post(
        reverse("api:request-list"),
        {
            "plan": plan.pk,
            "title": "ขุดลอกหนองน้ำบ้านนาชุมแสง",
            "amount": "1500000.00",
            "locations": [
                {
                    "province": people.office_a.province_id,
                    "amphoe_code": district.code,
                    "tambon_code": subdistrict.code,
                    "village_no": 7,
                },
                {"province": people.office_a.province_id, "amphoe": "อ.น้ำพอง"},
            ],
        },
        format="json",
    )
    assert created.status_code == 201, created.json()
    detail = client.get(reverse("api:request-detail", args=[created.json()["id"]])).json()
    by_name = {l["amphoe"]: l for l in detail["locations"]}
    assert by_name["ภูเวียง"] == {
        "province": people.office_a.province_id,
        "province_name": "ขอนแก่น",
        "province_code": "40",
        "amphoe_code": district.code,
        "amphoe": "ภูเวียง",
        "tambon_code": subdistrict.code,
        "tambon": "นาชุมแสง",
        "village_no": 7,
    }
    assert by_name["น้ำพอง"]["amphoe_code"] == Amphoe.objects.get(name_th="น้ำพอง", province__name_th="ขอนแก่น").code


@pytest.mark.parametrize(
    "location, message",
    [
        ({"amphoe_code": "4101"}, "ไม่อยู่ในจังหวัดขอนแก่น"),  # an amphoe of อุดรธานี
        ({"amphoe": "ไม่มีอำเภอนี้"}, "ไม่พบอำเภอ"),
        ({"amphoe_code": "9999"}, "ไม่พบรหัสอำเภอ"),
        ({"amphoe_code": "12"}, None),  # not four digits
    ],
)
def test_the_api_refuses_places_outside_the_office_or_the_gazetteer(people, location, message):
    plan = plan_for(people.planner_a, people.office_a)
    client = APIClient()
    client.force_authenticate(people.planner_a)
    response = client.post(
        reverse("api:request-list"),
        {
            "plan": plan.pk,
            "title": "ขุดลอกหนองน้ำ",
            "amount": "1500000.00",
            "locations": [{"province": people.office_a.province_id, **location}],
        },
        format="json",
    )
    assert response.status_code == 400
    if message:
        assert message in response.content.decode()


def test_the_picker_endpoints_need_a_signed_in_user(client_for, people):
    district, subdistrict = _place("ขอนแก่น", "ภูเวียง", "นาชุมแสง")
    khon_kaen = people.office_a.province_id
    amphoe_url, tambon_url = reverse("clusters:amphoe-options"), reverse("clusters:tambon-options")
    anonymous = client_for(None)
    assert anonymous.get(amphoe_url, {"locations-0-province": khon_kaen}).status_code == 302
    assert anonymous.get(tambon_url, {"locations-0-district": district.code}).status_code == 302

    # reference data: every signed-in persona may read it, incl. another province's planner
    for user in (people.planner_a, people.planner_b, people.reviewer_x):
        html = client_for(user).get(amphoe_url, {"locations-0-province": khon_kaen}).content.decode()
        assert f'<option value="{district.code}">ภูเวียง</option>' in html and "กุมภวาปี" not in html
    html = (
        client_for(people.planner_a)
        .get(
            tambon_url,
            {
                "locations-1-province": khon_kaen,
                "locations-1-district": district.code,
                "locations-1-subdistrict": subdistrict.code,
            },
        )
        .content.decode()
    )
    assert f'<option value="{subdistrict.code}" selected>นาชุมแสง</option>' in html
    # the amphoe select still holding the previous province's pick: no tambon offered
    udon = Province.objects.get(name_th="อุดรธานี")
    html = (
        client_for(people.planner_a)
        .get(tambon_url, {"locations-1-province": udon.pk, "locations-1-district": district.code})
        .content.decode()
    )
    assert "นาชุมแสง" not in html
    assert client_for(people.planner_a).get(amphoe_url, {"province": "x"}).status_code == 200


def test_match_places_maps_typed_names_and_lists_the_rest(people, capsys):
    request = make_request(people)
    RequestLocation.objects.filter(request=request).delete()
    province = people.office_a.province
    typed = RequestLocation.objects.create(request=request, province=province, amphoe="อ.ภูเวียง", tambon="ต.นาชุมแสง")
    unknown = RequestLocation.objects.create(request=request, province=province, amphoe="อำเภอที่ 3")
    call_command("match_places")
    output = capsys.readouterr().out
    typed.refresh_from_db()
    unknown.refresh_from_db()
    district, subdistrict = _place("ขอนแก่น", "ภูเวียง", "นาชุมแสง")
    assert (typed.district_id, typed.subdistrict_id, typed.amphoe) == (district.code, subdistrict.code, "ภูเวียง")
    assert unknown.district_id is None and unknown.amphoe == "อำเภอที่ 3"
    assert "mapped: 1" in output and "อำเภอที่ 3" in output and request.reference in output


def test_editing_a_request_keeps_a_row_typed_before_the_gazetteer_that_matches(client_for, people):
    request = make_request(people)
    RequestLocation.objects.filter(request=request).delete()
    RequestLocation.objects.create(request=request, province=people.office_a.province, amphoe="น้ำพอง")
    html = client_for(people.planner_a).get(reverse("proposals:request-edit", args=[request.pk])).content.decode()
    assert 'name="locations-0-amphoe" value="น้ำพอง"' in html


def test_an_amphoe_picked_without_its_province_implies_the_province(client_for, people):
    plan = plan_for(people.planner_a, people.office_a)
    district, _ = _place("ขอนแก่น", "ภูเวียง")
    response = client_for(people.planner_a).post(
        reverse("proposals:request-create", args=[plan.pk]), _with_location(people, district=district.code)
    )
    assert response.status_code == 302
    location = ProjectRequest.objects.latest("id").locations.get()
    assert (location.province_id, location.district_id) == (people.office_a.province_id, district.code)
