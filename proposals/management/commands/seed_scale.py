"""National-scale test data: one fiscal year, every province × N requests, bulk-inserted.

    python manage.py seed_scale                       # 2599, 77 provinces x 300 requests
    python manage.py seed_scale --fiscal-year 2598 --per-province 50 --provinces 10

For benchmarks and load tests on a throw-away database (bench/pages.py makes one). The year
gets its own cluster arrangement (a copy of the 2552 one, valid that year only), a strategic
issue per office, a plan per province and cluster office, and a bench user per role:
scale_planner (first province), scale_cluster (its cluster), scale_central. Re-running skips
provinces whose plan already has requests.
"""

import time
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction

from clusters.models import Amphoe, Cluster, ClusterMembership, Office, Province, StrategicIssue
from ministries.models import CentralAgency, Ministry, MinistryStrategy, WorkCategory
from portal.dbstats import analyze
from portal.models import FiscalYear, Membership, Role
from portal.reference_load import reference_load
from proposals.models import ActionPlan, ProjectRequest, RequestLocation
from proposals.models.requests import Severity
from proposals.workflow import Status

STATUS_CYCLE = (
    Status.DRAFT,
    Status.SUBMITTED,
    Status.MINISTRY_REVIEW,
    Status.MINISTRY_REVIEW,
    Status.ENDORSED,
    Status.FIELD_REVIEW,
    Status.RETURNED,
    Status.APPROVED,
    Status.SCREENING,
    Status.REJECTED,
)
SEVERITIES = (Severity.MEDIUM, Severity.HIGH, Severity.LOW, Severity.CRITICAL)
WORDS = (
    "ขุดลอกหนองน้ำ",
    "ก่อสร้างฝายชะลอน้ำ",
    "ปรับปรุงถนนลาดยาง",
    "พัฒนาแหล่งท่องเที่ยว",
    "ส่งเสริมวิสาหกิจชุมชน",
    "ป้องกันตลิ่งริมแม่น้ำ",
    "ปลูกป่าชุมชน",
    "พัฒนาระบบประปาหมู่บ้าน",
    "ส่งเสริมการเกษตรปลอดภัย",
    "ฝึกอบรม SMEs",
)


class Command(BaseCommand):
    help = "สร้างข้อมูลทดสอบระดับประเทศ: 77 จังหวัด x 300 คำขอ (bulk insert)"

    def add_arguments(self, parser):
        parser.add_argument("--fiscal-year", type=int, default=2599)
        parser.add_argument("--per-province", type=int, default=300)
        parser.add_argument("--provinces", type=int, default=77, help="how many provinces (alphabetical) to fill")

    def handle(self, *args, fiscal_year, per_province, provinces, **options):
        started = time.monotonic()
        if not Province.objects.exists():
            reference_load()
        FiscalYear.objects.get_or_create(year=fiscal_year, defaults={"note": "ข้อมูลทดสอบระดับประเทศ (seed_scale)"})
        with transaction.atomic():
            self._clusters(fiscal_year)
            offices = list(
                Office.objects.provinces()
                .for_fiscal_year(fiscal_year)
                .select_related("province")
                .order_by("province__name_th")[:provinces]
            )
            strategies = self._strategies(fiscal_year)
            issues = self._issues(fiscal_year, offices + list(Office.objects.clusters().for_fiscal_year(fiscal_year)))
            plans = self._plans(fiscal_year, offices)
            self._users(fiscal_year, offices[0])
        categories = list(WorkCategory.objects.values_list("pk", flat=True))
        # real gazetteer districts, so a seeded draft saves through the request form (bench/load)
        districts: dict[int, list] = {}
        for district in Amphoe.objects.order_by("code"):
            districts.setdefault(district.province_id, []).append(district)
        made = 0
        for office in offices:
            plan = plans[office.pk]
            if ProjectRequest.objects.filter(plan=plan).exists():
                continue
            with transaction.atomic():
                rows = []
                for i in range(per_province):
                    status = STATUS_CYCLE[i % len(STATUS_CYCLE)]
                    strategy = strategies[i % len(strategies)]
                    rows.append(
                        ProjectRequest(
                            plan=plan,
                            office=office,
                            office_sort_name=office.name_th,  # bulk_create bypasses save() (issue 15)
                            fiscal_year=fiscal_year,
                            reference=f"S{fiscal_year}-{office.pk:03d}-{i + 1:04d}",
                            title=f"{WORDS[i % len(WORDS)]} {office.province.name_th} ระยะที่ {i + 1}",
                            problem="ข้อมูลทดสอบ",
                            # complete enough to submit: the load bench's planners submit drafts
                            evidence="สถิติของจังหวัด (ข้อมูลทดสอบ)",
                            severity=SEVERITIES[i % len(SEVERITIES)],
                            category_id=categories[i % len(categories)],
                            strategic_issue_id=issues[office.pk],
                            ministry_strategy=strategy,
                            reviewing_ministry_id=None if status == Status.DRAFT else strategy.ministry_id,
                            amount=Decimal(100_000 + (i * 7919) % 9_900_000),
                            priority_rank=i + 1,
                            status=status,
                        )
                    )
                created = ProjectRequest.objects.bulk_create(rows, batch_size=1000)
                places = districts.get(office.province_id) or [None]
                RequestLocation.objects.bulk_create(
                    [
                        RequestLocation(
                            request=r,
                            province_id=office.province_id,
                            district=places[r.priority_rank % len(places)],
                            amphoe=getattr(places[r.priority_rank % len(places)], "name_th", ""),
                        )
                        for r in created
                    ],
                    batch_size=2000,
                )
                made += len(created)
        analyze()  # issue 15: fresh statistics for the planner after the bulk insert
        self.stdout.write(
            f"seed_scale {fiscal_year}: {len(offices)} provinces, {made} new requests in {time.monotonic() - started:.1f}s"
        )

    def _clusters(self, year):
        """A cluster arrangement valid in `year`: the registry's if it reaches that far, else a copy."""
        if ClusterMembership.objects.for_fiscal_year(year).exists():
            return
        source_year = ClusterMembership.objects.order_by("-valid_from").values_list("valid_from", flat=True).first()
        for cluster in Cluster.objects.filter(memberships__valid_from__lte=source_year).distinct():
            copy, created = Cluster.objects.get_or_create(
                name_th=f"{cluster.name_th} (ชุดทดสอบ {year})",
                valid_from=year,
                defaults={"valid_to": year, "region": cluster.region, "name_en": cluster.name_en},
            )
            if created:
                Office.objects.create(
                    kind=Office.Kind.CLUSTER,
                    cluster=copy,
                    name_th=f"สำนักงาน{copy.name_th}",
                    valid_from=year,
                    valid_to=year,
                )
                province_ids = {m.province_id for m in cluster.memberships.all()}
                ClusterMembership.objects.bulk_create(
                    [
                        ClusterMembership(cluster=copy, province_id=pid, valid_from=year, valid_to=year)
                        for pid in province_ids
                    ]
                )

    def _strategies(self, year):
        made = []
        for code, title in (
            ("mnre", "บริหารจัดการทรัพยากรน้ำ (ทดสอบ)"),
            ("mot", "โครงข่ายคมนาคม (ทดสอบ)"),
            ("moac", "เกษตรปลอดภัย (ทดสอบ)"),
        ):
            ministry = Ministry.objects.filter(code=code).first()
            if ministry:
                made.append(
                    MinistryStrategy.objects.get_or_create(
                        ministry=ministry, period_start=year, number=90, defaults={"period_end": year, "title": title}
                    )[0]
                )
        return made

    def _issues(self, year, offices):
        existing = dict(StrategicIssue.objects.filter(period_start=year, number=90).values_list("office_id", "pk"))
        StrategicIssue.objects.bulk_create(
            [
                StrategicIssue(office=o, period_start=year, period_end=year, number=90, title="ประเด็นยุทธศาสตร์ทดสอบ")
                for o in offices
                if o.pk not in existing
            ]
        )
        return dict(StrategicIssue.objects.filter(period_start=year, number=90).values_list("office_id", "pk"))

    def _plans(self, year, offices):
        existing = set(ActionPlan.objects.filter(fiscal_year=year).values_list("office_id", flat=True))
        ActionPlan.objects.bulk_create(
            [
                ActionPlan(office=o, fiscal_year=year, title=f"แผนปฏิบัติราชการ {o.name_th} พ.ศ. {year} (ทดสอบ)")
                for o in offices
                if o.pk not in existing
            ]
        )
        return {p.office_id: p for p in ActionPlan.objects.filter(fiscal_year=year)}

    def _users(self, year, first_office):
        User = get_user_model()
        cluster_office = (
            Office.objects.clusters()
            .for_fiscal_year(year)
            .filter(cluster__memberships__province_id=first_office.province_id)
            .first()
        )
        for username, role, organisation in (
            ("scale_planner", Role.PROVINCE_PLANNER, {"office": first_office}),
            ("scale_cluster", Role.CLUSTER_OFFICER, {"office": cluster_office}),
            ("scale_central", Role.CENTRAL_TEAM, {"central_agency": CentralAgency.objects.order_by("code").first()}),
        ):
            user, _ = User.objects.get_or_create(username=username)
            Membership.objects.get_or_create(user=user, role=role, **organisation)
