"""Multi-word search for the lists (issue 11): every word must match, in any order.

`q=ขอนแก่น ขุดลอก` is two words; a row matches when each word is found (icontains) in at least
one of the searched fields, so the province can be in the office's name and the work in the
title. Thai runs words together; people separate the words of a query with spaces, which is
what is split on here (the library segments Thai itself, library/search.py).
"""

from django.db.models import Q

MAX_WORDS = 8
# Above this many matches the ids are not listed in the SQL: a word found in most of the year is
# cheaper as a subquery than as a long list of literals repeated in each of the page's queries.
MAX_LISTED_IDS = 5000


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
    """Rows of `queryset` holding every word of `text` (the same semantics as `words_q`):
    `matching_ids(word, within)` answers the ids of the rows of `within` that hold one word.

    Issue 15: the search runs once, from the word's side. Each word's ids come from one query in
    which every lookup (a UNION of one indexed lookup per field) carries the rows' own conditions
    (the year, who may see them), so the database reads the rows the word's index finds, not the
    whole visible year. The queryset is then narrowed to those ids: the page, its count and the
    sums per status read the matched rows by primary key instead of each searching again."""
    words = query_words(text)
    if not words:
        return queryset
    within = queryset.order_by().prefetch_related(None)
    found = None
    for word in words:
        ids = set(matching_ids(word, within))
        found = ids if found is None else found & ids
        if not found:
            break
    if len(found) > MAX_LISTED_IDS:
        for word in words:
            queryset = queryset.filter(pk__in=matching_ids(word, within))
        return queryset
    return queryset.filter(pk__in=sorted(found))


def filter_words(queryset, text, fields, extra=None):
    condition = words_q(text, fields, extra)
    return queryset if condition is None else queryset.filter(condition)
