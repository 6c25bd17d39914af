"""Widgets whose markup is written in Python (issue 15).

Django renders each widget through a template, and each <option> of a Select through another
include: the office filter's 113 options took ~17 ms of a list page, more than the page's
queries, and the request form's 52 inputs took ~14 ms. The Python widgets write the same markup
as Django's templates (the name, the value, the attributes in order, each option's value,
attributes and label, optgroups) with `format_html`, which escapes as the templates would. Only
`render` changes: the context (ids, `required`, `aria-*`, `checked`, formatted values) is still
Django's `get_context`.
"""

from html import escape as _html_escape

import django_filters.fields
from django import forms
from django.utils.functional import Promise
from django.utils.safestring import mark_safe


def _esc(value) -> str:
    """conditional_escape (a lazy text made text; safe text as it is; the rest escaped as
    Django's escape does) without its wrappers, which cost more than the escaping: a form page
    escapes a few thousand values."""
    if isinstance(value, Promise):
        value = str(value)
    if hasattr(value, "__html__"):
        return value.__html__()
    return _html_escape(str(value))


def _attrs(attrs: dict) -> str:
    """As django/forms/widgets/attrs.html: in order, True as a bare name, False left out."""
    return "".join(
        f" {_esc(name)}" if value is True else f' {_esc(name)}="{_esc(value)}"'
        for name, value in attrs.items()
        if value is not False
    )


def _options(options) -> str:
    return "".join(
        f'<option value="{_esc("" if o["value"] is None else str(o["value"]))}"{_attrs(o["attrs"])}>'
        f"{_esc(o['label'])}</option>"
        for o in options
    )


class PythonSelect(forms.Select):
    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        groups = "".join(
            f'<optgroup label="{_esc(group_name)}">{_options(options)}</optgroup>' if group_name else _options(options)
            for group_name, options, _index in widget["optgroups"]
        )
        return mark_safe(f'<select name="{_esc(widget["name"])}"{_attrs(widget["attrs"])}>{groups}</select>')


class _PythonInput:
    """As django/forms/widgets/input.html (text, number, hidden, checkbox, ... share it)."""

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        value = "" if widget["value"] is None else f' value="{_esc(widget["value"])}"'
        attrs = _attrs(widget["attrs"])
        return mark_safe(f'<input type="{_esc(widget["type"])}" name="{_esc(widget["name"])}"{value}{attrs}>')


class _PythonTextarea:
    """As django/forms/widgets/textarea.html (a new line after the opening tag, as there)."""

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        text = _esc(widget["value"]) if widget["value"] else ""
        return mark_safe(f'<textarea name="{_esc(widget["name"])}"{_attrs(widget["attrs"])}>\n{text}</textarea>')


# Django's own widget classes whose template is the plain one above; a subclass (or a widget
# given another template) keeps Django's rendering.
_PYTHON_WIDGETS = {
    forms.Select: PythonSelect,
    **{
        base: type(f"Python{base.__name__}", (_PythonInput, base), {})
        for base in (
            forms.TextInput,
            forms.NumberInput,
            forms.EmailInput,
            forms.URLInput,
            forms.HiddenInput,
            forms.CheckboxInput,
        )
    },
    forms.Textarea: type("PythonTextarea", (_PythonTextarea, forms.Textarea), {}),
}


def _pythonise(widget) -> None:
    python = _PYTHON_WIDGETS.get(type(widget))
    if python is not None and widget.template_name == type(widget).template_name:
        widget.__class__ = python


class OneQueryChoices(forms.models.ModelChoiceIterator):
    """A model select's options read with one plain query. Django's iterator reads them with
    .iterator(): on PostgreSQL a server-side cursor (DECLARE, FETCH, CLOSE), three round trips
    and a cursor held to the end of the transaction, for lists of a few dozen rows (issue 15)."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        if getattr(self.field, "null_label", None) is not None:  # django-filter's "none" choice
            yield (self.field.null_value, self.field.null_label)
        for obj in self.queryset.all():
            yield self.choice(obj)


# Django's iterator and django-filter's (which adds the "none" choice, as the class above does)
_PLAIN_ITERATORS = (forms.models.ModelChoiceIterator, django_filters.fields.ModelChoiceIterator)


def _one_query_choices(field) -> None:
    if isinstance(field, forms.ModelChoiceField) and field.iterator in _PLAIN_ITERATORS:
        field.iterator = OneQueryChoices
        field.widget.choices = field.choices  # the widget kept an iterator of the old kind


def with_python_selects(form):
    """The form with its plain select boxes written in Python (the same markup, faster) and its
    model selects read with one query each."""
    for field in form.fields.values():
        if type(field.widget) is forms.Select:
            field.widget.__class__ = PythonSelect
        _one_query_choices(field)
    return form


def with_python_widgets(form):
    """The form with its plain inputs, text areas, check boxes and selects written in Python."""
    for field in form.fields.values():
        _pythonise(field.widget)
        _one_query_choices(field)
    return form


class PythonSelectsMixin:
    """A form (or filterset form) whose plain select boxes are written in Python."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        with_python_selects(self)


class PythonWidgetsMixin:
    """A form whose plain widgets (inputs, text areas, check boxes, selects) are written in Python."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        with_python_widgets(self)


# --- the loops of the form includes (issue 15: ~0.1 ms of template work per field and row) ----


def _errors_html(errors, tag: str) -> str:
    return "".join(f"{tag}{_esc(error)}</p>" for error in errors)


def form_fields_html(form):
    """What includes/form_fields.html wrote (whitespace and all, but its last new line): the
    form's errors, each visible field with its label, help and errors, then the hidden fields."""
    errors = form.non_field_errors()
    parts = [f'<div class="form-errors" role="alert">{_errors_html(errors, "<p>")}</div>' if errors else "", "\n"]
    for field in form.visible_fields():
        errors = field.errors
        has_error = " has-error" if errors else ""
        required = ' <span class="req" aria-hidden="true">*</span>' if field.field.required else ""
        help_text = f'<small class="help">{_esc(field.help_text)}</small>' if field.help_text else ""
        error_lines = _errors_html(errors, '<p class="error" role="alert">')
        parts.append(
            f'\n  <div class="field{has_error}">\n'
            f'    <label for="{_esc(field.id_for_label)}">{_esc(field.label)}{required}</label>\n'
            f"    {_esc(field)}\n    {help_text}\n    {error_lines}\n  </div>\n"
        )
    parts.append("\n")
    parts.extend(_esc(field) for field in form.hidden_fields())
    return mark_safe("".join(parts))


def management_form_html(formset):
    """A formset's management form as Django writes it: its hidden fields side by side (Django's
    own rendering when it has errors to show)."""
    form = formset.management_form
    if form.errors or form.visible_fields():
        return str(form)
    return mark_safe("".join(_esc(field) for field in form.hidden_fields()))


def formset_head_html(formset):
    """The header cells of a formset's table: its fields' labels."""
    return mark_safe("".join(f"<th>{_esc(field.label)}</th>" for field in formset.empty_form.visible_fields()))


def formset_rows_html(formset, delete_label):
    """The rows of a formset's table as proposals/includes/formset.html wrote them: each visible
    field in a cell labelled for small screens (the delete box beside `delete_label`), then the
    row's hidden fields."""
    delete_label = _esc(delete_label)
    rows = []
    for form in formset:
        cells = []
        for field in form.visible_fields():
            errors = _errors_html(field.errors, '<p class="error">')
            if field.name == "DELETE":
                cells.append(
                    f'<td data-label="{delete_label}"><label class="inline-check">{_esc(field)} {delete_label}</label>'
                    f"{errors}</td>"
                )
            else:
                label = _esc(field.label)
                cells.append(
                    f'<td data-label="{label}"><label class="visually-hidden" for="{_esc(field.id_for_label)}">'
                    f"{label}</label>{_esc(field)}{errors}</td>"
                )
        hidden = "".join(_esc(field) for field in form.hidden_fields())
        rows.append(f"\n      <tr>{''.join(cells)}\n        {hidden}</tr>\n    ")
    return mark_safe("".join(rows))
