"""Forms of a ministry's own view of a request (R3, R20) and its programme order (R16)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from portal.widgets import PythonSelectsMixin
from proposals.models import Severity
from reviews.ministry_models import Stance


class OpinionForm(PythonSelectsMixin, forms.Form):  # issue 15: its selects written in Python
    severity = forms.ChoiceField(
        label=_("ความรุนแรงของปัญหาในมุมมองของกระทรวง"),
        choices=[("", _("ไม่ระบุ"))] + list(Severity.choices),
        required=False,
    )
    severity_note = forms.CharField(
        label=_("เหตุผลของระดับความรุนแรง"),
        required=False,
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("จำเป็นเมื่อเห็นต่างจากจังหวัด"),
    )
    stance = forms.ChoiceField(
        label=_("ความเห็นของกระทรวงร่วม"), choices=[("", _("เลือก"))] + list(Stance.choices), required=False
    )
    comment = forms.CharField(
        label=_("ความเห็นเพิ่มเติม"), required=False, max_length=3000, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, partner: bool, **kwargs):
        # it shares the decision page with the decision form, whose comment is #id_comment
        kwargs.setdefault("auto_id", "id_opinion_%s")
        super().__init__(*args, **kwargs)
        if not partner:
            del self.fields["stance"]


class ProgrammeSupportForm(forms.Form):
    """A ministry reviewer takes a request it supports into the programme (R16)."""

    request = forms.ChoiceField(label=_("คำขอที่กระทรวงสนับสนุน"))

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["request"].choices = [("", "---------")] + [
            (str(r.pk), f"{r.reference} {r.title} ({r.office})") for r in candidates
        ]
