"""Forms of the planner area: Thai labels, BE dates (BEDateField), choices scoped to the office."""

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from clusters.models import Office, Province, StrategicIssue
from ministries.models import Department, FieldOffice, Ministry, MinistryStrategy
from portal.forms import BEDateField
from portal.scoping import limit_form_choices
from proposals.models import (
    ActionPlan,
    PhaseKind,
    ProjectRequest,
    RequestKPI,
    RequestLocation,
    RequestStakeholder,
    RequestYearAmount,
)
from proposals.services.requests import CONTENT_FIELDS


class PlanForm(forms.ModelForm):
    class Meta:
        model = ActionPlan
        fields = ["title", "vision", "strategic_issues"]
        widgets = {"strategic_issues": forms.CheckboxSelectMultiple, "vision": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, user, office: Office, fiscal_year: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["strategic_issues"].queryset = StrategicIssue.objects.filter(
            office=office, period_start__lte=fiscal_year, period_end__gte=fiscal_year
        )
        self.fields["strategic_issues"].help_text = _("ประเด็นยุทธศาสตร์ของแผนพัฒนาจังหวัด/กลุ่มจังหวัดที่แผนนี้ตอบ")
        limit_form_choices(self, user=user)


class PlanCreateForm(PlanForm):
    office = forms.ModelChoiceField(queryset=Office.objects.none(), label=_("สำนักงาน"))
    fiscal_year = forms.IntegerField(label=_("ปีงบประมาณ (พ.ศ.)"), min_value=2500, max_value=2700)

    field_order = ["office", "fiscal_year", "title", "vision", "strategic_issues"]

    def __init__(self, *args, user, offices, fiscal_year: int, **kwargs):
        first = offices.first()
        super().__init__(*args, user=user, office=first, fiscal_year=fiscal_year, **kwargs)
        self.fields["office"].queryset = offices
        self.fields["office"].initial = first
        self.fields["fiscal_year"].initial = fiscal_year
        self.fields["strategic_issues"].queryset = StrategicIssue.objects.filter(
            office__in=offices, period_end__gte=fiscal_year
        )
        limit_form_choices(self, user=user, acting_for=("office",))


class RequestForm(forms.ModelForm):
    """The request's own fields; `revision` rides along hidden for the optimistic lock."""

    revision = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = ProjectRequest
        fields = list(CONTENT_FIELDS)
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "objectives": forms.Textarea(attrs={"rows": 3}),
            "problem": forms.Textarea(attrs={"rows": 3}),
            "evidence": forms.Textarea(attrs={"rows": 3}),
            "damage_justification": forms.Textarea(attrs={"rows": 3}),
            "framework_justification": forms.Textarea(attrs={"rows": 2}),
            "amount": forms.NumberInput(attrs={"min": "0.01", "step": "0.01", "inputmode": "decimal"}),
        }
        help_texts = {
            "strategic_issue": _("จำเป็นก่อนส่งคำขอ (R1)"),
            "ministry_strategy": _("จำเป็นก่อนส่งคำขอ (R1)"),
            "is_critical_need": _("R7: ไม่ดำเนินการจะเกิดความเสียหาย และไม่มีหน่วยงานใดจัดงบประมาณให้"),
        }

    def __init__(self, *args, user, office: Office, fiscal_year: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["strategic_issue"].queryset = StrategicIssue.objects.filter(
            office=office, period_start__lte=fiscal_year, period_end__gte=fiscal_year
        )
        self.fields["ministry_strategy"].queryset = MinistryStrategy.objects.select_related("ministry").filter(
            period_start__lte=fiscal_year, period_end__gte=fiscal_year
        )
        self.fields["target_ministry"].queryset = Ministry.objects.for_fiscal_year(fiscal_year)
        self.fields["target_department"].queryset = Department.objects.for_fiscal_year(fiscal_year).select_related(
            "ministry"
        )
        self.fields["amount"].min_value = None
        limit_form_choices(self, user=user)
        if self.instance and self.instance.pk and not self.is_bound:
            self.fields["revision"].initial = self.instance.revision

    def clean_amount(self):
        amount = self.cleaned_data.get("amount")
        if amount is not None and amount <= 0:
            raise forms.ValidationError(_("วงเงินต้องมากกว่า 0 บาท"))
        return amount

    def clean(self):
        data = super().clean()
        if data.get("is_critical_need") and not (data.get("damage_justification") or "").strip():
            self.add_error("damage_justification", _("คำขอที่จำเป็นเร่งด่วนต้องอธิบายความเสียหายหากไม่ดำเนินการ (R7)"))
        if data.get("funding_channel") == "ministry_support" and not data.get("target_ministry"):
            self.add_error("target_ministry", _("ขอรับการสนับสนุนจากกระทรวง ต้องระบุกระทรวง"))
        department, ministry = data.get("target_department"), data.get("target_ministry")
        if department and ministry and department.ministry_id != ministry.pk:
            self.add_error("target_department", _("กรมนี้ไม่อยู่ในกระทรวงที่เลือก"))
        return data

    def content(self) -> dict:
        return {name: self.cleaned_data.get(name) for name in CONTENT_FIELDS}


class LocationForm(forms.ModelForm):
    class Meta:
        model = RequestLocation
        fields = ["province", "amphoe", "tambon"]


class KPIForm(forms.ModelForm):
    class Meta:
        model = RequestKPI
        fields = ["name", "target", "unit", "is_joint", "joint_ministry"]


class StakeholderForm(forms.ModelForm):
    class Meta:
        model = RequestStakeholder
        fields = ["kind", "name", "role"]


class YearAmountForm(forms.ModelForm):
    class Meta:
        model = RequestYearAmount
        fields = ["fiscal_year", "amount"]


def _formset(form, extra):
    return forms.formset_factory(form, extra=extra, can_delete=True)


LocationFormSet = _formset(LocationForm, 2)
KPIFormSet = _formset(KPIForm, 2)
StakeholderFormSet = _formset(StakeholderForm, 2)
YearAmountFormSet = _formset(YearAmountForm, 1)

CHILDREN = (
    ("locations", LocationFormSet, ("province", "amphoe", "tambon")),
    ("kpis", KPIFormSet, ("name", "target", "unit", "is_joint", "joint_ministry")),
    ("stakeholders", StakeholderFormSet, ("kind", "name", "role")),
    ("year_amounts", YearAmountFormSet, ("fiscal_year", "amount")),
)


def child_formsets(*, data=None, request=None, office=None, fiscal_year=None) -> dict:
    """The four inline formsets of the request form, filled from the request when not bound."""
    formsets = {}
    provinces = Province.objects.filter(pk__in=office.province_ids(fiscal_year)) if office is not None else None
    for prefix, formset_class, fields in CHILDREN:
        initial = None
        if request is not None and data is None:
            initial = list(
                getattr(request, prefix).values(
                    *[f if f not in ("province", "joint_ministry") else f + "_id" for f in fields]
                )
            )
            initial = [{k.removesuffix("_id"): v for k, v in row.items()} for row in initial]
        formset = formset_class(data=data, initial=initial, prefix=prefix)
        for form in formset.forms:
            if office is not None and "province" in form.fields:
                form.fields["province"].queryset = provinces
            if "joint_ministry" in form.fields and fiscal_year:
                form.fields["joint_ministry"].queryset = Ministry.objects.for_fiscal_year(fiscal_year)
            for field in form.fields.values():
                field.required = False  # an empty row is skipped, not an error
        formsets[prefix] = formset
    return formsets


def child_rows(formsets: dict) -> dict:
    """Cleaned rows of each formset, skipping empty and deleted forms."""
    rows = {}
    for prefix, _formset_class, fields in CHILDREN:
        items = []
        for form in formsets[prefix].forms:
            data = getattr(form, "cleaned_data", None) or {}
            if not data or data.get("DELETE"):
                continue
            key_field = fields[0]
            if not data.get(key_field):
                continue
            items.append({f: data.get(f) for f in fields})
        rows[prefix] = items
    return rows


class TransitionForm(forms.Form):
    action = forms.CharField(widget=forms.HiddenInput)
    comment = forms.CharField(label=_("ความเห็น/เหตุผล"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class AttachmentForm(forms.Form):
    file = forms.FileField(label=_("ไฟล์ (PDF, XLSX, DOCX, PNG, JPEG)"))
    description = forms.CharField(label=_("คำอธิบาย"), required=False, max_length=300)


class ImportForm(forms.Form):
    file = forms.FileField(label=_("ไฟล์ Excel (.xlsx) ตามแบบฟอร์ม"))


class MergeForm(forms.Form):
    title = forms.CharField(label=_("ชื่อโครงการกลุ่มจังหวัด"), max_length=500)
    requests = forms.ModelMultipleChoiceField(
        queryset=ProjectRequest.objects.none(), widget=forms.CheckboxSelectMultiple, label=_("คำขอที่จะรวม")
    )

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["requests"].queryset = candidates


class CalendarForm(forms.Form):
    """One pair of BE dates per phase kind (R8)."""

    def __init__(self, *args, phases: dict, **kwargs):
        super().__init__(*args, **kwargs)
        for kind, label in PhaseKind.choices:
            phase = phases.get(kind)
            self.fields[f"{kind}__opens_on"] = BEDateField(
                label=_("%(p)s: เริ่ม") % {"p": label}, required=False, initial=phase.opens_on if phase else None
            )
            self.fields[f"{kind}__closes_on"] = BEDateField(
                label=_("%(p)s: สิ้นสุด") % {"p": label}, required=False, initial=phase.closes_on if phase else None
            )

    def clean(self):
        data = super().clean()
        for kind, _label in PhaseKind.choices:
            opens_on, closes_on = data.get(f"{kind}__opens_on"), data.get(f"{kind}__closes_on")
            if bool(opens_on) != bool(closes_on):
                self.add_error(f"{kind}__closes_on" if opens_on else f"{kind}__opens_on", _("ระบุทั้งวันเริ่มและวันสิ้นสุด"))
        return data

    def phases(self) -> dict:
        return {
            kind: (self.cleaned_data.get(f"{kind}__opens_on"), self.cleaned_data.get(f"{kind}__closes_on"))
            for kind, _label in PhaseKind.choices
            if self.cleaned_data.get(f"{kind}__opens_on") and self.cleaned_data.get(f"{kind}__closes_on")
        }


class ExtensionForm(forms.Form):
    kind = forms.ChoiceField(choices=PhaseKind.choices, label=_("ขั้นตอน"))
    office = forms.ModelChoiceField(queryset=Office.objects.all(), required=False, label=_("สำนักงานจังหวัด/กลุ่มจังหวัด"))
    ministry = forms.ModelChoiceField(queryset=Ministry.objects.all(), required=False, label=_("หรือ กระทรวง"))
    field_office = forms.ModelChoiceField(
        queryset=FieldOffice.objects.select_related("kind"), required=False, label=_("หรือ หน่วยงานส่วนภูมิภาค")
    )
    closes_on = BEDateField(label=_("ขยายถึง"))
    reason = forms.CharField(label=_("เหตุผล"), widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, fiscal_year: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["office"].queryset = Office.objects.for_fiscal_year(fiscal_year)
        self.fields["field_office"].queryset = (
            FieldOffice.objects.for_fiscal_year(fiscal_year)
            .select_related("kind")
            .filter(Q(kind__routed_categories__isnull=False))
            .distinct()
        )

    def clean(self):
        data = super().clean()
        chosen = [k for k in ("office", "ministry", "field_office") if data.get(k)]
        if len(chosen) != 1:
            raise forms.ValidationError(_("เลือกผู้ได้รับการขยายเวลาหนึ่งหน่วยงาน (สำนักงาน กระทรวง หรือหน่วยงานส่วนภูมิภาค)"))
        return data
