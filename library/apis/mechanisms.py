"""Coordination mechanism endpoints (R10)."""

from django.core.exceptions import ValidationError
from drf_spectacular.utils import extend_schema
from rest_framework import permissions, serializers, status
from rest_framework.response import Response
from rest_framework.views import APIView

from library import selectors, services
from library.apis.common import PublicApi, _validation
from library.models import MechanismNode, NodeLevel, ResourceType
from ministries.models import Department, FieldOfficeKind, Ministry
from portal.exceptions import ApplicationError
from portal.scoping import IdField, ScopedPrimaryKeyRelatedField


class NodeOutput(serializers.ModelSerializer):
    level = serializers.CharField(help_text=", ".join(f"{v} ({l})" for v, l in NodeLevel.choices))

    class Meta:
        model = MechanismNode
        fields = ["id", "level", "name", "ministry", "department", "field_office_kind", "description", "order"]


class ResourceTypeOutput(serializers.ModelSerializer):
    nodes = NodeOutput(many=True)
    links = serializers.SerializerMethodField()

    class Meta:
        model = ResourceType
        fields = ["code", "name_th", "name_en", "description", "source", "order", "nodes", "links"]

    def get_links(self, resource_type) -> list[dict]:
        return [
            {"id": link.pk, "source": link.source_id, "target": link.target_id, "label": link.label}
            for link in resource_type.links.all()
        ]


class ResourceTypeListApi(PublicApi):
    class InputSerializer(serializers.Serializer):
        class Meta:
            ref_name = "ResourceTypeInput"

        code = serializers.SlugField(max_length=40)
        name_th = serializers.CharField(max_length=200)
        name_en = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
        description = serializers.CharField(required=False, allow_blank=True, default="")
        source = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")
        order = serializers.IntegerField(required=False, default=0, min_value=0, max_value=32767)

    @extend_schema(responses=ResourceTypeOutput(many=True))
    def get(self, request):
        return Response(
            ResourceTypeOutput(selectors.resource_type_list().prefetch_related("nodes", "links"), many=True).data
        )

    @extend_schema(request=InputSerializer, responses=ResourceTypeOutput)
    def post(self, request):
        data = self.InputSerializer(data=request.data, context={"request": request})
        data.is_valid(raise_exception=True)
        try:
            resource_type = services.resource_type_create(user=request.user, **data.validated_data)
        except ValidationError as exc:
            raise _validation(exc) from None
        return Response(ResourceTypeOutput(resource_type).data, status=status.HTTP_201_CREATED)


class ResourceTypeDetailApi(PublicApi):
    @extend_schema(responses=ResourceTypeOutput)
    def get(self, request, code):
        return Response(ResourceTypeOutput(selectors.resource_type_get(code=code)).data)


class MechanismNodeCreateApi(APIView):
    permission_classes = [permissions.IsAuthenticated]

    class InputSerializer(serializers.Serializer):
        class Meta:
            ref_name = "MechanismNodeInput"

        # a plain string checked against the choices (see documents.DocumentInput.kind)
        level = serializers.CharField(max_length=30, help_text=", ".join(f"{v} ({l})" for v, l in NodeLevel.choices))

        def validate_level(self, value):
            if value not in NodeLevel.values:
                raise serializers.ValidationError("ระดับไม่ถูกต้อง")
            return value

        name = serializers.CharField(max_length=200)
        ministry = ScopedPrimaryKeyRelatedField(queryset=Ministry.objects.all(), required=False, allow_null=True)
        department = ScopedPrimaryKeyRelatedField(queryset=Department.objects.all(), required=False, allow_null=True)
        field_office_kind = ScopedPrimaryKeyRelatedField(
            queryset=FieldOfficeKind.objects.all(), required=False, allow_null=True
        )
        description = serializers.CharField(required=False, allow_blank=True, default="")
        order = serializers.IntegerField(required=False, default=0, min_value=0, max_value=32767)

    @extend_schema(request=InputSerializer, responses=NodeOutput)
    def post(self, request, code):
        resource_type = selectors.resource_type_get(code=code)
        data = self.InputSerializer(data=request.data, context={"request": request})
        data.is_valid(raise_exception=True)
        try:
            node = services.mechanism_node_create(user=request.user, resource_type=resource_type, **data.validated_data)
        except ValidationError as exc:
            raise _validation(exc) from None
        return Response(NodeOutput(node).data, status=status.HTTP_201_CREATED)


class MechanismLinkCreateApi(APIView):
    permission_classes = [permissions.IsAuthenticated]

    class InputSerializer(serializers.Serializer):
        class Meta:
            ref_name = "MechanismLinkInput"

        source = IdField()
        target = IdField()
        label = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")

    @extend_schema(request=InputSerializer, responses=None)
    def post(self, request, code):
        resource_type = selectors.resource_type_get(code=code)
        data = self.InputSerializer(data=request.data, context={"request": request})
        data.is_valid(raise_exception=True)
        nodes = {
            n.pk: n
            for n in resource_type.nodes.filter(pk__in=[data.validated_data["source"], data.validated_data["target"]])
        }
        source, target = nodes.get(data.validated_data["source"]), nodes.get(data.validated_data["target"])
        if source is None or target is None:
            raise ApplicationError("ไม่พบหน่วยในกลไกด้านนี้")
        try:
            link = services.mechanism_link_create(
                user=request.user,
                resource_type=resource_type,
                source=source,
                target=target,
                label=data.validated_data["label"],
            )
        except ValidationError as exc:
            raise _validation(exc) from None
        return Response(
            {"id": link.pk, "source": source.pk, "target": target.pk, "label": link.label},
            status=status.HTTP_201_CREATED,
        )
