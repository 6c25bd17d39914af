from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProposalsConfig(AppConfig):
    name = "proposals"
    verbose_name = _("แผนปฏิบัติราชการและคำของบประมาณ")

    def ready(self):
        # Registers the planner workflow's own guards and effects (routing, calendar, reviewer).
        # Keeps the requests' office sort key on an office's rename (issue 15).
        from proposals.services import (
            sort_keys,  # noqa: F401
            workflow_rules,  # noqa: F401
        )
