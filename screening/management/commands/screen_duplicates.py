"""python manage.py screen_duplicates --fiscal-year 2565 [--output flags.csv] [--store]

Runs the screening engine over a whole year's filed requests, against the year's ministry budget
lines and between each province and its cluster, and writes
`request_ref,line_ref,level,score,reasons` for matches with ministry budget lines (with
--with-requests also province-vs-cluster request pairs; refs: the document's REF for imported rows, the
portal's reference otherwise; reasons joined with " | "). With a broker (REDIS_URL) the requests
are split into chunks screened in parallel by the Celery workers; otherwise in this process.
"""

import csv
import sys
import time

from django.conf import settings
from django.core.management.base import BaseCommand

from portal.spreadsheets import csv_field
from screening.services import screen_year, year_requests

FIELDS = ["request_ref", "line_ref", "level", "score", "reasons"]


class Command(BaseCommand):
    help = "ตรวจความซ้ำซ้อนของคำของบประมาณทั้งปี แล้วเขียนผลเป็น CSV"

    def add_arguments(self, parser):
        parser.add_argument("--fiscal-year", type=int, required=True)
        parser.add_argument("--output", help="ไฟล์ CSV ผลลัพธ์ (ไม่ระบุ = แสดงทางหน้าจอ)")
        parser.add_argument("--store", action="store_true", help="บันทึกผลการตรวจลงในคำขอด้วย")
        parser.add_argument("--with-requests", action="store_true", help="รวมคู่คำขอของจังหวัดกับกลุ่มจังหวัดที่ซ้ำกันไว้ในไฟล์ด้วย")
        parser.add_argument("--chunks", type=int, default=8, help="จำนวนงานย่อยเมื่อกระจายไปยัง worker")
        parser.add_argument("--in-process", action="store_true", help="ตรวจในกระบวนการนี้แม้มี broker")
        parser.add_argument("--timeout", type=int, default=1800)

    def handle(
        self,
        *args,
        fiscal_year,
        output=None,
        store=False,
        with_requests=False,
        chunks=8,
        in_process=False,
        timeout=1800,
        **options,
    ):
        started = time.monotonic()
        distributed = bool(settings.REDIS_URL) and not settings.CELERY_TASK_ALWAYS_EAGER and not in_process
        if distributed:
            rows = self._on_workers(fiscal_year, store, with_requests, max(1, chunks), timeout)
        else:
            rows = screen_year(fiscal_year=fiscal_year, store=store, with_requests=with_requests)
        rows.sort(key=lambda r: (r["request_ref"], -r["score"], r["line_ref"]))
        handle = open(output, "w", encoding="utf-8", newline="") if output else sys.stdout
        try:
            writer = csv.DictWriter(handle, fieldnames=FIELDS)
            writer.writeheader()
            writer.writerows({key: csv_field(value) for key, value in row.items()} for row in rows)
        finally:
            if output:
                handle.close()
        requests = len({r["request_ref"] for r in rows})
        duplicates = sum(1 for r in rows if r["level"] == "duplicate")
        self.stderr.write(
            f"ปีงบประมาณ {fiscal_year}: พบ {len(rows):,} คู่ (ซ้ำซ้อน {duplicates:,}) ใน {requests:,} คำขอ "
            f"{'กระจายไปยัง worker' if distributed else 'ตรวจในกระบวนการนี้'} ใช้เวลา {time.monotonic() - started:.1f} วินาที"
        )

    def _on_workers(self, fiscal_year, store, with_requests, chunks, timeout):
        from celery import group

        from screening.tasks import screen_year_chunk_task

        ids = list(year_requests(fiscal_year).values_list("id", flat=True))
        size = max(1, -(-len(ids) // chunks))
        job = group(
            screen_year_chunk_task.s(fiscal_year, ids[i : i + size], store, with_requests)
            for i in range(0, len(ids), size)
        )
        results = job.apply_async().get(timeout=timeout, disable_sync_subtasks=False)
        return [row for chunk in results for row in chunk]
