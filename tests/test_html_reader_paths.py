"""The HTML reader's one-call readings (a cell or a block read by lexbor at once) give what its
walk gives: where pieces of text meet, at blocks and line breaks, inside cells and outside."""

from __future__ import annotations

import random

import pytest
from selectolax.lexbor import LexborHTMLParser

from parsers.readers import html
from parsers.readers import read


def cells(page: str) -> list[tuple[str, str]]:
    return [(c.text, c.ref) for c in read(page.encode("utf-8"), "page.html").cells]


def table_page(*cells_html: str) -> str:
    return "<html><body><table><tr>" + "".join(f"<td>{c}</td>" for c in cells_html) + "</tr></table></body></html>"


@pytest.mark.parametrize(
    "cell, text",
    [
        ("<span>12</span><span>34</span>", "1234"),  # no break between them: one number
        ("<p>12</p><p>34</p>", "12 34"),  # two blocks: two numbers, kept apart
        ("12<br>34", "12 34"),
        ("<span>12</span>\n<span>34</span>", "12 34"),  # the line between them is a space
        ("<p>本年</p><p>新制作</p>", "本年新制作"),  # Chinese rejoined across blocks
        ("<span>本年新</span>\n<span>制作数量</span>", "本年新制作数量"),
        ("<p>规章</p><p>12</p>", "规章 12"),
        ("\u3000<p>12</p>\u00a0", "12"),
        ("<span>1\u200b</span><p>2</p>", "1 2"),
        ("<p><span>（一）</span><span>予以公开</span></p>", "（一）予以公开"),
        ("", ""),
    ],
)
def test_cell_text_where_pieces_meet(cell, text):
    assert cells(table_page(cell, "7")) == [(text, "table 1 row 1 col 1"), ("7", "table 1 row 1 col 2")]


def test_paragraphs_split_at_blocks_and_breaks_inside_a_block():
    page = """<html><body><p><span>一、</span><span>总体情况</span></p>
    <p><span>第一行</span><br><span>第二行</span></p>
    <div>甲<p>乙</p>丙</div><div><p>丁</p></div></body></html>"""
    assert cells(page) == [
        ("一、总体情况", "paragraph 1"),
        ("第一行", "paragraph 2"),
        ("第二行", "paragraph 3"),
        ("甲", "paragraph 4"),
        ("乙", "paragraph 5"),
        ("丙", "paragraph 6"),
        ("丁", "paragraph 7"),
    ]


def test_a_long_cell_of_several_blocks_is_a_container_a_long_single_block_is_a_cell():
    long = "本机关全年主动公开政府信息，说明工作情况与成效。" * 6
    page = table_page(f"<p>{long}</p><p>{long}</p>", f"<p>{long}</p>", "1")
    assert cells(page) == [
        (long, "paragraph 1"),
        (long, "paragraph 2"),
        (long, "table 1 row 1 col 2"),
        ("1", "table 1 row 1 col 3"),
    ]


def test_a_cell_holding_a_table_is_a_layout_cell_its_table_numbered_after():
    page = table_page("<p>前言</p><table><tr><td>规章</td><td>5</td></tr></table>", "尾")
    assert cells(page) == [
        ("前言", "paragraph 1"),
        ("规章", "table 2 row 1 col 1"),
        ("5", "table 2 row 1 col 2"),
        ("尾", "table 1 row 1 col 2"),
    ]


def test_the_article_is_the_container_holding_every_table():
    side = "<div class='side'>" + "".join(f"<p><a href='/{i}'>其他年度报告{i}</a></p>" for i in range(5)) + "</div>"
    article = "".join(f"<p>第{i}段正文，说明本机关政府信息公开工作的情况与成效。</p>" for i in range(8))
    page = f"""<html><body>{side}<div class='wrap'><div class='inner'>
    <div class='a'>{article}<table><tr><td>规章</td><td>1</td></tr></table></div>
    <div class='b'><table><tr><td>总计</td><td>2</td></tr></table></div></div></div></body></html>"""
    got = cells(page)
    assert got[0] == ("第0段正文，说明本机关政府信息公开工作的情况与成效。", "paragraph 1")
    assert got[-4:] == [
        ("规章", "table 1 row 1 col 1"),
        ("1", "table 1 row 1 col 2"),
        ("总计", "table 2 row 1 col 1"),
        ("2", "table 2 row 1 col 2"),
    ]
    assert not any("其他年度报告" in text for text, _ in got)


def test_hidden_menus_go_the_word_display_in_text_changes_nothing():
    article = "".join(f"<p>第{i}段，display 与 hidden 只是文字。</p>" for i in range(4))
    page = f"""<html><body><div style="DISPLAY : none"><p>菜单</p></div><p hidden>弹窗</p>
    <div>{article}</div></body></html>"""
    got = [text for text, _ in cells(page)]
    assert got == [f"第{i}段，display 与 hidden 只是文字。" for i in range(4)]


# ------------------------------------------------ one call against the walk, on made-up cells
PIECES = ["12", "34", "规章", "新", "（一）", " ", "\n", "\u00a0", "\u3000", "\u200b", "a b", "5.0", "元"]
WRAPS = ["{}", "<span>{}</span>", "<p>{}</p>", "{}<br>", "<div>{}</div>", "<font>{}</font>", "<b><i>{}</i></b>"]


def made_up(rng: random.Random) -> str:
    return "".join(rng.choice(WRAPS).format(rng.choice(PIECES)) for _ in range(rng.randint(1, 5)))


def test_one_call_cell_reading_is_the_walk_reading():
    rng = random.Random(7)
    answered = 0
    for _ in range(3000):
        td = LexborHTMLParser(table_page(made_up(rng))).css_first("td")
        short = html._short_cell_text(td)
        if short is not None:
            answered += 1
            assert short == html._cell_text(td), td.html
    assert answered > 1000  # the one-call reading answers most cells


def test_one_call_block_reading_is_the_walk_reading():
    rng = random.Random(11)
    for _ in range(2000):
        block = LexborHTMLParser(f"<html><body>{made_up(rng)}</body></html>").body
        fast = html._Walker(frozenset(), frozenset())  # no tables in these blocks
        fast.walk(block)
        fast.flush()
        walked = html._Walker(frozenset(), frozenset())
        walked.walk_children(block)  # piece by piece: the body's children, not the body in one call
        assert [(c.text, c.ref) for c in fast.cells] == [(c.text, c.ref) for c in walked.cells], block.html


def test_tidy_skipped_only_where_it_changes_nothing():
    from parsers.readers import tidy

    rng = random.Random(3)
    alphabet = ["1", "a", "规", "（", "，", ".", " ", "\n", "\t", "\u00a0", "\u3000", "\u200b", "\ufeff", "\x1c", "\u2028"]
    for _ in range(5000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 6)))
        assert html._tidy(text) == tidy(text), repr(text)
