"""Searching and filtering the library in Thai (R11), in the database the portal runs on."""

import pytest
from django.urls import reverse

from library import services
from library.models import DocumentKind
from tests.library.conftest import pdf

pytestmark = pytest.mark.django_db


@pytest.fixture
def shelf(people):
    make = lambda title, office, kind=DocumentKind.DEVELOPMENT_PLAN, year=2554, **kw: services.document_create(  # noqa: E731
        user=people.central, kind=kind, title=title, office=office, file=pdf(), fiscal_year_from=year, **kw
    )
    return {
        "cluster": make("แผนพัฒนากลุ่มจังหวัดภาคตะวันออกเฉียงเหนือตอนกลาง", people.cluster_office_a, year=2553),
        "province": make("แผนพัฒนาจังหวัดอุดรธานี", people.office_b),
        "minutes": make(
            "รายงานการประชุมเชิงปฏิบัติการ กลุ่มที่ 4",
            None,
            kind=DocumentKind.WORKSHOP_MINUTES,
            description="ประเด็นทรัพยากรธรรมชาติและสิ่งแวดล้อม",
        ),
        "action": make("แผนปฏิบัติราชการประจำปี 2554 จังหวัดขอนแก่น", people.office_a, kind=DocumentKind.ACTION_PLAN),
    }


def titles(client, **params):
    response = client.get(reverse("library:document-list"), params)
    assert response.status_code == 200
    return [d.title for d in response.context["page"].object_list]


def test_a_search_for_a_thai_phrase_finds_titles_containing_it(client, shelf):
    assert titles(client, q="แผนพัฒนากลุ่มจังหวัด")[0] == shelf["cluster"].title


def test_a_search_without_spaces_finds_a_word_inside_a_longer_title(client, shelf):
    assert titles(client, q="ตะวันออกเฉียงเหนือ") == [shelf["cluster"].title]


def test_the_whole_phrase_ranks_above_partial_matches(client, shelf):
    found = titles(client, q="แผนพัฒนาจังหวัด")
    assert found[0] == shelf["province"].title
    assert shelf["minutes"].title not in found


def test_descriptions_are_searched_too(client, shelf):
    assert titles(client, q="สิ่งแวดล้อม") == [shelf["minutes"].title]


def test_a_search_with_nothing_matching_says_so(client, shelf):
    response = client.get(reverse("library:document-list"), {"q": "รถไฟความเร็วสูง"})
    assert "ไม่พบเอกสาร" in response.content.decode()


def test_filters_by_kind_province_cluster_and_year(client, people, shelf):
    assert titles(client, kind=DocumentKind.WORKSHOP_MINUTES) == [shelf["minutes"].title]
    assert titles(client, province=people.office_b.province_id) == [shelf["province"].title]
    cluster_titles = set(titles(client, cluster=people.cluster_office_a.cluster_id))
    assert cluster_titles == {shelf["cluster"].title, shelf["action"].title}  # the cluster's and its provinces'
    assert titles(client, fiscal_year=2553) == [shelf["cluster"].title]


@pytest.mark.parametrize(
    "raw, notice",
    [
        ("\u200b\u200c\u200d\ufeff", "มองไม่เห็น"),
        ("\u0e48\u0e49\u0e4b", "สระหรือวรรณยุกต์"),
        ("\u0301\u0301", "สระหรือวรรณยุกต์"),
        ("แผน" * 2000, "ยาวเกินไป"),
        ("%_\\'\"<script>", "ไม่พบเอกสาร"),
    ],
)
def test_odd_unicode_gets_a_thai_answer_never_a_500(client, shelf, raw, notice):
    response = client.get(reverse("library:document-list"), {"q": raw})
    assert response.status_code == 200
    assert notice in response.content.decode()


def test_an_invalid_year_filter_is_explained_not_fatal(client, shelf):
    response = client.get(reverse("library:document-list"), {"fiscal_year": "2010"})
    assert response.status_code == 200 and "พุทธศักราช" in response.content.decode()
    assert client.get(reverse("library:document-list"), {"fiscal_year": "abc", "cluster": "x"}).status_code == 200
