"""Form fields that keep Thai users' conventions: dates typed and shown in BE."""

import datetime

from django import forms
from django.utils.translation import gettext_lazy as _

from portal.thai import parse_be_date, thai_date


class BEDateInput(forms.TextInput):
    def __init__(self, attrs=None):
        base = {"placeholder": _("วว/ดด/ปปปป (พ.ศ.)"), "inputmode": "numeric", "autocomplete": "off"}
        super().__init__({**base, **(attrs or {})})

    def format_value(self, value):
        if isinstance(value, datetime.date):
            return thai_date(value, "numeric")
        return value


class BEDateField(forms.Field):
    """A date typed as dd/mm/yyyy in Buddhist Era; a typed 2569 is stored as AD 2026, never as AD 2569."""

    widget = BEDateInput
    default_error_messages = {"invalid": _("วันที่ไม่ถูกต้อง")}

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, datetime.date):
            return value
        try:
            return parse_be_date(str(value))
        except ValueError as exc:
            raise forms.ValidationError(str(exc), code="invalid") from None


def apply_service_errors(form, exc) -> None:
    """Show a service's refusal on the form that fed it, so nothing typed is lost: a
    ValidationError beside the fields the form has (the rest on top), an ApplicationError on top."""
    from django.core.exceptions import NON_FIELD_ERRORS, ValidationError

    if not isinstance(exc, ValidationError):
        form.add_error(None, str(getattr(exc, "message", exc)))
    elif hasattr(exc, "error_dict"):
        for field, messages in exc.message_dict.items():
            target = field if field in form.fields and field != NON_FIELD_ERRORS else None
            for message in messages:
                form.add_error(target, message)
    else:
        for message in exc.messages:
            form.add_error(None, message)


def flash_form_errors(request, form) -> None:
    """For small POST-and-redirect forms with no page of their own: each error as a message."""
    from django.contrib import messages

    for errors in form.errors.values():
        for error in errors:
            messages.error(request, error)


class PreferenceForm(forms.Form):
    """The person's own settings page (issue 11)."""

    language = forms.ChoiceField(label=_("ภาษาของหน้าจอและอีเมล"))
    mail = forms.ChoiceField(label=_("การรับอีเมลแจ้งเตือน"))

    def __init__(self, *args, **kwargs):
        from django.conf import settings

        from portal.models import UserPreference

        super().__init__(*args, **kwargs)
        self.fields["language"].choices = settings.LANGUAGES
        self.fields["mail"].choices = UserPreference.MailMode.choices
        self.fields["mail"].help_text = _("สรุปรวมวันละฉบับ: ระบบส่งการแจ้งเตือนของวันในอีเมลฉบับเดียวทุกเช้า")
