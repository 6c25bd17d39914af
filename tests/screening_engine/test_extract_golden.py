"""Extraction reads what it read before it was made faster (issue 12, national scale).

The golden file (see golden_extract.py) was written by the extractor before the speed
work; every case must give the same facts, in a fresh order too (the memo caches must
not leak one text's facts into another's). The planner-style cases are in the file whole;
the real and national cases are rebuilt from ../shared/data and compared by hash.
"""

import random

import pytest

from screening_engine.extract import extract_facts

from .golden_extract import digest, inputs_of, read_golden, shared_cases


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


def test_planner_style_texts_read_as_before():
    cases = [c for c in read_golden() if c["set"] == "planner"]
    assert len(cases) > 500
    random.Random(3).shuffle(cases)
    diffs = [c["text"] for c in cases if _json_like(_facts(c)) != c["facts"]]
    assert not diffs, f"{len(diffs)} texts read differently, e.g. {diffs[:3]}"


def test_real_and_national_texts_read_as_before():
    from bench._data import data_dir, read_rows

    d = data_dir()
    if d is None:
        pytest.skip("the FY2565 budget lines (../shared/data) are not on this machine")
    golden = {c["key"]: c["facts_sha"] for c in read_golden() if c["set"] != "planner"}
    cases = shared_cases(read_rows(d))
    assert len({digest(inputs_of(c)) for c in cases}) == len(golden) > 4000  # repeated texts share a key
    random.Random(3).shuffle(cases)
    diffs = [c["text"] for c in cases if golden.get(digest(inputs_of(c))) != digest(_facts(c))]
    assert not diffs, f"{len(diffs)} texts read differently, e.g. {diffs[:3]}"
