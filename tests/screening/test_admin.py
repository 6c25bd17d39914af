"""Screening's admin is a read-only window on flags and runs (they change through the services)."""

import pytest
from django.urls import reverse

from screening.models import DuplicateFlag, ScreeningRun

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("model", [DuplicateFlag, ScreeningRun], ids=lambda m: m.__name__)
def test_an_administrator_reads_flags_and_runs_but_cannot_add_change_or_delete_them(
    client_for, people, screened_river, model
):
    row = model.objects.filter(request=screened_river).first()
    assert row is not None
    name = f"admin:screening_{model._meta.model_name}"
    admin = client_for(people.admin)
    listing = admin.get(reverse(f"{name}_changelist"))
    assert listing.status_code == 200 and screened_river.reference in listing.content.decode()
    assert admin.get(reverse(f"{name}_changelist"), {"q": screened_river.reference}).status_code == 200
    page = admin.get(reverse(f"{name}_change", args=[row.pk]))
    assert page.status_code == 200 and b'name="_save"' not in page.content
    assert admin.get(reverse(f"{name}_add")).status_code == 403
    assert admin.post(reverse(f"{name}_delete", args=[row.pk]), {"post": "yes"}).status_code == 403
    assert model.objects.filter(pk=row.pk).exists()


@pytest.mark.parametrize("persona", ["planner_a", "reviewer_x", "reviewer_y", "planner_b"])
def test_the_screening_admin_is_closed_to_everyone_else(client_for, people, persona):
    response = client_for(getattr(people, persona)).get(reverse("admin:screening_duplicateflag_changelist"))
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
