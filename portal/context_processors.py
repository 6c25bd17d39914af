from portal.models import FiscalYear
from portal.navigation import nav_for
from portal.roles import scope_of
from portal.snapshots import Snapshot

# issue 15: the header's year, read on every page, changes a few times a year (portal.snapshots)
_CURRENT_YEAR = Snapshot(lambda _key: FiscalYear.objects.current(), models=(FiscalYear,))


def portal(request):
    user = getattr(request, "user", None)
    if user is None:
        return {}
    scope = scope_of(user)
    context = {
        "nav_items": nav_for(user, scope),
        "scope": scope,
        "current_fiscal_year": _CURRENT_YEAR.get(),
    }
    if user.is_authenticated:
        # the next deadline and days left on every page (R8); provided by the calendar selectors
        from proposals.selectors.calendar import next_deadline_for

        if context["current_fiscal_year"] is not None:
            context["next_deadline"] = next_deadline_for(user=user, fiscal_year=context["current_fiscal_year"].year)
    return context
