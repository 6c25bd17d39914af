import io

import pytest
from django.core.management import CommandError, call_command

from clusters.models import Cluster, ClusterMembership, Office
from ministries.importing import rows_to_csv_bytes
from proposals.models import ActionPlan, ProjectRequest, RequestEvent
from proposals.workflow import Status
from tests.screening.conftest import HIGHWAY_LINE, row

pytestmark = pytest.mark.django_db

PROVINCIAL = "จังหวัดและกลุ่มจังหวัด (1)"


def provincial_file(tmp_path, extra=()):
    rows = [
        row(
            "ก่อสร้างถนนลาดยาง สาย ขก.1039 บ้านโนนทอง อำเภอเมือง จังหวัดขอนแก่น",
            ref="P#1",
            ministry=PROVINCIAL,
            unit="จังหวัดขอนแก่น",
            year=2565,
        ),
        row(
            "ปรับปรุงแหล่งน้ำ บ้านหนองแวง ตำบลโนนสูง อำเภอบ้านไผ่ จังหวัดขอนแก่น และจังหวัดกาฬสินธุ์",
            ref="P#2",
            ministry=PROVINCIAL,
            unit="กลุ่มจังหวัดภาคตะวันออกเฉียงเหนือตอนกลาง",
            year=2565,
        ),
        row("ปรับปรุงภูมิทัศน์ริมแม่น้ำเจ้าพระยา", ref="P#3", ministry=PROVINCIAL, unit="จังหวัดสิงค์บุรี", year=2565),  # OCR spelling
        row(HIGHWAY_LINE, ref="M#1", year=2565),  # a ministry line: not a request
        *extra,
    ]
    path = tmp_path / "fy.csv"
    path.write_bytes(rows_to_csv_bytes(rows))
    return path


def test_without_the_flag_it_lists_the_missing_offices_and_writes_nothing(people, tmp_path):
    err = io.StringIO()
    with pytest.raises(CommandError, match="--create-missing-offices"):
        call_command(
            "import_requests", str(provincial_file(tmp_path)), "--fiscal-year", "2565", stderr=err, stdout=io.StringIO()
        )
    assert "กลุ่มจังหวัดภาคตะวันออกเฉียงเหนือตอนกลาง" in err.getvalue()
    assert not ProjectRequest.objects.filter(fiscal_year=2565).exists()
    assert not Cluster.objects.filter(valid_from=2565).exists()


def test_with_the_flag_it_creates_the_cluster_office_for_that_year_and_submitted_requests(people, tmp_path):
    out = io.StringIO()
    call_command(
        "import_requests",
        str(provincial_file(tmp_path)),
        "--fiscal-year",
        "2565",
        "--create-missing-offices",
        stdout=out,
    )
    assert "+ สำนักงานกลุ่มจังหวัดภาคตะวันออกเฉียงเหนือตอนกลาง" in out.getvalue()
    cluster = Cluster.objects.get(name_th="กลุ่มจังหวัดภาคตะวันออกเฉียงเหนือตอนกลาง", valid_from=2565)
    assert cluster.valid_to == 2565 and cluster.region.code == "northeast"
    assert set(ClusterMembership.objects.filter(cluster=cluster).values_list("province__name_th", flat=True)) == {
        "ขอนแก่น",
        "มหาสารคาม",
        "ร้อยเอ็ด",
        "กาฬสินธุ์",
    }

    province_request = ProjectRequest.objects.get(source_ref="P#1")
    assert province_request.office == people.office_a and province_request.status == Status.SUBMITTED
    assert province_request.title.startswith("ก่อสร้างถนนลาดยาง") and "โครงการ:" in province_request.description
    assert list(province_request.locations.values_list("province__name_th", flat=True)) == ["ขอนแก่น"]
    assert ActionPlan.objects.filter(office=people.office_a, fiscal_year=2565).count() == 1

    cluster_request = ProjectRequest.objects.get(source_ref="P#2")
    assert cluster_request.office.cluster == cluster
    assert set(cluster_request.locations.values_list("province__name_th", flat=True)) == {"ขอนแก่น", "กาฬสินธุ์"}
    assert ProjectRequest.objects.get(source_ref="P#3").office.province.name_th == "สิงห์บุรี"
    assert not ProjectRequest.objects.filter(source_ref="M#1").exists()
    assert RequestEvent.objects.filter(action="imported", request__fiscal_year=2565).count() == 3


def test_a_second_run_creates_nothing_twice(people, tmp_path):
    path = provincial_file(tmp_path)
    call_command(
        "import_requests", str(path), "--fiscal-year", "2565", "--create-missing-offices", stdout=io.StringIO()
    )
    out = io.StringIO()
    call_command("import_requests", str(path), "--fiscal-year", "2565", stdout=out)  # offices exist now
    assert "เพิ่มใหม่ 0" in out.getvalue() and "ไม่เปลี่ยนแปลง 3" in out.getvalue()
    assert ProjectRequest.objects.filter(fiscal_year=2565).count() == 3
    assert Office.objects.filter(cluster__valid_from=2565).count() == 1


def test_invalid_provincial_rows_stop_the_import_with_row_numbers(people, tmp_path):
    bad = row("ขุดลอกคลอง", ref="P#9", ministry=PROVINCIAL, unit="จังหวัดขอนแก่น", year=2565, amount="0")
    err = io.StringIO()
    with pytest.raises(CommandError, match="ข้อมูลไม่ถูกต้อง 1 แถว"):
        call_command(
            "import_requests",
            str(provincial_file(tmp_path, [bad])),
            "--fiscal-year",
            "2565",
            "--create-missing-offices",
            stderr=err,
            stdout=io.StringIO(),
        )
    assert "แถวที่ 6 คอลัมน์ AMOUNT_BAHT" in err.getvalue()
    assert not ProjectRequest.objects.filter(fiscal_year=2565).exists()


def test_a_created_office_never_shows_the_same_name_as_another_years(people, tmp_path):
    """Issue 10: the FY2565 cluster office sits beside the demo's 2552-arrangement office of the
    same cluster name; lists spanning years must tell them apart, and re-runs add nothing."""
    path = provincial_file(tmp_path)
    for _ in range(2):
        call_command(
            "import_requests", str(path), "--fiscal-year", "2565", "--create-missing-offices", stdout=io.StringIO()
        )
    names = list(Office.objects.values_list("name_th", flat=True))
    assert len(names) == len(set(names))
    created = Office.objects.get(cluster__valid_from=2565)
    assert created.name_th.endswith("(ปีงบประมาณ 2565)")
    assert Office.objects.filter(cluster__name_th=created.cluster.name_th).count() == 2
