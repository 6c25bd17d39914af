from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ScreeningConfig(AppConfig):
    """Duplicate screening, Django side: flags, answers, rulings, the screening tasks (R6)."""

    name = "screening"
    verbose_name = _("การตรวจสอบความซ้ำซ้อน")

    def ready(self):
        # Registers this area's guards and effects on the workflow's transitions.
        from ministries.hooks import on_budget_lines_changed
        from screening import rules  # noqa: F401
        from screening.services.year import budget_lines_changed

        on_budget_lines_changed(budget_lines_changed)
