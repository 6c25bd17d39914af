"""The person's own settings (issue 11): language and how notices are e-mailed. Only ever the
signed-in person's own row: there is no user id in any URL here."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import LoginView
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.i18n import set_language

from portal.exceptions import ApplicationError
from portal.forms import PreferenceForm
from portal.preferences import LANGUAGE_CODES, preference_get, preference_set


def _language_cookie(response, language: str):
    from django.conf import settings

    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )
    return response


@login_required
def preference_view(request):
    current = preference_get(user=request.user)
    form = PreferenceForm(request.POST or None, initial={"language": current.language, "mail": current.mail})
    if request.method == "POST" and form.is_valid():
        try:
            saved = preference_set(
                user=request.user, language=form.cleaned_data["language"], mail=form.cleaned_data["mail"]
            )
        except ApplicationError as exc:
            form.add_error(None, str(exc.message))
        else:
            with translation.override(saved.language):
                messages.success(request, _("บันทึกการตั้งค่าแล้ว"))
            return _language_cookie(redirect("preferences"), saved.language)
    return render(request, "portal/preferences.html", {"form": form})


@require_POST
def language_set_view(request):
    """Django's set_language, and for a signed-in person their stored language too, so the mail
    sent to them follows the language they chose in the header switch."""
    response = set_language(request)
    language = request.POST.get("language", "")
    if request.user.is_authenticated and language in LANGUAGE_CODES:
        preference_set(user=request.user, language=language)
    return response


class PortalLoginView(LoginView):
    """Sign-in that opens the portal in the person's stored language (a new browser has no
    language cookie yet); people without a stored preference keep the Thai-first default."""

    redirect_authenticated_user = True

    def form_valid(self, form):
        response = super().form_valid(form)
        preference = preference_get(user=form.get_user())
        return _language_cookie(response, preference.language) if preference.pk else response
