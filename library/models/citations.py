"""Plans that already exist, cited by the requests (R22; 000 ประเด็น 3 item 3: the provincial
environmental quality management plan; 002 ประเด็น 1: the Federation of Thai Industries' cluster
industry plans). A request cites documents of its own area so the reviewer and the alignment view
see which existing plan it carries out."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from library.models.documents import DocumentKind

# The kinds a request may cite: the plans the seeds say already exist, and the area's own plan.
CITABLE_KINDS = (DocumentKind.ENVIRONMENT_PLAN, DocumentKind.INDUSTRY_PLAN, DocumentKind.DEVELOPMENT_PLAN)


class RequestPlanCitation(models.Model):
    request = models.ForeignKey(
        "proposals.ProjectRequest", on_delete=models.CASCADE, related_name="plan_citations", verbose_name=_("คำขอ")
    )
    document = models.ForeignKey(
        "library.Document", on_delete=models.PROTECT, related_name="citations", verbose_name=_("แผนที่อ้างอิง")
    )
    note = models.CharField(_("ส่วนของแผนที่เกี่ยวข้อง"), max_length=300, blank=True)
    cited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    cited_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("แผนที่คำขออ้างอิง")
        verbose_name_plural = _("แผนที่คำขออ้างอิง")
        ordering = ["document__kind", "document__title"]
        constraints = [
            models.UniqueConstraint(
                fields=["request", "document"],
                name="uniq_request_plan_citation",
                violation_error_message=_("คำขอนี้อ้างอิงแผนนี้อยู่แล้ว"),
            )
        ]

    def __str__(self):
        return f"{self.request_id} → {self.document_id}"
