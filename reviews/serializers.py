"""API shapes of the review area (input serializers validate; output serializers describe)."""

from django.utils.translation import gettext as _
from rest_framework import serializers

from portal.scoping import IdField
from proposals.workflow import Opinion
from reviews.models import AgendaDecision, Decision, Programme, ReferralFunding
from reviews.services import BULK_ACTIONS


class QueueItemSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    reference = serializers.CharField()
    title = serializers.CharField()
    status = serializers.CharField()
    status_label = serializers.CharField(source="get_status_display")
    fiscal_year = serializers.IntegerField()
    office = serializers.CharField(source="office.name_th")
    category = serializers.CharField(source="category.name_th", default=None, allow_null=True)
    amount = serializers.DecimalField(max_digits=15, decimal_places=2)
    priority_rank = serializers.IntegerField(allow_null=True)
    plan_size = serializers.IntegerField()
    reviewing_ministry = serializers.CharField(source="reviewing_ministry.name_th", default=None, allow_null=True)
    reviewing_department = serializers.CharField(source="reviewing_department.name_th", default=None, allow_null=True)
    routed_field_office = serializers.CharField(source="routed_field_office.name_th", default=None, allow_null=True)
    open_flags = serializers.IntegerField()
    ruled_flags = serializers.IntegerField()
    review_deadline = serializers.DateField(allow_null=True)
    assignee = serializers.SerializerMethodField()
    programmes = serializers.SerializerMethodField()

    def get_assignee(self, obj) -> str | None:
        assignment = getattr(obj, "review_assignment", None)
        return assignment.assignee.get_username() if assignment else None

    def get_programmes(self, obj) -> list[str]:
        return [item.programme.name for item in obj.programme_items.all()]


class DecisionInputSerializer(serializers.Serializer):
    decision = serializers.ChoiceField(choices=Decision.choices)
    comment = serializers.CharField(required=False, allow_blank=True, default="")
    # R19: with decision "give_opinion": support / conditions / not_support
    opinion = serializers.ChoiceField(choices=Opinion.choices, required=False, allow_blank=True, default="")


class ReviewOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    request_id = serializers.IntegerField()
    decision = serializers.CharField()
    decision_label = serializers.CharField(source="get_decision_display")
    opinion = serializers.CharField()
    comment = serializers.CharField()
    status = serializers.CharField(source="request.status")
    created_at = serializers.DateTimeField()


class AssignInputSerializer(serializers.Serializer):
    assignee_id = IdField()


class BulkInputSerializer(serializers.Serializer):
    action = serializers.ChoiceField(choices=[(a, a) for a in BULK_ACTIONS])
    request_ids = serializers.ListField(child=IdField(), allow_empty=False, max_length=500)
    comment = serializers.CharField(required=False, allow_blank=True, default="")
    assignee_id = IdField(required=False, allow_null=True, default=None)


class EnvelopeSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    ministry = IdField(source="ministry_id")
    ministry_name = serializers.CharField(source="ministry.name_th", read_only=True)
    department = IdField(source="department_id", required=False, allow_null=True, default=None)
    department_name = serializers.CharField(source="department.name_th", read_only=True, default=None, allow_null=True)
    fiscal_year = serializers.IntegerField(min_value=2500, max_value=2700)
    base_budget = serializers.DecimalField(max_digits=16, decimal_places=2, required=False, default=0, min_value=0)
    share_percent = serializers.DecimalField(
        max_digits=5, decimal_places=2, required=False, allow_null=True, default=None, min_value=0, max_value=100
    )
    fixed_amount = serializers.DecimalField(
        max_digits=16, decimal_places=2, required=False, allow_null=True, default=None, min_value=0
    )
    note = serializers.CharField(required=False, allow_blank=True, default="")
    limit = serializers.DecimalField(max_digits=16, decimal_places=2, read_only=True)
    used = serializers.DecimalField(source="used_amount", max_digits=16, decimal_places=2, read_only=True)
    left = serializers.DecimalField(source="left_amount", max_digits=16, decimal_places=2, read_only=True)


class EnvelopeRaiseSerializer(serializers.Serializer):
    base_budget = serializers.DecimalField(
        max_digits=16, decimal_places=2, required=False, allow_null=True, default=None, min_value=0
    )
    share_percent = serializers.DecimalField(
        max_digits=5, decimal_places=2, required=False, allow_null=True, default=None, min_value=0, max_value=100
    )
    fixed_amount = serializers.DecimalField(
        max_digits=16, decimal_places=2, required=False, allow_null=True, default=None, min_value=0
    )
    reason = serializers.CharField()


class _RuleReferencesExist:
    """A framework rule's category, ministry and department ids must name rows."""

    def validate(self, attrs):
        """Ids of no category, ministry or department: a Thai 400 (the model's messages are English)."""
        from ministries.models import Department, Ministry, WorkCategory

        errors = {}
        for name, model in (("category", WorkCategory), ("ministry", Ministry), ("department", Department)):
            if attrs.get(name) is not None and not model.objects.filter(pk=attrs[name]).exists():
                errors[name] = [_("ไม่พบรายการรหัส %(id)s") % {"id": attrs[name]}]
        if errors:
            raise serializers.ValidationError(errors)
        return attrs


class RuleSerializer(_RuleReferencesExist, serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    category = serializers.IntegerField(source="category_id")
    category_name = serializers.CharField(source="category.name_th", read_only=True)
    ministry = serializers.IntegerField(source="ministry_id")
    ministry_name = serializers.CharField(source="ministry.name_th", read_only=True)
    department = serializers.IntegerField(source="department_id", allow_null=True, required=False, default=None)
    department_name = serializers.CharField(source="department.name_th", read_only=True, default=None, allow_null=True)
    year_from = serializers.IntegerField(read_only=True)
    year_to = serializers.IntegerField(read_only=True, allow_null=True)
    province_may_fund = serializers.BooleanField(required=False, default=False)
    note = serializers.CharField(required=False, allow_blank=True, default="", max_length=500)


class RuleSetSerializer(_RuleReferencesExist, serializers.Serializer):
    category = IdField()
    ministry = IdField()
    fiscal_year = serializers.IntegerField(min_value=2500, max_value=2700)
    owned = serializers.BooleanField(default=True)
    department = IdField(required=False, allow_null=True, default=None)
    province_may_fund = serializers.BooleanField(required=False, default=False)
    note = serializers.CharField(required=False, allow_blank=True, default="", max_length=500)


class ProgrammeSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    name = serializers.CharField(max_length=300)
    kind = serializers.ChoiceField(choices=Programme.Kind.choices, default=Programme.Kind.PROGRAMME)
    fiscal_year = serializers.IntegerField(min_value=2500, max_value=2700)
    description = serializers.CharField(required=False, allow_blank=True, default="")
    item_count = serializers.IntegerField(read_only=True, default=0)


class RequestIdSerializer(serializers.Serializer):
    request_id = IdField()


class AgendaSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    committee = IdField(source="committee_id")
    meeting = IdField(source="meeting_id", required=False, allow_null=True, default=None)
    fiscal_year = serializers.IntegerField(min_value=2500, max_value=2700)
    title = serializers.CharField(max_length=300)
    status = serializers.CharField(read_only=True)
    item_count = serializers.IntegerField(read_only=True, default=0)


class AgendaItemSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    order = serializers.IntegerField()
    request_id = serializers.IntegerField()
    reference = serializers.CharField(source="request.reference")
    title = serializers.CharField(source="request.title")
    office = serializers.CharField(source="request.office.name_th")
    cluster = serializers.CharField(source="cluster_name", default=None, allow_null=True)
    ministry = serializers.CharField(source="request.reviewing_ministry.name_th", default=None, allow_null=True)
    amount = serializers.DecimalField(source="request.amount", max_digits=15, decimal_places=2)
    status = serializers.CharField(source="request.status")
    decision = serializers.CharField()
    approved_amount = serializers.DecimalField(max_digits=15, decimal_places=2, allow_null=True)
    note = serializers.CharField()
    # R19: the ministry's opinion and a referral's answer, as the agenda page shows them
    opinion = serializers.CharField(source="opinion_kind", default=None, allow_null=True)
    opinion_text = serializers.CharField(default=None, allow_null=True)
    referral_funding = serializers.CharField(default=None, allow_null=True)
    referral_amount = serializers.DecimalField(max_digits=15, decimal_places=2, default=None, allow_null=True)


class AgendaDecisionInputSerializer(serializers.Serializer):
    decision = serializers.ChoiceField(choices=AgendaDecision.choices)
    approved_amount = serializers.DecimalField(
        max_digits=15, decimal_places=2, required=False, allow_null=True, default=None
    )
    note = serializers.CharField(required=False, allow_blank=True, default="")
    # R19: with decision "referred", the ministry (and optionally its department) to refer to
    referred_ministry_id = IdField(required=False, allow_null=True, default=None)
    referred_department_id = IdField(required=False, allow_null=True, default=None)


class ReferralAnswerInputSerializer(serializers.Serializer):
    """R19: how the referred ministry or department will fund the request."""

    funding = serializers.ChoiceField(choices=ReferralFunding.choices)
    amount = serializers.DecimalField(max_digits=15, decimal_places=2, required=False, allow_null=True, default=None)
    answer = serializers.CharField(required=False, allow_blank=True, default="", max_length=2000)


class ReferralSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    request_id = serializers.IntegerField()
    ministry = serializers.CharField(source="ministry.name_th")
    department = serializers.CharField(source="department.name_th", default=None, allow_null=True)
    note = serializers.CharField()
    referred_at = serializers.DateTimeField()
    funding = serializers.CharField()
    funding_label = serializers.CharField(source="get_funding_display")
    amount = serializers.DecimalField(max_digits=15, decimal_places=2, allow_null=True)
    envelope_id = serializers.IntegerField(allow_null=True)
    answer = serializers.CharField()
    answered_at = serializers.DateTimeField(allow_null=True)
