"""`id__in` with a number past 64 bits matches nothing instead of overflowing (issue-16 audit).

Django already answers `exact`/`gt`/... with out-of-range integers without asking the database,
but not `in`: a form's multiple choice (`?offices=99999999999999999999999`) reached SQLite, which
raised OverflowError (a 500 under `make run`; PostgreSQL compares it as numeric and finds nothing).
Such a number names no row, so dropping it from the list is exactly the database's answer.
"""

from django.db.models import IntegerField
from django.db.models.lookups import In

LIMIT = 2**63 - 1  # the widest integer column (bigint) on SQLite and PostgreSQL


class InWithinRange(In):
    def get_prep_lookup(self):
        values = super().get_prep_lookup()
        if isinstance(values, list | tuple):
            values = [v for v in values if not isinstance(v, int) or -LIMIT - 1 <= v <= LIMIT]
        return values


def register() -> None:
    IntegerField.register_lookup(InWithinRange, lookup_name="in")
