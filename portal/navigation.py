"""The navigation follows the user's roles: each entry names the roles that see it."""

from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from portal.models import Role


@dataclass(frozen=True)
class NavItem:
    label: str
    url_name: str
    roles: frozenset | None  # None = every signed-in user; "public" entries also for visitors
    public: bool = False


NAV_ITEMS = (
    NavItem(_("หน้าหลัก"), "home", None, public=True),
    NavItem(
        _("แผนปฏิบัติราชการ"),
        "proposals:plan-list",
        frozenset({Role.PROVINCE_PLANNER, Role.CLUSTER_OFFICER, Role.CENTRAL_TEAM, Role.ADMINISTRATOR}),
    ),
    NavItem(_("คำของบประมาณ"), "proposals:request-list", None),
    NavItem(_("กลุ่มจังหวัด"), "proposals:cluster-board", frozenset({Role.CLUSTER_OFFICER})),
    NavItem(_("งานพิจารณา"), "reviews:queue", frozenset({Role.MINISTRY_REVIEWER, Role.FIELD_OFFICE_REVIEWER})),
    NavItem(_("วาระ ก.น.จ."), "reviews:agenda-list", frozenset({Role.CENTRAL_TEAM, Role.ADMINISTRATOR})),
    # issue 14: the map, the alignment matrix and the money at stake; a cluster officer sees their cluster's
    NavItem(
        _("แดชบอร์ด"), "reviews:dashboards", frozenset({Role.CLUSTER_OFFICER, Role.CENTRAL_TEAM, Role.ADMINISTRATOR})
    ),
    NavItem(_("ปฏิทินงบประมาณ"), "proposals:calendar", None),
    NavItem(_("กรอบความรับผิดชอบ"), "reviews:framework", None),
    NavItem(
        _("กรอบวงเงินสนับสนุน"),
        "reviews:envelope-list",
        frozenset({Role.MINISTRY_REVIEWER, Role.CENTRAL_TEAM, Role.ADMINISTRATOR}),
    ),
    NavItem(_("แผนงานบูรณาการ"), "reviews:programme-list", frozenset({Role.CENTRAL_TEAM, Role.ADMINISTRATOR})),
    NavItem(
        _("ตรวจความซ้ำซ้อน"),
        "screening:overview",
        frozenset({Role.MINISTRY_REVIEWER, Role.FIELD_OFFICE_REVIEWER, Role.CENTRAL_TEAM, Role.ADMINISTRATOR}),
    ),
    NavItem(
        _("ความสอดคล้องของยุทธศาสตร์"),
        "reviews:alignment-map",
        frozenset({Role.MINISTRY_REVIEWER, Role.CENTRAL_TEAM, Role.ADMINISTRATOR}),
    ),
    NavItem(
        _("ความไม่สอดคล้องของยุทธศาสตร์"),
        "reviews:divergence-list",
        frozenset(
            {Role.MINISTRY_REVIEWER, Role.CLUSTER_OFFICER, Role.PROVINCE_PLANNER, Role.CENTRAL_TEAM, Role.ADMINISTRATOR}
        ),
    ),
    NavItem(
        _("ประเด็นกลุ่มจังหวัดเทียบจังหวัด"),
        "reviews:cluster-issues",
        frozenset({Role.CLUSTER_OFFICER, Role.CENTRAL_TEAM, Role.ADMINISTRATOR}),
    ),
    NavItem(
        _("ข้อเสนอเขตอุตสาหกรรม"),
        "library:zoning-list",
        frozenset(
            {Role.PROVINCE_PLANNER, Role.CLUSTER_OFFICER, Role.MINISTRY_REVIEWER, Role.CENTRAL_TEAM, Role.ADMINISTRATOR}
        ),
    ),
    NavItem(_("คำขอที่อาจซ้ำกับงบของเรา"), "screening:line-flags", frozenset({Role.MINISTRY_REVIEWER})),
    NavItem(
        _("คำขอของกระทรวง"),
        "ministries:own-request-list",
        frozenset({Role.MINISTRY_REVIEWER, Role.CENTRAL_TEAM, Role.ADMINISTRATOR}),
    ),
    NavItem(_("นำเข้ารายการงบประมาณ"), "ministries:budget-line-import", frozenset({Role.ADMINISTRATOR})),
    NavItem(_("คลังแผน"), "library:document-list", None, public=True),
    NavItem(_("ทำเนียบทีมบูรณาการ"), "library:directory", None, public=True),
    NavItem(_("กลไกการประสาน"), "library:mechanism-list", None, public=True),
    NavItem(_("ตัวชี้วัดร่วม"), "library:joint-kpis", None, public=True),
)


def nav_for(user, scope) -> list[dict]:
    """Entries this user may see; entries whose page is not installed are skipped."""
    items = []
    for item in NAV_ITEMS:
        if not user.is_authenticated and not item.public:
            continue
        if user.is_authenticated and item.roles is not None and not (scope.roles & item.roles):
            continue
        try:
            url = reverse(item.url_name)
        except NoReverseMatch:
            continue
        items.append({"label": item.label, "url": url, "name": item.url_name})
    return items
