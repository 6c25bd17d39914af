import pytest

from clusters.models import Cluster, ClusterMembership, Office, Province
from ministries.models import CentralAgency, Ministry
from portal.models import Committee
from portal.reference_load import reference_load

pytestmark = pytest.mark.django_db


def clustered_provinces(year):
    return Province.objects.filter(pk__in=ClusterMembership.objects.for_fiscal_year(year).values("province")).count()


def test_2554_has_18_clusters_and_75_provinces(people):
    assert Cluster.objects.for_fiscal_year(2554).count() == 18
    assert clustered_provinces(2554) == 75


def test_bueng_kan_joins_upper_northeast_1_from_2555(people):
    assert clustered_provinces(2555) == 76
    bueng_kan = Province.objects.get(name_th="บึงกาฬ")
    assert not bueng_kan.is_valid_in(2554)
    cluster = ClusterMembership.objects.for_fiscal_year(2555).get(province=bueng_kan).cluster
    assert cluster.name_th == "กลุ่มจังหวัดภาคตะวันออกเฉียงเหนือตอนบน 1"
    assert not ClusterMembership.objects.for_fiscal_year(2554).filter(province=bueng_kan).exists()


def test_bangkok_belongs_to_no_cluster(people):
    bangkok = Province.objects.get(name_th="กรุงเทพมหานคร")
    assert not ClusterMembership.objects.filter(province=bangkok).exists()


def test_the_2552_arrangement_does_not_claim_fiscal_2565(people):
    # re-drawn in 2560 BE: 2565 needs its own arrangement, never the old one by default
    assert Cluster.objects.for_fiscal_year(2565).count() == 0


def test_twenty_ministries_and_four_central_agencies(people):
    assert Ministry.objects.for_fiscal_year(2554).count() == 20
    assert set(CentralAgency.objects.values_list("abbreviation", flat=True)) == {"สศช.", "ส.กพร.", "สงป.", "มท."}


def test_every_province_and_cluster_has_an_office(people):
    assert Office.objects.provinces().count() == Province.objects.count()
    assert Office.objects.clusters().count() == Cluster.objects.count()


def test_the_reviewing_committee_is_data(people):
    committee = Committee.objects.for_fiscal_year(2554).get()
    assert committee.abbreviation == "ก.น.จ."


@pytest.mark.slow  # loads the full reference twice
def test_loading_twice_changes_nothing(people):
    before = (Province.objects.count(), ClusterMembership.objects.count(), Office.objects.count())
    reference_load()
    assert (Province.objects.count(), ClusterMembership.objects.count(), Office.objects.count()) == before
