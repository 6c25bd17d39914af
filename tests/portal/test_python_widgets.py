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


# --- the include loops written in Python give what the templates' loops gave -------------------

FORM_FIELDS_TEMPLATE = """\
{% if form.non_field_errors %}<div class="form-errors" role="alert">{% for e in form.non_field_errors %}<p>{{ e }}</p>{% endfor %}</div>{% endif %}
{% for field in form.visible_fields %}
  <div class="field{% if field.errors %} has-error{% endif %}">
    <label for="{{ field.id_for_label }}">{{ field.label }}{% if field.field.required %} <span class="req" aria-hidden="true">*</span>{% endif %}</label>
    {{ field }}
    {% if field.help_text %}<small class="help">{{ field.help_text }}</small>{% endif %}
    {% for e in field.errors %}<p class="error" role="alert">{{ e }}</p>{% endfor %}
  </div>
{% endfor %}
{% for field in form.hidden_fields %}{{ field }}{% endfor %}
"""  # noqa: E501

FORMSET_TEMPLATE = """\
{% load i18n %}
<fieldset class="card formset" id="formset-{{ formset.prefix }}">
  <legend>{{ legend }}</legend>
  {{ formset.management_form }}
  {% if formset.non_form_errors %}<div class="form-errors" role="alert">{{ formset.non_form_errors }}</div>{% endif %}
  <table class="table stack-on-phone">
    <thead><tr>{% for field in formset.empty_form.visible_fields %}<th>{{ field.label }}</th>{% endfor %}</tr></thead>
    <tbody>
    {% for form in formset %}
      <tr>{% for field in form.visible_fields %}<td data-label="{% if field.name == "DELETE" %}{% translate "ลบ" %}{% else %}{{ field.label }}{% endif %}">{% if field.name == "DELETE" %}<label class="inline-check">{{ field }} {% translate "ลบ" %}</label>{% else %}<label class="visually-hidden" for="{{ field.id_for_label }}">{{ field.label }}</label>{{ field }}{% endif %}{% for e in field.errors %}<p class="error">{{ e }}</p>{% endfor %}</td>{% endfor %}
        {% for field in form.hidden_fields %}{{ field }}{% endfor %}</tr>
    {% endfor %}
    </tbody>
  </table>
  <small class="help">{% translate "แถวว่างจะถูกข้าม บันทึกแล้วจะมีแถวว่างเพิ่มให้กรอกต่อ" %}</small>
</fieldset>
"""  # noqa: E501


class _Refusing(_Form):
    def clean(self):
        raise forms.ValidationError(["ทั้งฟอร์ม <ผิด> & ไม่ครบ", "ข้อที่สอง"])


def _forms():
    from django.contrib.auth.forms import PasswordChangeForm
    from django.contrib.auth.models import User

    from portal.forms import PreferenceForm
    from proposals.forms import AttachmentForm, CalendarForm, TransitionForm

    yield _Form()
    yield _Form({})
    yield _Refusing({"text": "x", "number": "1"})
    yield _Form({"text": "ok"}, auto_id=False)
    yield with_python_widgets(_Form({"number": "x"}, initial={"note": "<b>"}))
    yield TransitionForm({"action": ""})
    yield AttachmentForm({})
    yield PreferenceForm()
    yield CalendarForm({"province_submission__opens_on": "xx"}, phases={})
    yield PasswordChangeForm(User(username="u"), {"old_password": "a"})


@pytest.mark.django_db
def test_the_form_fields_include_writes_what_its_template_wrote():
    from django.template import engines
    from django.template.loader import get_template

    expected, include = engines["django"].from_string(FORM_FIELDS_TEMPLATE), get_template("includes/form_fields.html")
    for form in _forms():
        assert include.render({"form": form}) == expected.render({"form": form}), type(form).__name__


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["th", "en"])
def test_the_formset_include_writes_what_its_template_wrote(language):
    from django.template import engines
    from django.template.loader import get_template
    from django.utils import translation

    from proposals.forms import child_formsets
    from proposals.joint_forms import partner_formset

    expected, include = engines["django"].from_string(FORMSET_TEMPLATE), get_template("proposals/includes/formset.html")
    bound = {"kpis-TOTAL_FORMS": "2", "kpis-INITIAL_FORMS": "0", "kpis-0-name": "", "kpis-0-is_joint": "on"}
    bound |= {"kpis-1-target": "<10>", "kpis-1-joint_ministry": "999", "kpis-1-DELETE": "on"}
    formsets = [
        *child_formsets().values(),
        child_formsets(data=bound, step="results")["kpis"],
        child_formsets(data={"kpis-TOTAL_FORMS": "x"}, step="results")["kpis"],  # a broken management form
        partner_formset(fiscal_year=2569),
    ]
    with translation.override(language):
        for formset in formsets:
            formset.is_bound and formset.is_valid()
            context = {"formset": formset, "legend": "ตาราง <ก>"}
            assert include.render(context) == expected.render(context), formset.prefix


@pytest.mark.django_db
@pytest.mark.parametrize("null_label", [None, "ไม่ระบุ"])
def test_model_selects_read_their_options_with_one_plain_query_and_the_same_options(null_label):
    """Issue 15: Django reads a model select through .iterator() (a server-side cursor on
    PostgreSQL: DECLARE, FETCH, CLOSE); the filter forms read it with one plain query."""
    import django_filters
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from ministries.models import WorkCategory
    from portal.widgets import OneQueryChoices, with_python_selects
    from proposals.models import ProjectRequest

    WorkCategory.objects.get_or_create(code="zz_test", defaults={"name_th": "หมวดทดสอบ"})

    class Filters(django_filters.FilterSet):
        category = django_filters.ModelChoiceFilter(
            queryset=WorkCategory.objects.order_by("name_th"), empty_label="ทั้งหมด", null_label=null_label
        )

        class Meta:
            model = ProjectRequest
            fields = ["category"]

    plain = Filters({}).form
    expected = [(str(value), str(label)) for value, label in plain.fields["category"].choices]
    form = with_python_selects(Filters({}).form)
    assert form.fields["category"].iterator is OneQueryChoices
    with CaptureQueriesContext(connection) as queries:
        html = str(form["category"])
    assert len(queries) == 1
    for value, label in expected:
        assert f'<option value="{value}"' in html and label in html
    assert len(expected) == html.count("<option")
