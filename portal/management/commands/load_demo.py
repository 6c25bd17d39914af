import os

from django.core.management.base import BaseCommand

from portal.dbstats import analyze
from portal.demo_load import DEMO_PASSWORD, demo_load


class Command(BaseCommand):
    help = "สร้างข้อมูลตัวอย่าง: ปีงบประมาณ 2554 ปฏิทิน ผู้ใช้ทุกบทบาท และยุทธศาสตร์ (idempotent)"

    def handle(self, *args, **options):
        people = demo_load()
        analyze()  # issue 15: fresh planner statistics after the bulk load (PostgreSQL)
        self.stdout.write(f"Demo users (password for all: {DEMO_PASSWORD})")
        for username, role, organisation in people:
            self.stdout.write(f"  {username:<18} {role} · {organisation}")
        # the address the server will answer on: `make run` passes HOST and PORT (issue 11)
        host, port = os.environ.get("HOST") or "127.0.0.1", os.environ.get("PORT") or "8000"
        self.stdout.write(f"Portal: http://{host}:{port}/")
