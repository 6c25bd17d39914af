import datetime

import pytest
from django import forms

from portal.forms import BEDateField
from portal.models import fiscal_year_of
from portal.thai import baht, million_baht, parse_be_date, thai_date


def test_dates_show_buddhist_era_years():
    assert thai_date(datetime.date(2010, 10, 1)) == "1 ตุลาคม 2553"
    assert thai_date(datetime.date(2010, 10, 1), "short") == "1 ต.ค. 53"
    assert thai_date(datetime.date(2010, 10, 1), "numeric") == "01/10/2553"


def test_a_typed_be_year_is_stored_as_its_ad_date():
    assert parse_be_date("01/10/2569") == datetime.date(2026, 10, 1)
    assert parse_be_date("๐๑/๑๐/๒๕๖๙") == datetime.date(2026, 10, 1)


@pytest.mark.parametrize("typed", ["01/10/2026", "1/10/69", "31/02/2569", "hello", "01-13-2569"])
def test_typed_dates_that_are_not_be_are_refused_in_thai(typed):
    field = BEDateField()
    with pytest.raises(forms.ValidationError) as excinfo:
        field.clean(typed)
    assert any("\u0e00" <= ch <= "\u0e7f" for ch in str(excinfo.value))


def test_fiscal_years_start_on_1_october():
    assert fiscal_year_of(datetime.date(2010, 9, 30)) == 2553
    assert fiscal_year_of(datetime.date(2010, 10, 1)) == 2554


def test_baht_is_grouped_by_thousands():
    assert baht(1200000000) == "1,200,000,000"
    assert baht("1234.5", 2) == "1,234.50"
    assert million_baht(1200000000) == "1,200.00"
    # one format (issue 11): no decimals unless there are satang
    assert baht("3500000.00") == "3,500,000"
    assert baht("1234.5") == "1,234.50"
    assert baht("0.01") == "0.01"
    assert million_baht("3500000") == "3.50"
    assert million_baht(0) == "0.00"
    assert baht(None) == ""
