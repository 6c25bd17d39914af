"""Coordination mechanisms per resource type, drawn as a chart from the data (R10)."""

import pytest
from django.urls import reverse

from library.charts import display_width, layout, wrap
from library.models import MechanismLink, MechanismNode, NodeLevel, ResourceType

pytestmark = pytest.mark.django_db


def test_the_seeds_give_water_forest_coast_environment_and_industry(channel):
    assert {"water", "forest", "coast", "environment", "industry"} <= set(
        ResourceType.objects.values_list("code", flat=True)
    )


def test_the_water_chart_shows_the_national_water_resources_committee_above_the_provinces(client, channel):
    response = client.get(reverse("library:mechanism-detail", args=["water"]))
    page = response.content.decode()
    assert response.status_code == 200 and "<svg" in page and 'role="img"' in page
    chart = response.context["chart"]
    committee = next(b for b in chart.boxes if b.name.startswith("คณะกรรมการทรัพยากรน้ำแห่งชาติ"))
    area = next(b for b in chart.boxes if b.level == NodeLevel.AREA)
    assert committee.y < area.y
    assert "คณะกรรมการทรัพยากรน้ำแห่งชาติ" in page and "กรมทรัพยากรน้ำ" in page
    assert len(chart.edges) == MechanismLink.objects.filter(resource_type__code="water").count()


def test_the_environment_mechanism_follows_the_provincial_plan_route_of_the_seeds(channel):
    environment = ResourceType.objects.get(code="environment")
    route = {(l.source.name, l.target.name) for l in environment.links.select_related("source", "target")}
    assert ("สำนักงานนโยบายและแผนทรัพยากรธรรมชาติและสิ่งแวดล้อม (สผ.)", "คณะกรรมการสิ่งแวดล้อมแห่งชาติ") in route


def test_thai_labels_wrap_at_word_boundaries():
    lines = wrap("สำนักนโยบายและยุทธศาสตร์ กระทรวงทรัพยากรธรรมชาติและสิ่งแวดล้อม", width=24)
    assert len(lines) > 1 and all(display_width(line) <= 24 or " " not in line for line in lines)
    assert "".join(lines).replace(" ", "") == "สำนักนโยบายและยุทธศาสตร์กระทรวงทรัพยากรธรรมชาติและสิ่งแวดล้อม"


def test_layout_of_nothing_is_nothing():
    assert layout([], [], {}) is None


def test_the_list_page_links_every_resource_type(client, channel):
    page = client.get(reverse("library:mechanism-list")).content.decode()
    for code in ("water", "forest", "coast", "environment", "industry"):
        assert reverse("library:mechanism-detail", args=[code]) in page


def test_the_central_team_adds_a_node_and_a_link(client_for, people, channel):
    client = client_for(people.central)
    water = ResourceType.objects.get(code="water")
    response = client.post(
        reverse("library:mechanism-node-add", args=["water"]),
        {"node-level": "area", "node-name": "องค์กรผู้ใช้น้ำ", "node-order": 20},
    )
    assert response.status_code == 302
    node = MechanismNode.objects.get(resource_type=water, name="องค์กรผู้ใช้น้ำ")
    committee = water.nodes.get(name__startswith="คณะกรรมการทรัพยากรน้ำแห่งชาติ")
    response = client.post(
        reverse("library:mechanism-link-add", args=["water"]),
        {"link-source": committee.pk, "link-target": node.pk, "link-label": "มีผู้แทนในคณะกรรมการ"},
    )
    assert response.status_code == 302 and MechanismLink.objects.filter(source=committee, target=node).exists()
    again = client.post(
        reverse("library:mechanism-link-add", args=["water"]), {"link-source": committee.pk, "link-target": node.pk}
    )
    assert again.status_code == 400 and "มีความเชื่อมโยงนี้อยู่แล้ว" in again.content.decode()


def test_a_link_to_itself_or_to_another_resource_type_is_refused(client_for, people, channel):
    client = client_for(people.central)
    water_node = MechanismNode.objects.filter(resource_type__code="water").first()
    forest_node = MechanismNode.objects.filter(resource_type__code="forest").first()
    response = client.post(
        reverse("library:mechanism-link-add", args=["water"]),
        {"link-source": water_node.pk, "link-target": water_node.pk},
    )
    assert response.status_code == 400 and "สองหน่วยที่ต่างกัน" in response.content.decode()
    response = client.post(
        reverse("library:mechanism-link-add", args=["water"]),
        {"link-source": water_node.pk, "link-target": forest_node.pk},
    )
    assert (
        response.status_code == 400 and not MechanismLink.objects.filter(target=forest_node, source=water_node).exists()
    )


def test_an_empty_node_name_gets_a_thai_message(client_for, people, channel):
    response = client_for(people.central).post(
        reverse("library:mechanism-node-add", args=["water"]), {"node-level": "area", "node-name": ""}
    )
    assert response.status_code == 400 and "จำเป็น" in response.content.decode()


@pytest.mark.parametrize("persona", ["planner_a", "planner_b", "reviewer_x", "reviewer_y", "field_a"])
def test_only_the_central_team_edits_mechanisms(client_for, people, channel, persona):
    client = client_for(getattr(people, persona))
    node = MechanismNode.objects.filter(resource_type__code="water").first()
    assert (
        client.post(
            reverse("library:mechanism-node-add", args=["water"]), {"node-level": "area", "node-name": "x"}
        ).status_code
        == 403
    )
    assert client.post(reverse("library:mechanism-node-delete", args=["water", node.pk])).status_code == 403
    assert client.get(reverse("library:resource-type-create")).status_code == 403
    assert MechanismNode.objects.filter(pk=node.pk).exists()
    assert "เพิ่มหน่วยในกลไก" not in client.get(reverse("library:mechanism-detail", args=["water"])).content.decode()


def test_visitors_cannot_edit_mechanisms(client, channel):
    response = client.post(
        reverse("library:mechanism-node-add", args=["water"]), {"node-level": "area", "node-name": "x"}
    )
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_the_central_team_creates_a_resource_type(client_for, people):
    response = client_for(people.central).post(
        reverse("library:resource-type-create"), {"code": "tourism", "name_th": "การท่องเที่ยว", "order": 6}
    )
    assert response.status_code == 302 and ResourceType.objects.filter(code="tourism").exists()


# --- API
def test_the_api_gives_visitors_the_mechanism_with_nodes_and_links(client, channel):
    data = client.get(reverse("api:library-mechanism-detail", args=["water"])).json()
    assert any(n["name"].startswith("คณะกรรมการทรัพยากรน้ำแห่งชาติ") for n in data["nodes"]) and data["links"]
    assert len(client.get(reverse("api:library-mechanism-list")).json()) >= 5


def test_the_api_lets_only_the_central_team_write(client, client_for, people, channel):
    url = reverse("api:library-mechanism-node-create", args=["water"])
    body = {"level": "area", "name": "สภาเกษตรกรจังหวัด"}
    assert client.post(url, body, content_type="application/json").status_code == 403
    assert client_for(people.reviewer_x).post(url, body, content_type="application/json").status_code == 403
    assert client_for(people.central).post(url, body, content_type="application/json").status_code == 201
    assert (
        client_for(people.planner_b)
        .post(reverse("api:library-mechanism-list"), {"code": "x", "name_th": "x"}, content_type="application/json")
        .status_code
        == 403
    )
