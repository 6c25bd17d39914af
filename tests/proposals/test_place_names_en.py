"""English names of amphoe and tambon (issue 11): RTGS transliterations made when the gazetteer
is loaded, shown in English mode in the pickers and on pages, Thai in Thai mode."""

import pytest
from django.urls import reverse
from django.utils import translation

from clusters.gazetteer import place_name_en
from clusters.models import Amphoe, Tambon
from proposals.models import RequestLocation
from tests.proposals.conftest import make_request

pytestmark = pytest.mark.django_db


def test_every_amphoe_gets_an_english_name_when_the_gazetteer_loads(people):
    assert not Amphoe.objects.filter(name_en="").exists()
    assert Amphoe.objects.get(province__name_th="ขอนแก่น", name_th="ภูเวียง").name_en == "Phu Wiang"
    assert Amphoe.objects.get(province__name_th="ขอนแก่น", name_th="เมืองขอนแก่น").name_en == "Mueang Khon Kaen"
    assert not Tambon.objects.filter(name_en="").exists()


def test_names_drop_thai_prefixes_and_fall_back_to_rtgs():
    assert place_name_en("อำเภอเมืองขอนแก่น", known={}, province_th="ขอนแก่น", province_en="Khon Kaen") == (
        "Mueang Khon Kaen"
    )
    assert place_name_en("ตำบลบ้านไผ่", known={}) == "Ban Phai"
    assert place_name_en("เขตลาดพร้าว", known={"ลาดพร้าว": "Lat Phrao"}) == "Lat Phrao"
    assert place_name_en("", known={}) == ""


def test_the_amphoe_picker_lists_english_names_in_english_mode(client_for, people):
    client = client_for(people.planner_a)
    url = reverse("clusters:amphoe-options") + f"?province={people.office_a.province_id}"
    assert "ภูเวียง" in client.get(url).content.decode()
    client.cookies["django_language"] = "en"
    page = client.get(url).content.decode()
    assert "Phu Wiang" in page and "ภูเวียง" not in page


def test_a_location_reads_in_english_in_english_mode(people):
    request = make_request(people)
    district = Amphoe.objects.get(province__name_th="ขอนแก่น", name_th="ภูเวียง")
    subdistrict = district.tambons.get(name_th="นาชุมแสง")
    location = RequestLocation.objects.create(
        request=request,
        province=district.province,
        district=district,
        subdistrict=subdistrict,
        village_no=4,
        amphoe=district.name_th,
        tambon=subdistrict.name_th,
    )
    with translation.override("th"):
        assert str(location) == "หมู่ 4 ต.นาชุมแสง อ.ภูเวียง จ.ขอนแก่น"
    with translation.override("en"):
        assert str(location) == f"Village 4, {subdistrict.name_en}, Phu Wiang, Khon Kaen"
