"""Other requests as the engine sees them, read cheaply (issue 12 point 4: p95 <= 100 ms a
request through a worker): the memo's keys from two light queries, only new or changed
requests loaded whole, and (with a shared cache) records another worker extracted."""

import pytest

from proposals.models import ProjectRequest
from screening import adapters
from tests.screening.conftest import RIVER_REQUEST, make_request

pytestmark = pytest.mark.django_db


@pytest.fixture
def requests_ab(people, lines):
    return [
        make_request(people.office_a, province=people.office_a.province),
        make_request(people.office_a2, title=RIVER_REQUEST, province=people.office_a2.province),
        make_request(people.cluster_office_a, title=RIVER_REQUEST),
    ]


def everyone():
    return ProjectRequest.objects.filter(pk__isnull=False).order_by("id")


def test_they_are_the_records_of_request_record(requests_ab):
    records = adapters.request_records(everyone())
    assert [pk for _, pk in records] == [r.pk for r in requests_ab]
    adapters.clear_cache()
    for (record, _), request in zip(records, requests_ab, strict=True):
        assert record == adapters.request_record(request)


def test_seen_requests_cost_two_queries_and_a_changed_one_is_extracted_again(requests_ab, django_assert_num_queries):
    first = dict((pk, rec) for rec, pk in adapters.request_records(everyone()))
    with django_assert_num_queries(2):
        again = dict((pk, rec) for rec, pk in adapters.request_records(everyone()))
    assert again == first
    changed = requests_ab[0]
    ProjectRequest.objects.filter(pk=changed.pk).update(title=RIVER_REQUEST, revision=2)
    after = dict((pk, rec) for rec, pk in adapters.request_records(everyone()))
    assert after[changed.pk].text.startswith(RIVER_REQUEST) and after[changed.pk] != first[changed.pk]
    assert after[requests_ab[1].pk] is first[requests_ab[1].pk]


def test_with_a_shared_cache_another_process_reads_the_records_without_extracting(requests_ab, monkeypatch):
    monkeypatch.setattr(adapters, "_shared_cache", lambda: True)
    first = adapters.request_records(everyone())
    adapters._RECORDS.clear()  # another worker: nothing in its memory

    def no_extraction(*args, **kwargs):
        raise AssertionError("extracted again")

    monkeypatch.setattr(adapters, "_request_record", no_extraction)
    assert adapters.request_records(everyone()) == first
    assert adapters.request_record(ProjectRequest.objects.get(pk=requests_ab[0].pk)) == first[0][0]
