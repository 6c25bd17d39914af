"""Pair rules on tiny hand-made records."""

from screening_engine.engine import LineRecord, compare, extract_facts


def rec(text, *, ref="L1", unit="กรมทางหลวง", year=2565, amount=None, context=""):
    facts = extract_facts(text, unit=unit, context=context, amount=amount)
    return LineRecord(ref=ref, fiscal_year=year, unit=unit, ministry="", text=text, amount=amount, facts=facts)


def judge(request, line, **kw):
    return compare(request, request.facts, line, line.facts, **kw)


REQ = rec(
    "เสริมผิวแอสฟัลต์ทางหลวงหมายเลข 3168 ตอนควบคุม 0100 ตอนปราณบุรี - ปากน้ำปราณ ตำบลปากน้ำปราณ "
    "อำเภอปราณบุรี จังหวัดประจวบคีรีขันธ์ ระยะทาง 2.000 กิโลเมตร",
    ref="R1",
    unit="จังหวัดประจวบคีรีขันธ์",
)


def test_same_highway_same_section_same_kind_of_work_is_a_duplicate():
    m = judge(REQ, rec("งานบำรุงตามกำหนดเวลา ทางหลวงหมายเลข 3168 ตอน ปราณบุรี ปากน้ำปราณ ตอน 1 จ.ประจวบคีรีขันธ์ 1 แห่ง"))
    assert m.level == "duplicate"
    assert 0.7 <= m.score <= 1.0
    assert any("ทางหลวงหมายเลข 3168 ตอนเดียวกัน" in r for r in m.reasons)
    assert any(r.startswith("ลักษณะงานเดียวกัน") for r in m.reasons)
    assert any("3168" in t for t in m.matched_terms)


def test_same_section_other_kind_of_work_is_an_overlap():
    m = judge(REQ, rec("ติดตั้งไฟฟ้าแสงสว่าง ทางหลวงหมายเลข 3168 ตอน ปราณบุรี - ปากน้ำปราณ จ.ประจวบคีรีขันธ์ 1 แห่ง"))
    assert m.level == "overlap"
    assert 0.35 <= m.score < 0.7
    assert any(r.startswith("คนละลักษณะงาน") for r in m.reasons)


def test_same_highway_other_control_section_is_not_flagged_unless_asked():
    req = rec("เสริมผิวแอสฟัลต์ทางหลวงหมายเลข 4 ตอนควบคุม 0603 ตอนหนองหมู - ห้วยยาง จังหวัดประจวบคีรีขันธ์", ref="R2")
    other = rec("เสริมผิวแอสฟัลต์ทางหลวงหมายเลข 4 ตอนควบคุม 0604 ตอนห้วยยาง - บางสะพาน จังหวัดประจวบคีรีขันธ์")
    assert judge(req, other) is None
    m = judge(req, other, other_sections=True)
    assert m.level == "overlap" and any("คนละตอน" in r for r in m.reasons)


def test_an_adjacent_section_sharing_one_end_is_another_section():
    req = rec("งานบำรุงทาง ทางหลวงหมายเลข 4 ตอนหนองหมู - ห้วยยาง จังหวัดประจวบคีรีขันธ์", ref="R3")
    assert judge(req, rec("งานบำรุงตามกำหนดเวลา ทางหลวงหมายเลข 4 ตอน วังยาว - หนองหมู จ.ประจวบคีรีขันธ์ 1 แห่ง")) is None


def test_a_branch_road_off_the_highway_is_not_the_highway():
    req = rec("ซ่อมสร้างผิวทางลาดยาง สายแยก ทล. 2095 - บ้านนาสวรรค์ อำเภอโซ่พิสัย จังหวัดบึงกาฬ", ref="R4", unit="จังหวัดบึงกาฬ")
    line = rec("งานบำรุงตามกำหนดเวลา ทางหลวงหมายเลข 2095 ตอน พรเจริญ - โซ่พิสัย จ.บึงกาฬ 1 แห่ง")
    assert judge(req, line) is None


def test_an_uncoded_branch_road_is_the_coded_road_with_the_same_ends():
    req = rec(
        "ซ่อมสร้างถนนลาดยาง สายแยกทางหลวง หมายเลข 3233 - บ้านตลาดเกาะแรต ตำบลดอนพุทรา อำเภอนครชัยศรี จังหวัดนครปฐม", ref="R5"
    )
    same = rec(
        "งานบำรุงถนนสาย นฐ.4042 แยกทางหลวงหมายเลข 3233 - บ้านตลาดเกาะแรต อ.นครชัยศรี จ.นครปฐม 1 แห่ง", unit="กรมทางหลวงชนบท"
    )
    other = rec(
        "งานบำรุงถนนสาย นฐ.4043 แยกทางหลวงหมายเลข 3233 - บ้านห้วยตะโก อ.นครชัยศรี จ.นครปฐม 1 แห่ง", unit="กรมทางหลวงชนบท"
    )
    assert judge(req, same).level == "duplicate"
    assert judge(req, other) is None


def test_same_river_other_tambon_is_not_flagged():
    req = rec("ก่อสร้างเขื่อนป้องกันตลิ่งริมแม่น้ำยม หมู่ที่ 9 ตำบลไผ่ท่าโพ อำเภอโพธิ์ประทับช้าง จังหวัดพิจิตร", ref="R6")
    line = rec(
        "เขื่อนป้องกันตลิ่งริมแม่น้ำยม หมู่ที่ 2 ตำบลวังจิก อำเภอโพธิ์ประทับช้าง จังหวัดพิจิตร ความยาว 300 เมตร", unit="กรมโยธาธิการและผังเมือง"
    )
    assert judge(req, line) is None


def test_same_river_same_tambon_other_village_is_not_flagged():
    req = rec("ก่อสร้างเขื่อนป้องกันตลิ่งริมแม่น้ำยม หมู่ที่ 9 ตำบลไผ่ท่าโพ อำเภอโพธิ์ประทับช้าง จังหวัดพิจิตร", ref="R7")
    line = rec("เขื่อนป้องกันตลิ่งริมแม่น้ำยม หมู่ที่ 3 ตำบลไผ่ท่าโพ อำเภอโพธิ์ประทับช้าง จังหวัดพิจิตร", unit="กรมโยธาธิการและผังเมือง")
    assert judge(req, line) is None


def test_same_river_same_village_is_a_duplicate_and_same_tambon_alone_an_overlap():
    req = rec("ก่อสร้างเขื่อนป้องกันตลิ่งริมคลองตรอน หมู่ที่ 5 ตำบลบ้านแก่ง อำเภอตรอน จังหวัดอุตรดิตถ์", ref="R8")
    same_village = rec("เขื่อนป้องกันตลิ่งริมคลองตรอน หมู่ที่ 5 ตำบลบ้านแก่ง อำเภอตรอน จังหวัดอุตรดิตถ์ ความยาว 230 เมตร")
    tambon_only = rec("เขื่อนป้องกันตลิ่งริมคลองตรอน ตำบลบ้านแก่ง อำเภอตรอน จังหวัดอุตรดิตถ์ ความยาว 230 เมตร")
    assert judge(req, same_village).level == "duplicate"
    assert judge(req, tambon_only).level == "overlap"


def test_a_shared_landmark_with_other_work_is_not_flagged():
    req = rec("ก่อสร้างเขื่อนป้องกันตลิ่ง โรงพยาบาลพระนั่งเกล้า ตำบลบางกระสอ อำเภอเมืองนนทบุรี จังหวัดนนทบุรี", ref="R9")
    line = rec("เครื่องตรวจหัวใจ โรงพยาบาลพระนั่งเกล้า ตำบลบางกระสอ อำเภอเมืองนนทบุรี จังหวัดนนทบุรี 1 เครื่อง")
    assert judge(req, line) is None


def test_other_province_or_other_fiscal_year_is_never_compared():
    line = rec("งานบำรุงตามกำหนดเวลา ทางหลวงหมายเลข 3168 ตอน ปราณบุรี ปากน้ำปราณ จ.เพชรบุรี 1 แห่ง")
    assert judge(REQ, line) is None
    later = rec("งานบำรุงตามกำหนดเวลา ทางหลวงหมายเลข 3168 ตอน ปราณบุรี ปากน้ำปราณ จ.ประจวบคีรีขันธ์", year=2566)
    assert judge(REQ, later) is None


def test_generic_words_alone_are_not_flagged():
    req = rec("ค่าใช้จ่ายในการสัมมนาและฝึกอบรม", ref="R10", unit="จังหวัดสระบุรี")
    line = rec("ค่าใช้จ่ายในการสัมมนาและฝึกอบรม", unit="จังหวัดสระบุรี")
    assert judge(req, line) is None


def test_equal_amounts_are_reported():
    req = rec(
        "ปรับปรุงผิวจราจรและบูรณะสายทางหมายเลข 34 บางนา - ทางเข้าท่าอากาศยานสุวรรณภูมิ จังหวัดสมุทรปราการ",
        ref="R11",
        amount=20_000_000,
    )
    line = rec(
        "ทางหลวงหมายเลข 34 ตอน บางนา - จ.สมุทรปราการ 1 แห่ง",
        amount=20_000_000,
        context="โครงการบูรณะโครงข่ายทางหลวงเชื่อมโยงระหว่างภาค",
    )
    m = judge(req, line)
    assert m.level == "duplicate"
    assert "งบประมาณเท่ากัน 20,000,000 บาท" in m.reasons
