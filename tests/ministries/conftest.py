"""Builders for the ministries' own requests (R6) and outputs (R21)."""

import io

import pytest
from openpyxl import Workbook

from ministries.importing import COLUMNS
from proposals.models import PhaseKind
from screening import adapters
from tests.personas import YEAR
from tests.proposals.conftest import set_phase

WEIR_LINE = "ก่อสร้างฝายห้วยทรายบ้านโนนสวรรค์ ตำบลบ้านเป็ด อำเภอเมืองขอนแก่น จังหวัดขอนแก่น 1 แห่ง"
HIGHWAY_OWN = "งานบำรุงตามกำหนดเวลา ทางหลวงหมายเลข 2301 ตอน บ้านไผ่ - โนนศิลา 1 แห่ง"  # names no province
HIGHWAY_REQUEST = "ซ่อมทางผิวแอสฟัลต์ทางหลวงหมายเลข 2301 ตอนควบคุม 0100 ตอนบ้านไผ่ - โนนศิลา อำเภอบ้านไผ่ จังหวัดขอนแก่น"


def own_row(item, *, ref="1", ministry="กระทรวงคมนาคม", unit="กรมทางหลวง", year=YEAR, amount="5000000", **extra):
    data = {c: "" for c in COLUMNS}
    data.update(
        {
            "REF": ref,
            "MINISTRY": ministry,
            "BUDGETARY_UNIT": unit,
            "OUTPUT": "ผลผลิตทางหลวงได้รับการบำรุงรักษา",
            "PROJECT": "โครงการบำรุงรักษาทางหลวง",
            "ITEM_DESCRIPTION": item,
            "FISCAL_YEAR_BE": str(year),
            "AMOUNT_BAHT": amount,
        }
    )
    data.update(extra)
    return data


def numbered(rows):
    return list(enumerate(rows, start=2))


def xlsx_of(rows) -> io.BytesIO:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(list(COLUMNS))
    for r in rows:
        sheet.append([r.get(c, "") for c in COLUMNS])
    buffer = io.BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    buffer.name = "own.xlsx"
    return buffer


@pytest.fixture
def own_phase(db):
    set_phase(PhaseKind.MINISTRY_OWN_REQUEST, closes_days=30)


@pytest.fixture(autouse=True)
def fresh_index_cache(settings, tmp_path):
    settings.SCREENING_INDEX_DIR = str(tmp_path / "screening-index")
    adapters.clear_cache()
    yield
    adapters.clear_cache()
