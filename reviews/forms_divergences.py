"""Form for R1's divergence list (kept by the central team)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from clusters.models import StrategicIssue
from ministries.models import Ministry, MinistryStrategy
from portal.forms import BEDateField
from reviews.models import StrategyDivergence


class DivergenceForm(forms.Form):
    strategic_issue = forms.ModelChoiceField(
        queryset=StrategicIssue.objects.none(),
        label=_("ประเด็นยุทธศาสตร์กลุ่มจังหวัด/จังหวัด"),
        error_messages={"required": _("กรุณาเลือกประเด็นยุทธศาสตร์")},
    )
    ministry = forms.ModelChoiceField(
        queryset=Ministry.objects.order_by("name_th"),
        label=_("กระทรวง"),
        error_messages={"required": _("กรุณาเลือกกระทรวง")},
    )
    ministry_strategy = forms.ModelChoiceField(
        queryset=MinistryStrategy.objects.none(), label=_("ยุทธศาสตร์กระทรวง"), required=False
    )
    degree = forms.ChoiceField(label=_("ระดับความสอดคล้อง"), choices=StrategyDivergence.Degree.choices)
    description = forms.CharField(
        label=_("ประเด็นที่แตกต่าง"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("กรุณาระบุประเด็นที่แตกต่าง")},
    )
    outcome = forms.ChoiceField(label=_("ผลการหารือ"), choices=StrategyDivergence.Outcome.choices)
    outcome_note = forms.CharField(label=_("บันทึกผลการหารือ"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    meeting_date = BEDateField(label=_("วันที่ประชุมหารือ"), required=False)

    def __init__(self, *args, fiscal_year: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["strategic_issue"].queryset = (
            StrategicIssue.objects.filter(period_start__lte=fiscal_year, period_end__gte=fiscal_year)
            .select_related("office")
            .order_by("office__kind", "office__name_th", "number")
        )
        self.fields["strategic_issue"].label_from_instance = lambda i: f"{i.office.name}: {i.number}. {i.title}"
        self.fields["ministry_strategy"].queryset = (
            MinistryStrategy.objects.filter(period_start__lte=fiscal_year, period_end__gte=fiscal_year)
            .select_related("ministry")
            .order_by("ministry__name_th", "number")
        )
        self.fields["ministry_strategy"].label_from_instance = lambda s: f"{s.ministry.name}: {s.number}. {s.title}"
