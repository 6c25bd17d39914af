"""The inputs, text areas and check boxes written in Python (issue 15) give exactly the markup
Django's widget templates give, in every state a form puts them in."""

import datetime
from decimal import Decimal

import pytest
from django import forms

from portal.forms import BEDateInput
from portal.widgets import with_python_widgets


class _Form(forms.Form):
    text = forms.CharField(help_text="ช่วย <b>", widget=forms.TextInput(attrs={"placeholder": 'ก "ข" <ค> & ง'}))
    optional = forms.CharField(required=False, widget=forms.TextInput(attrs={"disabled": True, "data-x": False}))
    number = forms.DecimalField(widget=forms.NumberInput(attrs={"min": "0.01", "step": "0.01"}))
    hidden = forms.IntegerField(widget=forms.HiddenInput, required=False)
    email = forms.EmailField(required=False)
    url = forms.URLField(required=False, assume_scheme="https")
    note = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False)
    box = forms.BooleanField(required=False)
    date = forms.DateField(required=False, widget=BEDateInput)
    other = forms.CharField(required=False, widget=forms.TextInput)


@pytest.mark.parametrize(
    "data",
    [
        None,
        {},  # every error a bound form can show
        {
            "text": "<script>alert('x')</script> & \"ค\"",
            "number": "12.50",
            "hidden": "7",
            "email": "a@b.c",
            "url": "https://example.com/?a=1&b=2",
            "note": "\nบรรทัดแรก\n<b>สอง</b> & สาม",
            "box": "on",
            "date": "01/02/2569",
        },
        {"number": "abc", "note": "", "box": "", "email": "not an e-mail"},
    ],
)
def test_each_widget_s_markup_is_the_template_s_markup(data):
    initial = {"text": "ต้น", "number": Decimal("3.10"), "hidden": None, "note": "", "box": True}
    initial["date"] = datetime.date(2026, 1, 2)
    expected = {name: str(field) for name, field in _Form(data, initial=initial)._bound_items()}
    form = with_python_widgets(_Form(data, initial=initial))
    for name, field in form._bound_items():
        assert str(field) == expected[name], name


def test_only_django_s_own_widgets_with_their_own_template_change():
    form = _Form()
    form.fields["other"].widget.template_name = "custom/text.html"
    with_python_widgets(form)
    assert type(form.fields["text"].widget).__name__ == "PythonTextInput"
    assert type(form.fields["note"].widget).__name__ == "PythonTextarea"
    assert type(form.fields["box"].widget).__name__ == "PythonCheckboxInput"
    assert type(form.fields["date"].widget) is BEDateInput  # a subclass keeps Django's rendering
    assert type(form.fields["other"].widget) is forms.TextInput  # another template: Django's rendering
    assert isinstance(form.fields["hidden"].widget, forms.HiddenInput)  # still a hidden field to Django
