"""Hand-made budget lines and requests for the screening tests (never the shared data)."""

import itertools
from decimal import Decimal

import pytest

from ministries.importing import COLUMNS
from ministries.models import BudgetLine
from ministries.services import budget_lines_import
from proposals.models import ActionPlan, ProjectRequest, RequestLocation
from proposals.workflow import Status
from screening import adapters
from tests.personas import YEAR

HIGHWAY_LINE = "งานบำรุงตามกำหนดเวลา ทางหลวงหมายเลข 2301 ตอน บ้านไผ่ - โนนศิลา จ.ขอนแก่น 1 แห่ง"
OTHER_HIGHWAY_LINE = "งานบำรุงตามกำหนดเวลา ทางหลวงหมายเลข 12 ตอน ขอนแก่น - ยางตลาด จ.ขอนแก่น 1 แห่ง"
RIVER_LINE = "ก่อสร้างเขื่อนป้องกันตลิ่งแม่น้ำชี บ้านท่าพระ หมู่ที่ 3 ตำบลท่าพระ อำเภอเมืองขอนแก่น จังหวัดขอนแก่น"
UDON_LINE = "งานบำรุงตามกำหนดเวลา ทางหลวงหมายเลข 2301 ตอน บ้านไผ่ - โนนศิลา จ.อุดรธานี 1 แห่ง"
HIGHWAY_REQUEST = "ซ่อมทางผิวแอสฟัลต์ทางหลวงหมายเลข 2301 ตอนควบคุม 0100 ตอนบ้านไผ่ - โนนศิลา อำเภอบ้านไผ่ จังหวัดขอนแก่น"

_refs = itertools.count(1)


def row(item, *, ref=None, ministry="กระทรวงคมนาคม", unit="กรมทางหลวง", year=YEAR, amount="5000000", **extra):
    data = {c: "" for c in COLUMNS}
    data.update(
        {
            "REF": ref if ref is not None else f"T.{next(_refs)}#{next(_refs)}",
            "REF_DOC": "T.3.5",
            "REF_PAGE_NO": "12",
            "MINISTRY": ministry,
            "BUDGETARY_UNIT": unit,
            "BUDGET_PLAN": "แผนงานยุทธศาสตร์พัฒนาโครงสร้างพื้นฐาน",
            "PROJECT": "โครงการบำรุงรักษาทางหลวง",
            "ITEM_DESCRIPTION": item,
            "FISCAL_YEAR_BE": str(year),
            "AMOUNT_BAHT": amount,
            "OBLIGED": "False",
        }
    )
    data.update(extra)
    return data


def numbered(rows):
    return list(enumerate(rows, start=2))


def import_rows(rows, **kwargs):
    return budget_lines_import(rows=numbered(rows), file_name="test.csv", **kwargs)


@pytest.fixture(autouse=True)
def fresh_index_cache(settings, tmp_path):
    """Each test builds its own year index (tasks run eagerly: see tests/conftest.py), and
    persists it in its own directory."""
    settings.SCREENING_INDEX_DIR = str(tmp_path / "screening-index")
    adapters.clear_cache()
    yield
    adapters.clear_cache()


@pytest.fixture
def lines(db):
    """Three ministry lines in ขอนแก่น and one in อุดรธานี, fiscal year 2554."""
    batch = import_rows(
        [
            row(HIGHWAY_LINE, ref="L#highway"),
            row(OTHER_HIGHWAY_LINE, ref="L#other-highway"),
            row(
                RIVER_LINE,
                ref="L#river",
                ministry="กระทรวงทรัพยากรธรรมชาติและสิ่งแวดล้อม",
                unit="กรมทรัพยากรน้ำ",
                amount="20000000",
            ),
            row(UDON_LINE, ref="L#udon"),
        ]
    )
    assert batch.status == "done", batch.errors
    return {line.source_ref: line for line in BudgetLine.objects.all()}


def _someone(office):
    from portal.models import Membership

    membership = Membership.objects.filter(office=office).select_related("user").first()
    return membership.user if membership else None


def make_request(
    office,
    *,
    title=HIGHWAY_REQUEST,
    status=Status.SCREENING,
    ministry=None,
    reference=None,
    amount="4000000",
    description="",
    province=None,
    **fields,
):
    plan, _ = ActionPlan.objects.get_or_create(office=office, fiscal_year=YEAR, defaults={"title": f"แผน {office}"})
    request = ProjectRequest.objects.create(
        plan=plan,
        office=office,
        fiscal_year=YEAR,
        reference=reference or f"REQ-{next(_refs)}",
        title=title,
        description=description,
        amount=Decimal(amount),
        status=status,
        reviewing_ministry=ministry,
        created_by=fields.pop("created_by", None) or _someone(office),
        **fields,
    )
    if province is not None:
        RequestLocation.objects.create(request=request, province=province)
    return request


@pytest.fixture
def highway_request(people, lines):
    """planner_a's (ขอนแก่น) request for the highway section the กรมทางหลวง line maintains,
    reviewed by คค. (reviewer_y's ministry; reviewer_x's ทส. is the other ministry)."""
    return make_request(people.office_a, ministry=people.ministry_y, province=people.office_a.province)


RIVER_REQUEST = "ก่อสร้างเขื่อนป้องกันตลิ่งแม่น้ำชี บ้านท่าพระ หมู่ที่ 3 ตำบลท่าพระ อำเภอเมืองขอนแก่น"


@pytest.fixture
def river_request(people, lines):
    """planner_a's bank-protection request reviewed by ทส. (reviewer_x); คค. (reviewer_y) is the other ministry."""
    return make_request(
        people.office_a,
        title=RIVER_REQUEST,
        ministry=people.ministry_x,
        amount="15000000",
        province=people.office_a.province,
        status=Status.MINISTRY_REVIEW,
    )


@pytest.fixture
def screened_river(river_request):
    from screening.services import request_screen

    request_screen(request_id=river_request.pk, revision=river_request.revision)
    river_request.refresh_from_db()
    return river_request
