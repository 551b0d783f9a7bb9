"""parsers/catalogue.csv holds together: one code per label, every code reachable from a label as
the parsers match it, and the 2019 and 2021 templates each a whole table 2."""

from __future__ import annotations

import csv
from collections import defaultdict

from parsers import catalogue
from parsers.catalogue import label_key

VERSIONS = {"2019", "2021"}
# the kinds each table's parser matches together (parsers/tables.py, parsers/template.py)
MATCHED_TOGETHER = {
    "section": ("section",),
    "t2_item": ("t2_item", "t2_measure"),
    "t2_measure": ("t2_item", "t2_measure"),
    "t2_block": ("t2_block",),
    "t3_row": ("t3_row", "t3_group", "applicant"),
    "t3_group": ("t3_row", "t3_group", "applicant"),
    "applicant": ("t3_row", "t3_group", "applicant"),
    "proceeding": ("proceeding",),
    "outcome": ("outcome",),
}


def _rows() -> list[dict[str, str]]:
    with catalogue.catalogue_path().open(encoding="utf-8") as f:
        return list(csv.DictReader(f))


def test_every_line_is_one_of_the_known_kinds_with_known_versions():
    rows = _rows()
    assert {r["kind"] for r in rows} == set(MATCHED_TOGETHER) | {"t2_cell"}
    for r in rows:
        versions = set(r["versions"].split(";"))
        assert versions and versions <= VERSIONS, r
        assert r["match"] in (("",) if r["kind"] == "t2_cell" else ("exact", "prefix", "contains")), r


def test_no_line_twice_and_no_label_names_two_codes():
    rows = [r for r in _rows() if r["kind"] != "t2_cell"]
    lines = [(r["kind"], r["code"], r["label"]) for r in rows]
    assert len(lines) == len(set(lines))
    codes_of: dict[tuple[str, str], set[str]] = defaultdict(set)
    for r in rows:
        codes_of[(MATCHED_TOGETHER[r["kind"]], label_key(r["label"]))].add(f"{r['kind']}:{r['code']}")
    shared = {key: codes for key, codes in codes_of.items() if len(codes) > 1}
    # 其他 is both the applicant column and, under 3., a table-3 row (told apart by `requires`); 总计 likewise
    assert {key[1] for key in shared} <= {"其他", "总计"}, shared


def test_every_code_is_reached_by_one_of_its_labels():
    cat = catalogue.load()
    for kind, together in MATCHED_TOGETHER.items():
        matcher = cat.matcher(*together)
        for code in cat.codes(kind):
            labels = [lab for lab in cat.of_kind(kind) if lab.code == code]
            reached = [lab.label for lab in labels if any(c.kind == kind and c.code == code for c in matcher.candidates(lab.key))]
            assert reached, f"{kind} {code}: none of its labels {[lab.label for lab in labels]} finds it"


def test_parents_and_requirements_name_codes_of_the_table():
    cat = catalogue.load()
    t3 = set(cat.codes("t3_row")) | set(cat.codes("t3_group"))
    for lab in cat.of_kind("t3_row") + cat.of_kind("applicant") + cat.of_kind("t3_group"):
        assert not lab.parent or lab.parent in t3, lab
        needs = lab.requires.split(";") if lab.requires else []
        assert all(need in cat.codes("t3_row") or need == catalogue.NUMBERED for need in needs), lab


def test_a_bare_word_is_the_row_that_requires_its_numbering_only_when_numbered():
    """`3.其他` is other_other after 予以公开; `其他` alone (the pieces of 其他处理 printed a
    character a line, joined; a column heading) is not, nor `（六）其他` (其他处理 cut in two cells)."""
    assert all(catalogue.numbered(text, "3.其他") for text in ("3.其他", "3、其他", "3. 其他", "（3）其他"))
    assert not any(catalogue.numbered(text, "3.其他") for text in ("其他", "其他处理", "（六）其他", "2.其他"))
    other = [lab for lab in catalogue.load().of_kind("t3_row") if lab.key == "其他"]
    assert other and all(catalogue.NUMBERED in lab.requires.split(";") for lab in other)


def test_a_short_start_of_a_label_is_its_row_only_with_that_row_s_numbering():
    """A narrow cell wraps a label after a few characters (`7.属于行政` / `执法案卷`): too short a
    start for the matcher alone, the start with the row's own numbering is that row; without a
    numbering, with another row's, or shorter than four characters, it is none."""
    matcher = catalogue.load().matcher("t3_row", "t3_group", "applicant")
    found = {
        text: {lab.code for lab in matcher.numbered_start(text)}
        for text in (
            "7.属于行政",
            "8.属于行政",
            "1.属于国家秘",
            "5.要求行政",
            "属于行政",
            "9.属于行政",
            "1.本机",
            "3.其他",
        )
    }
    assert found == {
        "7.属于行政": {"denied_enforcement_files"},
        "8.属于行政": {"denied_inquiry_matters"},
        "1.属于国家秘": {"denied_state_secret"},
        "5.要求行政": {"not_processed_confirmation"},
        "属于行政": set(),
        "9.属于行政": set(),
        "1.本机": set(),
        "3.其他": set(),
    }


def test_each_template_version_is_a_whole_table_2():
    cat = catalogue.load()
    cells = [(item, measure, set(vs)) for item, measure, vs in cat.t2_cells]
    assert len({(i, m) for i, m, _ in cells}) == len(cells), "a table-2 cell listed twice"
    for version in sorted(VERSIONS):
        items = {lab.code for lab in cat.of_kind("t2_item") if version in lab.versions}
        measures = {lab.code for lab in cat.of_kind("t2_measure") if version in lab.versions}
        in_version = [(i, m) for i, m, vs in cells if version in vs]
        assert in_version, version
        for item, measure in in_version:  # every cell of the version can be found by its labels in that version
            assert item in items and measure in measures, (version, item, measure)
        assert {i for i, _ in in_version} == items, version  # and every item printed in that version has a cell
        assert set(catalogue.table2_cells(version)) == set(in_version)


def test_tables_3_and_4_are_the_same_in_both_versions_but_for_the_2021_rows_under_other_handling():
    cat = catalogue.load()
    only_2021 = {lab.code for lab in cat.of_kind("t3_row") if set(lab.versions) == {"2021"}}
    assert only_2021 == {"other_no_correction", "other_fee_unpaid", "other_other"}
    for kind in ("applicant", "proceeding", "outcome", "t3_group"):
        assert all(set(lab.versions) == VERSIONS for lab in cat.of_kind(kind)), kind
    assert cat.codes("applicant")[-1] == cat.codes("outcome")[-1] == "total"


def test_a_number_whose_mark_was_moved_is_numbering():
    """pymupdf4llm moves a label's numbering mark into the next cell (`2没有现成…` | `.<br>制作`): one
    or two digits right before an ideograph are the label's numbering; a year or a count is not."""
    from parsers.catalogue import label_key

    assert label_key("2没有现成信息需要另行") == label_key("2.没有现成信息需要另行")
    assert label_key("2024年度报告") == "2024年度报告"
