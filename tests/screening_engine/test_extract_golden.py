"""Extraction reads what it read before it was made faster (issue 12, national scale).

The golden file (see golden_extract.py) was written by the extractor before the speed
work; every case must give the same facts, in a fresh order too (the memo caches must
not leak one text's facts into another's).
"""

import random

from screening_engine.extract import extract_facts

from .golden_extract import read_golden


def _facts(case):
    return extract_facts(
        case["text"], unit=case.get("unit", ""), context=case.get("context", ""), amount=case.get("amount")
    ).to_dict()


def _json_like(value):
    # The golden file went through JSON: tuples became lists.
    if isinstance(value, (list, tuple)):
        return [_json_like(v) for v in value]
    if isinstance(value, dict):
        return {k: _json_like(v) for k, v in value.items()}
    return value


def test_extraction_matches_the_golden_facts():
    cases = read_golden()
    assert len(cases) > 5000
    random.Random(3).shuffle(cases)
    diffs = [c["text"] for c in cases if _json_like(_facts(c)) != c["facts"]]
    assert not diffs, f"{len(diffs)} texts read differently, e.g. {diffs[:3]}"
