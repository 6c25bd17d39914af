from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProposalsConfig(AppConfig):
    name = "proposals"
    verbose_name = _("แผนปฏิบัติราชการและคำของบประมาณ")

    def ready(self):
        # Registers the planner workflow's own guards and effects (routing, calendar, reviewer).
        from ministries.hooks import provide_own_request_window
        from proposals.selectors.calendar import own_request_window_for

        # sort_keys keeps the requests' office sort key on an office's rename (issue 15)
        from proposals.services import committee_rules, separation_rules, sort_keys, workflow_rules  # noqa: F401

        # R6: the ministries' own-request upload is open in this calendar's phase
        provide_own_request_window(own_request_window_for)
