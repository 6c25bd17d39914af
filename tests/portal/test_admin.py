"""Administrators can open every registry in the Django admin (issue 2 item 3)."""

import pytest
from django.contrib import admin
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("model", list(admin.site._registry), ids=lambda m: m._meta.label)
def test_every_admin_list_opens_for_an_administrator(client_for, people, model):
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
    assert client_for(people.admin).get(url).status_code == 200


def test_the_admin_is_closed_to_a_ministry_reviewer(client_for, people):
    assert client_for(people.reviewer_y).get(reverse("admin:index")).status_code == 302
