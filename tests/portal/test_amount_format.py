"""One baht format everywhere (issue 11): the template filters, and no template formatting an
amount any other way."""

import re
from decimal import Decimal
from pathlib import Path

import pytest
from django.template import Context, Template
from django.utils import translation

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"
AMOUNT_WORDS = r"(amount|total|limit|budget|approved|used|left|value)"


def render(text, **context):
    with translation.override("th"):
        return Template("{% load thai %}" + text).render(Context(context))


@pytest.mark.parametrize(
    "amount, shown",
    [
        (Decimal("3500000.00"), "3,500,000"),
        (Decimal("3500000.50"), "3,500,000.50"),
        (Decimal("0.01"), "0.01"),
        (1200000000, "1,200,000,000"),
        (None, ""),
    ],
)
def test_baht_shows_satang_only_when_there_are_some(amount, shown):
    assert render("{{ a|baht }}", a=amount) == shown


def test_an_argument_left_by_an_older_template_does_not_change_the_format():
    assert render("{{ a|baht:2 }}|{{ a|million_baht:4 }}", a=Decimal("3500000.00")) == "3,500,000|3.50"


def test_baht_text_gives_baht_and_million_baht_with_two_decimals():
    assert render("{{ a|baht_text }}", a=Decimal("3500000.00")) == "3,500,000 บาท (3.50 ล้านบาท)"
    assert render("{{ a|baht_text }}", a=None) == ""


def _template_lines():
    for path in sorted(TEMPLATES.rglob("*.html")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            yield path.relative_to(TEMPLATES), number, line


def test_no_template_formats_an_amount_another_way():
    offenders = []
    for path, number, line in _template_lines():
        for match in re.finditer(r"\{\{[^}]*\}\}|with [^%]*%\}", line):
            tag = match.group(0)
            if re.search(r"\|(baht|million_baht):", tag):
                offenders.append(f"{path}:{number}: {tag} (the one format takes no argument)")
            elif re.search(AMOUNT_WORDS + r"[\w.]*\|(floatformat|intcomma|stringformat)", tag) and "meter" not in line:
                offenders.append(f"{path}:{number}: {tag} (use |baht or |baht_text)")
    assert not offenders, "\n".join(offenders)
