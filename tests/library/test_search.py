"""Thai search (R11): Thai has no spaces, so queries are segmented and matched as substrings;
odd Unicode is cleaned or refused with a Thai notice, never an error."""

import pytest

from library.search import MAX_QUERY_CHARS, normalise_text, parse_query


def test_a_thai_phrase_is_segmented_into_words():
    assert parse_query("แผนพัฒนากลุ่มจังหวัด").tokens == ("แผน", "พัฒนา", "กลุ่ม", "จังหวัด")


def test_function_words_are_dropped_but_domain_words_kept():
    assert parse_query("แผนและโครงการของกลุ่ม").tokens == ("แผน", "โครงการ", "กลุ่ม")


def test_zero_width_characters_inside_a_word_are_removed():
    assert parse_query("แผน\u200bพัฒนา\ufeff").text == "แผนพัฒนา"


@pytest.mark.parametrize("raw", ["\u200b", "\u200b\u200c\u200d\ufeff", "\u2060\u200b  \u200b"])
def test_zero_width_characters_alone_give_a_notice_and_no_search(raw):
    query = parse_query(raw)
    assert query.is_empty
    assert "มองไม่เห็น" in query.notices[0]


@pytest.mark.parametrize("raw", ["\u0e48", "\u0e48\u0e49\u0e4a", "\u0e34\u0e35", "\u0301\u0302"])
def test_combining_marks_alone_give_a_notice_and_no_search(raw):
    query = parse_query(raw)
    assert query.is_empty
    assert "สระหรือวรรณยุกต์" in query.notices[0]


def test_a_leading_lone_mark_is_dropped_and_the_rest_searched():
    query = parse_query("\u0e48แผน")
    assert query.tokens == ("แผน",)
    assert any("ตัดสระหรือวรรณยุกต์" in n for n in query.notices)


def test_a_very_long_query_is_cut_with_a_notice():
    query = parse_query("แผนพัฒนา" * 500)
    assert len(query.text) <= MAX_QUERY_CHARS
    assert any("ยาวเกินไป" in n for n in query.notices)


def test_decomposed_and_composed_forms_normalise_alike():
    assert normalise_text("Cafe\u0301 แผน") == normalise_text("Café แผน")


def test_control_characters_do_not_survive():
    assert "\x00" not in parse_query("แผน\x00พัฒนา").text
