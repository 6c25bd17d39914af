"""Forms of R20 (a request across ministries or areas) and R3 (the plan's analysis section)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from clusters.models import Province
from ministries.models import CentralAgency, Department, Ministry
from proposals.services.joint import Basis


class JointForm(forms.Form):
    revision = forms.IntegerField(widget=forms.HiddenInput)
    basis = forms.ChoiceField(
        label=_("ระบุสัดส่วนเป็น"),
        choices=[(Basis.PERCENT, _("ร้อยละของวงเงิน")), (Basis.AMOUNT, _("วงเงิน (บาท)"))],
        initial=Basis.PERCENT,
        widget=forms.RadioSelect,
    )
    lead_share = forms.DecimalField(
        label=_("สัดส่วนของกระทรวงหลัก"),
        required=False,
        max_digits=15,
        decimal_places=2,
        help_text=_("กระทรวงหลักคือกระทรวงที่พิจารณาคำขอ จำเป็นเมื่อมีกระทรวงร่วม"),
        widget=forms.NumberInput(attrs={"step": "0.01", "inputmode": "decimal"}),
    )
    provinces = forms.ModelMultipleChoiceField(
        label=_("จังหวัดอื่นที่โครงการครอบคลุม"),
        queryset=Province.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text=_("นอกเหนือจากจังหวัดของสำนักงาน เช่น โครงการเชื่อมโยงหลายจังหวัดหรือข้ามกลุ่มจังหวัด"),
    )
    coordinator = forms.ModelChoiceField(
        label=_("ทีมบูรณาการกลางผู้ประสานงานหลัก"), queryset=CentralAgency.objects.all(), required=False
    )
    coordinator_note = forms.CharField(label=_("หมายเหตุการประสานงาน"), required=False, max_length=1000)

    def __init__(self, *args, own_province_ids=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["provinces"].queryset = Province.objects.exclude(pk__in=list(own_province_ids)).order_by("name_th")


class PartnerForm(forms.Form):
    ministry = forms.ModelChoiceField(label=_("กระทรวงร่วม"), queryset=Ministry.objects.none(), required=False)
    department = forms.ModelChoiceField(label=_("กรม (ถ้ามี)"), queryset=Department.objects.none(), required=False)
    share = forms.DecimalField(
        label=_("สัดส่วน"),
        required=False,
        max_digits=15,
        decimal_places=2,
        widget=forms.NumberInput(attrs={"step": "0.01", "inputmode": "decimal"}),
    )

    def clean(self):
        data = super().clean()
        if data.get("ministry") and data.get("share") is None:
            self.add_error("share", _("ระบุสัดส่วนของกระทรวงร่วม"))
        return data


PartnerFormSet = forms.formset_factory(PartnerForm, extra=3, can_delete=True)


def partner_formset(*, data=None, initial=None, fiscal_year: int):
    formset = PartnerFormSet(data=data, initial=initial, prefix="partners")
    for form in formset.forms:
        form.fields["ministry"].queryset = Ministry.objects.for_fiscal_year(fiscal_year)
        form.fields["department"].queryset = Department.objects.for_fiscal_year(fiscal_year).select_related("ministry")
    return formset


class CoordinatorForm(forms.Form):
    coordinator = forms.ModelChoiceField(
        label=_("ทีมบูรณาการกลางผู้ประสานงานหลัก"), queryset=CentralAgency.objects.all(), required=False
    )
    note = forms.CharField(label=_("หมายเหตุการประสานงาน"), required=False, max_length=1000)


class PlanAnalysisForm(forms.Form):
    summary = forms.CharField(
        label=_("บทวิเคราะห์เปรียบเทียบความรุนแรงของปัญหา"),
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={"required": _("กรุณาเขียนบทวิเคราะห์ปัญหาของแผน")},
        help_text=_("ปัญหาใดรุนแรงที่สุดในพื้นที่ เพราะเหตุใด และโครงการในแผนตอบปัญหาเหล่านั้นตามลำดับอย่างไร"),
    )
    method = forms.CharField(label=_("ข้อมูลและวิธีที่ใช้วิเคราะห์"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
