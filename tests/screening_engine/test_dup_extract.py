"""Fact extraction on real FY2565 strings (OCR noise included)."""

import json

import pytest

from screening_engine.extract import extract_facts
from screening_engine.facts import Facts, highlight_terms
from screening_engine.gazetteer import CLUSTER_UNITS_2560, PROVINCES, provinces_of_unit
from screening_engine.normalize import normalize_text, skeleton

DOH_1288 = "งานบำรุงตามกำหนดเวลา ทางหลวงหมายเลข 1288 ตอน หนองหลวง - เปิ่งเคลิ่ง จ.ตาก 1 แห่ง"
REQ_1288 = (
    "ซ่อมทางผิวแอสฟัลต์ทางหลวงหมายเลข 1288 ตอนควบคุม 0100 ตอนหนองหลวง - เปิงเคลิง "
    "อำเภออุ้มผาง จังหวัดตาก ระยะทาง 2.000 กิโลเมตร 1 สายทาง"
)


def highways(f):
    return [r for r in f.roads if r.kind == "highway" and r.role == "asset"]


def test_normalize_repairs_ocr_forms():
    assert normalize_text("น้ํา ๑๒๓ เเม่") == "น้ำ 123 แม่"
    assert normalize_text("ตอน ห้วยยาง บ - บางสะพาน dd e 6") == "ตอน ห้วยยาง - บางสะพาน 6"
    assert skeleton("เปิ่งเคลิ่ง") == skeleton("เปิงเคลิง")
    assert skeleton("บั้งกี้") == skeleton("บุ้งกี้")


def test_normalize_agrees_with_pythainlp_on_the_rules_it_shares():
    from pythainlp.util import normalize as pythainlp_normalize

    for s in ["น้ํา", "เเม่น้ำ", "ตลิ่่ง", "ห้้วย"]:
        assert normalize_text(s) == pythainlp_normalize(s)


def test_it_reads_the_same_highway_section_in_a_doh_line_and_a_request():
    line, req = extract_facts(DOH_1288), extract_facts(REQ_1288)
    (a,), (b,) = highways(line), highways(req)
    assert a.number == b.number == "1288"
    assert b.control == ("0100",) and a.control == ()
    assert a.sections == b.sections  # despite the OCR'd tone marks
    assert line.provinces == req.provinces == ("ตาก",)
    assert req.amphoes == (skeleton("อุ้มผาง"),)
    assert line.main_work == ("maintain",) and req.main_work == ("resurface",)
    assert req.lengths_km == (2.0,)


def test_a_branch_road_names_the_highway_only_as_its_junction():
    f = extract_facts("ซ่อมสร้างผิวทางลาดยาง สายแยก ทล. 2095 - บ้านนาสวรรค์ อำเภอโซ่พิสัย จังหวัดบึงกาฬ ระยะทาง 2.980 กิโลเมตร")
    assert not highways(f)
    (branch,) = [r for r in f.roads if r.kind == "branch"]
    assert branch.branch_of == "2095" and branch.dest == skeleton("บ้านนาสวรรค์")


def test_a_dash_after_the_highway_number_means_a_road_leaving_it_even_without_the_word_junction():
    f = extract_facts("ปรับปรุงถนนลาดยาง สายทาง ทางหลวงหมายเลข 1289 - บ้านประดาทอง ตำบลบางลาย อำเภอบึงนาราง จังหวัดพิจิตร")
    assert not highways(f)


def test_rural_road_codes_survive_ocr_vowels():
    f = extract_facts("ถนนสาย สุข.4034 แยก ทล.4145 - บ.โคกม่วง อ.คลองหอยโข่ง จ.สงขลา 2.000 กม.")
    (rural,) = [r for r in f.roads if r.kind == "rural"]
    assert rural.number == "สข.4034" and rural.branch_of == "4145" and rural.role == "asset"
    assert f.provinces == ("สงขลา",)


def test_rivers_tambons_villages_and_landmarks():
    f = extract_facts(
        "ก่อสร้างเขื่อนป้องกันตลิ่งริมแม่น้ำยม บริเวณใต้สะพานข้ามแม่น้ำ ข้ามแม่น้ำยม หมู่ที่ 6 บ้านใหม่ "
        "ตำบลรังนก อำเภอสามง่าม จังหวัดพิจิตร ยาว 200.00 เมตร 1 แห่ง"
    )
    assert {(s.kind, s.key) for s in f.sites if s.kind == "waterway"} == {("waterway", skeleton("ยม"))}
    assert f.tambons == (skeleton("รังนก"),)
    assert f.villages == ((6, skeleton("รังนก")),)
    assert f.main_work == ("bank",)
    assert f.lengths_km == (0.2,)


def test_landmark_and_add_on_work():
    f = extract_facts(
        "ก่อสร้างเขื่อนป้องกันตลิ่งริมแม่น้ำป่าสักพร้อมปรับปรุงภูมิทัศน์ บริเวณวัดบัวงาม ตำบลเริงราง "
        "อำเภอเสาไห้ จังหวัดสระบุรี ความยาว 200.00 เมตร 1 แห่ง"
    )
    assert ("temple", skeleton("บัวงาม")) in {(s.kind, s.key) for s in f.sites}
    assert f.main_work == ("bank",)  # the landscaping is an add-on ("พร้อม...")
    assert set(f.work) == {"bank", "landscape"}


def test_a_bare_doh_line_takes_its_kind_of_work_from_the_project():
    f = extract_facts(
        "ทางหลวงหมายเลข 34 ตอน บางนา - จ.สมุทรปราการ 1 แห่ง",
        context="โครงการบูรณะโครงข่ายทางหลวงเชื่อมโยงระหว่างภาค",
    )
    assert f.main_work == ("resurface",) and f.work_from_context
    assert highways(f)[0].sections == ((skeleton("บางนา"),),)


def test_several_sections_and_chainages_of_one_highway():
    f = extract_facts(
        "ปรับปรุงไฟสัญญาณจราจร พร้อมติดตั้งอุปกรณ์อำนวยความปลอดภัย ทางหลวงหมายเลข 4 ตอนนครชัยศรี พระประโทน "
        "ระหว่างกิโลเมตร ที่ 41+067 ถึง กิโลเมตรที่ 52+400 และตอนพระประโทน สระกระเทียม ระหว่างกิโลเมตรที่ 52+400 "
        "ถึง กิโลเมตรที่ 67+334 ตำบลศรีษะทอง อำเภอนครชัยศรี จังหวัดนครปฐม 1 แห่ง"
    )
    (hw,) = highways(f)
    assert len(hw.sections) == 2
    assert hw.km_ranges == ((41067, 52400), (52400, 67334))
    assert f.main_work == ("junction",)


def test_provinces_from_units_and_clusters():
    assert len(PROVINCES) == 77
    assert provinces_of_unit("จังหวัดสิงค์บุรี") == ("สิงห์บุรี",)  # OCR'd unit name
    assert provinces_of_unit("จังหวัดสุราษฎ์ธานี") == ("สุราษฎร์ธานี",)
    assert "แพร่" in provinces_of_unit("กลุ่มจังหวัดภาคเหนือตอนบน")
    assert sum(len(v) for v in CLUSTER_UNITS_2560.values()) == 76  # every province but Bangkok
    # The text's own province wins over the unit's.
    f = extract_facts("ซ่อมสร้างผิวทาง ตำบลบ้านระกาศ อำเภอบางพลี จังหวัดสมุทรปราการ", unit="จังหวัดอ่างทอง")
    assert f.provinces == ("สมุทรปราการ",)
    assert extract_facts("ค่าจ้างเหมาบริการ", unit="กลุ่มจังหวัดภาคกลางตอนบน").provinces[0] == "พระนครศรีอยุธยา"


def test_the_pythainlp_province_list_matches_ours():
    from pythainlp.corpus import provinces

    assert set(PROVINCES) == set(provinces())


def test_grouped_lines_are_marked():
    f = extract_facts("ค่าก่อสร้างอื่นๆที่มีราคาต่อหน่วยตำกว่า 10 ล้านบาท รวม 3 รายการ (รวม 120 หน่วย)")
    assert f.grouped


@pytest.mark.parametrize("text", [DOH_1288, REQ_1288, "ค่าจ้างเหมาบริการ", ""])
def test_facts_round_trip_through_json(text):
    f = extract_facts(text, unit="จังหวัดตาก", amount=1_000_000)
    data = json.loads(json.dumps(f.to_dict(), ensure_ascii=False))
    assert Facts.from_dict(data) == f


def test_highlight_terms_are_substrings_of_the_normalised_text():
    terms = highlight_terms(extract_facts(REQ_1288))
    assert "ทางหลวงหมายเลข 1288 ตอนควบคุม 0100 ตอนหนองหลวง - เปิงเคลิง" in terms
    assert all(t in normalize_text(REQ_1288) for t in terms)
