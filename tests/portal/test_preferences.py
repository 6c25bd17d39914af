"""A person's language and mail preference (issue 11): the settings page, the header switch,
notices e-mailed in the recipient's language, and the idempotent daily digest."""

import datetime

import pytest
from django.core import mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_noop

from portal.env import env_email
from portal.models import OutboxMessage, UserPreference
from portal.preferences import preference_get, preference_set
from proposals.models import Notification
from proposals.services.mail import notifications_digest_send
from proposals.services.notifications import NoticeText, notify
from proposals.workflow import Status

pytestmark = pytest.mark.django_db

NOTICE = gettext_noop("คำขอ %(ref)s “%(title)s” %(action)s: %(status)s")


def _notice(ref="2554-001-0001"):
    return NoticeText(NOTICE, ref=ref, title="ขุดลอกหนองโคตร", action="ส่ง", status=Status.SUBMITTED.label)


def _notify(users, message, capture):
    with capture(execute=True), transaction.atomic():
        return notify(users=users, message=message, url="/requests/1/")


def test_the_settings_page_needs_a_sign_in(client):
    response = client.get(reverse("preferences"))
    assert response.status_code == 302 and "/accounts/login/" in response.url


def test_a_person_saves_their_own_language_and_mail_choice_only(client_for, people):
    client = client_for(people.planner_a)
    assert client.get(reverse("preferences")).status_code == 200
    response = client.post(reverse("preferences"), {"language": "en", "mail": "digest", "user": people.planner_b.pk})
    assert response.status_code == 302 and response.cookies["django_language"].value == "en"
    assert (preference_get(user=people.planner_a).language, preference_get(user=people.planner_a).mail) == (
        "en",
        "digest",
    )
    # the posted user id is ignored: nobody edits another office's or ministry's person
    for other in (people.planner_b, people.reviewer_y):
        assert not UserPreference.objects.filter(user=other).exists()


def test_bad_choices_get_a_message_not_an_error(client_for, people):
    response = client_for(people.reviewer_x).post(reverse("preferences"), {"language": "fr", "mail": "often"})
    assert response.status_code == 200 and 'class="error"' in response.content.decode()
    assert not UserPreference.objects.filter(user=people.reviewer_x).exists()


def test_the_header_language_switch_remembers_a_signed_in_persons_language(client_for, client, people):
    response = client_for(people.planner_a).post(reverse("set_language"), {"language": "en", "next": "/"})
    assert response.status_code == 302
    assert preference_get(user=people.planner_a).language == "en"
    client.post(reverse("set_language"), {"language": "en", "next": "/"})  # a visitor: only the cookie
    assert UserPreference.objects.count() == 1


def test_each_recipient_gets_the_notice_in_their_own_language(people, django_capture_on_commit_callbacks):
    preference_set(user=people.planner_a, language="en")
    mail.outbox.clear()
    _notify([people.planner_a, people.planner_b], _notice(), django_capture_on_commit_callbacks)
    by_person = {m.to[0]: m for m in mail.outbox}
    english, thai = by_person[people.planner_a.email], by_person[people.planner_b.email]
    assert english.subject.startswith("[Budget request portal] Request 2554-001-0001")
    assert ": Submitted" in english.body and "ส่งแล้ว" not in english.body
    assert "คำขอ 2554-001-0001" in thai.subject and ": ส่งแล้ว" in thai.body
    assert "ขุดลอกหนองโคตร" in english.body  # what users typed stays as typed
    row = Notification.objects.get(user=people.planner_a)
    assert row.message.startswith("คำขอ") and row.message_en.startswith("Request") and row.mailed_at is not None


def test_the_home_page_shows_the_notice_in_the_readers_language(client_for, people, django_capture_on_commit_callbacks):
    _notify([people.planner_a], _notice(), django_capture_on_commit_callbacks)
    client = client_for(people.planner_a)
    client.cookies["django_language"] = "en"
    assert "Request 2554-001-0001" in client.get("/").content.decode()


def test_no_mail_for_those_who_want_none(people, django_capture_on_commit_callbacks):
    preference_set(user=people.planner_a, mail="none")
    mail.outbox.clear()
    _notify([people.planner_a], _notice(), django_capture_on_commit_callbacks)
    assert mail.outbox == [] and Notification.objects.filter(user=people.planner_a).count() == 1
    assert notifications_digest_send() == 0


def test_the_daily_digest_sends_one_mail_once(people, django_capture_on_commit_callbacks):
    preference_set(user=people.planner_a, mail="digest", language="en")
    mail.outbox.clear()
    _notify([people.planner_a], _notice("A-1"), django_capture_on_commit_callbacks)
    _notify([people.planner_a], _notice("A-2"), django_capture_on_commit_callbacks)
    assert mail.outbox == []  # nothing at once
    with django_capture_on_commit_callbacks(execute=True):
        assert notifications_digest_send() == 1
    assert len(mail.outbox) == 1
    digest = mail.outbox[0]
    assert digest.to == [people.planner_a.email] and "A-1" in digest.body and "A-2" in digest.body
    assert "2 notices" in digest.subject
    with django_capture_on_commit_callbacks(execute=True):
        assert notifications_digest_send() == 0  # a second beat run sends nothing twice
    assert len(mail.outbox) == 1
    _notify([people.planner_a], _notice("A-3"), django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        assert notifications_digest_send() == 1
    assert "A-3" in mail.outbox[-1].body and "A-1" not in mail.outbox[-1].body


def test_the_digest_leaves_out_notices_older_than_a_day(people, django_capture_on_commit_callbacks):
    preference_set(user=people.planner_a, mail="digest")
    _notify([people.planner_a], _notice(), django_capture_on_commit_callbacks)
    Notification.objects.update(created_at=timezone.now() - datetime.timedelta(days=3))
    assert notifications_digest_send() == 0
    assert not OutboxMessage.objects.filter(dedupe_key__startswith="mail:digest:").exists()


def test_an_smtp_server_is_named_by_one_url():
    import os

    os.environ["TEST_EMAIL_URL"] = "smtp://portal%40example.go.th:p%3Ass@mail.example.go.th:587/?tls=1"
    try:
        config = env_email("TEST_EMAIL_URL", host="", port=25, user="", password="", use_tls=False, use_ssl=False)
    finally:
        del os.environ["TEST_EMAIL_URL"]
    assert config == {
        "host": "mail.example.go.th",
        "port": 587,
        "user": "portal@example.go.th",
        "password": "p:ss",
        "use_tls": True,
        "use_ssl": False,
    }


def test_signing_in_opens_the_portal_in_the_stored_language(client, people):
    people.planner_a.set_password("pw-2554-long-enough")
    people.planner_a.save()
    preference_set(user=people.planner_a, language="en")
    response = client.post(reverse("login"), {"username": people.planner_a.username, "password": "pw-2554-long-enough"})
    assert response.status_code == 302 and response.cookies["django_language"].value == "en"
