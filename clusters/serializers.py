from rest_framework import serializers

from clusters.models import Cluster, Office, Province, Region, StrategicIssue


class RegionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Region
        fields = ["id", "code", "name_th", "name_en"]


class ProvinceSerializer(serializers.ModelSerializer):
    region = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = Province
        fields = ["id", "name_th", "name_en", "region", "valid_from", "valid_to"]


class ClusterSerializer(serializers.ModelSerializer):
    region = serializers.SlugRelatedField(slug_field="code", read_only=True)
    province_ids = serializers.SerializerMethodField()

    class Meta:
        model = Cluster
        fields = ["id", "name_th", "name_en", "region", "arrangement", "valid_from", "valid_to", "province_ids"]

    def get_province_ids(self, cluster) -> list[int]:
        year = self.context.get("fiscal_year")
        return sorted(m.province_id for m in cluster.memberships.all() if year is None or m.is_valid_in(year))


class OfficeSerializer(serializers.ModelSerializer):
    class Meta:
        model = Office
        fields = ["id", "kind", "name_th", "name_en", "province", "cluster", "phone", "email", "valid_from", "valid_to"]


class StrategicIssueSerializer(serializers.ModelSerializer):
    class Meta:
        model = StrategicIssue
        fields = ["id", "office", "period_start", "period_end", "number", "title", "goal", "target_industry"]
