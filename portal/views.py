from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.utils import timezone
from django.views.decorators.http import require_POST

from portal.roles import scope_of
from portal.selectors import home_work_list, unread_notifications
from proposals.models import Notification


def home(request):
    """Signed-in people see what waits for them; visitors see the public channel (R11, R12)."""
    if not request.user.is_authenticated:
        return render(request, "portal/home_public.html")
    return render(
        request,
        "portal/home.html",
        {
            "work_list": home_work_list(user=request.user),
            "notifications": unread_notifications(user=request.user),
            "memberships": request.user.memberships.active().select_related(
                "office", "ministry", "department", "field_office", "central_agency"
            ),
            "scope": scope_of(request.user),
        },
    )


@login_required
@require_POST
def notifications_mark_read(request):
    Notification.objects.filter(user=request.user, read_at__isnull=True).update(read_at=timezone.now())
    return redirect("home")


def about(request):
    return render(request, "portal/about.html")


def healthz(request):
    """Liveness for the load balancer and the load bench's ceiling (issue 15): the web process
    answers; touches neither the database nor the session."""
    return HttpResponse("ok", content_type="text/plain")


def favicon(request):
    """Browsers ask for /favicon.ico whatever the page links: send them to the static icon."""
    return redirect(static("portal/favicon.ico"), permanent=True)
