"""R1 alignment as a pure function on plain rows (000 ประเด็น 1 item 1-2; 002 ประเด็น 1)."""

from reviews.alignment import ALIGNED, DIVERGENT, MISSING, PARTIAL, StrategyRow, align

WATER = StrategyRow(1, 1, "บริหารจัดการทรัพยากรน้ำแบบบูรณาการ", "ทรัพยากรน้ำ", 10)
FOREST = StrategyRow(2, 2, "อนุรักษ์และฟื้นฟูทรัพยากรป่าไม้", "ป่าไม้", 10)
AUTOS = StrategyRow(3, 1, "ยกระดับอุตสาหกรรมแปรรูปและ SMEs", "อุตสาหกรรมยานยนต์", 20)


def test_the_same_target_industry_aligns():
    result = align(
        issue_title="บริหารจัดการทรัพยากรน้ำลุ่มน้ำชี",
        issue_industry="ทรัพยากรน้ำ",
        linked_strategy=WATER,
        reviewing_ministry_id=10,
        ministry_strategies=[WATER, FOREST],
    )
    assert result.state == ALIGNED and "ทรัพยากรน้ำ" in result.reason
    assert [r["state"] for r in result.rows] == [ALIGNED, DIVERGENT]


def test_a_cluster_aiming_elsewhere_than_the_ministry_diverges_and_says_why():
    # 002 ประเด็น 1: the cluster targets food processing, the ministry's strategy the auto industry
    result = align(
        issue_title="เพิ่มขีดความสามารถอุตสาหกรรมแปรรูปอาหาร",
        issue_industry="อุตสาหกรรมแปรรูปอาหาร",
        linked_strategy=AUTOS,
        reviewing_ministry_id=20,
        ministry_strategies=[AUTOS],
    )
    assert result.state == DIVERGENT
    assert "อุตสาหกรรมแปรรูปอาหาร" in result.reason and "อุตสาหกรรมยานยนต์" in result.reason


def test_a_better_matching_strategy_is_pointed_out():
    result = align(
        issue_title="ฟื้นฟูป่าต้นน้ำ",
        issue_industry="ป่าไม้",
        linked_strategy=WATER,
        reviewing_ministry_id=10,
        ministry_strategies=[WATER, FOREST],
    )
    assert result.state == DIVERGENT and "ข้อ 2" in result.reason and result.matching_strategy_ids == [2]


def test_a_strategy_of_another_ministry_diverges():
    result = align(
        issue_title="x",
        issue_industry="ทรัพยากรน้ำ",
        linked_strategy=AUTOS,
        reviewing_ministry_id=10,
        ministry_strategies=[WATER],
    )
    assert result.state == DIVERGENT and "กระทรวงอื่น" in result.reason


def test_without_industries_shared_title_words_make_a_partial_match():
    bare = StrategyRow(4, 3, "บริหารจัดการทรัพยากรน้ำแบบบูรณาการ", "", 10)
    result = align(
        issue_title="บริหารจัดการทรัพยากรน้ำลุ่มน้ำชี",
        issue_industry="",
        linked_strategy=bare,
        reviewing_ministry_id=10,
        ministry_strategies=[bare],
    )
    assert result.state == PARTIAL and "น้ำ" in result.reason


def test_missing_links_are_said_plainly():
    assert (
        align(
            issue_title=None,
            issue_industry=None,
            linked_strategy=None,
            reviewing_ministry_id=10,
            ministry_strategies=[WATER],
        ).state
        == MISSING
    )
    assert (
        align(
            issue_title="x",
            issue_industry="ป่าไม้",
            linked_strategy=None,
            reviewing_ministry_id=10,
            ministry_strategies=[WATER],
        ).state
        == MISSING
    )
