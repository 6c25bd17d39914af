"""Named people used across the tests (STYLE habit 9), built once and rebuilt if a
transactional test emptied the tables.

- planner_a: province planner of ขอนแก่น (cluster ภาคตะวันออกเฉียงเหนือตอนกลาง)
- planner_a2: province planner of กาฬสินธุ์ (same cluster as A)
- planner_b: province planner of อุดรธานี (another cluster): the "other province"
- cluster_officer: officer of ภาคตะวันออกเฉียงเหนือตอนกลาง
- cluster_officer_b: officer of ภาคตะวันออกเฉียงเหนือตอนบน 1 (planner_b's cluster)
- reviewer_x: reviewer of กระทรวงทรัพยากรธรรมชาติและสิ่งแวดล้อม (ทส.)
- reviewer_y: reviewer of กระทรวงคมนาคม (คค.): the "other ministry"
- reviewer_dept: planning unit of กรมทางหลวง (คค.)
- field_a: ทสจ.ขอนแก่น reviewer, also a planner of ขอนแก่น (R9's two roles)
- field_b: ทสจ.อุดรธานี reviewer
- central: central team member (สศช.)
- admin: administrator
- outsider: signed in, no membership
"""

from dataclasses import dataclass

from django.contrib.auth import get_user_model

from clusters.models import Office, Province, StrategicIssue
from ministries.models import CentralAgency, Department, FieldOffice, Ministry, MinistryStrategy
from portal.models import FiscalYear, Membership, Role
from portal.reference_load import reference_load

YEAR = 2554
PROVINCE_A, PROVINCE_A2, PROVINCE_B = "ขอนแก่น", "กาฬสินธุ์", "อุดรธานี"
CLUSTER_A = "กลุ่มจังหวัดภาคตะวันออกเฉียงเหนือตอนกลาง"
CLUSTER_B = "กลุ่มจังหวัดภาคตะวันออกเฉียงเหนือตอนบน 1"


@dataclass
class Personas:
    planner_a: object
    planner_a2: object
    planner_b: object
    cluster_officer: object
    cluster_officer_b: object
    reviewer_x: object
    reviewer_y: object
    reviewer_dept: object
    field_a: object
    field_b: object
    central: object
    admin: object
    outsider: object
    office_a: Office
    office_a2: Office
    office_b: Office
    cluster_office_a: Office
    cluster_office_b: Office
    ministry_x: Ministry
    ministry_y: Ministry
    issue_a: StrategicIssue
    issue_b: StrategicIssue
    issue_cluster_a: StrategicIssue
    strategy_x: MinistryStrategy
    strategy_y: MinistryStrategy


def _user(username, role=None, **organisation):
    user, _ = get_user_model().objects.get_or_create(username=username, defaults={"email": f"{username}@example.go.th"})
    if role:
        Membership.objects.get_or_create(user=user, role=role, **organisation)
    return user


def build_personas() -> Personas:
    if not Province.objects.exists():
        reference_load()
    FiscalYear.objects.get_or_create(year=YEAR, defaults={"is_current": True})
    office = lambda name: Office.objects.get(kind="province", province__name_th=name)  # noqa: E731
    cluster_office = lambda name: Office.objects.get(kind="cluster", cluster__name_th=name)  # noqa: E731
    office_a, office_a2, office_b = office(PROVINCE_A), office(PROVINCE_A2), office(PROVINCE_B)
    cluster_a, cluster_b = cluster_office(CLUSTER_A), cluster_office(CLUSTER_B)
    mnre, mot = Ministry.objects.get(code="mnre"), Ministry.objects.get(code="mot")
    field_a_office = FieldOffice.objects.get(kind__code="tsj", province__name_th=PROVINCE_A)
    field_b_office = FieldOffice.objects.get(kind__code="tsj", province__name_th=PROVINCE_B)
    field_a = _user("field_a", Role.FIELD_OFFICE_REVIEWER, field_office=field_a_office)
    Membership.objects.get_or_create(user=field_a, role=Role.PROVINCE_PLANNER, office=office_a)
    admin = _user("admin_p", Role.ADMINISTRATOR)
    if not admin.is_superuser:
        admin.is_superuser = admin.is_staff = True
        admin.save()

    def issue(o, title):
        return StrategicIssue.objects.get_or_create(
            office=o, period_start=2553, number=1, defaults={"period_end": 2556, "title": title}
        )[0]

    def strategy(m, title):
        return MinistryStrategy.objects.get_or_create(
            ministry=m, period_start=2553, number=1, defaults={"period_end": 2556, "title": title}
        )[0]

    return Personas(
        planner_a=_user("planner_a", Role.PROVINCE_PLANNER, office=office_a),
        planner_a2=_user("planner_a2", Role.PROVINCE_PLANNER, office=office_a2),
        planner_b=_user("planner_b", Role.PROVINCE_PLANNER, office=office_b),
        cluster_officer=_user("cluster_officer", Role.CLUSTER_OFFICER, office=cluster_a),
        cluster_officer_b=_user("cluster_officer_b", Role.CLUSTER_OFFICER, office=cluster_b),
        reviewer_x=_user("reviewer_x", Role.MINISTRY_REVIEWER, ministry=mnre),
        reviewer_y=_user("reviewer_y", Role.MINISTRY_REVIEWER, ministry=mot),
        reviewer_dept=_user(
            "reviewer_dept", Role.MINISTRY_REVIEWER, ministry=mot, department=Department.objects.get(code="doh")
        ),
        field_a=field_a,
        field_b=_user("field_b", Role.FIELD_OFFICE_REVIEWER, field_office=field_b_office),
        central=_user("central", Role.CENTRAL_TEAM, central_agency=CentralAgency.objects.get(code="nesdb")),
        admin=admin,
        outsider=_user("outsider"),
        office_a=office_a,
        office_a2=office_a2,
        office_b=office_b,
        cluster_office_a=cluster_a,
        cluster_office_b=cluster_b,
        ministry_x=mnre,
        ministry_y=mot,
        issue_a=issue(office_a, "อนุรักษ์ฟื้นฟูทรัพยากรธรรมชาติ"),
        issue_b=issue(office_b, "บริหารจัดการน้ำและป้องกันน้ำท่วม"),
        issue_cluster_a=issue(cluster_a, "บริหารจัดการทรัพยากรน้ำลุ่มน้ำชี"),
        strategy_x=strategy(mnre, "บริหารจัดการทรัพยากรน้ำแบบบูรณาการ"),
        strategy_y=strategy(mot, "พัฒนาโครงข่ายทางหลวงเชื่อมโยงภูมิภาค"),
    )
