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
    line_source = forms.ChoiceField(
        label=_("ที่มาของรายการ"),
        choices=(),
        initial="budget_document",
        help_text=_("คำขอของกระทรวงปีนี้ กระทรวง/กรมบันทึกเองที่หน้า “คำขอของกระทรวง”"),
    )
    skip_invalid = forms.BooleanField(
        label=_("นำเข้าเฉพาะแถวที่ถูกต้อง (ข้ามแถวที่ผิดพลาด)"),
        required=False,
        help_text=_("ถ้าไม่เลือก ระบบจะไม่นำเข้าเลยหากมีแถวใดผิดพลาด"),
    )

    def __init__(self, *args, **kwargs):
        from ministries.models import LineSource

        super().__init__(*args, **kwargs)
        # R6: the administrators load the budget documents and the enacted budget
        self.fields["line_source"].choices = [
            (LineSource.BUDGET_DOCUMENT, LineSource.BUDGET_DOCUMENT.label),
            (LineSource.ENACTED, LineSource.ENACTED.label),
        ]
        self.fields["line_source"].required = False

    def clean_line_source(self):
        return self.cleaned_data.get("line_source") or "budget_document"

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


# --- the ministries' own requests (R6) and output lists (R21) ------------------------------------

OWN_REQUEST_MAX_BYTES = 10 * 1024 * 1024  # a ministry's requests of a year: thousands of rows at most


class OwnerChoiceMixin:
    """The owner a ministry/department user enters for: one of their memberships (R6)."""

    def _set_owners(self, owners):
        self.owners = {key: (ministry, department) for key, ministry, department in owners}
        self.fields["owner"].choices = [(key, str(department or ministry)) for key, ministry, department in owners]
        if len(owners) == 1:
            self.fields["owner"].initial = owners[0][0]

    def clean_owner(self):
        key = self.cleaned_data["owner"]
        if key not in self.owners:
            raise forms.ValidationError(_("เลือกหน่วยงานเจ้าของคำขอจากรายการ"))
        return self.owners[key]


class OwnRequestUploadForm(OwnerChoiceMixin, forms.Form):
    owner = forms.ChoiceField(label=_("คำขอของหน่วยงาน"))
    file = forms.FileField(
        label=_("ไฟล์คำของบประมาณของกระทรวง"),
        help_text=_("ไฟล์ .xlsx หรือ .csv คอลัมน์เดียวกับรายการงบประมาณ (ดาวน์โหลดแบบฟอร์มได้)"),
        error_messages={"required": _("กรุณาเลือกไฟล์"), "empty": _("ไฟล์ว่างเปล่า")},
    )

    def __init__(self, *args, owners, **kwargs):
        super().__init__(*args, **kwargs)
        self._set_owners(owners)

    def clean_file(self):
        upload = self.cleaned_data["file"]
        try:
            kind_of(upload.name)
        except FileFormatError as exc:
            raise forms.ValidationError(str(exc)) from None
        if upload.size > OWN_REQUEST_MAX_BYTES:
            raise forms.ValidationError(
                _("ไฟล์มีขนาด %(size).1f MB เกินกว่าที่รับได้ (%(limit).0f MB)")
                % {"size": upload.size / 1048576, "limit": OWN_REQUEST_MAX_BYTES / 1048576}
            )
        return upload


class OwnRequestLineForm(OwnerChoiceMixin, forms.Form):
    """One own request typed in; becomes one row of the budget-line columns."""

    owner = forms.ChoiceField(label=_("คำขอของหน่วยงาน"))
    ref = forms.CharField(
        label=_("เลขอ้างอิงของหน่วยงาน"),
        max_length=40,
        required=False,
        help_text=_("เว้นว่างได้ ระบบจะออกเลขให้"),
    )
    fiscal_year = forms.IntegerField(label=_("ปีงบประมาณ (พ.ศ.)"), min_value=2400, max_value=2700)
    budget_plan = forms.CharField(label=_("แผนงาน"), required=False, max_length=500)
    output = forms.CharField(label=_("ผลผลิต"), required=False, max_length=500)
    project = forms.CharField(label=_("โครงการ"), required=False, max_length=500)
    category = forms.CharField(label=_("หมวดรายจ่าย"), required=False, max_length=200)
    item = forms.CharField(
        label=_("รายการ"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=4000,
        help_text=_("ระบุงาน สถานที่ (ตำบล อำเภอ จังหวัด) และปริมาณงาน เช่นเดียวกับเอกสารงบประมาณ"),
    )
    amount = forms.DecimalField(label=_("วงเงิน (บาท)"), min_value=0, max_digits=15, decimal_places=0)

    def __init__(self, *args, owners, **kwargs):
        super().__init__(*args, **kwargs)
        self._set_owners(owners)

    def row(self, ref: str) -> dict:
        """The typed request as a row of the budget-line columns (the import's own validation)."""
        data = self.cleaned_data
        ministry, department = data["owner"]
        return {
            "REF": ref,
            "MINISTRY": ministry.name_th,
            "BUDGETARY_UNIT": department.name_th if department else ministry.name_th,
            "BUDGET_PLAN": data["budget_plan"],
            "OUTPUT": data["output"],
            "PROJECT": data["project"],
            "CATEGORY": data["category"],
            "ITEM_DESCRIPTION": data["item"],
            "FISCAL_YEAR_BE": str(data["fiscal_year"]),
            "AMOUNT_BAHT": str(int(data["amount"])),
        }


class OwnRequestFilterForm(forms.Form):
    fiscal_year = forms.IntegerField(label=_("ปีงบประมาณ"), required=False, min_value=2400, max_value=2700)
    q = forms.CharField(label=_("ค้นหา"), required=False, max_length=200)


class MinistryOutputForm(OwnerChoiceMixin, forms.Form):
    owner = forms.ChoiceField(label=_("หน่วยงาน"))
    fiscal_year = forms.IntegerField(label=_("ปีงบประมาณ (พ.ศ.)"), min_value=2400, max_value=2700)
    kind = forms.ChoiceField(label=_("ประเภท"), choices=())
    name = forms.CharField(label=_("ชื่อผลผลิต/โครงการ"), max_length=500)
    is_active = forms.BooleanField(label=_("ใช้งาน"), required=False, initial=True)

    def __init__(self, *args, owners, **kwargs):
        from ministries.models import OutputKind

        super().__init__(*args, **kwargs)
        self._set_owners(owners)
        self.fields["kind"].choices = OutputKind.choices


class OutputFilterForm(forms.Form):
    fiscal_year = forms.IntegerField(label=_("ปีงบประมาณ"), required=False, min_value=2400, max_value=2700)
    ministry = forms.ModelChoiceField(label=_("กระทรวง"), required=False, queryset=None)

    def __init__(self, *args, **kwargs):
        from ministries.models import Ministry

        super().__init__(*args, **kwargs)
        self.fields["ministry"].queryset = Ministry.objects.all()
