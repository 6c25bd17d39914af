"""A person's preferences (issue 11): read with defaults, written by the person only.

Mail and notices are rendered in `language`; `mail` says whether a notice is e-mailed at once,
gathered into the daily digest (proposals.services.digest) or not e-mailed at all."""

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _

from portal.exceptions import ApplicationError
from portal.models import UserPreference

LANGUAGE_CODES = {code for code, _name in settings.LANGUAGES}


def preference_get(*, user) -> UserPreference:
    """The stored preference, or an unsaved one with the defaults."""
    found = UserPreference.objects.filter(user=user).first() if user is not None and user.pk else None
    return found or UserPreference(user=user)


def preferences_of(user_ids) -> dict[int, UserPreference]:
    """Preferences of many users at once (one query), defaults for those without a row."""
    stored = {p.user_id: p for p in UserPreference.objects.filter(user_id__in=list(user_ids))}
    return {uid: stored.get(uid) or UserPreference(user_id=uid) for uid in user_ids}


def preference_set(*, user, language: str | None = None, mail: str | None = None) -> UserPreference:
    """Save the person's own preference; only the given fields change."""
    if language is not None and language not in LANGUAGE_CODES:
        raise ApplicationError(_("ไม่รู้จักภาษานี้"))
    if mail is not None and mail not in UserPreference.MailMode.values:
        raise ApplicationError(_("ไม่รู้จักวิธีรับอีเมลนี้"))
    with transaction.atomic():
        preference, _created = UserPreference.objects.select_for_update().get_or_create(user=user)
        if language is not None:
            preference.language = language
        if mail is not None:
            preference.mail = mail
        preference.full_clean()
        preference.save()
    return preference
