from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = _("ระบบกลาง: ผู้ใช้ ปีงบประมาณ คณะกรรมการ")

    def ready(self):
        # Connects the Celery signals that keep outbox rows' leases and mark them done.
        from portal import (
            login_limits,  # noqa: F401  (connects the failed-login counter)
            lookups,
            outbox,  # noqa: F401
        )

        lookups.register()  # `id__in` with an absurd number: no row, never an overflow
