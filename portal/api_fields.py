"""Serializer fields shared by the apps' APIs."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

# below 2400: the smallest BE year the forms accept (portal.thai.parse_be_date)
FIRST_AD_YEAR, LAST_AD_YEAR = 1900, 2399


class ADDateField(serializers.DateField):
    """An ISO date whose year is AD. The forms take BE (dd/mm/yyyy พ.ศ.); the API takes ISO dates,
    and an ISO date typed with a BE year (2567-01-18) would otherwise be stored 543 years late."""

    default_error_messages = {
        "be_year": _("วันที่ใน API ใช้ปีคริสต์ศักราช (ค.ศ.) เช่น 2010-11-25: ปี {year} ดูเป็นปีพุทธศักราช (พ.ศ.)"),
        "out_of_range": _("วันที่ใน API ใช้ปีคริสต์ศักราช (ค.ศ.) เช่น 2010-11-25: ปี {year} อยู่นอกช่วงที่รับได้"),
    }

    def to_internal_value(self, value):
        date = super().to_internal_value(value)
        if date.year > LAST_AD_YEAR:
            self.fail("be_year", year=date.year)
        if date.year < FIRST_AD_YEAR:
            self.fail("out_of_range", year=date.year)
        return date
