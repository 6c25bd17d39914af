"""Widgets whose markup is written in Python (issue 15).

Django renders each widget through a template, and each <option> of a Select through another
include: the office filter's 113 options took ~17 ms of a list page, more than the page's
queries, and the request form's 52 inputs took ~14 ms. The Python widgets write the same markup
as Django's templates (the name, the value, the attributes in order, each option's value,
attributes and label, optgroups) with `format_html`, which escapes as the templates would. Only
`render` changes: the context (ids, `required`, `aria-*`, `checked`, formatted values) is still
Django's `get_context`.
"""

from django import forms
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe


def _attrs(attrs: dict):
    """As django/forms/widgets/attrs.html: in order, True as a bare name, False left out."""
    return format_html_join(
        "",
        " {}{}",
        (
            (name, "" if value is True else format_html('="{}"', value))
            for name, value in attrs.items()
            if value is not False
        ),
    )


class PythonSelect(forms.Select):
    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        groups = []
        for group_name, options, _index in widget["optgroups"]:
            rendered = format_html_join(
                "",
                '<option value="{}"{}>{}</option>',
                (("" if o["value"] is None else str(o["value"]), _attrs(o["attrs"]), o["label"]) for o in options),
            )
            groups.append(
                format_html('<optgroup label="{}">{}</optgroup>', group_name, rendered) if group_name else rendered
            )
        return format_html(
            '<select name="{}"{}>{}</select>', widget["name"], _attrs(widget["attrs"]), mark_safe("".join(groups))
        )


class _PythonInput:
    """As django/forms/widgets/input.html (text, number, hidden, checkbox, ... share it)."""

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        value = widget["value"]
        return format_html(
            '<input type="{}" name="{}"{}{}>',
            widget["type"],
            widget["name"],
            "" if value is None else format_html(' value="{}"', value),
            _attrs(widget["attrs"]),
        )


class _PythonTextarea:
    """As django/forms/widgets/textarea.html (a new line after the opening tag, as there)."""

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        return format_html(
            '<textarea name="{}"{}>\n{}</textarea>', widget["name"], _attrs(widget["attrs"]), widget["value"] or ""
        )


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


def with_python_selects(form):
    """The form with its plain select boxes written in Python (the same markup, faster)."""
    for field in form.fields.values():
        if type(field.widget) is forms.Select:
            field.widget.__class__ = PythonSelect
    return form


def with_python_widgets(form):
    """The form with its plain inputs, text areas, check boxes and selects written in Python."""
    for field in form.fields.values():
        _pythonise(field.widget)
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
