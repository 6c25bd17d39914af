"""Forms of the public channel. Choices offer only the organisations the user may write for."""

from django import forms
from django.utils.translation import gettext_lazy as _

from clusters.models import Office
from library.models import DirectoryEntry, DocumentKind, JointKPI, MechanismNode, ResourceType
from library.models.directory import ORGANISATION_FIELDS
from library.uploads import ACCEPT_ATTRIBUTE
from ministries.models import CentralAgency, Department, FieldOffice, Ministry
from portal.forms import BEDateField
from portal.roles import scope_of
from portal.scoping import limit_form_choices
from portal.text import validate_title

YEAR_ERRORS = {
    "invalid": _("กรุณากรอกปีเป็นตัวเลข พ.ศ. เช่น 2554"),
    "min_value": _("กรุณากรอกปีเป็นพุทธศักราช (พ.ศ.) เช่น 2554"),
    "max_value": _("กรุณากรอกปีเป็นพุทธศักราช (พ.ศ.) เช่น 2554"),
}


def be_year_field(label, required=False):
    return forms.IntegerField(
        label=label,
        required=required,
        min_value=2500,
        max_value=2700,
        error_messages=YEAR_ERRORS,
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "placeholder": "2554"}),
    )


class DocumentMetadataForm(forms.Form):
    kind = forms.ChoiceField(label=_("ประเภทเอกสาร"), choices=DocumentKind.choices)
    title = forms.CharField(
        label=_("ชื่อเอกสาร"),
        max_length=300,
        error_messages={"required": _("กรุณากรอกชื่อเอกสาร")},
        validators=[validate_title],
    )
    description = forms.CharField(label=_("คำอธิบาย"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    office = forms.ModelChoiceField(label=_("สำนักงานจังหวัด/กลุ่มจังหวัด"), queryset=Office.objects.none(), required=False)
    ministry = forms.ModelChoiceField(label=_("กระทรวง"), queryset=Ministry.objects.none(), required=False)
    fiscal_year_from = be_year_field(_("ปีงบประมาณ (พ.ศ.) ตั้งแต่"))
    fiscal_year_to = be_year_field(_("ถึงปีงบประมาณ (พ.ศ.)"))
    plan_period = forms.CharField(
        label=_("ช่วงเวลาของแผน"), max_length=100, required=False, help_text=_("เช่น พ.ศ. 2553-2556")
    )
    tags = forms.CharField(label=_("คำสำคัญ"), max_length=300, required=False, help_text=_("คั่นด้วยจุลภาค เช่น น้ำ, ลุ่มน้ำชี"))
    is_published = forms.BooleanField(label=_("เผยแพร่ต่อสาธารณะ"), required=False, initial=True)
    external_url = forms.URLField(
        label=_("ลิงก์เอกสาร"),
        assume_scheme="https",
        required=False,
        max_length=500,
        help_text=_("ถ้าเอกสารเผยแพร่อยู่ที่เว็บไซต์อื่น เช่น แผนของ สผ. หรือ ส.อ.ท."),
        error_messages={"invalid": _("กรุณาใส่ลิงก์ที่ขึ้นต้นด้วย http:// หรือ https://")},
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        scope = scope_of(user)
        self.fields["office"].queryset = Office.objects.order_by("kind", "name_th")
        self.fields["ministry"].queryset = Ministry.objects.order_by("name_th")
        limit_form_choices(self, user=user, acting_for=("office", "ministry"))
        if not scope.is_central and not scope.reviewer_ministry_ids:
            self.fields["office"].required = True
            self.fields["office"].empty_label = None
        if not scope.is_central and not scope.office_ids:
            self.fields["ministry"].required = True
            self.fields["ministry"].empty_label = None

    def clean_title(self):
        title = self.cleaned_data["title"].strip()
        if not title:
            raise forms.ValidationError(_("กรุณากรอกชื่อเอกสาร"))
        return title

    def clean(self):
        data = super().clean()
        start, end = data.get("fiscal_year_from"), data.get("fiscal_year_to")
        if end and not start:
            self.add_error("fiscal_year_from", _("กรุณาระบุปีเริ่มต้นก่อนปีสิ้นสุด"))
        elif start and end and end < start:
            self.add_error("fiscal_year_to", _("ปีสิ้นสุดต้องไม่ก่อนปีเริ่มต้น"))
        return data


class DocumentCreateForm(DocumentMetadataForm):
    file = forms.FileField(
        label=_("ไฟล์เอกสาร"),
        required=False,
        error_messages={"required": _("กรุณาเลือกไฟล์เอกสาร"), "empty": _("ไฟล์ว่างเปล่า กรุณาเลือกไฟล์ที่มีเนื้อหา")},
        help_text=_("PDF, Word (DOCX), Excel (XLSX), PowerPoint (PPTX), PNG หรือ JPEG"),
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPT_ATTRIBUTE}),
    )
    note = forms.CharField(label=_("หมายเหตุฉบับนี้"), max_length=300, required=False)

    def clean(self):
        data = super().clean()
        if not data.get("file") and not data.get("external_url") and "file" not in self.errors:
            self.add_error("file", _("กรุณาเลือกไฟล์เอกสาร หรือใส่ลิงก์เอกสาร"))
        return data


class DocumentVersionForm(forms.Form):
    file = forms.FileField(
        label=_("ไฟล์ฉบับใหม่"),
        error_messages={"required": _("กรุณาเลือกไฟล์เอกสาร"), "empty": _("ไฟล์ว่างเปล่า กรุณาเลือกไฟล์ที่มีเนื้อหา")},
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPT_ATTRIBUTE}),
    )
    note = forms.CharField(label=_("หมายเหตุฉบับนี้"), max_length=300, required=False, help_text=_("เช่น ปรับตามมติ ก.บ.ก."))


# --- directory
def directory_organisation_choices(user) -> list[tuple[str, list[tuple[str, str]]]]:
    """Grouped choices "field:id" of the organisations this user keeps entries for."""
    scope = scope_of(user)
    central = scope.is_central
    groups = []

    def group(label, field, queryset):
        items = [(f"{field}:{obj.pk}", str(obj)) for obj in queryset]
        if items:
            groups.append((label, items))

    if central:
        group(_("ทีมบูรณาการกลาง"), "central_agency", CentralAgency.objects.order_by("code"))
    group(
        _("กระทรวง"),
        "ministry",
        Ministry.objects.order_by("name_th") if central else Ministry.objects.filter(pk__in=scope.ministry_ids),
    )
    departments = Department.objects.select_related("ministry").order_by("ministry__name_th", "name_th")
    if not central:
        departments = departments.filter(pk__in=scope.department_ids) | departments.filter(
            ministry__in=scope.ministry_ids
        )
    group(_("กรม"), "department", departments)
    offices = Office.objects.order_by("kind", "name_th")
    group(_("สำนักงานจังหวัด/กลุ่มจังหวัด"), "office", offices if central else offices.filter(pk__in=scope.office_ids))
    field_offices = FieldOffice.objects.select_related("kind").order_by("kind__code", "province__name_th")
    group(
        _("หน่วยงานส่วนภูมิภาค"),
        "field_office",
        field_offices if central else field_offices.filter(pk__in=scope.field_office_ids),
    )
    return groups


ORGANISATION_MODELS = {
    "central_agency": CentralAgency,
    "ministry": Ministry,
    "department": Department,
    "office": Office,
    "field_office": FieldOffice,
}


class DirectoryEntryForm(forms.ModelForm):
    organisation = forms.ChoiceField(label=_("หน่วยงานเจ้าของข้อมูล"), choices=())
    website = forms.URLField(
        label=_("เว็บไซต์"),
        required=False,
        assume_scheme="https",
        error_messages={"invalid": _("รูปแบบเว็บไซต์ไม่ถูกต้อง (ขึ้นต้นด้วย https://)")},
    )

    class Meta:
        model = DirectoryEntry
        fields = [
            "unit_name",
            "coordination_role",
            "contact_person",
            "position",
            "phone",
            "email",
            "website",
            "note",
            "order",
        ]
        widgets = {"coordination_role": forms.Textarea(attrs={"rows": 3})}
        error_messages = {
            "unit_name": {"required": _("กรุณากรอกชื่อหน่วยงาน/ส่วนงาน")},
            "email": {"invalid": _("รูปแบบอีเมลไม่ถูกต้อง")},
            "website": {"invalid": _("รูปแบบเว็บไซต์ไม่ถูกต้อง (ขึ้นต้นด้วย https://)")},
        }

    field_order = ["organisation"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].choices = directory_organisation_choices(user)
        if self.instance.pk:
            for name in ORGANISATION_FIELDS:
                if getattr(self.instance, f"{name}_id"):
                    self.initial["organisation"] = f"{name}:{getattr(self.instance, f'{name}_id')}"

    def _post_clean(self):
        # The model's own validation needs the organisation, which the service sets; the service
        # runs full_clean() and its errors come back to this form (views.apply_errors).
        pass

    def organisation_fields(self) -> dict:
        field, _sep, pk = self.cleaned_data["organisation"].partition(":")
        values = dict.fromkeys(ORGANISATION_FIELDS)
        values[field] = ORGANISATION_MODELS[field].objects.get(pk=int(pk))
        return values

    def detail_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in self._meta.fields}


# --- mechanisms
class ResourceTypeForm(forms.ModelForm):
    class Meta:
        model = ResourceType
        fields = ["code", "name_th", "name_en", "description", "source", "order"]
        widgets = {"description": forms.Textarea(attrs={"rows": 2})}
        error_messages = {"code": {"unique": _("มีรหัสนี้อยู่แล้ว"), "invalid": _("รหัสใช้ได้เฉพาะอักษรอังกฤษ ตัวเลข - และ _")}}


class MechanismNodeForm(forms.ModelForm):
    class Meta:
        model = MechanismNode
        fields = ["level", "name", "ministry", "department", "field_office_kind", "description", "order"]
        widgets = {"description": forms.Textarea(attrs={"rows": 2})}


class MechanismLinkForm(forms.Form):
    source = forms.ModelChoiceField(label=_("จาก"), queryset=MechanismNode.objects.none())
    target = forms.ModelChoiceField(label=_("ถึง"), queryset=MechanismNode.objects.none())
    label = forms.CharField(label=_("ความสัมพันธ์"), max_length=200, required=False)

    def __init__(self, *args, resource_type, **kwargs):
        super().__init__(*args, **kwargs)
        nodes = resource_type.nodes.order_by("order", "id")
        self.fields["source"].queryset = nodes
        self.fields["target"].queryset = nodes

    def clean(self):
        data = super().clean()
        if data.get("source") and data.get("source") == data.get("target"):
            raise forms.ValidationError(_("ต้องเชื่อมโยงหน่วยงานสองหน่วยที่ต่างกัน"))
        return data


# --- joint KPIs
class JointKPIForm(forms.ModelForm):
    fiscal_year = be_year_field(_("ปีงบประมาณ (พ.ศ.)"), required=True)
    result_reported_on = BEDateField(label=_("วันที่รายงานผล"), required=False)

    class Meta:
        model = JointKPI
        fields = [
            "fiscal_year",
            "name",
            "ministry",
            "department",
            "offices",
            "target",
            "unit",
            "result",
            "result_reported_on",
            "source",
        ]
        widgets = {"offices": forms.SelectMultiple(attrs={"size": 8})}
        error_messages = {
            "name": {"required": _("กรุณากรอกชื่อตัวชี้วัด")},
            "ministry": {"required": _("กรุณาเลือกกระทรวง")},
            "offices": {"required": _("กรุณาเลือกกลุ่มจังหวัด/จังหวัดอย่างน้อยหนึ่งแห่ง")},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["offices"].queryset = Office.objects.order_by("kind", "name_th")
        self.fields["department"].queryset = Department.objects.select_related("ministry").order_by(
            "ministry__name_th", "name_th"
        )


class RequestKPIResultForm(forms.Form):
    result = forms.CharField(label=_("ผลการดำเนินงาน"), max_length=200, required=False)
