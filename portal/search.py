"""Multi-word search for the lists (issue 11): every word must match, in any order.

`q=ขอนแก่น ขุดลอก` is two words; a row matches when each word is found (icontains) in at least
one of the searched fields, so the province can be in the office's name and the work in the
title. Thai runs words together; people separate the words of a query with spaces, which is
what is split on here (the library segments Thai itself, library/search.py).
"""

from django.db.models import Q

MAX_WORDS = 8


def query_words(text) -> list[str]:
    words = []
    for word in str(text or "").split():
        if word not in words:
            words.append(word)
    return words[:MAX_WORDS]


def words_q(text, fields, extra=None) -> Q | None:
    """A Q that holds when every word of `text` is in one of `fields`; `extra(word)` may add a
    condition per word (a subquery over related rows, which a join would duplicate). None when
    the text has no words."""
    words = query_words(text)
    if not words:
        return None
    combined = Q()
    for word in words:
        either = Q()
        for name in fields:
            either |= Q(**{f"{name}__icontains": word})
        if extra is not None:
            either |= extra(word)
        combined &= either
    return combined


def filter_each_word(queryset, text, matching_ids):
    """Rows holding every word of `text`: `matching_ids(word)` answers the ids of the rows that
    hold one word (a queryset of ids; a UNION of indexed lookups scales where an OR across joins
    does not, issue 15). The same semantics as `words_q`.

    Issue 15: the search runs once. The ids of the rows of `queryset` holding every word are
    fetched in one query, and the queryset is narrowed to those ids: the page, its count and the
    sums per status that follow read the matched rows by primary key, where a subquery would
    have searched the year again in each of them (a common word costs in proportion to its
    matches, so it should be paid once)."""
    words = query_words(text)
    if not words:
        return queryset
    matched = queryset.order_by()
    for word in words:
        matched = matched.filter(pk__in=matching_ids(word))
    return queryset.filter(pk__in=list(matched.values_list("pk", flat=True)))


def filter_words(queryset, text, fields, extra=None):
    condition = words_q(text, fields, extra)
    return queryset if condition is None else queryset.filter(condition)
