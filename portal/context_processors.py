from portal.navigation import nav_for
from portal.roles import scope_of
from portal.selectors import shown_fiscal_year


def portal(request):
    user = getattr(request, "user", None)
    if user is None:
        return {}
    scope = scope_of(user)
    context = {
        "nav_items": nav_for(user, scope),
        "scope": scope,
        "current_fiscal_year": shown_fiscal_year(),
    }
    if user.is_authenticated:
        # the next deadline and days left on every page (R8); provided by the calendar selectors
        from proposals.selectors.calendar import next_deadline_for

        if context["current_fiscal_year"] is not None:
            context["next_deadline"] = next_deadline_for(user=user, fiscal_year=context["current_fiscal_year"].year)
    return context
