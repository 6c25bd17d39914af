from django.core.management.base import BaseCommand

from proposals.services.locations import locations_codes_fill


class Command(BaseCommand):
    help = "จับคู่อำเภอ/ตำบลที่พิมพ์ไว้ในพื้นที่ดำเนินการกับทะเบียนรหัสกรมการปกครอง และแสดงรายการที่จับคู่ไม่ได้"

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="แสดงผลโดยไม่บันทึก")

    def handle(self, *args, dry_run=False, **options):
        mapped, unmatched = locations_codes_fill(dry_run=dry_run)
        self.stdout.write(f"mapped: {mapped}")
        self.stdout.write(f"unmatched: {len(unmatched)}")
        for row in unmatched:
            place = " ".join(
                p for p in (f"ต.{row.tambon}" if row.tambon else "", f"อ.{row.amphoe}" if row.amphoe else "") if p
            )
            self.stdout.write(f"  {row.reference} (location {row.location_id}) จ.{row.province} {place}: {row.reason}")
