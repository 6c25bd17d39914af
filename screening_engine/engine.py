"""Duplicate screening of provincial/cluster requests against ministry budget lines.

Pure Python, no ORM.  The Django side stores ``extract_facts(...).to_dict()`` per
budget line, rebuilds ``LineRecord``s, calls ``ScreeningIndex.build(lines)`` and
``index.screen(request)``, and stores each ``Match`` (level, score, Thai reasons,
matched_terms to highlight) as a flag.

Modules: normalize (OCR repair, skeleton keys) -> extract (Facts) -> scoring (pair
rules) -> index (blocking).  vocab holds the kinds of work, gazetteer the places.

The rules (scoring.compare)
---------------------------
README.md in this package lists every rule, including those for requests as planners
type them (issue 12: highway numbers without หมายเลข, rural codes in every form, routes by
their ends, facilities and their buildings/items, repair vs new, weirs per tambon).

A pair is compared only within one fiscal year and a shared province (from the
text's จังหวัด/จ., else the unit; a cluster unit stands for its member provinces).
Many-item lines ("รวม N รายการ") are never compared.  Then, in this order:

1. Same road.  Highways by number, rural roads by code (นค.3010), an uncoded
   branch road ("สายแยก ทล.N - บ้านX") by junction highway + destination, an
   uncoded route ("สาย X - Y") by both end names.  A highway mentioned only as the
   start of another road ("แยกทางหลวงหมายเลข 43 - ...", "ทางหลวงหมายเลข 1289 - บ้าน...")
   is a junction, not the asset, so a branch road never matches the highway itself.
   * same section (same control section, or every end name of one section name is
     in the other) or unspecified section -> DUPLICATE if the kind of work is the
     same, OVERLAP if not (widening vs scheduled maintenance of one section);
   * different section (other control section, lot ตอน 1 vs ตอน 2, disjoint km
     ranges, or section names sharing at most one end = adjacent sections) -> no
     flag.  The labels call this "overlap", but a line on another section is context
     for the reviewer, not a duplicate candidate; ``compare(..., other_sections=True)``
     flags it as overlap for a view that wants it.
2. Same named site, when no road matched.
   * point assets (reservoir, weir, gate, pump station, pond): same name in the same
     amphoe (a reservoir) or not another tambon (the rest) -> DUPLICATE if same kind
     of work, else OVERLAP (spillway vs area development of อ่างซับเหล็ก);
   * a waterway (river, creek, canal) is long: the same name is the same place only
     with the same tambon and the same village or landmark (วัดบัวงาม) -> as above;
     the same tambon (or amphoe, when a text names no tambon) and the same kind of
     work -> OVERLAP (cannot tell which stretch); another tambon or village -> no
     flag.  A structure named after its creek (weir, storage scheme) is one object.
   * a landmark (temple, school, hospital) only places a work: with the same kind of
     work -> DUPLICATE, otherwise no flag (a bank wall at a hospital is not its ward).
3. No shared asset: the same kind of site work (bank protection, dredging, water
   supply, weirs, storage, landscape) in the same tambon, with no conflicting
   village number or village/asset name and no road -> OVERLAP.
4. Anything else -> no flag.  A study, a purchase or a seminar is never matched
   with works.

"Same kind of work" compares the kinds named before any "พร้อม..." add-on, by the
groups of vocab.WORK_KINDS (DOH maintenance lines are resurfacing; widening and
capacity construction are one group; a bare ปรับปรุงถนน matches both).  When a line
names no work, its PROJECT/OUTPUT/CATEGORY context supplies it.

Score: the level sets the band (duplicate 0.7-1.0, overlap 0.35-0.65); character
similarity of the texts (rapidfuzz token_set_ratio on skeletons, weight 0.7) and
closeness of the amounts (0.3) order matches within a band.  Text similarity never
decides a flag: same-kind works on different assets read alike, which is exactly
why character n-gram cosine alone reaches an F1 of ~0.2-0.3 here.

Library choices
---------------
* rapidfuzz: fuzzy comparison of short OCR'd names (province, section ends, site
  names) and the supporting text similarity; C speed, no model, already required.
* scikit-learn: only for the char n-gram TF-IDF baseline in bench/duplicates_eval.py;
  the engine does not need a vector space once assets are extracted.
* pythainlp: not used at run time.  Its ``util.normalize`` does the repairs we need
  but costs ~100 µs a line (4.6 s per year file); its word segmentation splits the
  place names this extractor needs whole, and its dictionary does not know them
  better than the documents' own markers (ตำบล, หมู่ที่, ทางหลวงหมายเลข).  Tests
  cross-check our normaliser and province list against pythainlp's.
"""

from __future__ import annotations

from .extract import extract_facts
from .facts import Facts, Road, Site, highlight_terms
from .index import ScreeningIndex, naive_screen, screen_many, screen_requests_against_each_other
from .records import LineRecord, Match
from .scoring import compare

__all__ = [
    "Facts",
    "LineRecord",
    "Match",
    "Road",
    "ScreeningIndex",
    "Site",
    "compare",
    "extract_facts",
    "highlight_terms",
    "naive_screen",
    "screen_many",
    "screen_requests_against_each_other",
]
