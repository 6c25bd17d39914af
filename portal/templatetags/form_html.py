"""Form markup written in Python (issue 15): the loops of includes/form_fields.html and of the
row tables of proposals/includes/formset.html, with the output of the template loops they replace."""

from django import template

from portal.widgets import form_fields_html, formset_head_html, formset_rows_html, management_form_html

register = template.Library()
register.simple_tag(form_fields_html, name="form_fields")
register.simple_tag(management_form_html, name="formset_management")
register.simple_tag(formset_head_html, name="formset_head")
register.simple_tag(formset_rows_html, name="formset_rows")
