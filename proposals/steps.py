"""The request form in steps a planner can save one at a time (issue 11), and what each step still
lacks before the request can be submitted (R1, R3, R4 as checked by workflow_rules)."""

from django.utils.translation import gettext_lazy as _

# (key, label, the request's fields, the inline rows); the whole form stays available (step
# None) for a first draft.
REQUEST_STEPS = (
    (
        "what",
        _("เรื่องและเหตุผล"),
        (
            "title",
            "description",
            "objectives",
            "problem",
            "evidence",
            "severity",
            "category",
            "is_critical_need",
            "damage_justification",
            "rank",  # R3: the province's priority, a form field (ranks.py shifts the others)
            "owner_kind",
            "owner_field_office",
            "owner_department",
        ),
        (),
    ),
    ("where", _("พื้นที่ดำเนินการ"), (), ("locations",)),
    ("links", _("ความเชื่อมโยงยุทธศาสตร์"), ("strategic_issue", "ministry_strategy", "framework_justification"), ()),
    (
        "money",
        _("วงเงินและแหล่งงบประมาณ"),
        ("amount", "funding_channel", "target_ministry", "target_department", "ministry_output"),
        ("year_amounts",),
    ),
    ("results", _("ตัวชี้วัดและผู้มีส่วนร่วม"), (), ("kpis", "stakeholders")),
)
STEP_KEYS = tuple(key for key, *_rest in REQUEST_STEPS)

# A new request starts with what a draft cannot be saved without (its title and amount) and the
# "what and why" step; "save and continue" then leads through the other steps of the saved draft.
NEW_REQUEST_STEP = (
    "new",
    _("เริ่มคำขอ: เรื่อง เหตุผล และวงเงิน"),
    (*REQUEST_STEPS[0][2], "amount", "funding_channel", "target_ministry"),
    (),
)


def step_of(key):
    """(key, label, fields, formset prefixes) of a step, or None for the whole form."""
    if key == NEW_REQUEST_STEP[0]:
        return NEW_REQUEST_STEP
    return next((step for step in REQUEST_STEPS if step[0] == key), None)


def step_missing(request) -> dict[str, list[str]]:
    """Per step, what a submission would still miss (labels for people, no codes)."""
    missing = {key: [] for key in STEP_KEYS}
    if not (request.problem or "").strip():
        missing["what"].append(_("ปัญหาที่ต้องการแก้ไข"))
    if not (request.evidence or "").strip():
        missing["what"].append(_("ข้อมูลหลักฐานประกอบ"))
    if not request.severity:
        missing["what"].append(_("ความรุนแรงของปัญหา"))
    if not request.category_id:
        missing["what"].append(_("หมวดงาน"))
    if request.is_critical_need and not (request.damage_justification or "").strip():
        missing["what"].append(_("ความเสียหายหากไม่ดำเนินการ"))
    if not request.locations.exists():
        missing["where"].append(_("พื้นที่ดำเนินการอย่างน้อย 1 แห่ง"))
    if not request.strategic_issue_id:
        missing["links"].append(_("ประเด็นยุทธศาสตร์จังหวัด/กลุ่มจังหวัด"))
    if not request.ministry_strategy_id:
        missing["links"].append(_("ยุทธศาสตร์กระทรวง"))
    if request.funding_channel == "ministry_support" and not request.target_ministry_id:
        missing["money"].append(_("กระทรวงที่ขอรับการสนับสนุน"))
    if output_required(request) and not request.ministry_output_id:
        missing["money"].append(_("ผลผลิต/โครงการของกระทรวงที่รองรับ"))
    return missing


def output_required(request) -> bool:
    """R21 (002 ประเด็น 5 item 1): a request for a ministry's support names the output or project
    it could be funded under, when that ministry has a list for the year to choose from."""
    from ministries.models import MinistryOutput

    if request.funding_channel != "ministry_support" or not request.target_ministry_id:
        return False
    return (
        MinistryOutput.objects.for_fiscal_year(request.fiscal_year)
        .active()
        .of_ministry(request.target_ministry_id, request.target_department_id)
        .exists()
    )
