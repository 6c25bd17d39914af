"""Forms of the review area. Amounts are typed in baht; Thai labels and errors."""

from decimal import Decimal

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from clusters.models import StrategicIssue
from ministries.models import Department, Ministry, MinistryStrategy, SupportEnvelope, WorkCategory
from portal.models import Committee, CommitteeMeeting, FiscalYear
from portal.people import person_name
from portal.scoping import limit_form_choices
from portal.widgets import OneQueryChoices, PythonSelectsMixin
from proposals.workflow import Opinion
from reviews.models import Agenda, AgendaDecision, Decision, Programme, ReferralFunding, StrategyMapping


def current_year() -> int | None:
    fiscal_year = FiscalYear.objects.current()
    return fiscal_year.year if fiscal_year else None


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(label=_("ผลการพิจารณา"), widget=forms.RadioSelect)
    opinion = forms.ChoiceField(
        label=_("ความเห็นของกระทรวงเสนอ ก.น.จ."),
        choices=Opinion.choices,
        required=False,
        widget=forms.RadioSelect,
        help_text=_("คำขอที่จังหวัด/กลุ่มจังหวัดใช้งบของตนเองหรือจำเป็นเร่งด่วน: กระทรวงให้ความเห็น ก.น.จ. เป็นผู้ตัดสิน"),
    )
    comment = forms.CharField(
        label=_("ความเห็น / เหตุผล"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("จำเป็นเมื่อส่งกลับให้แก้ไข ไม่เห็นชอบ หรือให้ความเห็น: จังหวัดจะเห็นความเห็นนี้ในประวัติคำขอ"),
    )

    def __init__(self, *args, decisions=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["decision"].choices = [(d, Decision(d).label) for d in decisions]
        if Decision.OPINION not in decisions:
            del self.fields["opinion"]

    def clean(self):
        data = super().clean()
        decision = data.get("decision")
        if decision in (Decision.RETURN, Decision.REJECT) and not (data.get("comment") or "").strip():
            self.add_error("comment", _("กรุณาระบุเหตุผลหรือความเห็นประกอบการส่งกลับ/ไม่เห็นชอบ"))
        if decision == Decision.OPINION:
            if not data.get("opinion"):
                self.add_error("opinion", _("กรุณาเลือกความเห็น: สนับสนุน สนับสนุนโดยมีเงื่อนไข หรือไม่สนับสนุน"))
            if not (data.get("comment") or "").strip():
                self.add_error("comment", _("กรุณาระบุความเห็นประกอบเพื่อเสนอ ก.น.จ."))
        return data


def _colleague_choices(field, colleagues) -> None:
    field.iterator = OneQueryChoices
    field.queryset = colleagues  # also sets the widget's options through the iterator above
    field.label_from_instance = person_name


class AssignForm(forms.Form):
    assignee = forms.ModelChoiceField(
        queryset=get_user_model().objects.none(), label=_("มอบหมายให้"), empty_label=_("เลือกผู้พิจารณา")
    )

    def __init__(self, *args, colleagues=None, **kwargs):
        super().__init__(*args, **kwargs)
        _colleague_choices(
            self.fields["assignee"], colleagues if colleagues is not None else self.fields["assignee"].queryset
        )


class ReviewerReassignForm(forms.Form):
    """The central team moves a request to another reviewing ministry/department (issue 10)."""

    ministry = forms.ModelChoiceField(
        queryset=Ministry.objects.order_by("name_th"), label=_("กระทรวงผู้พิจารณา"), empty_label=_("เลือกกระทรวง")
    )
    department = forms.ModelChoiceField(
        queryset=Department.objects.select_related("ministry").order_by("ministry__name_th", "name_th"),
        label=_("กรมผู้พิจารณา (ถ้ามี)"),
        required=False,
        empty_label=_("ทั้งกระทรวง"),
    )
    reason = forms.CharField(
        label=_("เหตุผล"), max_length=1000, error_messages={"required": _("กรุณาระบุเหตุผลที่เปลี่ยนกระทรวงผู้พิจารณา")}
    )

    def clean(self):
        data = super().clean()
        ministry, department = data.get("ministry"), data.get("department")
        if ministry and department and department.ministry_id != ministry.pk:
            self.add_error("department", _("กรมที่เลือกไม่อยู่ในกระทรวงที่เลือก"))
        return data


class StrategyMappingForm(forms.Form):
    """A row of the R1 mapping table (issue 10)."""

    strategic_issue = forms.ModelChoiceField(
        queryset=StrategicIssue.objects.none(), label=_("ประเด็นยุทธศาสตร์จังหวัด/กลุ่มจังหวัด")
    )
    ministry_strategy = forms.ModelChoiceField(queryset=MinistryStrategy.objects.none(), label=_("ยุทธศาสตร์กระทรวง"))
    verdict = forms.ChoiceField(label=_("ความสอดคล้อง"), choices=StrategyMapping.Verdict.choices)
    note = forms.CharField(label=_("หมายเหตุ"), required=False, max_length=2000)

    def __init__(self, *args, fiscal_year: int, ministry_ids=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["strategic_issue"].queryset = (
            StrategicIssue.objects.filter(period_start__lte=fiscal_year, period_end__gte=fiscal_year)
            .select_related("office")
            .order_by("office__name_th", "number")
        )
        self.fields["strategic_issue"].label_from_instance = lambda i: f"{i.office.name}: {i.number}. {i.title}"
        strategies = MinistryStrategy.objects.filter(period_start__lte=fiscal_year, period_end__gte=fiscal_year)
        if ministry_ids is not None:
            strategies = strategies.filter(ministry__in=ministry_ids)
        self.fields["ministry_strategy"].queryset = strategies.select_related("ministry").order_by(
            "ministry__name_th", "number"
        )


class BulkForm(PythonSelectsMixin, forms.Form):  # issue 15: its selects written in Python
    ACTIONS = [
        ("assign", _("มอบหมายให้เพื่อนร่วมงาน")),
        (Decision.ENDORSE, _("เห็นชอบ")),
        (Decision.FIELD_ENDORSE, _("หน่วยงานส่วนภูมิภาคเห็นชอบ ส่งกระทรวง")),
        (Decision.RETURN, _("ส่งกลับให้แก้ไข (ความเห็นเดียวกันทุกรายการ)")),
    ]
    action = forms.ChoiceField(label=_("ดำเนินการกับรายการที่เลือก"), choices=ACTIONS)
    ids = forms.TypedMultipleChoiceField(
        coerce=int,
        label=_("คำขอที่เลือก"),
        error_messages={"required": _("กรุณาเลือกคำขออย่างน้อย 1 รายการ"), "invalid_choice": _("รายการที่เลือกไม่ถูกต้อง")},
    )
    comment = forms.CharField(label=_("ความเห็น"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    assignee = forms.ModelChoiceField(
        queryset=get_user_model().objects.none(), label=_("มอบหมายให้"), required=False, empty_label=_("เลือกผู้พิจารณา")
    )

    def __init__(self, *args, colleagues=None, request_ids=(), scope=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["ids"].choices = [(i, i) for i in request_ids]
        if scope is not None:
            # only the actions this reviewer's role can take (issue 11): a ministry reviewer is not
            # offered the field office's endorsement, nor a field office the ministry's
            allowed = {"assign", Decision.RETURN}
            if scope.reviewer_ministry_ids:
                allowed.add(Decision.ENDORSE)
            if scope.field_office_ids:
                allowed.add(Decision.FIELD_ENDORSE)
            self.fields["action"].choices = [(k, v) for k, v in self.ACTIONS if k in allowed]
        _colleague_choices(
            self.fields["assignee"], colleagues if colleagues is not None else self.fields["assignee"].queryset
        )

    def clean(self):
        data = super().clean()
        if data.get("action") == Decision.RETURN and not (data.get("comment") or "").strip():
            self.add_error("comment", _("การส่งกลับให้แก้ไขต้องระบุความเห็น"))
        if data.get("action") == "assign" and not data.get("assignee"):
            self.add_error("assignee", _("กรุณาเลือกผู้รับมอบหมาย"))
        return data


class RuleCellForm(forms.Form):
    owned = forms.BooleanField(label=_("หมวดงานนี้เป็นภารกิจของกระทรวงนี้"), required=False)
    department = forms.ModelChoiceField(
        queryset=Department.objects.none(), required=False, label=_("กรมที่รับผิดชอบ"), empty_label=_("ทั้งกระทรวง")
    )
    province_may_fund = forms.BooleanField(label=_("จังหวัด/กลุ่มจังหวัดจัดทำคำขอได้โดยไม่ต้องชี้แจง"), required=False)
    note = forms.CharField(label=_("หมายเหตุ"), required=False, max_length=500)

    def __init__(self, *args, ministry=None, **kwargs):
        super().__init__(*args, **kwargs)
        if ministry is not None:
            self.fields["department"].queryset = ministry.departments.all()


class RuleCellPickForm(forms.Form):
    category = forms.ModelChoiceField(
        queryset=WorkCategory.objects.all(), label=_("หมวดงาน"), empty_label=_("เลือกหมวดงาน")
    )
    ministry = forms.ModelChoiceField(queryset=Ministry.objects.all(), label=_("กระทรวง"), empty_label=_("เลือกกระทรวง"))


class EnvelopeForm(forms.ModelForm):
    class Meta:
        model = SupportEnvelope
        fields = ["ministry", "department", "fiscal_year", "base_budget", "share_percent", "fixed_amount", "note"]

    def __init__(self, *args, user, ministries=None, departments=None, **kwargs):
        super().__init__(*args, **kwargs)
        if ministries is not None:
            self.fields["ministry"].queryset = ministries
        if departments is not None:
            self.fields["department"].queryset = departments
        self.fields["department"].empty_label = _("ทั้งกระทรวง")
        # issue 13: a ministry keeps envelopes for itself only, whatever the view offered (R15)
        limit_form_choices(self, user=user, acting_for=("ministry", "department"))
        if not self.initial.get("fiscal_year"):
            self.initial["fiscal_year"] = current_year()

    def clean(self):
        data = super().clean()
        department, ministry = data.get("department"), data.get("ministry")
        if department and ministry and department.ministry_id != ministry.pk:
            self.add_error("department", _("กรมนี้ไม่อยู่ในกระทรวงที่เลือก"))
        return data

    def _post_clean(self):
        # The service validates and saves (full_clean there); the form only checks the fields.
        pass


class EnvelopeRaiseForm(forms.Form):
    base_budget = forms.DecimalField(
        label=_("งบประมาณของกระทรวง/กรม (บาท)"), min_value=Decimal(0), max_digits=16, decimal_places=2, required=False
    )
    share_percent = forms.DecimalField(
        label=_("สัดส่วนที่สงวนไว้ (ร้อยละ)"),
        min_value=Decimal(0),
        max_value=Decimal(100),
        max_digits=5,
        decimal_places=2,
        required=False,
    )
    fixed_amount = forms.DecimalField(
        label=_("หรือวงเงินที่กำหนด (บาท)"), min_value=Decimal(0), max_digits=16, decimal_places=2, required=False
    )
    reason = forms.CharField(label=_("เหตุผลในการปรับกรอบ"), widget=forms.Textarea(attrs={"rows": 2}))

    def clean(self):
        data = super().clean()
        if data.get("share_percent") is None and data.get("fixed_amount") is None:
            raise forms.ValidationError(_("กรุณาระบุสัดส่วนร้อยละ หรือวงเงินที่กำหนด อย่างใดอย่างหนึ่ง"))
        return data


class ProgrammeForm(forms.ModelForm):
    class Meta:
        model = Programme
        fields = ["name", "kind", "fiscal_year", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.initial.get("fiscal_year"):
            self.initial["fiscal_year"] = current_year()

    def _post_clean(self):
        pass


class ProgrammeAddForm(forms.Form):
    request = forms.ChoiceField(label=_("คำขอที่กระทรวงเห็นชอบแล้ว"))

    def __init__(self, *args, candidates=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["request"].choices = [("", _("เลือกคำขอ"))] + [
            (r.pk, f"{r.reference} {r.title[:70]} ({r.office.name})") for r in candidates
        ]


class AgendaForm(PythonSelectsMixin, forms.ModelForm):  # issue 15: one query per select
    class Meta:
        model = Agenda
        fields = ["committee", "meeting", "fiscal_year", "title"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["committee"].queryset = Committee.objects.all()
        self.fields["meeting"].queryset = CommitteeMeeting.objects.select_related("committee").order_by("-date")
        self.fields["meeting"].required = False
        self.fields["meeting"].empty_label = _("ยังไม่กำหนด")
        if not self.initial.get("fiscal_year"):
            self.initial["fiscal_year"] = current_year()
        committee = Committee.objects.first()
        if committee and not self.initial.get("committee"):
            self.initial["committee"] = committee.pk

    def _post_clean(self):
        pass


class AgendaDecisionForm(forms.Form):
    decision = forms.ChoiceField(label=_("มติ"), choices=[("", _("เลือกมติ"))] + list(AgendaDecision.choices))
    approved_amount = forms.DecimalField(
        label=_("วงเงินที่อนุมัติ (บาท)"), required=False, min_value=Decimal("0.01"), max_digits=15, decimal_places=2
    )
    # R19: the ministry or department the committee refers the request to
    referred_ministry = forms.ModelChoiceField(
        queryset=Ministry.objects.order_by("name_th"), label=_("ส่งกระทรวง"), required=False
    )
    referred_department = forms.ModelChoiceField(
        queryset=Department.objects.select_related("ministry").order_by("ministry__name_th", "name_th"),
        label=_("กรม (ถ้ามี)"),
        required=False,
    )
    note = forms.CharField(label=_("หมายเหตุ"), required=False, max_length=1000)

    def clean(self):
        data = super().clean()
        if data.get("decision") == AgendaDecision.APPROVED_CHANGED_AMOUNT and not data.get("approved_amount"):
            self.add_error("approved_amount", _("มติอนุมัติโดยปรับวงเงิน ต้องระบุวงเงินที่อนุมัติ"))
        if data.get("decision") == AgendaDecision.REFERRED:
            ministry, department = data.get("referred_ministry"), data.get("referred_department")
            if ministry is None and department is not None:
                data["referred_ministry"] = ministry = department.ministry
            if ministry is None:
                self.add_error("referred_ministry", _("กรุณาเลือกกระทรวงที่ ก.น.จ. ส่งให้พิจารณาสนับสนุน"))
            elif department is not None and department.ministry_id != ministry.pk:
                self.add_error("referred_department", _("กรมที่เลือกไม่อยู่ในกระทรวงที่ ก.น.จ. ส่งให้พิจารณา"))
        return data


class ReferralAnswerForm(forms.Form):
    """R19: how the referred ministry or department will fund the request."""

    funding = forms.ChoiceField(label=_("การสนับสนุน"), choices=ReferralFunding.choices, widget=forms.RadioSelect)
    amount = forms.DecimalField(
        label=_("วงเงินที่สนับสนุน (บาท)"), required=False, min_value=Decimal("0.01"), max_digits=15, decimal_places=2
    )
    answer = forms.CharField(
        label=_("คำอธิบาย"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("เช่น ผลผลิต/โครงการที่รองรับ หรือเหตุผลที่สนับสนุนไม่ได้ ก.น.จ. และจังหวัดเห็นคำตอบนี้ในประวัติคำขอ"),
    )
