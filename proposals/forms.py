"""Forms of the planner area: Thai labels, BE dates (BEDateField), choices scoped to the office."""

from django import forms
from django.db.models import Q
from django.urls import reverse
from django.utils.choices import BaseChoiceIterator
from django.utils.translation import gettext_lazy as _

from clusters.models import Amphoe, Office, Province, StrategicIssue, Tambon
from ministries.models import Department, FieldOffice, Ministry, MinistryOutput, MinistryStrategy
from portal.forms import BEDateField
from portal.scoping import id_param, limit_form_choices
from portal.widgets import PythonWidgetsMixin, with_python_widgets
from proposals.models import (
    ActionPlan,
    OwnerKind,
    PhaseKind,
    ProjectRequest,
    RequestKPI,
    RequestLocation,
    RequestStakeholder,
    RequestYearAmount,
)
from proposals.permissions import can_rank_plan
from proposals.services.requests import CONTENT_FIELDS
from proposals.steps import step_of


class PlanApprovalForm(forms.Form):
    """R17: the ก.บ.จ./ก.บ.ก. approval of the plan (the committee follows from the office)."""

    meeting_date = BEDateField(label=_("วันประชุม (วว/ดด/ปปปป พ.ศ.)"))
    resolution_number = forms.CharField(
        label=_("มติที่ / ครั้งที่"), max_length=100, error_messages={"required": _("กรุณาระบุมติที่/ครั้งที่ของการประชุม")}
    )
    minutes = forms.FileField(label=_("รายงานการประชุม (PDF, DOCX หรือรูปภาพ)"), required=False)
    note = forms.CharField(label=_("หมายเหตุ"), max_length=500, required=False)


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


class FetchedRelationsMixin:
    """A ModelForm whose model validation does not ask again whether each chosen row exists (issue
    15: a query per relation): its choice field has just fetched it, from a queryset narrower than
    the model's check."""

    def _get_validation_exclusions(self):
        exclusions = super()._get_validation_exclusions()
        return exclusions | {name for name, field in self.fields.items() if isinstance(field, forms.ModelChoiceField)}


class RequestForm(FetchedRelationsMixin, PythonWidgetsMixin, forms.ModelForm):
    """The request's own fields; `revision` rides along hidden for the optimistic lock. With a
    `step`, only that step's fields (the service saves only the fields it is given)."""

    revision = forms.IntegerField(widget=forms.HiddenInput, required=False)
    # R3: the office's priority rank; setting k moves this request to k and shifts the others
    rank = forms.IntegerField(
        label=_("ลำดับความสำคัญในแผน"),
        min_value=1,
        required=False,
        widget=forms.NumberInput(attrs={"min": "1", "inputmode": "numeric"}),
        error_messages={"min_value": _("ลำดับความสำคัญต้องเป็นจำนวนเต็มบวก"), "invalid": _("ลำดับความสำคัญต้องเป็นจำนวนเต็มบวก")},
    )

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
            "strategic_issue": _("จำเป็นก่อนส่งคำขอ"),
            "ministry_strategy": _("จำเป็นก่อนส่งคำขอ"),
            "is_critical_need": _("ไม่ดำเนินการจะเกิดความเสียหาย และไม่มีหน่วยงานใดจัดงบประมาณให้"),
        }

    def __init__(
        self, *args, user, office: Office, fiscal_year: int, step=None, plan=None, choice_lists=None, **kwargs
    ):
        """`choice_lists`: a dict shared with the page's child_formsets (the ministries of the
        year are read once for the form and the KPI rows)."""
        super().__init__(*args, **kwargs)
        self.step = step_of(step)
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
        self._narrow_owner_and_output(office, fiscal_year)
        limit_form_choices(self, user=user)
        if self.instance and self.instance.pk and not self.is_bound:
            self.fields["revision"].initial = self.instance.revision
            self.fields["rank"].initial = self.instance.priority_rank
        self.fields["rank"].help_text = _PlanSizeHelp(plan) if plan else ""
        if plan is None or plan.status != ActionPlan.PlanStatus.DRAFT or not can_rank_plan(user, plan):
            del self.fields["rank"]
        if self.step is not None:
            for name in [n for n in self.fields if n != "revision" and n not in self.step[2]]:
                del self.fields[name]
        lists = {} if choice_lists is None else choice_lists
        for name, field in self.fields.items():
            if isinstance(field, forms.ModelChoiceField):
                set_choice_list(field, lists, (SHARED_CHOICE_LISTS.get(name, name), fiscal_year))

    def _narrow_owner_and_output(self, office: Office, fiscal_year: int) -> None:
        """R18: the field offices of the request's provinces; R21: the supporting ministry's
        outputs/projects of the year (the ministry as typed in this form, else as saved)."""
        self.fields["owner_kind"].required = False  # left empty: the office carries it out itself
        self.fields["owner_field_office"].queryset = (
            FieldOffice.objects.for_fiscal_year(fiscal_year)
            .filter(province_id__in=office.province_ids(fiscal_year))
            .select_related("kind")
        )
        self.fields["owner_department"].queryset = Department.objects.for_fiscal_year(fiscal_year).select_related(
            "ministry"
        )
        ministry_id = self.data.get(self.add_prefix("target_ministry")) if self.is_bound else None
        if not ministry_id and self.instance is not None:
            ministry_id = self.instance.target_ministry_id
        outputs = MinistryOutput.objects.none()
        if id_param(ministry_id):  # at most 64 bits: a larger number overflows SQLite (a 500)
            outputs = (
                MinistryOutput.objects.for_fiscal_year(fiscal_year)
                .active()
                .filter(ministry_id=ministry_id)
                .select_related("department")
            )
        field = self.fields["ministry_output"]
        field.queryset = outputs
        field.label_from_instance = lambda o: (
            f"{o.get_kind_display()}: {o.name}" + (f" ({o.department})" if o.department_id else "")
        )
        field.help_text = _("เลือกจากรายการผลผลิต/โครงการของกระทรวงที่ขอรับการสนับสนุนในปีนี้ (เลือกกระทรวงแล้วบันทึกเพื่อแสดงรายการ)")

    def _get_validation_exclusions(self):
        # clean_amount() refused an amount <= 0 (the model's minimum and constraint; the form field
        # checks the digits); the service validates the row again before saving it
        return super()._get_validation_exclusions() | {"amount"}

    def clean_amount(self):
        amount = self.cleaned_data.get("amount")
        if amount is not None and amount <= 0:
            raise forms.ValidationError(_("วงเงินต้องมากกว่า 0 บาท"))
        return amount

    def clean(self):
        data = super().clean()
        if data.get("is_critical_need") and not (data.get("damage_justification") or "").strip():
            self.add_error("damage_justification", _("คำขอที่จำเป็นเร่งด่วนต้องอธิบายความเสียหายหากไม่ดำเนินการ"))
        if data.get("funding_channel") == "ministry_support" and not data.get("target_ministry"):
            self.add_error("target_ministry", _("ขอรับการสนับสนุนจากกระทรวง ต้องระบุกระทรวง"))
        if "owner_kind" in self.fields and not data.get("owner_kind"):
            data["owner_kind"] = OwnerKind.OFFICE
        department, ministry = data.get("target_department"), data.get("target_ministry")
        if department and ministry and department.ministry_id != ministry.pk:
            self.add_error("target_department", _("กรมนี้ไม่อยู่ในกระทรวงที่เลือก"))
        return data

    def content(self) -> dict:
        return {name: self.cleaned_data.get(name) for name in CONTENT_FIELDS if name in self.fields}

    def requested_rank(self):
        """The rank asked for, or None when the field is absent or left empty (keep the rank)."""
        return self.cleaned_data.get("rank") if "rank" in self.fields else None


class _PlanSizeHelp:
    """The rank's help text with the plan's size, counted when it is shown (issue 15: a save that
    goes through never shows it). Truthy without counting: a BoundField tests it on creation."""

    def __init__(self, plan):
        self.plan, self.text = plan, None

    def __bool__(self):
        return True

    def __str__(self):
        if self.text is None:
            count = ProjectRequest.objects.filter(plan=self.plan).count()
            self.text = str(_("1 = สำคัญที่สุด; คำขออื่นในแผนเลื่อนลำดับให้อัตโนมัติ (แผนนี้มี %(n)s คำขอ)") % {"n": count})
        return self.text


# Fields whose options are the same rows with the same labels: one list for the page (issue 15;
# the KPI rows' ministries are the form's supporting ministries)
SHARED_CHOICE_LISTS = {"target_department": "departments", "owner_department": "departments"}
SHARED_CHOICE_LISTS |= {"target_ministry": "ministries", "joint_ministry": "ministries"}


def read_choices(field) -> list:
    """A ModelChoiceField's options as its own iterator gives them, read with one plain query (the
    iterator counts the rows when listed, then reads them through a server-side cursor)."""
    iterator = field.iterator(field)
    blank = [("", field.empty_label)] if field.empty_label is not None else []
    return blank + [iterator.choice(obj) for obj in field.queryset]


class _ChoiceList(BaseChoiceIterator):
    """Options made when first listed (already in Django's normalised shape)."""

    def __init__(self, options):
        self.options = options

    def __iter__(self):
        return iter(self.options())


def set_choice_list(field, lists: dict, key, build=None) -> None:
    """Give the field's select the options kept in `lists` under `key`, read when the select is
    first drawn (never for a save that goes through) and then shared by every field of the page
    with that key. `build` makes them (default: the field's own options)."""

    def options():
        if key not in lists:
            lists[key] = build() if build is not None else read_choices(field)
        return lists[key]

    field.widget.choices = _ChoiceList(options)


class LocationForm(FetchedRelationsMixin, PythonWidgetsMixin, forms.ModelForm):
    """Province -> amphoe -> tambon (-> village) from the gazetteer (R4, issue 11).

    Plain selects that work without JavaScript (the server checks the amphoe is in the province
    and the tambon in the amphoe); with htmx, choosing a province or amphoe reloads the next list.
    `amphoe`/`tambon` ride along hidden so a row typed before the gazetteer is not lost on edit.
    """

    district = forms.ModelChoiceField(
        queryset=Amphoe.objects.none(),
        to_field_name="code",
        required=False,
        label=_("อำเภอ"),
        error_messages={"invalid_choice": _("อำเภอนี้ไม่อยู่ในจังหวัดที่สำนักงานรับผิดชอบ")},
    )
    subdistrict = forms.ModelChoiceField(
        queryset=Tambon.objects.none(),
        to_field_name="code",
        required=False,
        label=_("ตำบล"),
        error_messages={"invalid_choice": _("ตำบลนี้ไม่อยู่ในจังหวัดที่สำนักงานรับผิดชอบ")},
    )

    class Meta:
        model = RequestLocation
        fields = ["province", "district", "subdistrict", "village_no", "amphoe", "tambon"]
        widgets = {
            "amphoe": forms.HiddenInput,
            "tambon": forms.HiddenInput,
            "village_no": forms.NumberInput(attrs={"min": "1", "max": "99", "inputmode": "numeric"}),
        }

    def setup_places(self, provinces, memo=None) -> None:
        """Scope the pickers to `provinces` (the office's) and wire the htmx reloads. `memo` shares
        the lists between the rows of one formset (issue 15: each row read them again): the
        office's amphoes and tambons are read once, when a select is first drawn, and each row's
        lists are cut from them (a save that goes through draws none)."""
        memo = {} if memo is None else memo
        if "amphoes" not in memo:
            memo["amphoes"] = Amphoe.objects.filter(province__in=provinces).select_related("province")
            memo["tambons"] = Tambon.objects.filter(amphoe__province__in=provinces).select_related("amphoe")
        self.fields["province"].queryset = provinces
        set_choice_list(self.fields["province"], memo, "province")
        self.fields["district"].queryset = memo["amphoes"]
        self.fields["subdistrict"].queryset = memo["tambons"]
        province_id, amphoe_code = id_param(self._picked("province")), self._picked("district")

        def amphoes():
            rows = _rows(memo, "amphoes")
            return [a for a in rows if a.province_id == province_id] if province_id else rows

        def tambons():
            rows = _rows(memo, "tambons")
            if amphoe_code:
                return [t for t in rows if t.amphoe.code == amphoe_code]
            return [t for t in rows if t.amphoe.province_id == province_id] if province_id else rows

        set_choice_list(
            self.fields["district"],
            memo,
            ("district", province_id),
            lambda: place_choices(amphoes(), group_by="province"),
        )
        set_choice_list(
            self.fields["subdistrict"],
            memo,
            ("subdistrict", province_id, amphoe_code),
            lambda: place_choices(tambons(), group_by="amphoe"),
        )
        ids = {name: f"#{self[name].auto_id}" for name in ("province", "district", "subdistrict")}
        self.fields["district"].widget.attrs.update(
            {
                "hx-get": reverse("clusters:amphoe-options"),
                "hx-trigger": f"change from:{ids['province']}",
                "hx-include": ids["province"],
                "hx-swap": "innerHTML",
            }
        )
        self.fields["subdistrict"].widget.attrs.update(
            {
                "hx-get": reverse("clusters:tambon-options"),
                "hx-trigger": f"change from:{ids['province']}, change from:{ids['district']}",
                "hx-include": f"{ids['province']}, {ids['district']}",
                "hx-swap": "innerHTML",
            }
        )

    def _picked(self, name):
        if self.is_bound:
            return self.data.get(self.add_prefix(name)) or None
        value = self.initial.get(name)
        return getattr(value, "pk", value) if name == "province" else getattr(value, "code", value)

    def clean(self):
        data = super().clean()
        province, district, subdistrict = data.get("province"), data.get("district"), data.get("subdistrict")
        if not province and (district or subdistrict):
            # the amphoe list is already scoped to the office's provinces: its province is implied
            province = data["province"] = (district or subdistrict.amphoe).province
        if district and province and district.province_id != province.pk:
            self.add_error("district", _("อำเภอ%(a)s ไม่อยู่ในจังหวัด%(p)s") % {"a": district, "p": province})
        if subdistrict and district and subdistrict.amphoe_id != district.pk:
            self.add_error("subdistrict", _("ตำบล%(t)s ไม่อยู่ในอำเภอ%(a)s") % {"t": subdistrict, "a": district})
        if subdistrict and not district:
            data["district"] = subdistrict.amphoe
        if data.get("village_no") and not subdistrict:
            self.add_error("village_no", _("ระบุตำบลก่อนระบุหมู่ที่"))
        return data


def _rows(memo: dict, key: str) -> list:
    """The rows of the queryset kept under `key`, read once."""
    if (key, "rows") not in memo:
        memo[key, "rows"] = list(memo[key])
    return memo[key, "rows"]


def place_choices(queryset, *, group_by: str) -> list:
    """Choices for a gazetteer select: a blank first, grouped under their province/amphoe when
    more than one group shows (a cluster office sees several provinces)."""
    items = list(queryset)
    blank = [("", "---------")]
    groups: dict = {}
    for item in items:
        groups.setdefault(getattr(item, group_by), []).append((item.code, item.name))
    if len(groups) <= 1:
        return blank + [choice for choices in groups.values() for choice in choices]
    return blank + [(str(group), choices) for group, choices in groups.items()]


class KPIForm(FetchedRelationsMixin, PythonWidgetsMixin, forms.ModelForm):
    class Meta:
        model = RequestKPI
        fields = ["name", "target", "unit", "is_joint", "joint_ministry"]


class StakeholderForm(PythonWidgetsMixin, forms.ModelForm):
    class Meta:
        model = RequestStakeholder
        fields = ["kind", "name", "role"]


class YearAmountForm(PythonWidgetsMixin, forms.ModelForm):
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
    ("locations", LocationFormSet, ("province", "district", "subdistrict", "village_no", "amphoe", "tambon")),
    ("kpis", KPIFormSet, ("name", "target", "unit", "is_joint", "joint_ministry")),
    ("stakeholders", StakeholderFormSet, ("kind", "name", "role")),
    ("year_amounts", YearAmountFormSet, ("fiscal_year", "amount")),
)


RELATIONS = ("province", "joint_ministry", "district", "subdistrict")


def child_formsets(*, data=None, request=None, office=None, fiscal_year=None, step=None, choice_lists=None) -> dict:
    """The inline formsets of the request form (all four, or a step's), filled from the request
    when not bound. `choice_lists`: shared with the page's RequestForm."""
    formsets = {}
    lists = {} if choice_lists is None else choice_lists
    provinces = Province.objects.filter(pk__in=office.province_ids(fiscal_year)) if office is not None else None
    wanted = step_of(step)[3] if step_of(step) else None
    for prefix, formset_class, fields in CHILDREN:
        if wanted is not None and prefix not in wanted:
            continue
        initial = None
        if request is not None and data is None:
            initial = list(getattr(request, prefix).values(*[f + "_id" if f in RELATIONS else f for f in fields]))
            initial = [{k.removesuffix("_id"): v for k, v in row.items()} for row in initial]
            if prefix == "locations":
                # typed names ride along only for rows the gazetteer could not place
                for row in initial:
                    row["amphoe"] = "" if row["district"] else row["amphoe"]
                    row["tambon"] = "" if row["subdistrict"] else row["tambon"]
        formset = formset_class(data=data, initial=initial, prefix=prefix)
        memo = {}  # the choice lists, read once for all the rows
        for form in formset.forms:
            if office is not None and isinstance(form, LocationForm):
                form.setup_places(provinces, memo)
            if "joint_ministry" in form.fields and fiscal_year:
                if "ministries" not in memo:
                    memo["ministries"] = Ministry.objects.for_fiscal_year(fiscal_year)
                form.fields["joint_ministry"].queryset = memo["ministries"]
                set_choice_list(
                    form.fields["joint_ministry"], lists, (SHARED_CHOICE_LISTS["joint_ministry"], fiscal_year)
                )
            for field in form.fields.values():
                field.required = False  # an empty row is skipped, not an error
            with_python_widgets(form)  # its DELETE box came after the form's own widgets
        with_python_widgets(formset.management_form)
        formsets[prefix] = formset
    return formsets


def child_rows(formsets: dict) -> dict:
    """Cleaned rows of each formset, skipping empty and deleted forms."""
    rows = {}
    for prefix, _formset_class, fields in CHILDREN:
        if prefix not in formsets:
            continue  # a step without these rows leaves them as they are
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
