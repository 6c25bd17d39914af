"""python manage.py import_requests FILE --fiscal-year 2565 [--create-missing-offices]

Loads the rows whose MINISTRY starts with "จังหวัดและกลุ่มจังหวัด" as submitted requests of the
province and cluster offices named in BUDGETARY_UNIT, idempotent on REF. Accepts .csv, .csv.gz,
.xlsx. Without --create-missing-offices a unit with no office that year stops the import (exit 1)
with the list of missing offices.
"""

from django.core.management.base import BaseCommand, CommandError

from ministries.importing import FileFormatError, read_path
from portal.dbstats import analyze
from portal.exceptions import ApplicationError
from screening.request_import import MissingOffices, RowsInvalid, requests_import


class Command(BaseCommand):
    help = "นำเข้าคำของบประมาณของจังหวัดและกลุ่มจังหวัดจากไฟล์เอกสารงบประมาณ"

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--fiscal-year", type=int, required=True)
        parser.add_argument(
            "--create-missing-offices",
            action="store_true",
            help="สร้างสำนักงานกลุ่มจังหวัด/จังหวัดที่ไม่มีในทะเบียนของปีนั้นตามชื่อในไฟล์",
        )

    def handle(self, *args, file, fiscal_year, create_missing_offices=False, **options):
        try:
            result = requests_import(
                rows=read_path(file), fiscal_year=fiscal_year, create_missing_offices=create_missing_offices
            )
        except FileFormatError as exc:
            raise CommandError(str(exc)) from exc
        except MissingOffices as exc:
            self.stderr.write(f"ไม่พบสำนักงานที่มีผลในปีงบประมาณ {fiscal_year}:")
            for unit in exc.units:
                self.stderr.write(f"  - {unit}")
            raise CommandError("ไม่ได้นำเข้า: ใช้ --create-missing-offices เพื่อสร้างสำนักงานตามชื่อในไฟล์") from exc
        except RowsInvalid as exc:
            for error in exc.errors[:200]:
                self.stderr.write(f"  แถวที่ {error.row} คอลัมน์ {error.column}: {error.message}")
            raise CommandError(str(exc.message)) from exc
        except ApplicationError as exc:
            raise CommandError(str(exc.message)) from exc
        analyze()  # issue 15: fresh planner statistics after a bulk import (PostgreSQL)
        if result.created_offices:
            self.stdout.write(f"สร้างสำนักงานใหม่ {len(result.created_offices)} แห่ง:")
            for name in result.created_offices:
                self.stdout.write(f"  + {name}")
        self.stdout.write(
            f"คำขอ: เพิ่มใหม่ {result.created:,} ปรับปรุง {result.updated:,} ไม่เปลี่ยนแปลง {result.unchanged:,}; "
            f"แผนปฏิบัติราชการใหม่ {result.created_plans}; ข้ามแถวของหน่วยงานอื่น {result.skipped_other_units:,} "
            f"และของปีอื่น {result.skipped_other_years:,}"
        )
