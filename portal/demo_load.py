"""Demo data for `make run`: fiscal year 2554, its calendar, people in every role, strategies.

The demo calendar is laid around today's date (submission open now, later phases after it) so a
newcomer can walk every step in the browser; a real year's calendar is set by the central team.
Idempotent: re-running updates the same rows and resets the demo passwords.
"""

import datetime

from django.contrib.auth import get_user_model
from django.db import transaction

from clusters.models import Office, StrategicIssue
from ministries.models import CentralAgency, Department, FieldOffice, Ministry, MinistryStrategy, StrategicGoal
from portal.models import Committee, CommitteeMeeting, FiscalYear, Membership, Role
from proposals.models import CalendarPhase, PhaseKind

DEMO_YEAR = 2554
DEMO_PASSWORD = "demo-2554-portal"

# username, full name, role, organisation key
DEMO_PEOPLE = [
    ("planner_khonkaen", "สมชาย ใจดี", Role.PROVINCE_PLANNER, ("province", "ขอนแก่น")),
    ("planner_kalasin", "สมหญิง รักถิ่น", Role.PROVINCE_PLANNER, ("province", "กาฬสินธุ์")),
    ("planner_udon", "วิชัย มั่นคง", Role.PROVINCE_PLANNER, ("province", "อุดรธานี")),
    ("cluster_nec", "ประภา บูรณาการ", Role.CLUSTER_OFFICER, ("cluster", "กลุ่มจังหวัดภาคตะวันออกเฉียงเหนือตอนกลาง")),
    ("reviewer_mnre", "อรุณี สนย.ทส.", Role.MINISTRY_REVIEWER, ("ministry", "mnre")),
    ("reviewer_mot", "ธนา สนย.คค.", Role.MINISTRY_REVIEWER, ("ministry", "mot")),
    ("reviewer_doh", "กิตติ กองแผนงาน ทล.", Role.MINISTRY_REVIEWER, ("department", "doh")),
    ("tsj_khonkaen", "มาลี ทสจ.ขอนแก่น", Role.FIELD_OFFICE_REVIEWER, ("field_office", ("tsj", "ขอนแก่น"))),
    ("central_nesdb", "ปกรณ์ สศช.", Role.CENTRAL_TEAM, ("central", "nesdb")),
    ("central_bb", "นภา สำนักงบประมาณ", Role.CENTRAL_TEAM, ("central", "bb")),
]
# R9: the field office's officer also works on the province's own budget
SECOND_ROLES = [("tsj_khonkaen", Role.PROVINCE_PLANNER, ("province", "ขอนแก่น"))]

STRATEGIC_ISSUES = {
    ("cluster", "กลุ่มจังหวัดภาคตะวันออกเฉียงเหนือตอนกลาง"): [
        ("พัฒนาการผลิตและแปรรูปสินค้าเกษตรปลอดภัย", "เกษตรและอาหาร"),
        ("พัฒนาการท่องเที่ยวเชิงวัฒนธรรมและอารยธรรมอีสาน", "ท่องเที่ยว"),
        ("บริหารจัดการทรัพยากรน้ำลุ่มน้ำชีอย่างยั่งยืน", "ทรัพยากรน้ำ"),
        ("พัฒนาโครงข่ายคมนาคมเชื่อมโยงกลุ่มจังหวัด", "โลจิสติกส์"),
    ],
    ("province", "ขอนแก่น"): [
        ("เพิ่มขีดความสามารถการแข่งขันด้านการค้า การลงทุน และ SMEs", "อุตสาหกรรมแปรรูป"),
        ("พัฒนาการเกษตรและแหล่งน้ำเพื่อการเกษตร", "เกษตร"),
        ("อนุรักษ์ฟื้นฟูทรัพยากรธรรมชาติและสิ่งแวดล้อม", "สิ่งแวดล้อม"),
    ],
    ("province", "กาฬสินธุ์"): [
        ("พัฒนาการเกษตรและประมงน้ำจืด", "ประมง"),
        ("ส่งเสริมการท่องเที่ยวเชิงอนุรักษ์ (ไดโนเสาร์ ผ้าไหมแพรวา)", "ท่องเที่ยว"),
    ],
    ("province", "อุดรธานี"): [
        ("พัฒนาเมืองอุดรธานีเป็นศูนย์กลางการค้าการลงทุนอนุภูมิภาคลุ่มน้ำโขง", "การค้าชายแดน"),
        ("บริหารจัดการน้ำและป้องกันน้ำท่วม", "ทรัพยากรน้ำ"),
    ],
}

MINISTRY_STRATEGIES = {
    "mnre": [
        ("บริหารจัดการทรัพยากรน้ำแบบบูรณาการ", "ทรัพยากรน้ำ", ["ป้องกันการกัดเซาะตลิ่งในพื้นที่เสี่ยง", "เพิ่มแหล่งน้ำต้นทุน"]),
        ("อนุรักษ์และฟื้นฟูทรัพยากรป่าไม้", "ป่าไม้", ["เพิ่มพื้นที่ป่าไม้"]),
        ("จัดการคุณภาพสิ่งแวดล้อมและมลพิษ", "สิ่งแวดล้อม", ["ลดปริมาณขยะและน้ำเสียชุมชน"]),
    ],
    "mot": [
        ("พัฒนาโครงข่ายทางหลวงเชื่อมโยงภูมิภาค", "โลจิสติกส์", ["ขยายทางหลวงสายหลักเป็น 4 ช่องจราจร"]),
        ("พัฒนาทางหลวงชนบทสู่แหล่งผลิตและแหล่งท่องเที่ยว", "ท่องเที่ยว", ["ถนนเข้าถึงแหล่งท่องเที่ยว"]),
    ],
    "moac": [
        ("เพิ่มประสิทธิภาพการผลิตสินค้าเกษตรปลอดภัย", "เกษตรและอาหาร", ["เพิ่มพื้นที่เกษตรปลอดภัย"]),
        ("พัฒนาแหล่งน้ำและระบบชลประทาน", "ทรัพยากรน้ำ", ["เพิ่มพื้นที่ชลประทาน"]),
    ],
    "moind": [("ยกระดับอุตสาหกรรมแปรรูปและ SMEs", "อุตสาหกรรมยานยนต์", ["SMEs ได้รับการพัฒนาผลิตภาพ"])],
    "mots": [("พัฒนาแหล่งท่องเที่ยวและสินค้าทางการท่องเที่ยว", "ท่องเที่ยว", ["รายได้จากการท่องเที่ยวเพิ่มขึ้น"])],
}


def demo_calendar(today: datetime.date) -> dict[str, tuple[datetime.date, datetime.date]]:
    """Staggered phases (R8): provinces first, then clusters, then field offices and ministries
    while the ministries' own requests are still open, then the committee."""
    d = datetime.timedelta
    return {
        PhaseKind.PROVINCE_SUBMISSION: (today - d(days=30), today + d(days=21)),
        PhaseKind.CLUSTER_SUBMISSION: (today - d(days=30), today + d(days=35)),
        PhaseKind.FIELD_REVIEW: (today - d(days=14), today + d(days=49)),
        PhaseKind.MINISTRY_REVIEW: (today - d(days=14), today + d(days=63)),
        PhaseKind.MINISTRY_OWN_REQUEST: (today - d(days=14), today + d(days=77)),
        PhaseKind.COMMITTEE_REVIEW: (today - d(days=7), today + d(days=91)),
    }


def _organisation(key) -> dict:
    kind, value = key
    if kind == "province":
        return {"office": Office.objects.get(kind=Office.Kind.PROVINCE, province__name_th=value)}
    if kind == "cluster":
        return {"office": Office.objects.get(kind=Office.Kind.CLUSTER, cluster__name_th=value)}
    if kind == "ministry":
        return {"ministry": Ministry.objects.get(code=value)}
    if kind == "department":
        department = Department.objects.get(code=value)
        return {"ministry": department.ministry, "department": department}
    if kind == "field_office":
        code, province = value
        return {"field_office": FieldOffice.objects.get(kind__code=code, province__name_th=province)}
    return {"central_agency": CentralAgency.objects.get(code=value)}


@transaction.atomic
def demo_load(*, today: datetime.date | None = None) -> list[tuple[str, str, str]]:
    """Create the demo year, calendar, people and strategies; returns (username, role, organisation)."""
    today = today or datetime.date.today()
    FiscalYear.objects.exclude(year=DEMO_YEAR).update(is_current=False)
    FiscalYear.objects.update_or_create(year=DEMO_YEAR, defaults={"is_current": True, "note": "ปีตัวอย่าง (demo)"})
    for kind, (opens, closes) in demo_calendar(today).items():
        CalendarPhase.objects.update_or_create(
            fiscal_year=DEMO_YEAR, kind=kind, defaults={"opens_on": opens, "closes_on": closes}
        )
    committee = Committee.objects.filter(abbreviation="ก.น.จ.").first()
    if committee:
        for number, offset in (("1/2554", 60), ("2/2554", 95)):
            CommitteeMeeting.objects.update_or_create(
                committee=committee,
                fiscal_year=DEMO_YEAR,
                number=number,
                defaults={"date": today + datetime.timedelta(days=offset), "place": "ทำเนียบรัฐบาล"},
            )

    User = get_user_model()
    created = []
    for username, full_name, role, key in DEMO_PEOPLE:
        first, _, last = full_name.partition(" ")
        user, _ = User.objects.update_or_create(
            username=username,
            defaults={"first_name": first, "last_name": last, "email": f"{username}@example.go.th", "is_active": True},
        )
        user.set_password(DEMO_PASSWORD)
        user.save()
        organisation = _organisation(key)
        Membership.objects.get_or_create(user=user, role=role, **organisation)
        created.append((username, str(Role(role).label), str(next(iter(organisation.values())))))
    for username, role, key in SECOND_ROLES:
        user = User.objects.get(username=username)
        Membership.objects.get_or_create(user=user, role=role, **_organisation(key))
    admin, _ = User.objects.update_or_create(
        username="admin",
        defaults={"is_staff": True, "is_superuser": True, "first_name": "ผู้ดูแลระบบ", "email": "admin@example.go.th"},
    )
    admin.set_password(DEMO_PASSWORD)
    admin.save()
    Membership.objects.get_or_create(user=admin, role=Role.ADMINISTRATOR)
    created.append(("admin", str(Role.ADMINISTRATOR.label), "-"))

    for key, issues in STRATEGIC_ISSUES.items():
        office = _organisation(key)["office"]
        for number, (title, industry) in enumerate(issues, start=1):
            StrategicIssue.objects.update_or_create(
                office=office,
                period_start=2553,
                number=number,
                defaults={"period_end": 2556, "title": title, "target_industry": industry},
            )
    for code, strategies in MINISTRY_STRATEGIES.items():
        ministry = Ministry.objects.get(code=code)
        for number, (title, industry, goals) in enumerate(strategies, start=1):
            strategy, _ = MinistryStrategy.objects.update_or_create(
                ministry=ministry,
                period_start=2553,
                number=number,
                defaults={"period_end": 2556, "title": title, "target_industry": industry},
            )
            for goal_number, goal in enumerate(goals, start=1):
                StrategicGoal.objects.update_or_create(strategy=strategy, number=goal_number, defaults={"title": goal})
    # the public channel's mechanisms, directory and demo joint KPIs (R10, R12, R13)
    from library.demo import library_load

    library_load()
    from reviews.demo import reviews_demo_load

    reviews_demo_load(fiscal_year=DEMO_YEAR)  # issue 5: framework matrix, envelopes, programmes
    from reviews.demo import alignment_demo_load

    alignment_demo_load(fiscal_year=DEMO_YEAR)  # issue 10: the R1 mapping table from the seeds
    from ministries.demo import demo_budget_lines_load

    demo_budget_lines_load(fiscal_year=DEMO_YEAR)  # issue 10: real FY2565 lines of the demo provinces
    demo_plans_load()  # issue 3: a demo action plan with requests for ขอนแก่น and กาฬสินธุ์
    return created


# R14/R19/R21: the drafts that ask a ministry for its support (the rest are province-funded). Once
# the planner submits the ลำน้ำพอง bank protection it goes through ทสจ.ขอนแก่น (tsj_khonkaen).
DEMO_MINISTRY_SUPPORT = {"DEMO-2554-KKN-02": "mnre"}

# (province, planner, [(reference, title, category, issue no., ministry code, strategy no., amount, amphoe, tambon, submit?)])
DEMO_REQUESTS = [
    (
        "ขอนแก่น",
        "planner_khonkaen",
        [
            (
                "DEMO-2554-KKN-01",
                "ขุดลอกหนองโคตรเพื่อเพิ่มปริมาณน้ำต้นทุน",
                "dredging",
                2,
                "mnre",
                1,
                "4500000",
                "เมืองขอนแก่น",
                "บ้านเป็ด",
                False,
            ),
            (
                "DEMO-2554-KKN-02",
                "ก่อสร้างเขื่อนป้องกันตลิ่งลำน้ำพอง",
                "bank_protection",
                3,
                "mnre",
                1,
                "12800000",
                "น้ำพอง",
                "ม่วงหวาน",
                False,
            ),
            (
                "DEMO-2554-KKN-03",
                "ส่งเสริมวิสาหกิจชุมชนผ้าไหมมัดหมี่ชนบท",
                "sme",
                1,
                "moind",
                1,
                "2300000",
                "ชนบท",
                "ชนบท",
                False,
            ),
            # issue 10: the province's real FY2565 requests (เอกสารงบประมาณ 3-13(2) items 214 and
            # 213) against the demo year's real กรมทางหลวง lines: a duplicate and an overlap...
            (
                "DEMO-2554-KKN-04",
                "ยกระดับมาตรฐานและเพิ่มประสิทธิภาพทางหลวง ตำบลนาแพง อำเภอโคกโพธิ์ไชย จังหวัดขอนแก่น "
                "ทางหลวงหมายเลข 2065 ตอนควบคุม 0100 ตอน พล - ลำชีระหว่าง กม.8+300 - กม.12+200 ระยะทาง 3.900 กิโลเมตร",
                "roads",
                1,
                "mot",
                1,
                "50000000",
                "โคกโพธิ์ไชย",
                "นาแพง",
                True,
            ),
            (
                "DEMO-2554-KKN-05",
                "ยกระดับมาตรฐานและเพิ่มประสิทธิภาพทางหลวง ตำบลบ้านเป็ด อำเภอบ้านฝาง จังหวัดขอนแก่น "
                "ทางหลวงหมายเลข 12 ตอนควบคุม 0801 ตอน บ้านฝาง - ขอนแก่น กม.545+780 - กม.546+780 ระยะทาง 1.000 กิโลเมตร",
                "roads",
                1,
                "mot",
                1,
                "50000000",
                "บ้านฝาง",
                "บ้านเป็ด",
                True,
            ),
            # ...and a draft the planner submits to see a duplicate of "งานบำรุงพิเศษและบูรณะ
            # ทางหลวงหมายเลข 12 ตอน บ้านฝาง - ขอนแก่น" appear.
            (
                "DEMO-2554-KKN-06",
                "บูรณะผิวทางหลวงหมายเลข 12 ตอนบ้านฝาง - ขอนแก่น อำเภอบ้านฝาง จังหวัดขอนแก่น",
                "roads",
                1,
                "mot",
                1,
                "12000000",
                "บ้านฝาง",
                "",
                False,
            ),
        ],
    ),
    (
        "กาฬสินธุ์",
        "planner_kalasin",
        [
            (
                "DEMO-2554-KLS-01",
                "ขุดลอกลำห้วยยางเพื่อการเกษตร",
                "dredging",
                1,
                "mnre",
                1,
                "3600000",
                "ยางตลาด",
                "ยางตลาด",
                True,
            ),
            # issue 10: real evidence on the demo path. The same works as the FY2565 กรมโยธาธิการ
            # line "เขื่อนป้องกันตลิ่งริมแม่น้ำชี วัดบ้านท่ากลาง ... อำเภอกมลาไสย" (a duplicate).
            (
                "DEMO-2554-KLS-03",
                "ก่อสร้างเขื่อนป้องกันตลิ่งริมแม่น้ำชี วัดบ้านท่ากลาง หมู่ที่ 7 ตำบลเจ้าท่า อำเภอกมลาไสย จังหวัดกาฬสินธุ์ ความยาว 290 เมตร",
                "bank_protection",
                1,
                "mnre",
                1,
                "9000000",
                "กมลาไสย",
                "เจ้าท่า",
                True,
            ),
            (
                "DEMO-2554-KLS-02",
                "พัฒนาแหล่งท่องเที่ยวพิพิธภัณฑ์สิรินธร ภูกุ้มข้าว",
                "tourism",
                2,
                "mots",
                1,
                "8900000",
                "สหัสขันธ์",
                "โนนบุรี",
                False,
            ),
        ],
    ),
]


DEMO_EVIDENCE = "สถิติของจังหวัดและหน่วยงานในพื้นที่ ปี 2552 ประกอบรายงานเวทีประชาคมระดับอำเภอ"


def _demo_funding(reference: str) -> dict:
    from ministries.models import Ministry
    from proposals.models import FundingChannel

    code = DEMO_MINISTRY_SUPPORT.get(reference)
    if not code:
        return {}
    return {"funding_channel": FundingChannel.MINISTRY_SUPPORT, "target_ministry": Ministry.objects.get(code=code)}


def demo_plans_load() -> None:
    """A plan per demo province with realistic requests; the กาฬสินธุ์ dredging request is submitted
    so the cluster board has something to merge. Idempotent on the request references."""
    from decimal import Decimal

    from clusters.gazetteer import amphoe_match, tambon_match
    from library.models import Document
    from library.services.documents import action_plan_publish
    from ministries.models import WorkCategory
    from proposals.models import ActionPlan, ProjectRequest, RequestLocation
    from proposals.services.transitions import request_transition
    from proposals.workflow import Action, Status

    User = get_user_model()
    for province, username, rows in DEMO_REQUESTS:
        office = Office.objects.get(kind=Office.Kind.PROVINCE, province__name_th=province)
        planner = User.objects.get(username=username)
        plan, _ = ActionPlan.objects.update_or_create(
            office=office,
            fiscal_year=DEMO_YEAR,
            defaults={"title": f"แผนปฏิบัติราชการจังหวัด{province} ประจำปีงบประมาณ พ.ศ. {DEMO_YEAR}", "created_by": planner},
        )
        plan.strategic_issues.set(StrategicIssue.objects.filter(office=office, period_start=2553))
        for rank, (ref, title, category, issue_no, ministry, strategy_no, amount, amphoe, tambon, submit) in enumerate(
            rows, start=1
        ):
            request = ProjectRequest.objects.filter(reference=ref).first()
            if request is None:
                request = ProjectRequest.objects.create(
                    plan=plan,
                    office=office,
                    fiscal_year=DEMO_YEAR,
                    reference=ref,
                    title=title,
                    priority_rank=rank,
                    problem="ข้อมูลจากการประชุม ก.บ.จ. และเวทีประชาคมระดับอำเภอ",
                    evidence=DEMO_EVIDENCE,
                    severity="high",
                    category=WorkCategory.objects.get(code=category),
                    strategic_issue=StrategicIssue.objects.get(office=office, period_start=2553, number=issue_no),
                    ministry_strategy=MinistryStrategy.objects.get(
                        ministry__code=ministry, period_start=2553, number=strategy_no
                    ),
                    amount=Decimal(amount),
                    framework_justification="โครงการเร่งด่วนของจังหวัดที่กระทรวงยังไม่ได้จัดงบประมาณในพื้นที่",
                    created_by=planner,
                    **_demo_funding(ref),
                )
                district = amphoe_match(office.province, amphoe)  # demo places are real gazetteer places
                subdistrict = tambon_match(district, tambon) if district else None
                RequestLocation.objects.create(
                    request=request,
                    province=office.province,
                    district=district,
                    subdistrict=subdistrict,
                    amphoe=amphoe,
                    tambon=tambon,
                )
            if request.status == Status.DRAFT and not request.evidence:
                # R3: evidence is required to submit; a demo loaded before that rule gets it now
                ProjectRequest.objects.filter(pk=request.pk).update(evidence=DEMO_EVIDENCE)
                request.refresh_from_db()
            if submit and request.status == Status.DRAFT:
                request_transition(request_id=request.pk, action=Action.SUBMIT, user=planner)
        if not Document.objects.filter(source_plan=plan).exists():
            # published once, so the public library is not empty after `make run` (issue 11)
            action_plan_publish(user=planner, plan=plan)
