"""The blocking index returns exactly what the all-pairs rules return."""

import random

import pytest

from screening_engine import (
    LineRecord,
    ScreeningIndex,
    naive_screen,
    screen_many,
    screen_requests_against_each_other,
)
from screening_engine.extract import extract_facts

LINES = [
    ("L1", "กรมทางหลวง", "งานบำรุงตามกำหนดเวลา ทางหลวงหมายเลข 3501 ตอน อ่างทอง - บางหลวงโดด จ.อ่างทอง 1 แห่ง"),
    ("L2", "กรมทางหลวง", "งานบำรุงตามกำหนดเวลา ทางหลวงหมายเลข 3501 ตอน อ่างทอง - บางหลวงโดด จ.สิงห์บุรี 1 แห่ง"),
    ("L3", "กรมทางหลวงชนบท", "งานบำรุงถนนสาย อท.3001 แยกทางหลวงหมายเลข 3501 - บ้านโพธิ์ อ.เมือง จ.อ่างทอง 1 แห่ง"),
    ("L4", "กรมโยธาธิการและผังเมือง", "เขื่อนป้องกันตลิ่งริมแม่น้ำน้อย หมู่ที่ 2 ตำบลบ้านแห อำเภอเมืองอ่างทอง จังหวัดอ่างทอง"),
    ("L5", "กรมชลประทาน", "ค่าก่อสร้างอื่นๆที่มีราคาต่อหน่วยต่ำกว่า 10 ล้านบาท รวม 3 รายการ"),
]
REQ_TEXT = (
    "งานเสริมผิวแอสฟัลท์ ทางหลวงหมายเลข 3501 ตอนควบคุม 0100 อ่างทอง - บางหลวงโดด ตอน 1 ระหว่าง กม.0+000 - กม.6+000 "
    "ตำบบ้านแห อำเภอเมืองอ่างทอง จังหวัดอ่างทอง ระยะทาง 6.000 กิโลเมตร 1 สายทาง"
)


def record(ref, unit, text, year=2565, with_facts=False):
    facts = extract_facts(text, unit=unit) if with_facts else None
    return LineRecord(ref=ref, fiscal_year=year, unit=unit, ministry="", text=text, amount=None, facts=facts)


def test_screen_finds_the_duplicate_only_in_its_province_and_year():
    index = ScreeningIndex.build(record(*row) for row in LINES)
    req = record("R1", "จังหวัดอ่างทอง", REQ_TEXT)
    matches = index.screen(req)
    assert [m.line_ref for m in matches] == ["L1"]
    assert matches[0].level == "duplicate"
    assert matches == naive_screen(req, [record(*row) for row in LINES])
    assert index.screen(record("R2", "จังหวัดอ่างทอง", REQ_TEXT, year=2566)) == []


def test_stored_facts_give_the_same_result_as_extracting_again():
    a = ScreeningIndex.build(record(*row) for row in LINES)
    b = ScreeningIndex.build(record(*row, with_facts=True) for row in LINES)
    req = record("R1", "จังหวัดอ่างทอง", REQ_TEXT)
    assert a.screen(req) == b.screen(req)


def test_screen_many_and_a_request_is_not_its_own_duplicate():
    req = record("R1", "จังหวัดอ่างทอง", REQ_TEXT)
    index = ScreeningIndex.build([req, *(record(*row) for row in LINES)])
    result = screen_many([req], index)
    assert "R1" not in {m.line_ref for m in result["R1"]}


def test_a_province_and_its_cluster_asking_for_the_same_road():
    province = record("P1", "จังหวัดอ่างทอง", REQ_TEXT)
    cluster = record(
        "C1",
        "กลุ่มจังหวัดภาคกลางตอนบน",
        "ซ่อมสร้างผิวทางแอสฟัลต์ ทางหลวงหมายเลข 3501 ตอน อ่างทอง - บางหลวงโดด จังหวัดอ่างทอง 1 สายทาง",
    )
    own = record("P2", "จังหวัดอ่างทอง", REQ_TEXT.replace("ตอน 1", "ตอน 1 (ต่อเนื่อง)"))
    result = screen_requests_against_each_other([province, cluster, own])
    assert [m.line_ref for m in result["P1"]] == ["C1"]  # not its own unit's P2
    assert result["C1"][0].level == "duplicate"


@pytest.mark.slow  # the full FY2565 file
def test_index_equals_naive_on_real_data(shared_rows):
    from bench._data import is_request, to_record

    lines = [to_record(r) for r in shared_rows if not is_request(r)]
    requests = [to_record(r) for r in shared_rows if is_request(r)]
    index = ScreeningIndex.build(lines)
    sample = random.Random(7).sample(requests, 40)
    flagged = 0
    for req in sample:
        got = index.screen(req)
        assert got == naive_screen(req, lines)
        flagged += bool(got)
    assert flagged  # the sample must exercise the rules, not only empty answers


@pytest.fixture(scope="module")
def shared_rows():
    from bench._data import data_dir, read_rows

    d = data_dir()
    if d is None:
        pytest.skip("../shared/data not found: set PORTAL_SHARED_DATA to run real-data checks")
    return read_rows(d)
