from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LibraryConfig(AppConfig):
    """The public electronic channel (R10-R13): plans library, directory, mechanisms, joint KPIs."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "library"
    verbose_name = _("ช่องทางอิเล็กทรอนิกส์ (คลังแผน ทำเนียบ กลไก ตัวชี้วัดร่วม)")
