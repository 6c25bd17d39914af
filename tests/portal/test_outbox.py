"""The transactional outbox in the embedded mode (SQLite, Celery eager): after-commit work is
written with the change, published on commit without ever failing the user's request, swept
again when stranded, and marked done once (issue 13 item 2)."""

import datetime

import pytest
from django.core import mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from kombu.exceptions import OperationalError

from portal import outbox
from portal.models import OutboxMessage
from portal.outbox import outbox_done, outbox_enqueue, outbox_publish, outbox_resume, outbox_sweep
from portal.tasks import send_mail_task
from proposals.models import ProjectRequest
from proposals.models.requests import ScreeningState
from proposals.services.notifications import notify
from proposals.services.transitions import request_transition
from proposals.workflow import Status
from screening.models import ScreeningRun
from screening.selectors import requests_stranded_in_screening
from screening.tasks import queue_screening_task, screen_request_task
from tests.proposals.conftest import make_request

pytestmark = pytest.mark.django_db

LATER = datetime.timedelta(minutes=30)


@pytest.fixture(autouse=True)
def _broker_not_paused():
    outbox_resume()
    yield
    outbox_resume()  # a test's broker outage must not pause publishing in the next tests


class BrokerDown:
    """Stands in for every task while Redis is unreachable: publishing raises kombu's error."""

    def __init__(self):
        self.calls = 0

    def __call__(self, name):
        return self

    def apply_async(self, *args, **kwargs):
        self.calls += 1
        raise OperationalError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")


def mail_row(to="someone@example.go.th", **extra):
    return outbox_enqueue(
        task_name=send_mail_task.name, kwargs={"subject": "เรื่อง", "body": "ข้อความ", "to": to}, **extra
    )


def test_the_screening_of_a_submission_is_written_in_the_submit_transaction(people, django_capture_on_commit_callbacks):
    request = make_request(people, category="roads", strategy=people.strategy_y)
    with django_capture_on_commit_callbacks(execute=False):
        request_transition(request_id=request.pk, action="submit", user=people.planner_a)
        message = OutboxMessage.objects.get(task_name=queue_screening_task.name)
    assert message.payload == {"args": [], "kwargs": {"request_id": request.pk, "revision": request.revision}}
    assert message.done_at is None and message.attempts == 0  # not published before the commit


def test_a_rolled_back_submit_leaves_no_outbox_row_and_sends_nothing(people, django_capture_on_commit_callbacks):
    request = make_request(people, category="roads", strategy=people.strategy_y)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with pytest.raises(RuntimeError), transaction.atomic():
            request_transition(request_id=request.pk, action="submit", user=people.planner_a)
            assert OutboxMessage.objects.exists()
            raise RuntimeError("the change fails after the transition")
    assert not OutboxMessage.objects.exists()
    assert callbacks == [] and mail.outbox == []
    assert ProjectRequest.objects.get(pk=request.pk).status == Status.DRAFT


def test_a_submit_with_the_broker_down_succeeds_and_the_sweeper_screens_it_once_the_broker_is_back(
    people, client_for, monkeypatch, django_capture_on_commit_callbacks
):
    request = make_request(people, category="roads", strategy=people.strategy_y)
    down = BrokerDown()
    monkeypatch.setattr(outbox, "_task", down)
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(people.planner_a).post(
            reverse("proposals:request-transition", args=[request.pk]), {"action": "submit"}
        )
    assert response.status_code == 302 and down.calls == 1  # then paused: the mail did not wait on it
    request.refresh_from_db()
    assert request.status == Status.SUBMITTED  # committed; its screening waits in the outbox
    screening = OutboxMessage.objects.get(task_name=queue_screening_task.name)
    assert screening.done_at is None
    assert OutboxMessage.objects.filter(last_error__contains="Connection refused").exists()
    assert requests_stranded_in_screening() == []  # its screening is owed, not lost
    page = client_for(people.planner_a).get(reverse("proposals:request-detail", args=[request.pk]))
    assert "รอคิวตรวจสอบ" in page.content.decode()

    assert outbox_sweep() == 0  # not stale yet: the sweeper leaves it for a few minutes
    monkeypatch.undo()  # the broker is back, and the pause after its error is over
    outbox_resume()
    with django_capture_on_commit_callbacks(execute=True):
        assert outbox_sweep(now=timezone.now() + LATER) >= 1
    request.refresh_from_db()
    assert request.status == Status.MINISTRY_REVIEW and request.screening_state == ScreeningState.DONE
    assert not OutboxMessage.objects.pending().filter(task_name__startswith="screening.").exists()


def test_a_failed_publish_is_logged_and_never_raised(db, monkeypatch, caplog):
    monkeypatch.setattr(outbox, "_task", BrokerDown())
    with transaction.atomic():
        message = mail_row()
    assert outbox_publish(message_id=message.pk) is False
    message.refresh_from_db()
    assert message.done_at is None and message.attempts == 1 and "OperationalError" in message.last_error
    assert "the sweeper will retry" in caplog.text


def test_after_a_broker_error_the_process_stops_publishing_for_a_while(db, monkeypatch, settings):
    settings.OUTBOX_BROKER_PAUSE_SECONDS = 60
    down = BrokerDown()
    monkeypatch.setattr(outbox, "_task", down)
    with transaction.atomic():
        first, second = mail_row("a@example.go.th"), mail_row("b@example.go.th")
    assert (outbox_publish(message_id=first.pk), outbox_publish(message_id=second.pk)) == (False, False)
    assert down.calls == 1
    second.refresh_from_db()
    assert second.attempts == 0 and second.done_at is None  # left for the sweeper, untouched
    monkeypatch.undo()
    assert outbox_sweep(now=timezone.now() + LATER) == 0  # still paused
    outbox_resume()
    assert outbox_sweep(now=timezone.now() + LATER) == 2
    assert sorted(m.to[0] for m in mail.outbox) == ["a@example.go.th", "b@example.go.th"]


def test_the_sweeper_publishes_only_undone_rows_whose_lease_ran_out(db):
    now = timezone.now()
    stale = mail_row("stale@example.go.th")
    fresh = mail_row("fresh@example.go.th")
    running = mail_row("running@example.go.th")
    done = mail_row("done@example.go.th")
    given_up = mail_row("given-up@example.go.th")
    ago = now - datetime.timedelta(minutes=10)
    OutboxMessage.objects.filter(pk__in=[stale.pk, done.pk, given_up.pk]).update(available_at=ago, attempts=1)
    OutboxMessage.objects.filter(pk=running.pk).update(started_at=now, available_at=now + datetime.timedelta(minutes=5))
    OutboxMessage.objects.filter(pk=done.pk).update(done_at=ago)
    OutboxMessage.objects.filter(pk=given_up.pk).update(attempts=50)
    mail.outbox.clear()

    assert outbox_sweep() == 1
    assert [m.to for m in mail.outbox] == [["stale@example.go.th"]]
    stale.refresh_from_db()
    assert stale.done_at is not None and stale.attempts == 2
    for row in (fresh, running, given_up):
        row.refresh_from_db()
        assert row.done_at is None
    assert outbox_sweep() == 0  # nothing is sent twice


def test_a_task_marks_its_row_done_once_and_a_repeat_changes_nothing(db):
    with transaction.atomic():
        message = mail_row()
    assert outbox_publish(message_id=message.pk) is True
    message.refresh_from_db()
    assert message.done_at is not None and message.started_at is not None and len(mail.outbox) == 1
    first = message.done_at
    assert outbox_done(message_id=message.pk) is False
    assert outbox_publish(message_id=message.pk) is False  # done rows are never published again
    message.refresh_from_db()
    assert message.done_at == first and len(mail.outbox) == 1


def test_a_task_that_fails_leaves_its_row_undone_with_the_error_for_the_sweeper(db, monkeypatch):
    def refuse(*args, **kwargs):
        raise ConnectionRefusedError("mail server down")

    monkeypatch.setattr("portal.tasks.send_mail", refuse)
    with transaction.atomic():
        message = mail_row()
    assert outbox_publish(message_id=message.pk) is False
    message.refresh_from_db()
    assert message.done_at is None and "mail server down" in message.last_error
    assert message.available_at > timezone.now()  # due again after the backoff, not at once


def test_the_same_key_joins_the_undone_row_instead_of_queueing_twice(db):
    first = mail_row(dedupe_key="k")
    assert mail_row(dedupe_key="k").pk == first.pk
    outbox_done(message_id=first.pk)
    assert mail_row(dedupe_key="k").pk != first.pk  # done work does not block new work


def test_each_recipient_gets_a_message_of_their_own(people, django_capture_on_commit_callbacks):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        notify(users=[people.planner_a, people.field_a], message="ทดสอบการแจ้งเตือน", url="/x/")
    assert sorted(tuple(m.to) for m in mail.outbox) == [(people.field_a.email,), (people.planner_a.email,)]
    assert OutboxMessage.objects.filter(task_name="proposals.notification_mail", done_at__isnull=False).count() == 2


def test_a_mail_outage_does_not_fail_the_change_that_notifies(people, monkeypatch, django_capture_on_commit_callbacks):
    def refuse(*args, **kwargs):
        raise ConnectionRefusedError("mail server down")

    monkeypatch.setattr("portal.tasks.send_mail", refuse)
    monkeypatch.setattr("proposals.services.mail.send_mail", refuse)  # notices leave by their own task (issue 11)
    request = make_request(people, category="roads", strategy=people.strategy_y)
    with django_capture_on_commit_callbacks(execute=True):
        request_transition(request_id=request.pk, action="submit", user=people.planner_a)
    assert OutboxMessage.objects.pending().filter(task_name="proposals.notification_mail").exists()
    assert ProjectRequest.objects.get(pk=request.pk).status == Status.MINISTRY_REVIEW


def test_the_page_says_queued_then_running_then_done(people, client_for):
    request = make_request(people, category="roads", strategy=people.strategy_y)
    url = reverse("proposals:request-detail", args=[request.pk])
    client = client_for(people.planner_a)
    assert 'data-screening-progress="not_started"' in client.get(url).content.decode()

    ProjectRequest.objects.filter(pk=request.pk).update(status=Status.SCREENING, screening_state=ScreeningState.PENDING)
    assert 'data-screening-progress="queued"' in client.get(url).content.decode()
    run = ScreeningRun.objects.create(request=request, revision=request.revision, started_at=timezone.now())
    page = client.get(url).content.decode()
    assert 'data-screening-progress="running"' in page and "กำลังตรวจสอบ" in page
    ScreeningRun.objects.filter(pk=run.pk).update(started_at=timezone.now() - LATER)  # its worker died
    assert 'data-screening-progress="queued"' in client.get(url).content.decode()

    screen_request_task.delay(request.pk, request.revision)
    page = client.get(url).content.decode()
    assert 'data-screening-progress="done"' in page and "ตรวจสอบแล้ว" in page


def test_the_command_sweeps_like_beat_and_old_done_rows_are_forgotten(db):
    import io

    from django.core.management import call_command

    stale, done = mail_row("stale@example.go.th"), mail_row("done@example.go.th")
    long_ago = timezone.now() - datetime.timedelta(days=30)
    OutboxMessage.objects.filter(pk=stale.pk).update(available_at=long_ago)
    OutboxMessage.objects.filter(pk=done.pk).update(done_at=long_ago)
    mail.outbox.clear()
    out = io.StringIO()
    call_command("outbox_sweep", stdout=out)
    assert "re-published 1; undone now 0" in out.getvalue()
    assert [m.to for m in mail.outbox] == [["stale@example.go.th"]]
    assert not OutboxMessage.objects.filter(pk=done.pk).exists()


def test_a_waiting_request_with_neither_a_queued_row_nor_a_finished_run_is_reported_stranded(
    people, django_capture_on_commit_callbacks
):
    request = make_request(people, category="roads", strategy=people.strategy_y)
    with django_capture_on_commit_callbacks(execute=False):
        request_transition(request_id=request.pk, action="submit", user=people.planner_a)
    assert requests_stranded_in_screening() == []
    OutboxMessage.objects.all().delete()  # what the old on-commit queueing left after a broker outage
    assert requests_stranded_in_screening() == [request.pk]
    ScreeningRun.objects.create(request=request, revision=request.revision, status=ScreeningRun.RunStatus.DONE)
    assert requests_stranded_in_screening() == []


def test_the_queueing_task_delivered_again_after_screening_leaves_the_request_screened(
    people, django_capture_on_commit_callbacks
):
    request = make_request(people, category="roads", strategy=people.strategy_y)
    with django_capture_on_commit_callbacks(execute=True):
        request_transition(request_id=request.pk, action="submit", user=people.planner_a)
    with django_capture_on_commit_callbacks(execute=True):
        queue_screening_task.delay(request_id=request.pk, revision=request.revision)  # a second delivery
    request.refresh_from_db()
    assert request.status == Status.MINISTRY_REVIEW and request.screening_state == ScreeningState.DONE
