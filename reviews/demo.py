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
