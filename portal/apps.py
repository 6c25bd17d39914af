from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = _("ระบบกลาง: ผู้ใช้ ปีงบประมาณ คณะกรรมการ")

    def ready(self):
        from portal import login_limits  # noqa: F401  (connects the failed-login counter)
