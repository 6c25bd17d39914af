"""Requests as planners type them (issue 12): one test per general rule, on typed
strings and real budget-line texts of FY2565."""

import pytest

from screening_engine.engine import LineRecord, compare, extract_facts
from screening_engine.facts import Facts
from screening_engine.gazetteer import amphoe_of_tambon, known_tambon
from screening_engine.normalize import skeleton

PROVINCE = "จังหวัดขอนแก่น"


def rec(text, *, ref="L1", unit="กรมทางหลวง", year=2565):
    facts = extract_facts(text, unit=unit)
    return LineRecord(ref=ref, fiscal_year=year, unit=unit, ministry="", text=text, amount=None, facts=facts)


def req(text, unit=PROVINCE):
    return rec(text, ref="R1", unit=unit)


def level(request, line):
    m = compare(request, request.facts, line, line.facts)
    return m.level if m else None


def asset_roads(f, kind):
    return [r for r in f.roads if r.kind == kind and r.role == "asset"]


# --- highway numbers ------------------------------------------------------------

HIGHWAY_LINE = "งานบำรุงตามกำหนดเวลา ทางหลวงหมายเลข 2039 ตอน บ้านไผ่ - บ้านแฮด จ.ขอนแก่น 1 แห่ง"


@pytest.mark.parametrize(
    "typed",
    [
        "ซ่อมสร้างผิวทาง ถนนสาย 2039 ช่วงบ้านไผ่ - บ้านแฮด",
        "ซ่อมสร้างผิวทาง ทางหลวง 2039 บ้านไผ่ - บ้านแฮด",
        "ซ่อมสร้างผิวทาง ทล 2039 ตอน บ้านไผ่-บ้านแฮด",
        "ซ่อมสร้างผิวทาง สาย 2039 ช่วง บ.ไผ่ - บ.แฮด",
        "ซ่อมสร้างผิวทาง ทล.๒๐๓๙ ช่วงบ้านไผ่-บ้านแฮด",
        "ซ่อมสร้างผิวทาง ทางหลวงหมายเลข ๒๐๓๙ ช่วง บ้านไผ่ - บ้านแฮด",
        "ซ่อมสร้างผิวทาง ทางหลวงแผ่นดิน 2039 ช่วง บ้านไผ่ - บ้านแฮด",
        "ซ่อมสร้างผิวทาง ทางหลวงสาย 2039 ช่วง บ้านไผ่ - บ้านแฮด",
        "ซ่อมสร้างผิวทาง ทล.ที่ 2039 ช่วง บ้านไผ่ - บ้านแฮด",
    ],
)
def test_highway_number_in_every_typed_form(typed):
    r = req(typed)
    assert [x.number for x in asset_roads(r.facts, "highway")] == ["2039"]
    assert level(r, rec(HIGHWAY_LINE)) == "duplicate"


@pytest.mark.parametrize("text", ["ขยายถนนสาย 2 ช่องจราจร ต.ในเมือง", "ปรับปรุงคลองส่งน้ำ (สาย 01 - 08, 10 - 23) ต.ในเมือง"])
def test_a_count_or_a_canal_list_after_sai_is_not_a_highway(text):
    assert not asset_roads(req(text).facts, "highway")


def test_section_lot_in_parentheses_is_another_contract():
    line = rec("งานบำรุงตามกำหนดเวลา ทางหลวงหมายเลข 4 ตอน เขาวัง - สระพระ ตอน 1 จ.เพชรบุรี 1 แห่ง")
    same = req("ซ่อมผิวทาง ทล.4 ช่วงเขาวัง-สระพระ (ตอนที่ 1) จ.เพชรบุรี", unit="จังหวัดเพชรบุรี")
    other = req("ซ่อมผิวทาง ทล.4 ช่วงเขาวัง-สระพระ (ตอน 2) จ.เพชรบุรี", unit="จังหวัดเพชรบุรี")
    assert asset_roads(other.facts, "highway")[0].lot == 2
    assert level(same, line) == "duplicate"
    assert level(other, line) is None


# --- rural-road codes -------------------------------------------------------------

RURAL_LINE = "งานบำรุงถนนสาย ขก.1039 แยกทางหลวงหมายเลข 2 - บ้านโคกสี อ.เมือง จ.ขอนแก่น 1 แห่ง"


@pytest.mark.parametrize(
    "typed",
    [
        "ซ่อมแซมถนน ขก 1039",
        "ซ่อมแซมถนนสาย ขก.๑๐๓๙",
        "ซ่อมแซมถนน รหัสสายทาง ขก.1039",
        "ซ่อมแซมถนนขก1039",
        "ซ่อมแซมถนน ทช.ขก.1039",
        "ซ่อมแซมถนน ขก. ๑๐๓๙",
        "ซ่อมแซมถนน ขก-1039",
    ],
)
def test_rural_road_code_in_every_typed_form(typed):
    r = req(typed + " อ.เมือง จ.ขอนแก่น")
    assert [x.number for x in asset_roads(r.facts, "rural")] == [skeleton("ขก") + ".1039"]
    assert level(r, rec(RURAL_LINE, unit="กรมทางหลวงชนบท")) == "duplicate"


def test_a_branch_road_written_without_its_dash():
    line = rec(
        "งานบำรุงถนนสาย อย.4015 แยกทางหลวงหมายเลข 3043 บ้านลำไทร อ.อุทัย จ.พระนครศรีอยุธยา 1 แห่ง",
        unit="กรมทางหลวงชนบท",
    )
    typed = req("เสริมผิวแอสฟัลต์ ถนนสายแยกทางหลวง 3043 - บ้านลำไทร อ.อุทัย", unit="จังหวัดพระนครศรีอยุธยา")
    assert level(typed, line) == "duplicate"


def test_a_branch_typed_from_a_rural_road_is_that_road():
    line = rec(
        "งานบำรุงถนนสาย สต.5043 แยกทางหลวงชนบท สต.5041 - บ้านศาลเจ้า อ.ควนกาหลง, มะนัง จ.สตูล 1 แห่ง",
        unit="กรมทางหลวงชนบท",
    )
    typed = req("ซ่อมสร้างผิวทาง ถนนสายแยก ทช.สต.5041 - บ.ศาลเจ้า อ.ควนกาหลง", unit="จังหวัดสตูล")
    assert level(typed, line) == "duplicate"
    other = req("ซ่อมสร้างผิวทาง ถนนสายแยก ทช.สต.5041 - บ.ทุ่งนุ้ย อ.ควนกาหลง", unit="จังหวัดสตูล")
    assert level(other, line) is None


# --- routes named by their two ends -------------------------------------------------

ENDS_LINE = "งานบำรุงถนนสาย นภ.6011 บ้านโนนสัง - บ้านโนนยาว อ.โนนสัง จ.หนองบัวลำภู 1 แห่ง"


@pytest.mark.parametrize(
    "typed",
    [
        "ซ่อมแซมถนนสายบ้านโนนสัง - บ้านโนนยาว อ.โนนสัง",
        "ซ่อมแซมถนนสาย บ.โนนสัง - บ.โนนยาว อ.โนนสัง",
        "ซ่อมแซมถนนลาดยาง บ.โนนสัง - บ.โนนยาว อ.โนนสัง",
        "ซ่อมแซมถนนสายบ้าน โนนสัง - บ้าน โนนยาว",
    ],
)
def test_route_named_by_its_two_ends(typed):
    line = rec(ENDS_LINE, unit="กรมทางหลวงชนบท")
    assert level(req(typed, unit="จังหวัดหนองบัวลำภู"), line) == "duplicate"


def test_route_sharing_one_end_is_another_road():
    line = rec(ENDS_LINE, unit="กรมทางหลวงชนบท")
    assert level(req("ซ่อมแซมถนน บ.โนนสัง - บ.หนองแวง อ.โนนสัง", unit="จังหวัดหนองบัวลำภู"), line) is None


# --- buildings, facilities and equipment at a named site --------------------------------

SCHOOL_LINE = "อาคารเรียน 212 ล./57-ก โรงเรียนบ้านหนองชุมแสง ตำบลอ่าวตง อำเภอวังวิเศษ จังหวัดตรัง 1 หลัง"


@pytest.mark.parametrize("school", ["ร.ร.", "รร.", "โรงเรียน", "ร. ร."])
def test_school_building_at_the_named_school(school):
    line = rec(SCHOOL_LINE, unit="สำนักงานคณะกรรมการการศึกษาขั้นพื้นฐาน")
    typed = req(f"ก่อสร้างอาคารเรียน แบบ 212 ล./57-ก {school}บ้านหนองชุมแสง ต.อ่าวตง อ.วังวิเศษ", unit="จังหวัดตรัง")
    assert level(typed, line) == "duplicate"


def test_same_school_building_template_at_another_school_is_not_flagged():
    line = rec(SCHOOL_LINE, unit="สำนักงานคณะกรรมการการศึกษาขั้นพื้นฐาน")
    typed = req("ก่อสร้างอาคารเรียน แบบ 212 ล./57-ก ร.ร.บ้านห้วยม่วง ต.บ้านนา อ.ปะเหลียน", unit="จังหวัดตรัง")
    assert level(typed, line) is None


def test_repair_of_a_building_is_an_overlap_with_building_it():
    line = rec(SCHOOL_LINE, unit="สำนักงานคณะกรรมการการศึกษาขั้นพื้นฐาน")
    typed = req("ซ่อมแซมอาคารเรียน ร.ร.บ้านหนองชุมแสง ต.อ่าวตง อ.วังวิเศษ", unit="จังหวัดตรัง")
    assert typed.facts.renovation and not line.facts.renovation
    assert level(typed, line) == "overlap"
    # A repair added with "พร้อม..." is not the main work.
    addon = req("ก่อสร้างอาคารเรียน ร.ร.บ้านหนองชุมแสง พร้อมซ่อมแซมห้องน้ำ ต.อ่าวตง", unit="จังหวัดตรัง")
    assert not addon.facts.renovation and level(addon, line) == "duplicate"


def test_another_building_at_the_same_hospital_is_not_flagged():
    line = rec(
        "อาคารหอพักพยาบาล 6 ชั้น เป็นอาคาร คสล. 6 ชั้น โรงพยาบาลจะนะ ตำบลบ้านนา อำเภอจะนะ จังหวัดสงขลา 1 หลัง",
        unit="สำนักงานปลัดกระทรวงสาธารณสุข",
    )
    same = req("ก่อสร้างอาคารหอพักพยาบาล รพ.จะนะ ต.บ้านนา อ.จะนะ", unit="จังหวัดสงขลา")
    other = req("ก่อสร้างอาคารผู้ป่วยใน รพ.จะนะ ต.บ้านนา อ.จะนะ", unit="จังหวัดสงขลา")
    assert level(same, line) == "duplicate"
    assert level(other, line) is None


EQUIPMENT_LINE = "เครื่องตรวจตาด้วยคลื่นเสียงความถี่สูง ชนิดเอและบีสแกน โรงพยาบาลนาโยง ตำบลนาโยงเหนือ อำเภอนาโยง จังหวัดตรัง 1 เครื่อง"


@pytest.mark.parametrize("hospital", ["รพ.", "รพ. ", "โรงพยาบาล"])
def test_same_equipment_at_the_same_hospital(hospital):
    line = rec(EQUIPMENT_LINE, unit="สำนักงานปลัดกระทรวงสาธารณสุข")
    assert line.facts.main_work == ("equipment",)
    typed = req(f"จัดซื้อเครื่องตรวจตาด้วยคลื่นเสียงความถี่สูง {hospital}นาโยง อ.นาโยง", unit="จังหวัดตรัง")
    assert level(typed, line) == "duplicate"


def test_same_equipment_at_another_hospital_or_another_item_is_not_flagged():
    line = rec(EQUIPMENT_LINE, unit="สำนักงานปลัดกระทรวงสาธารณสุข")
    elsewhere = req("จัดซื้อเครื่องตรวจตาด้วยคลื่นเสียงความถี่สูง รพ.วังวิเศษ อ.วังวิเศษ", unit="จังหวัดตรัง")
    other_item = req("จัดซื้อเครื่องดมยาสลบ รพ.นาโยง อ.นาโยง", unit="จังหวัดตรัง")
    assert level(elsewhere, line) is None
    assert level(other_item, line) is None


def test_crown_prince_hospital_typed_rpr():
    line = rec(
        "กล้องส่องตรวจลำไส้ใหญ่ชนิดวีดิทัศน์แบบคมชัดพร้อมชุดควบคุม สัญญาณภาพ โรงพยาบาลสมเด็จพระยุพราชตะพานหิน "
        "ตำบลตะพานหิน อำเภอตะพานหิน จังหวัดพิจิตร 1 ชุด",
        unit="สำนักงานปลัดกระทรวงสาธารณสุข",
    )
    typed = req("จัดซื้อกล้องส่องตรวจลำไส้ใหญ่ชนิดวีดิทัศน์ รพร.ตะพานหิน อ.ตะพานหิน", unit="จังหวัดพิจิตร")
    assert level(typed, line) == "duplicate"
    spelt = req("จัดซื้อกล้องส่องตรวจลำไส้ใหญ่ชนิดวีดิทัศน์ รพ.สมเด็จพระยุพราชตะพานหิน", unit="จังหวัดพิจิตร")
    assert level(spelt, line) == "duplicate"


def test_health_centre_abbreviation_is_the_same_site():
    line = rec(
        "กล้องถ่ายภาพจอประสาทตาดิจิตอล โรงพยาบาลส่งเสริมสุขภาพ ตำบลบ้านขามเรียง ตำบลขามเรียง อำเภอกันทรวิชัย จังหวัดมหาสารคาม 1 เครื่อง",
        unit="สำนักงานปลัดกระทรวงสาธารณสุข",
    )
    assert [(s.kind, s.key) for s in line.facts.sites] == [("health", skeleton("บ้านขามเรียง"))]
    assert line.facts.tambons == (skeleton("ขามเรียง"),)
    typed = req("จัดซื้อกล้องถ่ายภาพจอประสาทตาดิจิตอล รพ.สต.บ้านขามเรียง ต.ขามเรียง", unit="จังหวัดมหาสารคาม")
    assert level(typed, line) == "duplicate"


def test_a_building_named_after_a_centre_is_that_building():
    line = rec(
        "อาคารจอดรถสำนักงานคณะกรรมการอาหารและยา ตำบลตลาดขวัญ อำเภอเมืองนนทบุรี จังหวัดนนทบุรี 1 อาคาร",
        unit="สำนักงานคณะกรรมการอาหารและยา",
    )
    typed = req(
        "ก่อสร้างอาคารศูนย์บริการผลิตภัณฑ์สุขภาพเบ็ดเสร็จ สำนักงานคณะกรรมการอาหารและยา ต.ตลาดขวัญ",
        unit="จังหวัดนนทบุรี",
    )
    assert level(typed, line) is None


# --- places ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "ปรับปรุงภูมิทัศน์ศาลากลางจังหวัด ต.ในเมือง อ.เมือง",
        "ก่อสร้างอาคารสำนักงานพาณิชย์จังหวัด ต.ในเมือง",
        "จัดซื้อเครื่องตรวจวัดคลื่นไฟฟ้าสมอง รพ.ขอนแก่น",
    ],
)
def test_wat_inside_changwat_or_a_measuring_word_is_not_a_temple(text):
    assert not [s for s in req(text).facts.sites if s.kind == "temple"]


def test_a_named_temple_is_still_a_landmark():
    f = req("ก่อสร้างเขื่อนป้องกันตลิ่งแม่น้ำชี บริเวณวัดบัวงาม ต.ในเมือง").facts
    assert [(s.kind, s.key) for s in f.sites if s.kind == "temple"] == [("temple", skeleton("บัวงาม"))]


def test_gazetteer_cuts_a_glued_tambon_and_gives_its_amphoe():
    assert known_tambon(skeleton("ทุ่งนุ้ยอ"), ("สตูล",)) == skeleton("ทุ่งนุ้ย")
    assert known_tambon(skeleton("ไม่มีตำบลนี้"), ("สตูล",)) is None
    assert amphoe_of_tambon(skeleton("ทุ่งนุ้ย"), ("สตูล",)) == skeleton("ควนกาหลง")
    f = req("ก่อสร้างฝายห้วยบง ต.ทุ่งนุ้ยอ.ควนกาหลง", unit="จังหวัดสตูล").facts
    assert f.tambons == (skeleton("ทุ่งนุ้ย"),)
    g = req("ก่อสร้างฝายห้วยบง ต.ทุ่งนุ้ย", unit="จังหวัดสตูล").facts
    assert g.amphoes == (skeleton("ควนกาหลง"),)


# --- weirs, gates and canals -----------------------------------------------------------

WEIR_LINE = "ฝายลำห้วยบง พื้นที่รับประโยชน์ 600 ไร่ ตำบลหนองกุงสวรรค์ อำเภอโกสุมพิสัย จังหวัดมหาสารคาม"


def test_weir_on_the_same_creek_in_another_tambon_is_not_flagged():
    line = rec(WEIR_LINE, unit="กรมชลประทาน")
    same = req("ก่อสร้างฝายห้วยบง ต.หนองกุงสวรรค์ อ.โกสุมพิสัย", unit="จังหวัดมหาสารคาม")
    other = req("ก่อสร้างฝายห้วยบง ต.โพนงาม อ.โกสุมพิสัย", unit="จังหวัดมหาสารคาม")
    assert level(same, line) == "duplicate"
    assert level(other, line) is None


def test_repair_of_a_weir_is_an_overlap_and_an_abbreviated_gate_is_a_gate():
    line = rec(WEIR_LINE, unit="กรมชลประทาน")
    repair = req("ซ่อมแซมฝายน้ำล้นห้วยบง ต.หนองกุงสวรรค์ อ.โกสุมพิสัย", unit="จังหวัดมหาสารคาม")
    assert level(repair, line) == "overlap"
    gate = rec("ปรับปรุงประตูระบายน้ำปลักปลิง พื้นที่รับประโยชน์ 550 ไร่ ตำบลนาทวี อำเภอนาทวี จังหวัดสงขลา", unit="กรมชลประทาน")
    assert level(req("ปรับปรุง ปตร.ปลักปลิง ต.นาทวี อ.นาทวี", unit="จังหวัดสงขลา"), gate) == "duplicate"


def test_weir_named_after_its_village_typed_with_b_dot():
    line = rec(
        "ฝายบ้านเขาไคร 2 พร้อมระบบท่อส่งน้ำ พื้นที่ชลประทาน 53 ไร่ ตำบลควนกาหลง อำเภอควนกาหลง จังหวัดสตูล",
        unit="กรมชลประทาน",
    )
    typed = req("ก่อสร้างฝาย บ.เขาไคร 2 พร้อมท่อส่งน้ำ ต.ควนกาหลง อ.ควนกาหลง", unit="จังหวัดสตูล")
    assert level(typed, line) == "duplicate"


def test_canal_work_placed_by_kilometre_posts_or_villages():
    canal = rec(
        "ดาดคอนกรีตคลองส่งนำธรรมามูล พร้อมอาคารประกอบ ช่วง กม.3+350 - กม.6+230 ระยะทาง 2.727 กม. "
        "ตำบลธรรมามูล อำเภอเมืองชัยนาท จังหวัดชัยนาท",
        unit="กรมชลประทาน",
    )
    same = req("ดาดคอนกรีตคลองส่งน้ำธรรมามูล กม.4+000 - กม.5+000 ต.ธรรมามูล", unit="จังหวัดชัยนาท")
    other = req("ดาดคอนกรีตคลองส่งน้ำธรรมามูล กม.8+000 - กม.10+500 ต.ธรรมามูล", unit="จังหวัดชัยนาท")
    assert level(same, canal) == "duplicate"
    assert level(other, canal) is None
    bank = rec(
        "เขื่อนป้องกันตลิ่งคลองยางขวาง (บ้านในล็อค) ระยะทาง 0.49 กิโลเมตร ตำบลทองมงคล อำเภอบางสะพาน จังหวัดประจวบคีรีขันธ์",
        unit="กรมชลประทาน",
    )
    here = req("ก่อสร้างเขื่อนป้องกันตลิ่งคลองยางขวาง บ้านในล็อค ต.ทองมงคล", unit="จังหวัดประจวบคีรีขันธ์")
    there = req("ก่อสร้างเขื่อนป้องกันตลิ่งคลองยางขวาง บ้านทุ่งยาว ต.ทองมงคล", unit="จังหวัดประจวบคีรีขันธ์")
    assert level(here, bank) == "duplicate"
    assert level(there, bank) is None


def test_named_water_structures_of_different_kinds_are_different_assets():
    gate = rec(
        "อาคารบังคับน้ำบ้านโคกไพลพร้อมขุดลอก พื้นที่รับประโยชน์ 300 ไร่ ตำบลทัพราช อำเภอตาพระยา จังหวัดสระแก้ว",
        unit="กรมชลประทาน",
    )
    assert level(req("ก่อสร้างฝายบ้านกุดเวียน ต.ทัพราช อ.ตาพระยา", unit="จังหวัดสระแก้ว"), gate) is None


def test_new_facts_fields_round_trip():
    f = req("ซ่อมแซมอาคารเรียน ร.ร.บ้านห้วยม่วง ต.บ้านนา กม.1+000 - กม.2+000").facts
    assert f.items and f.renovation and f.km_ranges == ((1000, 2000),)
    assert Facts.from_dict(f.to_dict()) == f


def test_building_at_a_named_temple_or_market_is_work_on_that_site():
    line = rec("ศาลาการเปรียญ วัดโพธิ์ชัย ตำบลโคกสี อำเภอเมืองขอนแก่น จังหวัดขอนแก่น 1 หลัง", unit="กรมการศาสนา")
    assert level(req("ก่อสร้างศาลาการเปรียญ วัดโพธิ์ชัย ต.โคกสี อ.เมือง"), line) == "duplicate"
    assert level(req("ก่อสร้างศาลาการเปรียญ วัดศรีสว่าง ต.โคกสี อ.เมือง"), line) is None


def test_named_pond_typed_with_nong():
    line = rec("ขุดลอกหนองสิม ตำบลโคกสี อำเภอเมืองขอนแก่น จังหวัดขอนแก่น", unit="กรมชลประทาน")
    assert level(req("ขุดลอกหนองสิม ม.3 ต.โคกสี"), line) == "duplicate"
    assert level(req("ขุดลอกหนองแวง ม.3 ต.โคกสี"), line) is None
    # A village or tambon named หนอง... is a place, not a pond.
    f = req("ก่อสร้างถนน บ้านหนองแวง ต.หนองตูม").facts
    assert not [s for s in f.sites if s.kind == "pond"]
