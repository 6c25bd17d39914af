"""R3: the plan's own analysis comparing the severity of its problems (000 ประเด็น 1 item 3 and 6:
"ควรแนบข้อวิเคราะห์มาพร้อมๆ กับแผนปฏิบัติราชการประจำปี")."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class PlanAnalysis(models.Model):
    """The office's analysis text; the table of its requests' problems by severity is generated
    from the requests themselves (proposals.selectors.analysis), so the two never disagree."""

    plan = models.OneToOneField(
        "proposals.ActionPlan", on_delete=models.CASCADE, related_name="analysis", verbose_name=_("แผนปฏิบัติราชการ")
    )
    summary = models.TextField(_("บทวิเคราะห์เปรียบเทียบความรุนแรงของปัญหา"))
    method = models.TextField(_("ข้อมูลและวิธีที่ใช้วิเคราะห์"), blank=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("บทวิเคราะห์ปัญหาของแผน")
        verbose_name_plural = _("บทวิเคราะห์ปัญหาของแผน")

    def __str__(self):
        return f"{self.plan_id}"
