"""Demo data of the review area, called from portal.demo_load: the default responsibility matrix
(R5), two ministries' support envelopes (R15) and the ไทยเข้มแข็ง programme (R16). Idempotent."""

from decimal import Decimal

from django.db import transaction

from ministries.models import EnvelopeChange, Ministry, SupportEnvelope
from reviews.models import Programme
from reviews.services.framework import framework_defaults_load

# (ministry code, base budget in baht, share %) — shares in the 10-20% band the seeds name
DEMO_ENVELOPES = (("mnre", Decimal("9800000000"), Decimal("10")), ("mot", Decimal("98000000000"), Decimal("12")))


@transaction.atomic
def reviews_demo_load(*, fiscal_year: int = 2554) -> None:
    framework_defaults_load(year_from=2553)
    for code, base_budget, share in DEMO_ENVELOPES:
        ministry = Ministry.objects.filter(code=code).first()
        if ministry is None:
            continue
        envelope, created = SupportEnvelope.objects.get_or_create(
            ministry=ministry,
            department=None,
            fiscal_year=fiscal_year,
            defaults={"base_budget": base_budget, "share_percent": share, "note": "ตัวอย่าง (demo)"},
        )
        if created:
            EnvelopeChange.objects.create(envelope=envelope, new_limit=envelope.limit, reason="กำหนดกรอบตัวอย่าง (demo)")
    Programme.objects.get_or_create(
        name="ไทยเข้มแข็ง",
        fiscal_year=fiscal_year,
        defaults={"kind": Programme.Kind.PROGRAMME, "description": "แผนปฏิบัติการไทยเข้มแข็ง 2555 (002 ประเด็น 4)"},
    )
    Programme.objects.get_or_create(
        name="แผนบูรณาการโครงข่ายคมนาคมกลุ่มจังหวัดภาคตะวันออกเฉียงเหนือตอนกลาง",
        fiscal_year=fiscal_year,
        defaults={
            "kind": Programme.Kind.INTEGRATED_PLAN,
            "description": "คำขอ 1,200 ล้านบาทของกลุ่มจังหวัดต่อกรมทางหลวง พิจารณาตามลำดับความสำคัญ",
        },
    )


# R1 mapping rows for the demo year (issue 10), from the seeds' examples: a cluster's water and
# agriculture issues serve the water strategies; 002 ประเด็น 1's cluster aiming at food processing
# only partly meets the industry ministry's automotive strategy.
# (office kind, office name, issue no., ministry code, strategy no., verdict, note)
DEMO_MAPPINGS = (
    ("province", "ขอนแก่น", 2, "mnre", 1, "aligned", "ขุดลอกและพัฒนาแหล่งน้ำเพื่อการเกษตรเพิ่มน้ำต้นทุนตามยุทธศาสตร์น้ำของกระทรวง"),
    ("province", "ขอนแก่น", 2, "moac", 2, "aligned", "แหล่งน้ำเพื่อการเกษตรเป็นเป้าหมายเดียวกับการพัฒนาแหล่งน้ำและชลประทาน"),
    ("province", "ขอนแก่น", 3, "mnre", 1, "partial", "การป้องกันตลิ่งอยู่ในเป้าหมายของยุทธศาสตร์น้ำ ส่วนงานสิ่งแวดล้อมอื่นไม่อยู่"),
    (
        "province",
        "ขอนแก่น",
        1,
        "moind",
        1,
        "partial",
        "จังหวัดมุ่งแปรรูปการเกษตร กระทรวงมุ่งยานยนต์ ตรงกันเฉพาะการพัฒนา SMEs (002 ประเด็น 1)",
    ),
    ("province", "ขอนแก่น", 1, "mot", 1, "partial", "โครงข่ายทางหลวงสนับสนุนการค้าการลงทุนของจังหวัด"),
    ("province", "กาฬสินธุ์", 1, "mnre", 1, "aligned", "แหล่งน้ำเพื่อการเกษตรและประมงน้ำจืดพึ่งพาการบริหารจัดการน้ำ"),
    ("province", "กาฬสินธุ์", 2, "mots", 1, "aligned", "แหล่งท่องเที่ยวเชิงอนุรักษ์ของจังหวัดตรงกับยุทธศาสตร์ท่องเที่ยว"),
    ("cluster", "กลุ่มจังหวัดภาคตะวันออกเฉียงเหนือตอนกลาง", 3, "mnre", 1, "aligned", "ลุ่มน้ำชีอยู่ในแผนบริหารจัดการน้ำแบบบูรณาการ"),
    ("cluster", "กลุ่มจังหวัดภาคตะวันออกเฉียงเหนือตอนกลาง", 1, "moac", 1, "aligned", "เกษตรปลอดภัยเป้าหมายเดียวกัน"),
    ("cluster", "กลุ่มจังหวัดภาคตะวันออกเฉียงเหนือตอนกลาง", 4, "mot", 1, "aligned", "โครงข่ายคมนาคมเชื่อมโยงกลุ่มจังหวัด"),
)


def alignment_demo_load(*, fiscal_year: int = 2554) -> int:
    """The demo year's mapping rows, kept by the central team; idempotent."""
    from clusters.models import Office, StrategicIssue
    from ministries.models import MinistryStrategy
    from reviews.models import StrategyMapping

    count = 0
    for kind, name, issue_no, code, strategy_no, verdict, note in DEMO_MAPPINGS:
        office_filter = {"province__name_th": name} if kind == "province" else {"cluster__name_th": name}
        office = Office.objects.filter(kind=kind, **office_filter).order_by("valid_from").first()
        issue = StrategicIssue.objects.filter(office=office, number=issue_no).order_by("-period_start").first()
        strategy = (
            MinistryStrategy.objects.filter(ministry__code=code, number=strategy_no).order_by("-period_start").first()
        )
        if issue is None or strategy is None:
            continue
        StrategyMapping.objects.update_or_create(
            fiscal_year=fiscal_year,
            strategic_issue=issue,
            ministry_strategy=strategy,
            defaults={"verdict": verdict, "note": note},
        )
        count += 1
    return count + divergences_demo_load(fiscal_year=fiscal_year)


# R1 (002 ประเด็น 1): where a cluster's target industry differs from the ministry's, "ควรจะต้องมี
# การประชุมหารือร่วมกัน". (kind, office name, issue number, ministry code, strategy number,
# degree, description, outcome, outcome note, meeting date)
DEMO_DIVERGENCES = [
    (
        "cluster",
        "กลุ่มจังหวัดภาคตะวันออกเฉียงเหนือตอนกลาง",
        1,
        "moind",
        1,
        "divergent",
        "กลุ่มจังหวัดมุ่งอุตสาหกรรมเกษตรและอาหาร แต่ยุทธศาสตร์กระทรวงอุตสาหกรรมมุ่งอุตสาหกรรมยานยนต์",
        "open",
        "",
        None,
    ),
    (
        "province",
        "ขอนแก่น",
        1,
        "moind",
        1,
        "partial",
        "จังหวัดมุ่งอุตสาหกรรมแปรรูปและ SMEs กระทรวงมุ่งยานยนต์ แต่ร่วมกันที่การพัฒนา SMEs",
        "agreed",
        "คงไว้: กระทรวงสนับสนุน SMEs แปรรูปของจังหวัดผ่านศูนย์ส่งเสริมอุตสาหกรรมภาค (ตัวอย่าง)",
        "2010-02-15",
    ),
]


def divergences_demo_load(*, fiscal_year: int = 2554) -> int:
    """The demo year's divergence list (R1), kept by the central team; idempotent."""
    import datetime

    from clusters.models import Office, StrategicIssue
    from ministries.models import Ministry, MinistryStrategy
    from reviews.models import StrategyDivergence

    count = 0
    for kind, name, issue_no, code, strategy_no, degree, description, outcome, note, met in DEMO_DIVERGENCES:
        office_filter = {"province__name_th": name} if kind == "province" else {"cluster__name_th": name}
        office = Office.objects.filter(kind=kind, **office_filter).order_by("valid_from").first()
        issue = StrategicIssue.objects.filter(office=office, number=issue_no).order_by("-period_start").first()
        ministry = Ministry.objects.filter(code=code).first()
        strategy = (
            MinistryStrategy.objects.filter(ministry=ministry, number=strategy_no).order_by("-period_start").first()
        )
        if issue is None or ministry is None:
            continue
        StrategyDivergence.objects.update_or_create(
            fiscal_year=fiscal_year,
            strategic_issue=issue,
            ministry=ministry,
            defaults={
                "ministry_strategy": strategy,
                "degree": degree,
                "description": description,
                "outcome": outcome,
                "outcome_note": note,
                "meeting_date": datetime.date.fromisoformat(met) if met else None,
            },
        )
        count += 1
    return count
