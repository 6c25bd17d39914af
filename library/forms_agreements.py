"""Forms for the two-sided work of the channel: joint KPI proposals and answers, workshops (R13),
the plans a request cites and industrial-zoning proposals (R22)."""

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from clusters.models import Office
from library.forms import JointKPIForm, be_year_field
from library.models import JointKPI, ZoningProposal
from ministries.models import Department, Ministry
from portal.forms import BEDateField
from portal.roles import scope_of
from portal.widgets import PythonSelectsMixin

DECISIONS = [("agree", _("เห็นชอบ")), ("change", _("ขอให้ปรับแก้"))]


class JointKPIProposalForm(JointKPIForm):
    """A ministry's reviewer proposes for its ministry to any area; an office's people propose
    for their own office(s) to any ministry. The result is reported only once agreed."""

    class Meta(JointKPIForm.Meta):
        fields = ["fiscal_year", "name", "ministry", "department", "offices", "target", "unit", "source"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        scope = scope_of(user)
        if scope.reviewer_ministry_ids and not scope.office_ids:
            self.fields["ministry"].queryset = Ministry.objects.filter(pk__in=scope.reviewer_ministry_ids)
            self.fields["department"].queryset = Department.objects.filter(ministry__in=scope.reviewer_ministry_ids)
        elif scope.office_ids and not scope.reviewer_ministry_ids:
            self.fields["offices"].queryset = Office.objects.filter(pk__in=scope.office_ids)
        self.fields["ministry"].queryset = self.fields["ministry"].queryset.order_by("name_th")


class AnswerForm(forms.Form):
    decision = forms.ChoiceField(label=_("ความเห็น"), choices=DECISIONS, widget=forms.RadioSelect)
    note = forms.CharField(
        label=_("หมายเหตุ/สิ่งที่ขอให้ปรับแก้"), required=False, max_length=1000, widget=forms.Textarea(attrs={"rows": 2})
    )

    def clean(self):
        data = super().clean()
        if data.get("decision") == "change" and not (data.get("note") or "").strip():
            self.add_error("note", _("กรุณาระบุสิ่งที่ขอให้ปรับแก้"))
        return data


class WorkshopForm(forms.Form):
    fiscal_year = be_year_field(_("ปีงบประมาณ (พ.ศ.)"), required=True)
    held_on = BEDateField(label=_("วันที่จัด"), error_messages={"required": _("กรุณาระบุวันที่จัด")})
    title = forms.CharField(label=_("ชื่อการประชุม"), max_length=300, error_messages={"required": _("กรุณากรอกชื่อการประชุม")})
    venue = forms.CharField(label=_("สถานที่"), max_length=300, required=False)
    notes = forms.CharField(label=_("สรุปผลการประชุม"), required=False, widget=forms.Textarea(attrs={"rows": 4}))
    offices = forms.ModelMultipleChoiceField(
        label=_("กลุ่มจังหวัด/จังหวัดที่เข้าร่วม"),
        queryset=Office.objects.order_by("kind", "name_th"),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )
    ministries = forms.ModelMultipleChoiceField(
        label=_("กระทรวงที่เข้าร่วม"),
        queryset=Ministry.objects.order_by("name_th"),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )
    kpis = forms.ModelMultipleChoiceField(
        label=_("ตัวชี้วัดร่วมที่เห็นชอบในการประชุม"),
        queryset=JointKPI.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("ข้อเสนอที่ยังรอการยืนยันของปีนี้ และตัวชี้วัดที่เห็นชอบในการประชุมนี้แล้ว"),
    )

    def __init__(self, *args, fiscal_year: int, workshop=None, **kwargs):
        super().__init__(*args, **kwargs)
        condition = Q(fiscal_year=fiscal_year) & (Q(workshop__isnull=True) | Q(workshop=workshop))
        self.fields["kpis"].queryset = JointKPI.objects.filter(condition).select_related("ministry").order_by("name")

    def clean(self):
        data = super().clean()
        if not data.get("offices") and not data.get("ministries"):
            raise forms.ValidationError(_("กรุณาเลือกผู้เข้าร่วมอย่างน้อยหนึ่งฝ่าย"))
        return data


class PlanCitationForm(PythonSelectsMixin, forms.Form):  # issue 15: on every request page of its editors
    document = forms.ModelChoiceField(
        label=_("แผนที่เกี่ยวข้อง"), queryset=None, error_messages={"required": _("กรุณาเลือกแผน")}
    )
    note = forms.CharField(label=_("ส่วนของแผนที่เกี่ยวข้อง"), max_length=300, required=False)

    def __init__(self, *args, documents, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["document"].queryset = documents
        self.fields["document"].label_from_instance = lambda d: f"{d.get_kind_display()}: {d.title} ({d.office or '-'})"


class ZoningProposalForm(forms.ModelForm):
    fiscal_year = be_year_field(_("ปีงบประมาณ (พ.ศ.)"), required=True)

    class Meta:
        model = ZoningProposal
        fields = ["office", "ministry", "fiscal_year", "title", "location", "need", "industries", "document"]
        widgets = {"need": forms.Textarea(attrs={"rows": 4})}
        error_messages = {
            "office": {"required": _("กรุณาเลือกสำนักงานผู้เสนอ")},
            "ministry": {"required": _("กรุณาเลือกกระทรวง")},
            "title": {"required": _("กรุณากรอกเรื่อง")},
            "location": {"required": _("กรุณาระบุพื้นที่ที่เสนอ")},
            "need": {"required": _("กรุณาระบุความต้องการและเหตุผล")},
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        from library.models import Document

        scope = scope_of(user)
        self.fields["office"].queryset = Office.objects.filter(pk__in=scope.office_ids).order_by("name_th")
        self.fields["ministry"].queryset = Ministry.objects.order_by("name_th")
        self.fields["document"].queryset = Document.objects.published().order_by("title")
        industry = Ministry.objects.filter(code="moind").first()  # 002 ประเด็น 2: the ministry that zones
        if industry is not None and not self.is_bound:
            self.initial.setdefault("ministry", industry.pk)


class ZoningAnswerForm(forms.Form):
    answer = forms.CharField(label=_("คำตอบของกระทรวง"), max_length=4000, widget=forms.Textarea(attrs={"rows": 4}))
