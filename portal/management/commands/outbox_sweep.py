from django.core.management.base import BaseCommand

from portal.models import OutboxMessage
from portal.outbox import outbox_sweep


class Command(BaseCommand):
    help = "ส่งงานที่ค้างใน outbox เข้าคิวอีกครั้ง (สิ่งที่ beat ทำทุกนาที; ในโหมดฝังตัวที่ไม่มี beat ใช้คำสั่งนี้แทน)"

    def handle(self, *args, **options):
        published = outbox_sweep()
        waiting = OutboxMessage.objects.pending().count()
        self.stdout.write(f"re-published {published}; undone now {waiting}")
