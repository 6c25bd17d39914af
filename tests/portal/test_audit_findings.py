"""Findings of issue 16's audit (bad input through the API), each with its regression test."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_a_missing_or_foreign_id_is_named_in_the_message_not_a_placeholder(client_for, people):
    response = client_for(people.reviewer_y).post(
        reverse("api:library-directory-list"),
        {"ministry": 987654, "unit_name": "ปลอม"},
        content_type="application/json",
    )
    assert response.status_code == 400
    message = response.json()["ministry"][0]
    assert "987654" in message and "%(" not in message and "{" not in message
