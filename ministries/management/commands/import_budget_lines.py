"""python manage.py import_budget_lines FILE  (.csv, .csv.gz, .xlsx)

Validates every row, reports errors by row and column (Thai), creates or updates budget lines by
REF (re-running the same file changes nothing), prints the counts and the elapsed time. With
any invalid row nothing is imported unless --skip-invalid. Exits non-zero when rows were refused.
"""

from django.core.management.base import BaseCommand, CommandError

from ministries.importing import FileFormatError, read_path
from ministries.models import BudgetLineImport, LineSource
from ministries.services import budget_lines_import
from portal.dbstats import analyze


def print_errors(stdout, errors: list[dict], limit: int = 200) -> None:
    for error in errors[:limit]:
        where = f"แถวที่ {error['row']}" + (f" คอลัมน์ {error['column']}" if error["column"] else "")
        stdout.write(f"  {where}: {error['message']}")
    if len(errors) > limit:
        stdout.write(f"  ... และอีก {len(errors) - limit} รายการ")


class Command(BaseCommand):
    help = "นำเข้ารายการงบประมาณของกระทรวงจากไฟล์ .csv, .csv.gz หรือ .xlsx (ไม่ซ้ำตาม REF)"

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--skip-invalid", action="store_true", help="นำเข้าแถวที่ถูกต้อง ข้ามแถวที่ผิดพลาด")
        parser.add_argument(
            "--line-source",
            choices=[LineSource.BUDGET_DOCUMENT, LineSource.ENACTED],
            default=LineSource.BUDGET_DOCUMENT,
            help="ที่มาของรายการ (R6): เอกสารงบประมาณ หรืองบประมาณตาม พ.ร.บ.",
        )

    def handle(self, *args, file, skip_invalid=False, line_source=LineSource.BUDGET_DOCUMENT, **options):
        try:
            batch = budget_lines_import(
                rows=read_path(file),
                file_name=str(file),
                source="command",
                allow_partial=skip_invalid,
                line_source=line_source,
            )
        except FileFormatError as exc:
            raise CommandError(str(exc)) from exc
        analyze()  # issue 15: fresh planner statistics after a bulk import (PostgreSQL)
        if batch.errors:
            self.stderr.write(f"พบข้อผิดพลาด {batch.error_count} แถว:")
            print_errors(self.stderr, batch.errors)
        if batch.status == BudgetLineImport.Status.REJECTED:
            raise CommandError(f"ไม่ได้นำเข้า: ข้อมูลผิดพลาด {batch.error_count} แถว (แก้ไขแล้วนำเข้าใหม่ หรือใช้ --skip-invalid)")
        self.stdout.write(
            f"นำเข้า {batch.rows:,} แถว: เพิ่มใหม่ {batch.created:,} ปรับปรุง {batch.updated:,} "
            f"ไม่เปลี่ยนแปลง {batch.unchanged:,} ผิดพลาด {batch.error_count:,} ใช้เวลา {batch.elapsed_seconds:.1f} วินาที"
        )
        # issue 12 point 5: only the open requests of the changed years, queued (never screened here)
        self.stdout.write(f"คำขอที่ยังพิจารณาอยู่ซึ่งส่งเข้าคิวตรวจความซ้ำซ้อนใหม่: {batch.rescreens_queued:,} รายการ")
        if batch.error_count:
            raise CommandError(f"ข้ามแถวที่ผิดพลาด {batch.error_count} แถว")
