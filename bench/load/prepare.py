"""The load bench's database: a national-size year, an open calendar and people who log in.

Run by `python -m bench.load` in a child process with DATABASE_URL set (Django is set up here,
not in the runner). Idempotent: a second run reuses the year and refreshes the manifest, which
lists each simulated account with the rows it acts on (drafts to save and submit, requests
waiting for its ministry), disjoint between accounts so two simulated people never edit the
same draft.
"""

import datetime
import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "load-bench-2599-portal"


def prepare(*, fiscal_year: int, per_province: int, planners_per_office: int, manifest: Path) -> dict:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password
    from django.core.management import call_command
    from django.db import transaction
    from django.utils import timezone

    from clusters.models import Office
    from ministries.models import CentralAgency, Ministry
    from portal.dbstats import analyze
    from portal.demo_load import demo_calendar
    from portal.models import FiscalYear, Membership, Role
    from proposals.models import ActionPlan, CalendarPhase, ProjectRequest
    from proposals.workflow import Status

    call_command("migrate", verbosity=0)
    call_command("seed_scale", fiscal_year=fiscal_year, per_province=per_province, provinces=77, verbosity=0)
    User = get_user_model()
    with transaction.atomic():
        FiscalYear.objects.filter(is_current=True).exclude(year=fiscal_year).update(is_current=False)
        FiscalYear.objects.filter(year=fiscal_year).update(is_current=True)
        # every phase open today: the deadline week of every step at once
        for kind, (opens, closes) in demo_calendar(timezone.localdate()).items():
            CalendarPhase.objects.update_or_create(
                fiscal_year=fiscal_year, kind=kind, defaults={"opens_on": opens, "closes_on": closes}
            )
        # Plans must not wait for a committee's approval before their requests can be submitted.
        FiscalYear.objects.filter(year=fiscal_year).update(plan_approval_required=False)
        password = make_password(PASSWORD)  # hashed once: 200 accounts would take minutes one by one
        accounts = {"planner": [], "cluster": [], "reviewer": [], "central": []}

        def account(username, role, **organisation):
            user, _ = User.objects.get_or_create(username=username, defaults={"first_name": username})
            User.objects.filter(pk=user.pk).update(password=password, is_active=True)
            Membership.objects.get_or_create(user=user, role=role, **organisation)
            return user

        provinces = list(Office.objects.provinces().for_fiscal_year(fiscal_year).filter(plans__fiscal_year=fiscal_year))
        plans = dict(ActionPlan.objects.filter(fiscal_year=fiscal_year).values_list("office_id", "pk"))
        for office in provinces:
            drafts = list(
                ProjectRequest.objects.filter(office=office, fiscal_year=fiscal_year, status=Status.DRAFT)
                .order_by("id")
                .values_list("id", flat=True)
            )
            details = list(
                ProjectRequest.objects.filter(office=office, fiscal_year=fiscal_year)
                .order_by("id")
                .values_list("id", flat=True)[:50]
            )
            for n in range(planners_per_office):
                user = account(f"load_planner_{office.pk}_{n}", Role.PROVINCE_PLANNER, office=office)
                accounts["planner"].append(
                    {
                        "username": user.username,
                        "plan": plans[office.pk],
                        "drafts": drafts[n::planners_per_office],
                        "requests": details,
                    }
                )
        for office in Office.objects.clusters().for_fiscal_year(fiscal_year):
            user = account(f"load_cluster_{office.pk}", Role.CLUSTER_OFFICER, office=office)
            accounts["cluster"].append({"username": user.username})
        reviewed = (
            ProjectRequest.objects.filter(fiscal_year=fiscal_year)
            .exclude(reviewing_ministry=None)
            .values_list("reviewing_ministry", flat=True)
            .distinct()
        )
        for ministry in Ministry.objects.filter(pk__in=reviewed):
            waiting = list(
                ProjectRequest.objects.filter(
                    fiscal_year=fiscal_year, reviewing_ministry=ministry, status=Status.MINISTRY_REVIEW
                )
                .order_by("id")
                .values_list("id", flat=True)
            )
            per_ministry = 4
            for n in range(per_ministry):
                user = account(f"load_reviewer_{ministry.code}_{n}", Role.MINISTRY_REVIEWER, ministry=ministry)
                accounts["reviewer"].append({"username": user.username, "waiting": waiting[n::per_ministry]})
        for n, agency in enumerate(CentralAgency.objects.order_by("code")[:4]):
            user = account(f"load_central_{n}", Role.CENTRAL_TEAM, central_agency=agency)
            accounts["central"].append({"username": user.username})
    analyze()
    data = {
        "fiscal_year": fiscal_year,
        "password": PASSWORD,
        "accounts": accounts,
        "requests": ProjectRequest.objects.filter(fiscal_year=fiscal_year).count(),
        "prepared_at": datetime.datetime.now().isoformat(timespec="seconds"),
    }
    manifest.write_text(json.dumps(data, ensure_ascii=False))
    return data


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser()
    parser.add_argument("--fiscal-year", type=int, default=2599)
    parser.add_argument("--per-province", type=int, default=300)
    parser.add_argument("--planners-per-office", type=int, default=2)
    parser.add_argument("--manifest", type=Path, required=True)
    args = parser.parse_args()
    done = prepare(
        fiscal_year=args.fiscal_year,
        per_province=args.per_province,
        planners_per_office=args.planners_per_office,
        manifest=args.manifest,
    )
    print(
        f"prepared {done['requests']:,} requests of {done['fiscal_year']}; accounts: "
        + ", ".join(f"{k} {len(v)}" for k, v in done["accounts"].items())
    )
