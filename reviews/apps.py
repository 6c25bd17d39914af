from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReviewsConfig(AppConfig):
    """Ministry review, decisions, programmes, the ก.น.จ. agenda and the central dashboard."""

    name = "reviews"
    verbose_name = _("การพิจารณาของกระทรวงและ ก.น.จ.")

    def ready(self):
        # Registers this area's guards and effects on the workflow's transitions.
        from reviews import joint_rules, rules  # noqa: F401
