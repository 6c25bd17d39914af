from django.core.management.base import BaseCommand

from portal.reference_load import reference_load


class Command(BaseCommand):
    help = "โหลดข้อมูลอ้างอิง: ภาค จังหวัด กลุ่มจังหวัด กระทรวง กรม หน่วยงานส่วนภูมิภาค ทีมบูรณาการกลาง (idempotent)"

    def handle(self, *args, **options):
        counts = reference_load()
        for name, count in counts.items():
            self.stdout.write(f"{name}: {count}")
        self.stdout.write(self.style.SUCCESS("reference data loaded"))
