"""Lookups with a number past 64 bits match nothing instead of overflowing (issue-16 audit).

Django answers `exact`/`gt`/... on an integer column with an out-of-range number without asking
the database, but not `in` (on the column or through a foreign key): a form's multiple choice
with 99999999999999999999999 reached SQLite, which raised OverflowError (a 500 under `make run`;
PostgreSQL compares it as numeric and finds nothing). Such a number names no row, so dropping it
is exactly the database's own answer. `fk_id=<huge>` is left to the callers (they bound the id):
turning it into "no match" would raise EmptyResultSet where a queryset's SQL is read out.
"""

from django.db.models import ForeignObject, IntegerField
from django.db.models.fields.related_lookups import RelatedIn
from django.db.models.lookups import In

LIMIT = 2**63 - 1  # the widest integer column (bigint) on SQLite and PostgreSQL


def _storable(value) -> bool:
    return not isinstance(value, int) or -LIMIT - 1 <= value <= LIMIT


class _DropsUnstorable:
    def get_prep_lookup(self):
        values = super().get_prep_lookup()
        if isinstance(values, list | tuple):
            values = [v for v in values if _storable(v)]
        return values


class InWithinRange(_DropsUnstorable, In):
    pass


class RelatedInWithinRange(_DropsUnstorable, RelatedIn):
    pass


def register() -> None:
    IntegerField.register_lookup(InWithinRange, lookup_name="in")
    ForeignObject.register_lookup(RelatedInWithinRange, lookup_name="in")
