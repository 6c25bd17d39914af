"""A select box whose options are written in Python (issue 15).

Django renders each <option> of a Select through a template include: the office filter's 113
options took ~17 ms of a list page, more than the page's queries. `PythonSelect` writes the
same markup (the name, the attributes, each option's value, attributes and label, optgroups)
with `format_html`, which escapes as the template would.
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


def with_python_selects(form):
    """The form with its plain select boxes written in Python (the same markup, faster)."""
    for field in form.fields.values():
        if type(field.widget) is forms.Select:
            field.widget.__class__ = PythonSelect
    return form


class PythonSelectsMixin:
    """A form (or filterset form) whose plain select boxes are written in Python."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        with_python_selects(self)
