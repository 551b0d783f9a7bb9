"""`xxgk report`, the audit page: its values (every report, its findings, the regions' figures,
the filters) read from the HTML, and the page as a person sees it in a real headless Chromium.

One warehouse serves the module (building it takes seconds): the five samples (as the raw_dir
fixture copies them), 40 generated multi-year reports, a file that is no report, a GBK re-save
of a sample (a duplicate) and a sample moved to the year before (a cross-year break).
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest
from lxml import html as lxml_html

from pipelines import ingest
from pipelines.cli import main
from scripts import text_variants
from scripts.make_corpus import generate

from .helpers import SAMPLES

CHROMIUM, CHROMIUM_ARGS = text_variants.CHROMIUM, text_variants.CHROMIUM_ARGS


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> dict:
    base = tmp_path_factory.mktemp("audit")
    raw, gold = base / "raw", base / "gold"
    raw.mkdir()
    for f in SAMPLES:
        shutil.copy(f, raw / f.name)
    golds = {}
    for path in generate(gold, 40, seed=3, broken_share=0.1):
        shutil.copy(path, raw / path.name)
        golds[path.name] = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
    first = SAMPLES[0].read_text(encoding="utf-8")  # 重庆市通信管理局 2024
    (raw / "prev_year.txt").write_text(first.replace("2024", "2023", 1), encoding="utf-8")
    (raw / "resaved_gbk.txt").write_bytes(SAMPLES[1].read_text(encoding="utf-8").encode("gb18030"))
    (raw / "notes.txt").write_text("会议纪要\n今天开会，讨论了工作安排。\n", encoding="utf-8")
    warehouse = base / "wh" / "xxgk.duckdb"
    ingest.run(raw, warehouse)
    assert main(["report", "--warehouse", str(warehouse)]) == 0
    return {"base": base, "warehouse": warehouse, "page": warehouse.parent / "report.html", "golds": golds}


def sql(warehouse: Path, query: str) -> list[tuple]:
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        return con.sql(query).fetchall()
    finally:
        con.close()


def report_rows(page: Path) -> dict[str, dict]:
    """file name → what its row of the reports table says."""
    doc = lxml_html.fromstring(page.read_text(encoding="utf-8"))
    out = {}
    for tr in doc.xpath('//table[@id="reports"]/tbody/tr'):
        cells = tr.xpath("./td")
        out[cells[-1].text_content().strip()] = {
            "status": tr.get("data-status"),
            "id": tr.get("data-id"),
            "text": tr.text_content(),
            "body": cells[1].text_content(),
            "region": cells[2].text_content(),
            "year": cells[3].text_content(),
        }
    return out


def region_rows(page: Path) -> dict[str, list[str]]:
    doc = lxml_html.fromstring(page.read_text(encoding="utf-8"))
    return {
        tr.xpath("./th")[0].text_content(): [td.text_content() for td in tr.xpath("./td")]
        for tr in doc.xpath('//table[@id="regions"]/tbody/tr')
    }


# ------------------------------------------------------------------ values
def test_every_report_appears_with_its_status(corpus):
    rows = report_rows(corpus["page"])
    stored = sql(corpus["warehouse"], "SELECT source_path, report_id, parse_status, year FROM reports")
    assert len(rows) == len(stored) == 5 + 40 + 3
    for path, report_id, status, year in stored:
        row = rows[Path(path).name]
        assert (row["id"], row["status"], row["year"]) == (report_id, status, str(year or ""))
    assert rows["notes.txt"]["status"] == "failed" and "解析失败" in rows["notes.txt"]["text"]
    assert rows[SAMPLES[2].name]["region"] == "重庆市梁平区"


def test_default_page_is_beside_the_warehouse_and_named_on_stdout(corpus, capsys):
    assert main(["report", "--warehouse", str(corpus["warehouse"])]) == 0
    out = capsys.readouterr().out
    assert out.startswith(str(corpus["page"])) and "48 reports" in out and "1 failed" in out


def test_findings_appear_in_their_reports_rows(corpus):
    rows = report_rows(corpus["page"])
    assert "不是年度报告" in rows["notes.txt"]["text"] and "no report title" in rows["notes.txt"]["text"]
    gbk = rows["resaved_gbk.txt"]["text"]
    assert "重复报告" in gbk and "same body, year and table-3 numbers" in gbk and "重复于" in gbk
    cross = rows[SAMPLES[0].name]["text"]
    assert "跨年度结转不符" in cross and "carried_over 0 in 2024 but the 2023 report" in cross
    broken = {name: g for name, g in corpus["golds"].items() if g["source_inconsistencies"]}
    assert broken
    for name, gold in broken.items():
        text = rows[name.replace(".json", ".txt")]["text"]
        for finding in gold["source_inconsistencies"]:  # "table3 row granted: applicant columns sum to 1 but 总计 prints 2"
            cells, _, arithmetic = finding.partition(": ")
            printed = arithmetic.partition(" prints ")[2]
            assert cells.split(" ", 1)[1] + ":" in text and (not printed or f"prints {printed}" in text), (name, finding)
    clean = [n for n, g in corpus["golds"].items() if not g["source_inconsistencies"]]
    assert all(rows[n.replace(".json", ".txt")]["status"] == "ok" for n in clean)
    assert "区划未确定" in rows[SAMPLES[3].name]["text"]  # 老城区…: not placed, and why


def test_region_figures_are_computed_from_sums(corpus):
    """公开率 of a region = Σ(予以公开 + 部分公开) / Σ办理总计 over its counted reports printing all three."""
    cells = sql(
        corpus["warehouse"],
        """
        SELECT r.report_id, a.row_code, a.count FROM applications a JOIN reports r USING (report_id)
        WHERE r.province = '重庆市' AND r.parse_status <> 'failed' AND r.duplicate_of IS NULL
          AND a.applicant = 'total' AND a.row_code IN ('new_received', 'granted', 'partially_granted', 'total_processed')""",
    )
    by_report: dict[str, dict] = {}
    for report_id, code, count in cells:
        by_report.setdefault(report_id, {})[code] = count
    disclosed = processed = received = 0
    for numbers in by_report.values():
        received += numbers["new_received"] or 0
        if None not in (numbers["granted"], numbers["partially_granted"], numbers["total_processed"]):
            disclosed += numbers["granted"] + numbers["partially_granted"]
            processed += numbers["total_processed"]
    reports, _, shown_received, _, rate, *_ = region_rows(corpus["page"])["重庆市"]
    assert int(reports) == len(by_report) >= 6  # the GBK duplicate is not counted
    assert shown_received == f"{received:,}"
    assert rate == f"{disclosed / processed * 100:.1f}%"


def test_year_and_region_filters(corpus, tmp_path):
    out = tmp_path / "2023.html"
    assert main(["report", "--warehouse", str(corpus["warehouse"]), "--year", "2023", "--out", str(out)]) == 0
    rows = report_rows(out)
    assert {r["year"] for r in rows.values()} == {"2023"}
    assert len(rows) == sql(corpus["warehouse"], "SELECT count(*) FROM reports WHERE year = 2023")[0][0]
    assert "prev_year.txt" in rows and "notes.txt" not in rows

    out = tmp_path / "cq.html"
    assert main(["report", "--warehouse", str(corpus["warehouse"]), "--region", "重庆", "--out", str(out)]) == 0
    rows = report_rows(out)
    expected = sql(corpus["warehouse"], "SELECT count(*) FROM reports WHERE province LIKE '%重庆%' OR agency LIKE '%重庆%'")[0][0]
    assert len(rows) == expected and "resaved_gbk.txt" in rows and "notes.txt" not in rows
    assert all("重庆" in r["region"] + r["body"] for r in rows.values())
    assert list(region_rows(out)) == ["合计", "重庆市"]


def test_an_empty_selection_says_so(corpus, tmp_path, capsys):
    out = tmp_path / "none.html"
    assert main(["report", "--warehouse", str(corpus["warehouse"]), "--region", "<b>火星</b>", "--out", str(out)]) == 0
    assert "no report matches" in capsys.readouterr().out
    text = out.read_text(encoding="utf-8")
    assert "没有符合条件的报告" in text and "&lt;b&gt;火星&lt;/b&gt;" in text and "<b>火星" not in text
    assert 'id="reports"' not in text


def test_only_failed_reports_give_a_page_without_figures(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "empty.txt").write_bytes(b"")
    ingest.run(raw, tmp_path / "wh.duckdb")
    assert main(["report", "--warehouse", str(tmp_path / "wh.duckdb")]) == 0
    text = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert "没有可汇总的数字和图表" in text and "<svg" not in text
    assert report_rows(tmp_path / "report.html")["empty.txt"]["status"] == "failed" and "empty file" in text


def test_the_page_is_self_contained(corpus):
    text = corpus["page"].read_text(encoding="utf-8")
    for outside in ("http://", "https://", "<link", "src=", "@import", "url("):
        assert outside not in text.replace('xmlns="http://www.w3.org/2000/svg"', ""), outside
    assert text.count("<svg") == 3 and "<script>" in text


def test_missing_or_busy_warehouse_exits_2(corpus, tmp_path, capsys):
    assert main(["report", "--warehouse", str(tmp_path / "none.duckdb")]) == 2
    assert "no warehouse here yet" in capsys.readouterr().err
    duckdb.connect(str(tmp_path / "empty.duckdb")).close()
    assert main(["report", "--warehouse", str(tmp_path / "empty.duckdb")]) == 2
    assert "not an xxgk warehouse yet" in capsys.readouterr().err
    code = "import duckdb, sys, time; con = duckdb.connect(sys.argv[1]); print('held', flush=True); time.sleep(5)"
    holder = subprocess.Popen([sys.executable, "-c", code, str(corpus["warehouse"])], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        started = time.monotonic()
        assert main(["report", "--warehouse", str(corpus["warehouse"]), "--wait", "0.5", "--out", str(tmp_path / "x.html")]) == 2
        err = capsys.readouterr().err
        assert "held by another process" in err and "Traceback" not in err and time.monotonic() - started < 5
    finally:
        holder.kill()
        holder.wait()


# ------------------------------------------------------------------ in a real browser
@pytest.fixture(scope="module")
def page(corpus):
    if not CHROMIUM.exists():
        pytest.skip("/usr/bin/chromium is not installed (bash scripts/setup --test installs it)")
    sync_playwright = pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed").sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        tab = browser.new_page(viewport={"width": 1400, "height": 900})
        errors: list[str] = []
        tab.on("pageerror", lambda e: errors.append(str(e)))
        tab.goto(corpus["page"].as_uri())
        tab.errors = errors
        yield tab
        browser.close()


def visible_rows(tab) -> list[str]:
    return tab.locator("#reports tbody tr:visible").all_inner_texts()


def reset(tab) -> None:
    tab.fill("#filter", "")
    tab.select_option("#status", "")


@pytest.mark.browser
def test_browser_shows_every_report_and_the_charts(page, corpus):
    assert not page.errors
    assert len(visible_rows(page)) == 48 and page.inner_text("#shown") == "48"
    charts = page.locator("svg.chart")
    assert charts.count() == 3
    for k in range(3):
        box = charts.nth(k).bounding_box()
        assert box["width"] > 300 and box["height"] > 150
        bars = [charts.nth(k).locator("rect.bar").nth(j).bounding_box() for j in range(charts.nth(k).locator("rect.bar").count())]
        assert any(b["height"] > 5 and b["width"] > 5 for b in bars)
    page.screenshot(path=str(corpus["base"] / "audit.png"), full_page=True)
    assert (corpus["base"] / "audit.png").stat().st_size > 50_000


@pytest.mark.browser
def test_browser_filter_box_hides_other_rows(page):
    reset(page)
    page.fill("#filter", "綦江")
    shown = visible_rows(page)
    assert len(shown) == 2 and all("綦江" in t for t in shown)  # the sample and its GBK re-save
    assert page.inner_text("#shown") == "2"
    page.fill("#filter", "跨年度结转")
    assert len(visible_rows(page)) == 1
    page.fill("#filter", "没有这样的机关")
    assert visible_rows(page) == [] and page.is_visible("#none-shown")
    reset(page)
    assert len(visible_rows(page)) == 48


@pytest.mark.browser
def test_browser_status_selector(page, corpus):
    reset(page)
    page.select_option("#status", "failed")
    shown = visible_rows(page)
    assert len(shown) == 1 and "notes.txt" in shown[0]
    page.select_option("#status", "warnings")
    expected = sql(corpus["warehouse"], "SELECT count(*) FROM reports WHERE parse_status = 'warnings'")[0][0]
    assert len(visible_rows(page)) == expected and all("有警告" in t for t in visible_rows(page))
    page.fill("#filter", "重庆")  # both at once
    assert 0 < len(visible_rows(page)) < expected
    reset(page)


@pytest.mark.browser
def test_browser_header_click_sorts(page):
    reset(page)

    def column(k: int) -> list[str]:
        return page.locator(f"#reports tbody tr:visible td:nth-child({k})").all_inner_texts()

    header = page.locator("#reports thead th").nth(4)  # 本年新收
    assert header.inner_text().strip() == "本年新收"
    header.click()
    values = column(5)
    numbers = [int(v.replace(",", "")) for v in values if v.strip()]
    assert numbers == sorted(numbers) and len(numbers) >= 40
    assert all(not v.strip() for v in values[len(numbers) :])  # blanks last
    assert header.get_attribute("aria-sort") == "ascending"
    header.click()
    numbers = [int(v.replace(",", "")) for v in column(5) if v.strip()]
    assert numbers == sorted(numbers, reverse=True) and header.get_attribute("aria-sort") == "descending"
    page.locator("#reports thead th").nth(0).click()  # 解析状态: failed first
    assert column(1)[0].strip() == "解析失败"


@pytest.mark.browser
def test_browser_nothing_is_cut_off_on_a_laptop_screen(page):
    reset(page)
    overflow = page.evaluate("Array.from(document.querySelectorAll('.scroll')).map(e => e.scrollWidth - e.clientWidth)")
    assert overflow and max(overflow) <= 0
