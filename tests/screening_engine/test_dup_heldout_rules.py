"""Rules added after a held-out audit on provinces outside dev_pairs.csv (real strings)."""

from screening_engine.engine import LineRecord, compare, extract_facts
from screening_engine.facts import Facts
from screening_engine.normalize import normalize_text


def rec(text, *, ref="L1", unit="กรมทางหลวง", year=2565):
    facts = extract_facts(text, unit=unit)
    return LineRecord(ref=ref, fiscal_year=year, unit=unit, ministry="", text=text, amount=None, facts=facts)


def judge(request, line):
    return compare(request, request.facts, line, line.facts)


def test_uncoded_route_matches_rural_road_by_both_ends():
    req = rec(
        "ปรับปรุงถนนลาดยางผิวทางแอสพัลติกคอนกรีต สายบ้านโนนสัง ตำบลโนนสัง อำเภอโนนสัง - บ้านโนนยาว "
        "ตำบลโคกใหญ่ อำเภอโนนสัง จังหวัดหนองบัวลำภู ระยะทาง 5.000 กิโลเมตร 1 สายทาง",
        ref="R1",
        unit="จังหวัดหนองบัวลำภู",
    )
    line = rec("งานบำรุงถนนสาย นภ.6011 บ้านโนนสัง - บ้านโนนยาว อ.โนนสัง จ.หนองบัวลำภู 1 แห่ง", unit="กรมทางหลวงชนบท")
    rural = [r for r in line.facts.roads if r.kind == "rural"][0]
    # End names are kept without their "บ้าน", so "บ.โนนสัง" and "บ้านโนนสัง" are one end.
    assert rural.sections == (("โนนสง", "โนนยาว"),)
    m = judge(req, line)
    assert m is not None and m.level == "duplicate"
    # Only one shared end is another road.
    other = rec("งานบำรุงถนนสาย นภ.6012 บ้านโนนสัง - บ้านหนองแวง อ.โนนสัง จ.หนองบัวลำภู 1 แห่ง", unit="กรมทางหลวงชนบท")
    assert judge(req, other) is None
    assert Facts.from_dict(line.facts.to_dict()) == line.facts


def test_kilometre_post_is_not_a_section_name():
    req = rec(
        "ซ่อมทางผิวแอสฬัลต์ทางหลวงหมายเลข 1081 กม.92-000+ กม.93+000 และ กม.94+675 - กม.96+000 "
        "ตำบลบ่อเกลือเหนือ อำเภอบ่อเกลือ จังหวัดน่าน 1 สายทาง",
        ref="R1",
        unit="จังหวัดน่าน",
    )
    assert [r.sections for r in req.facts.roads] == [()]
    m = judge(req, rec("งานฟื้นฟูทางหลวง ทางหลวงหมายเลข 1081 ตอน หลักลาย - บ่อเกลือ เฉลิมพระเกียรติ จ.น่าน 1 แห่ง"))
    assert m is not None and m.level == "duplicate"


def test_weir_ocr_read_as_department_word():
    assert (
        normalize_text("ฝ่ายหัวงานและอาคารประกอบ โครงการฝ่ายทดน้ำบ้านรางเข้")
        == "ฝายหัวงานและอาคารประกอบ โครงการฝายทดน้ำบ้านรางเข้"
    )
    assert normalize_text("สถาบันพัฒนาข้าราชการฝ่ายตุลาการ") == "สถาบันพัฒนาข้าราชการฝ่ายตุลาการ"


def test_weirs_with_different_names_in_one_tambon_are_not_flagged():
    req = rec(
        "ก่อสร้างฝายทดน้ำหินเหล็กไฟ พร้อมขุดลอกลำห้วย หมู่ที่ 1 ตำบลหนองกุ่ม อำเภอบ่อพลอย จังหวัดกาญจนบุรี ขนาดฝายกว้าง 20.00 เมตร 1 แห่ง",
        ref="R1",
        unit="จังหวัดกาญจนบุรี",
    )
    line = rec(
        "ฝ่ายหัวงานและอาคารประกอบ โครงการฝ่ายทดน้ำบ้านรางเข้ พร้อมระบบส่งน้ำอันเนื่องมาจากพระราชดำริ "
        "ตำบลหนองกุ่ม อำเภอบ่อพลอย จังหวัดกาญจนบุรี",
        unit="กรมชลประทาน",
    )
    assert ("weir", "บานรางเข") in [(s.kind, s.key) for s in line.facts.sites]
    assert judge(req, line) is None


def test_control_structure_named_after_village_is_a_site_and_its_work():
    req = rec(
        "อาคารบังคับน้ำบ้านเขาขาด ตำบลแก่งดินสอ อำเภอนาดี จังหวัดปราจีนบุรี ขนาด 2.00 x 1.50 x 1.50 เมตร "
        "พร้อมขุดลอกคลองหน้าอาคารบังคับน้ำ 1 แห่ง",
        ref="R1",
        unit="จังหวัดปราจีนบุรี",
    )
    assert req.facts.main_work == ("water_struct",)
    assert [(s.kind, s.key) for s in req.facts.sites] == [("gate", "บานเขาขาด")]  # not the creek "หน้า"
    assert judge(req, rec("อาคารบังคับน้ำบ้านหินเทิน ตำบลแก่งดินสอ อำเภอนาดี จังหวัดปราจีนบุรี", unit="กรมชลประทาน")) is None
    m = judge(req, rec("อาคารบังคับน้ำบ้านเขาขาด ตำบลแก่งดินสอ อำเภอนาดี จังหวัดปราจีนบุรี", unit="กรมชลประทาน"))
    assert m is not None and m.level == "duplicate"


def test_four_lane_road_with_median_is_widening_not_safety_work():
    req = rec(
        "ปรับปรุงทางหลวงหมายเลข 4103 ตอน เบญจม- จังหน บนถนนเดิม เป็นถนน #4 ช่องจราจร (ข้างละ 2 ช่อง) "
        "แบบมีเกาะกลาง ผิวแอสฟัลต์ ขนาดความกว้างช่องละ 3.50 เมตร จังหวัดนครศรีธรรมราช",
        ref="R1",
        unit="จังหวัดนครศรีธรรมราช",
    )
    assert req.facts.main_work == ("widen",)
    m = judge(
        req,
        rec(
            "งานอำนวยความปลอดภัยเพื่อป้องกันและแก้ไขอุบัติเหตุทางถนน สายทางหลวงหมายเลข 4103 "
            "ตอน เบญจม - จังหน ตอน 1 จ.นครศรีธรรมราช 1 แห่ง"
        ),
    )
    assert m is not None and m.level == "overlap"


def test_safety_as_purpose_of_lighting_is_not_a_second_kind_of_work():
    req = rec(
        "เพิ่มมาตรฐานความปลอดภัยแก่นักท่องเที่ยวในนครลำปาง ติดตั้งไฟฟ้า แสงสว่าง (High Mast) "
        "ทางหลวงหมายเลข 1 ระหว่าง กม.700+587 - กม.707+500 ตำบลพิชัย อำเภอเมืองลำปาง จังหวัดลำปาง 1 สายทาง",
        ref="R1",
        unit="จังหวัดลำปาง",
    )
    assert req.facts.main_work == ("lighting",)
    m = judge(req, rec("ปรับปรุงทางแยกจุดตัดทางหลวงหมายเลข 1 กับทางหลวงหมายเลข 11 (แยกภาคเหนือ) จ.ลำปาง 1 แห่ง"))
    assert m is not None and m.level == "overlap"
