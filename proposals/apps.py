from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProposalsConfig(AppConfig):
    name = "proposals"
    verbose_name = _("แผนปฏิบัติราชการและคำของบประมาณ")

    def ready(self):
        from proposals.services.transition_rules import load_rules

        load_rules()
