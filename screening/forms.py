from django import forms
from django.utils.translation import gettext_lazy as _

from screening.models import FlagLevel, OwnerAnswer, ResponseKind


class FlagResponseForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("คำชี้แจง"),
        choices=ResponseKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("กรุณาเลือกคำชี้แจง"), "invalid_choice": _("กรุณาเลือกคำชี้แจงจากรายการ")},
    )
    text = forms.CharField(
        label=_("รายละเอียด"), required=False, widget=forms.Textarea(attrs={"rows": 3}), max_length=4000
    )


class FlagRulingForm(forms.Form):
    DECISIONS = [("duplicate", _("ซ้ำซ้อน (ส่งคำขอกลับให้แก้ไข)")), ("not_duplicate", _("ไม่ซ้ำซ้อน"))]
    decision = forms.ChoiceField(
        label=_("ผลการวินิจฉัย"),
        choices=DECISIONS,
        widget=forms.RadioSelect,
        error_messages={"required": _("กรุณาเลือกผลการวินิจฉัย"), "invalid_choice": _("กรุณาเลือกผลการวินิจฉัยจากรายการ")},
    )
    reason = forms.CharField(
        label=_("เหตุผล"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=4000,
        error_messages={"required": _("กรุณาระบุเหตุผลของการวินิจฉัย")},
    )


class DraftCheckForm(forms.Form):
    """What the request form sends while a planner drafts (field names of the request form)."""

    title = forms.CharField(required=False, max_length=500)
    description = forms.CharField(required=False, max_length=20000)
    amphoe = forms.CharField(required=False, max_length=100)
    tambon = forms.CharField(required=False, max_length=100)
    fiscal_year = forms.IntegerField(required=False, min_value=2400, max_value=2700)
    request_id = forms.IntegerField(required=False, min_value=1)
    office = forms.IntegerField(required=False, min_value=1)


class OwnerAnswerForm(forms.Form):
    """The line-owning ministry's answer to a flag against its budget line (R6)."""

    answer = forms.ChoiceField(
        label=_("คำตอบ"),
        choices=OwnerAnswer.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("กรุณาเลือกคำตอบ"), "invalid_choice": _("กรุณาเลือกคำตอบจากรายการ")},
    )
    note = forms.CharField(
        label=_("หมายเหตุ"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=4000,
        error_messages={"required": _("กรุณาระบุหมายเหตุประกอบคำตอบ")},
    )


class LineFlagFilterForm(forms.Form):
    """Filters of "requests flagged against our lines"; bad values are ignored, not a 500."""

    ANSWERED = [("", _("ทั้งหมด")), ("no", _("ยังไม่ได้ตอบ")), ("yes", _("ตอบแล้ว"))]
    fiscal_year = forms.IntegerField(label=_("ปีงบประมาณ"), required=False, min_value=2400, max_value=2700)
    province = forms.ModelChoiceField(label=_("จังหวัด"), required=False, queryset=None, empty_label=_("ทุกจังหวัด"))
    level = forms.ChoiceField(label=_("ระดับ"), required=False, choices=[("", _("ทุกระดับ")), *FlagLevel.choices])
    answered = forms.ChoiceField(label=_("การตอบ"), required=False, choices=ANSWERED)

    def __init__(self, *args, **kwargs):
        from clusters.models import Province

        super().__init__(*args, **kwargs)
        self.fields["province"].queryset = Province.objects.order_by("name_th")
