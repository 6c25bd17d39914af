"""The select boxes written in Python (issue 15) give the markup Django's templates give."""

import re

from django import forms

from portal.widgets import PythonSelect, with_python_selects


class _Form(forms.Form):
    plain = forms.ChoiceField(choices=[("", "ทุกสถานะ"), ("a", 'ก <ข> & "ค"'), ("b", "ง")], required=False)
    grouped = forms.ChoiceField(choices=[("", "-"), ("ภาคเหนือ", [("1", "เชียงใหม่"), ("2", "ลำปาง")]), ("3", "กรุงเทพฯ")])
    attrs = forms.ChoiceField(
        choices=[("x", "x")], widget=forms.Select(attrs={"hx-get": "/a?b=1&c=2", "disabled": True})
    )
    many = forms.MultipleChoiceField(choices=[("1", "หนึ่ง"), ("2", "สอง")], required=False)


def _normal(html: str) -> str:
    return re.sub(r">\s+<", "><", str(html)).strip()


def test_the_markup_is_the_templates_markup_for_plain_grouped_selected_and_escaped_options():
    data = {"plain": "a", "grouped": "2", "attrs": "x", "many": ["1", "2"]}
    expected = {name: _normal(field) for name, field in _Form(data)._bound_items()}
    form = with_python_selects(_Form(data))
    assert type(form.fields["plain"].widget) is PythonSelect
    assert type(form.fields["many"].widget) is forms.SelectMultiple  # only plain selects change
    for name, field in form._bound_items():
        assert _normal(field) == expected[name], name
    assert 'value="a" selected>ก &lt;ข&gt; &amp; &quot;ค&quot;</option>' in str(form["plain"])
    assert '<optgroup label="ภาคเหนือ">' in str(form["grouped"])
