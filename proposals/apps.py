from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProposalsConfig(AppConfig):
    name = "proposals"
    verbose_name = _("แผนปฏิบัติราชการและคำของบประมาณ")

    def ready(self):
        # Registers the planner workflow's own guards and effects (routing, calendar, reviewer).
        from proposals.services import committee_rules, separation_rules, workflow_rules  # noqa: F401
