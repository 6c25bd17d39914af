"""The persisted year index (issue 12 point 4): a new worker loads the index another process
built for the same lines, rebuilds it when the lines change, and never trusts a corrupt file."""

import pickle

import pytest

from screening import adapters
from tests.personas import YEAR
from tests.screening.conftest import import_rows, row

pytestmark = pytest.mark.django_db


@pytest.fixture
def index_dir(settings, tmp_path):
    settings.SCREENING_INDEX_DIR = str(tmp_path / "index")
    return tmp_path / "index"


@pytest.fixture
def builds(monkeypatch):
    """Counts the builds from the database rows (the slow path the file saves)."""
    calls = []
    build = adapters._index_build

    def counting(fiscal_year, version):
        calls.append((fiscal_year, version))
        return build(fiscal_year, version)

    monkeypatch.setattr(adapters, "_index_build", counting)
    return calls


def new_process():
    """What a fresh worker starts with: no index in memory."""
    adapters._CACHE.clear()


def test_the_second_process_reads_the_file_the_first_one_wrote(index_dir, lines, builds):
    first = adapters.year_index(YEAR)
    path = adapters.index_path(YEAR, first.version)
    assert path.parent == index_dir and path.exists()
    assert builds == [(YEAR, first.version)]

    new_process()
    second = adapters.year_index(YEAR)
    assert builds == [(YEAR, first.version)]  # loaded, not built again
    assert second is not first and second.version == first.version
    assert second.line_ids == first.line_ids == {ref: line.pk for ref, line in lines.items()}
    assert len(second.index) == len(first.index) == len(second.records) > 0
    # the loaded index screens like the built one
    record = first.records["L#highway"]
    assert [m.line_ref for m in second.index.screen(record)] == [m.line_ref for m in first.index.screen(record)]
    # and the process cache is kept: a third call touches neither the file nor the database
    path.unlink()
    assert adapters.year_index(YEAR) is second and builds == [(YEAR, first.version)]


def test_changed_lines_are_a_new_key_and_are_built_again(index_dir, lines, builds):
    first = adapters.year_index(YEAR)
    import_rows([row("ก่อสร้างถนนลาดยาง บ้านโนนสูง ตำบลบ้านไผ่ อำเภอบ้านไผ่ จังหวัดขอนแก่น", ref="L#new")])
    new_process()
    second = adapters.year_index(YEAR)
    assert second.version != first.version
    assert [v for _, v in builds] == [first.version, second.version]
    assert "L#new" in second.line_ids and "L#new" not in first.line_ids
    assert adapters.index_path(YEAR, second.version) != adapters.index_path(YEAR, first.version)
    assert adapters.index_path(YEAR, second.version).exists()


def test_the_key_holds_the_facts_version_and_the_database(index_dir, lines, monkeypatch):
    version = adapters.year_index(YEAR).version
    before = adapters.index_path(YEAR, version)
    monkeypatch.setitem(adapters.connection.settings_dict, "NAME", "another-database")
    assert adapters.index_path(YEAR, version) != before
    monkeypatch.undo()
    assert adapters.index_path(YEAR, version) == before
    monkeypatch.setattr(adapters, "FACTS_VERSION", "another-extractor")
    assert adapters.index_path(YEAR, version) != before


@pytest.mark.parametrize(
    "content",
    [b"not a pickle at all", b"", pickle.dumps({"year": YEAR})],
    ids=["garbage", "empty", "another-object"],
)
def test_a_corrupt_file_is_ignored_and_rebuilt(index_dir, lines, builds, content):
    first = adapters.year_index(YEAR)
    path = adapters.index_path(YEAR, first.version)
    path.write_bytes(content)
    new_process()
    again = adapters.year_index(YEAR)
    assert len(builds) == 2
    assert again.line_ids == first.line_ids
    # rewritten whole: the next process loads it
    new_process()
    assert adapters.year_index(YEAR).line_ids == first.line_ids and len(builds) == 2


def test_a_truncated_file_is_ignored(index_dir, lines, builds):
    first = adapters.year_index(YEAR)
    path = adapters.index_path(YEAR, first.version)
    path.write_bytes(path.read_bytes()[:100])
    new_process()
    assert adapters.year_index(YEAR).line_ids == first.line_ids and len(builds) == 2


def test_an_unwritable_directory_only_costs_a_build(settings, tmp_path, lines, builds):
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    settings.SCREENING_INDEX_DIR = str(blocker / "index")  # cannot be created under a file
    first = adapters.year_index(YEAR)
    new_process()
    assert adapters.year_index(YEAR).line_ids == first.line_ids and len(builds) == 2
