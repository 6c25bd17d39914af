"""API shapes of plans and requests: output serializers read, input serializers only parse
(the services write)."""

from decimal import Decimal

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from clusters.models import Office, Province, StrategicIssue
from ministries.models import Department, FieldOffice, Ministry, MinistryOutput, MinistryStrategy, WorkCategory
from portal.scoping import ACTING_FOR, IdField, ScopedPrimaryKeyRelatedField
from portal.text import validate_title
from proposals.models import ActionPlan, FundingChannel, OwnerKind, ProjectRequest, RequestStakeholder, Severity


class PlanOutputSerializer(serializers.ModelSerializer):
    office_name = serializers.CharField(source="office.name_th", read_only=True)
    strategic_issue_ids = serializers.PrimaryKeyRelatedField(source="strategic_issues", many=True, read_only=True)
    status = serializers.CharField(read_only=True, help_text=", ".join(ActionPlan.PlanStatus.values))

    class Meta:
        model = ActionPlan
        fields = [
            "id",
            "office",
            "office_name",
            "fiscal_year",
            "title",
            "vision",
            "status",
            "version",
            "strategic_issue_ids",
            "created_at",
            "updated_at",
        ]


class PlanInputSerializer(serializers.Serializer):
    office = ScopedPrimaryKeyRelatedField(queryset=Office.objects.all(), scope_kind=ACTING_FOR, label=_("สำนักงาน"))
    fiscal_year = serializers.IntegerField(min_value=2500, max_value=2700, label=_("ปีงบประมาณ (พ.ศ.)"))
    title = serializers.CharField(max_length=300, label=_("ชื่อแผน"), validators=[validate_title])
    vision = serializers.CharField(required=False, allow_blank=True, default="")
    strategic_issues = ScopedPrimaryKeyRelatedField(
        queryset=StrategicIssue.objects.all(), many=True, required=False, default=list
    )


class RankInputSerializer(serializers.Serializer):
    order = serializers.ListField(child=IdField(), allow_empty=False, label=_("เลขคำขอเรียงตามลำดับความสำคัญ"))


class LocationSerializer(serializers.Serializer):
    """A place by gazetteer codes (DOPA): amphoe_code 4 digits, tambon_code 6. Names alone are
    accepted when they match the gazetteer; the answer always carries both codes and names."""

    province = ScopedPrimaryKeyRelatedField(queryset=Province.objects.all())
    province_name = serializers.CharField(source="province.name_th", read_only=True)
    province_code = serializers.CharField(source="province.code", read_only=True)
    amphoe_code = serializers.RegexField(
        r"^\d{4}$", source="district_id", required=False, allow_blank=True, allow_null=True, default=None
    )
    amphoe = serializers.CharField(required=False, allow_blank=True, default="", max_length=100)
    tambon_code = serializers.RegexField(
        r"^\d{6}$", source="subdistrict_id", required=False, allow_blank=True, allow_null=True, default=None
    )
    tambon = serializers.CharField(required=False, allow_blank=True, default="", max_length=100)
    village_no = serializers.IntegerField(required=False, allow_null=True, default=None, min_value=1, max_value=99)


class KPISerializer(serializers.Serializer):
    name = serializers.CharField(max_length=300)
    target = serializers.CharField(required=False, allow_blank=True, default="", max_length=100)
    unit = serializers.CharField(required=False, allow_blank=True, default="", max_length=50)
    is_joint = serializers.BooleanField(required=False, default=False)
    joint_ministry = ScopedPrimaryKeyRelatedField(
        queryset=Ministry.objects.all(), required=False, allow_null=True, default=None
    )


class StakeholderSerializer(serializers.Serializer):
    # a plain string checked against the choices: "kind" enums of other areas would collide in the schema
    kind = serializers.CharField(max_length=30, help_text=", ".join(RequestStakeholder.Kind.values))
    name = serializers.CharField(max_length=300)
    role = serializers.CharField(required=False, allow_blank=True, default="", max_length=300)

    def validate_kind(self, value):
        if value not in RequestStakeholder.Kind.values:
            raise serializers.ValidationError(
                _("ประเภทผู้มีส่วนร่วมต้องเป็นหนึ่งใน %(v)s") % {"v": ", ".join(RequestStakeholder.Kind.values)}
            )
        return value


class YearAmountSerializer(serializers.Serializer):
    fiscal_year = serializers.IntegerField(min_value=2500, max_value=2700)
    amount = serializers.DecimalField(max_digits=15, decimal_places=2, min_value=Decimal("0.01"))


class RequestOutputSerializer(serializers.ModelSerializer):
    office_name = serializers.CharField(source="office.name_th", read_only=True)
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    status = serializers.CharField(read_only=True, help_text="ดู proposals.workflow.Status")
    amount = serializers.DecimalField(max_digits=15, decimal_places=2, read_only=True)
    locations = LocationSerializer(many=True, read_only=True)
    owner_label = serializers.CharField(source="owner_agency", read_only=True)  # R18
    is_cross_cutting = serializers.SerializerMethodField(help_text="R20: หลายกระทรวง/หลายพื้นที่")

    class Meta:
        model = ProjectRequest
        fields = [
            "id",
            "reference",
            "plan",
            "office",
            "office_name",
            "fiscal_year",
            "title",
            "priority_rank",
            "category",
            "funding_channel",
            "reviewing_ministry",
            "reviewing_department",
            "routed_field_office",
            "owner_kind",
            "owner_field_office",
            "owner_department",
            "owner_label",
            "amount",
            "status",
            "status_label",
            "revision",
            "merged_into",
            "locations",
            "submitted_at",
            "updated_at",
            "is_cross_cutting",
        ]

    def get_is_cross_cutting(self, obj) -> bool:
        # the list annotates it; a single request is asked directly
        if hasattr(obj, "is_cross_cutting"):
            return bool(obj.is_cross_cutting)
        from proposals.models.joint import cross_cutting_q

        return ProjectRequest.objects.filter(pk=obj.pk).filter(cross_cutting_q()).exists()


class RequestDetailOutputSerializer(RequestOutputSerializer):
    kpis = KPISerializer(many=True, read_only=True)
    stakeholders = StakeholderSerializer(many=True, read_only=True)
    year_amounts = YearAmountSerializer(many=True, read_only=True)
    merged_sources = serializers.PrimaryKeyRelatedField(many=True, read_only=True)
    ministry_output_name = serializers.CharField(source="ministry_output.name", default=None, read_only=True)  # R21
    joint = serializers.SerializerMethodField(help_text="R20: กระทรวงหลัก กระทรวงร่วมและสัดส่วน จังหวัดเพิ่มเติม ผู้ประสานงาน")

    def get_joint(self, obj) -> dict:
        from proposals.selectors.joint import joint_payload

        return joint_payload(obj)

    class Meta(RequestOutputSerializer.Meta):
        fields = RequestOutputSerializer.Meta.fields + [
            "description",
            "objectives",
            "problem",
            "evidence",
            "severity",
            "strategic_issue",
            "ministry_strategy",
            "target_ministry",
            "target_department",
            "ministry_output",
            "ministry_output_name",
            "is_critical_need",
            "damage_justification",
            "framework_justification",
            "kpis",
            "stakeholders",
            "year_amounts",
            "merged_sources",
            "joint",
        ]


class RequestInputSerializer(serializers.Serializer):
    """Content of a draft: the same fields as the form. `revision` is required on update."""

    plan = ScopedPrimaryKeyRelatedField(queryset=ActionPlan.objects.all(), required=False)
    revision = serializers.IntegerField(required=False, min_value=1)
    title = serializers.CharField(max_length=500, validators=[validate_title])
    description = serializers.CharField(required=False, allow_blank=True)
    objectives = serializers.CharField(required=False, allow_blank=True)
    problem = serializers.CharField(required=False, allow_blank=True)
    evidence = serializers.CharField(required=False, allow_blank=True)
    severity = serializers.ChoiceField(choices=Severity.choices, required=False, allow_blank=True)
    category = ScopedPrimaryKeyRelatedField(queryset=WorkCategory.objects.all(), required=False, allow_null=True)
    strategic_issue = ScopedPrimaryKeyRelatedField(
        queryset=StrategicIssue.objects.all(), required=False, allow_null=True
    )
    ministry_strategy = ScopedPrimaryKeyRelatedField(
        queryset=MinistryStrategy.objects.all(), required=False, allow_null=True
    )
    funding_channel = serializers.ChoiceField(choices=FundingChannel.choices, required=False)
    target_ministry = ScopedPrimaryKeyRelatedField(queryset=Ministry.objects.all(), required=False, allow_null=True)
    target_department = ScopedPrimaryKeyRelatedField(queryset=Department.objects.all(), required=False, allow_null=True)
    amount = serializers.DecimalField(max_digits=15, decimal_places=2)
    # R18: the owning agency; R21: the supporting ministry's output/project of the year
    owner_kind = serializers.ChoiceField(choices=OwnerKind.choices, required=False)
    owner_field_office = ScopedPrimaryKeyRelatedField(
        queryset=FieldOffice.objects.all(), required=False, allow_null=True
    )
    owner_department = ScopedPrimaryKeyRelatedField(queryset=Department.objects.all(), required=False, allow_null=True)
    ministry_output = ScopedPrimaryKeyRelatedField(
        queryset=MinistryOutput.objects.all(), required=False, allow_null=True
    )
    is_critical_need = serializers.BooleanField(required=False)
    damage_justification = serializers.CharField(required=False, allow_blank=True)
    framework_justification = serializers.CharField(required=False, allow_blank=True)
    locations = LocationSerializer(many=True, required=False)
    kpis = KPISerializer(many=True, required=False)
    stakeholders = StakeholderSerializer(many=True, required=False)
    year_amounts = YearAmountSerializer(many=True, required=False)

    def validate_amount(self, value):
        if value <= 0:
            raise serializers.ValidationError(_("วงเงินต้องมากกว่า 0 บาท"))
        return value


class TransitionInputSerializer(serializers.Serializer):
    action = serializers.CharField(max_length=50)
    comment = serializers.CharField(required=False, allow_blank=True, default="")


class RequestEventSerializer(serializers.Serializer):
    """One line of a request's history, with the capacity it was taken in (R9)."""

    id = serializers.IntegerField()
    created_at = serializers.DateTimeField()
    actor = serializers.CharField(source="actor.username", default=None, allow_null=True)
    capacity = serializers.CharField()
    capacity_label = serializers.CharField()
    action = serializers.CharField()
    action_label = serializers.CharField()
    from_status = serializers.CharField()
    to_status = serializers.CharField()
    comment = serializers.CharField()
    payload = serializers.JSONField()
