from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from ministries.importing import FileFormatError, kind_of

# The whole FY2565 file is about 4 MB gzipped and 30 MB as .xlsx; the general attachment limit
# (UPLOAD_MAX_BYTES) is for documents, so budget-line files have their own ceiling.
DEFAULT_MAX_BYTES = 60 * 1024 * 1024


def budget_lines_max_bytes() -> int:
    return getattr(settings, "BUDGET_LINES_UPLOAD_MAX_BYTES", DEFAULT_MAX_BYTES)


class BudgetLineImportForm(forms.Form):
    file = forms.FileField(
        label=_("ไฟล์รายการงบประมาณ"),
        help_text=_(
            "ไฟล์ .csv, .csv.gz หรือ .xlsx ที่มีคอลัมน์ REF, MINISTRY, BUDGETARY_UNIT, ITEM_DESCRIPTION, FISCAL_YEAR_BE, AMOUNT_BAHT ..."
        ),
        error_messages={"required": _("กรุณาเลือกไฟล์"), "empty": _("ไฟล์ว่างเปล่า")},
    )
    skip_invalid = forms.BooleanField(
        label=_("นำเข้าเฉพาะแถวที่ถูกต้อง (ข้ามแถวที่ผิดพลาด)"),
        required=False,
        help_text=_("ถ้าไม่เลือก ระบบจะไม่นำเข้าเลยหากมีแถวใดผิดพลาด"),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        try:
            kind_of(upload.name)
        except FileFormatError as exc:
            raise forms.ValidationError(str(exc)) from None
        limit = budget_lines_max_bytes()
        if upload.size > limit:
            raise forms.ValidationError(
                _("ไฟล์มีขนาด %(size).1f MB เกินกว่าที่รับได้ (%(limit).0f MB)")
                % {"size": upload.size / 1048576, "limit": limit / 1048576}
            )
        return upload


class BudgetLineFilterForm(forms.Form):
    fiscal_year = forms.IntegerField(label=_("ปีงบประมาณ"), required=False, min_value=2400, max_value=2700)
    province = forms.CharField(label=_("จังหวัด"), required=False, max_length=100)
    q = forms.CharField(label=_("ค้นหาในรายการ"), required=False, max_length=200)
