"""python manage.py assign_reviewers [--fiscal-year 2565]

Gives every filed, open request without a reviewing ministry one (the framework and category,
the linked strategy, or the owners of the budget lines it matches), each with its reason on the
request's history (issue 10). Idempotent: run it again and nothing changes."""

from django.core.management.base import BaseCommand

from reviews.services import reviewers_assign_missing


class Command(BaseCommand):
    help = "กำหนดกระทรวงผู้พิจารณาให้คำขอที่ยังไม่มี (ตามกรอบความรับผิดชอบ ยุทธศาสตร์ หรือเจ้าของรายการงบประมาณที่ซ้ำ)"

    def add_arguments(self, parser):
        parser.add_argument("--fiscal-year", type=int)

    def handle(self, *args, fiscal_year=None, **options):
        counts = reviewers_assign_missing(fiscal_year=fiscal_year)
        self.stdout.write(
            f"กำหนดผู้พิจารณาแล้ว: ตามกรอบความรับผิดชอบ {counts['framework']:,} · ตามยุทธศาสตร์ {counts['strategy']:,} · "
            f"ตามเจ้าของรายการงบประมาณ {counts['lines']:,} · ยังไม่มีข้อมูลพอ {counts['none']:,}"
        )
