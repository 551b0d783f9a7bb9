"""The audit page as one self-contained HTML file: styles, script and charts inline, so it opens
from disk or an e-mail attachment with no network. Every text from the warehouse is escaped.

Labels are Chinese for the people who read it (column labels from parsers/columns.csv, row
labels from the catalogue); codes stay visible in small type so a finding can be looked up.
"""

from __future__ import annotations

import re
from html import escape
from pathlib import PurePath

from parsers import catalogue
from parsers.checks import registry as findings_registry
from parsers.dictionary import column_label

from . import audit_charts as charts
from .audit import Audit

STATUS = {"ok": "正常", "warnings": "有警告", "failed": "解析失败"}
STATUS_ORDER = {"failed": 0, "warnings": 1, "ok": 2}
CHECKS = {name: check.label_zh for name, check in findings_registry().items()} | {  # check_name → what an auditor calls it
    "failed": "解析失败",
    "body_not_placed": "区划未确定",  # the page's own notes, not findings stored
}
FINDINGS_SHOWN = 3  # more than this go under a disclosure


def zh(column: str, fallback: str | None = None) -> str:
    meta = column_label("report_headlines", column)
    return (meta or {}).get("label_zh") or fallback or column


def _num(v) -> str:
    return "" if v is None else f"{v:,}"


def _pct(v) -> str:
    return "" if v is None else f"{v * 100:.1f}%"


def _scope(a: Audit) -> str:
    parts = []
    if a.region:
        parts.append(f"地区或机关名称含“{a.region}”")
    if a.year is not None:
        parts.append(f"{a.year} 年度")
    return "，".join(parts) or "全部报告"


def render(a: Audit) -> str:
    title = f"政府信息公开工作年度报告审核 · {_scope(a)}"
    body = [
        f'<header><h1>政府信息公开工作年度报告审核</h1><p class="scope">范围：{escape(_scope(a))}</p>'
        f'<p class="meta">数据仓库 <code>{escape(a.warehouse)}</code> · 生成于 {escape(a.generated)}</p></header>'
    ]
    if not a.reports:
        body.append(f'<main><p class="empty" id="empty">没有符合条件的报告（{escape(_scope(a))}）。</p></main>')
    else:
        summary = (
            _regions(a) + _charts(a)
            if a.regions
            else (
                '<section><h2>各地区主要数据</h2><p class="nodata">所选报告都未计入（解析失败或重复报告），'
                "没有可汇总的数字和图表。</p></section>"
            )
        )
        body.append("<main>" + _cards(a) + summary + _reports(a) + "</main>" + _FOOTER)
    return (
        f'<!doctype html>\n<html lang="zh-CN"><head><meta charset="utf-8">'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(title)}</title><style>{_CSS}</style></head><body>"
        + "".join(body)
        + f"<script>{_JS}</script></body></html>\n"
    )


def _cards(a: Audit) -> str:
    counts = a.status_counts()
    total = next((r for r in a.regions if r["level"] == "all"), {})
    duplicates = sum(r["duplicate_of"] is not None for r in a.reports)
    cards = [
        ("报告", len(a.reports), ""),
        (STATUS["ok"], counts["ok"], "ok"),
        (STATUS["warnings"], counts["warnings"], "warnings"),
        (STATUS["failed"], counts["failed"], "failed"),
        ("重复（不计入）", duplicates, ""),
        (zh("disclosure_rate"), _pct(total.get("disclosure_rate")) or "—", ""),
    ]
    return (
        '<section class="cards">'
        + "".join(
            f'<div class="card {cls}"><div class="n">{escape(str(n))}</div><div class="k">{escape(k)}</div></div>'
            for k, n, cls in cards
        )
        + "</section>"
    )


def _regions(a: Audit) -> str:
    heads = [
        "地区",
        "报告数",
        STATUS["warnings"],
        zh("received"),
        zh("processed"),
        zh("disclosure_rate"),
        zh("reviews"),
        zh("suits"),
    ]
    rows = []
    for r in a.regions:
        if r["level"] == "all":
            name, cls = "合计", "all"
        elif r["level"] == "province":
            name, cls = r["province"] or "未确定区划", "province"
        else:
            name, cls = r["city"], "city"
        cells = [
            _num(r["reports"]),
            _num(r["flagged"]),
            _num(r["received"]),
            _num(r["processed"]),
            _pct(r["disclosure_rate"]),
            _num(r["reviews"]),
            _num(r["suits"]),
        ]
        rows.append(
            f'<tr class="{cls}"><th scope="row">{escape(name)}</th>'
            + "".join(f'<td class="num">{escape(c)}</td>' for c in cells)
            + "</tr>"
        )
    return (
        '<section><h2>各地区主要数据</h2><p class="hint">计入的报告（不含解析失败和重复报告）。</p>'
        '<div class="scroll"><table class="regions" id="regions"><thead><tr>'
        + "".join(f"<th>{escape(h)}</th>" for h in heads)
        + "</tr></thead><tbody>"
        + "".join(rows)
        + "</tbody></table></div>"
        f'<p class="hint">{escape(zh("disclosure_rate"))} =（予以公开 + 部分公开）÷ 办理总计，先按地区加总再相除；'
        "空白不当作 0，三项缺一的报告不计入公开率。</p></section>"
    )


def _reason_label(code: str) -> str:
    label = catalogue.load().canonical("t3_row").get(code, code)
    return re.sub(r"^\d+[.、．]\s*", "", label)


def _charts(a: Audit) -> str:
    rated = sum(n for _, n in a.rate_bins)
    hist = charts.columns(a.rate_bins, "各报告公开率分布", f"{zh('disclosure_rate')}（%）", "报告数")
    items = [
        (_reason_label(r["reason"]), r["applications"], charts.RED if r["reason"].startswith("denied") else charts.PURPLE)
        for r in a.refusals
    ]
    reasons = charts.bars(items, "不予公开和无法提供的原因", [("不予公开", charts.RED), ("无法提供", charts.PURPLE)])
    years = [str(t["year"]) for t in a.trend]
    trend = charts.grouped(
        years,
        [
            (zh("received"), charts.BLUE, [t["received"] for t in a.trend]),
            (zh("processed"), charts.ORANGE, [t["processed"] for t in a.trend]),
        ],
        "各年度申请数量",
        "申请数",
    )
    figures = [
        ("公开率分布", hist, f"{rated} 份报告" + (f"；{a.unrated} 份无法计算公开率（空白或办理总计为 0）" if a.unrated else "")),
        ("年度趋势", trend, "各年度本年新收与办理总计之和"),
        ("不予公开、无法提供的原因", reasons, "各原因申请数之和（总计栏）"),
    ]
    has_data = [rated > 0, any(t["received"] or t["processed"] for t in a.trend), any(v for _, v, _ in items)]
    return (
        '<section><h2>图表</h2><div class="charts">'
        + "".join(
            f"<figure><h3>{escape(t)}</h3>{svg if data else _NO_DATA}<figcaption>{escape(c)}</figcaption></figure>"
            for (t, svg, c), data in zip(figures, has_data)
        )
        + "</div></section>"
    )


def _findings(findings: list[dict]) -> str:
    if not findings:
        return '<span class="none">—</span>'
    items = [
        f'<li class="sev-{escape(f["severity"])}"><b>{escape(CHECKS.get(f["check_name"], f["check_name"]))}</b> '
        f'<span class="code">{escape(f["check_name"])}</span> {escape(f["detail"])}</li>'
        for f in findings
    ]
    shown, rest = items[:FINDINGS_SHOWN], items[FINDINGS_SHOWN:]
    out = '<ul class="findings">' + "".join(shown) + "</ul>"
    if rest:
        out += f'<details><summary>另有 {len(rest)} 条</summary><ul class="findings">{"".join(rest)}</ul></details>'
    return out


def _reports(a: Audit) -> str:
    heads = [
        (zh("parse_status"), "text", ""),
        (zh("body"), "text", ""),
        ("地区", "text", ""),
        (zh("year"), "num", "num"),
        (zh("received"), "num", "num"),
        (zh("processed"), "num", "num"),
        (zh("disclosure_rate"), "num", "num"),
        ("问题", "num", ""),
        (zh("source_path"), "text", ""),
    ]
    rows = []
    for r in a.reports:
        status = r["parse_status"]
        body = escape(r["body"] or "（未识别）")
        if r["agency"] and r["body"] and r["agency"] not in r["body"]:  # printed otherwise than its full name
            body += f'<div class="sub">原文：{escape(r["agency"])}</div>'
        if r["duplicate_of"]:
            original = PurePath(r["duplicate_of_path"] or r["duplicate_of"]).name
            body += f'<div class="sub dup">重复于 {escape(original)}</div>'
        problems = sum(f["severity"] != "note" for f in r["findings"])
        name = PurePath(r["source_path"]).name
        cells = [
            f'<td data-sort="{STATUS_ORDER.get(status, 9)}"><span class="badge {escape(status)}">{escape(STATUS.get(status, status))}</span></td>',
            f'<td class="body">{body}</td>',
            f'<td class="region">{escape(r["region"] or ("—" if status == "failed" else "未确定"))}</td>',
            f'<td class="num">{escape(str(r["year"] or ""))}</td>',
            f'<td class="num">{escape(_num(r["received"]))}</td>',
            f'<td class="num">{escape(_num(r["processed"]))}</td>',
            f'<td class="num" data-sort="{"" if r["disclosure_rate"] is None else r["disclosure_rate"]}">{escape(_pct(r["disclosure_rate"]))}</td>',
            f'<td data-sort="{problems}">{_findings(r["findings"])}</td>',
            f'<td class="file" title="{escape(r["source_path"])}">{escape(name)}</td>',
        ]
        rows.append(f'<tr data-status="{escape(status)}" data-id="{escape(r["report_id"])}">' + "".join(cells) + "</tr>")
    options = '<option value="">全部状态</option>' + "".join(
        f'<option value="{k}">{escape(v)}</option>' for k, v in STATUS.items()
    )
    header = "".join(
        f'<th class="{c}" data-type="{t}" aria-sort="none"><button type="button">{escape(h)}</button></th>' for h, t, c in heads
    )
    return (
        '<section><h2>逐份报告</h2><div class="controls">'
        '<input id="filter" type="search" placeholder="筛选：机关、地区、文件名、问题……" aria-label="筛选">'
        f'<select id="status" aria-label="{escape(zh("parse_status"))}">{options}</select>'
        f'<span class="shown">显示 <b id="shown">{len(a.reports)}</b> / {len(a.reports)} 份报告</span>'
        '<span class="hint">点击列标题排序</span></div>'
        f'<div class="scroll"><table id="reports"><thead><tr>{header}</tr></thead><tbody>{"".join(rows)}</tbody></table></div>'
        '<p class="empty" id="none-shown" hidden>没有符合筛选条件的报告。</p></section>'
    )


_NO_DATA = '<p class="nodata">无数据</p>'
_FOOTER = (
    "<footer><p>状态：<b>正常</b> 模板各项勾稽关系成立；<b>有警告</b> 有问题，数字按原文保留；"
    "<b>解析失败</b> 未能读出表三等关键内容，原因见“问题”。重复报告列出但不计入合计和图表。</p>"
    "<p>本页由 <code>xxgk report</code> 生成，可离线打开。</p></footer>"
)

_CSS = """
:root{--ink:#1f2328;--muted:#656d76;--line:#d8dee4;--bg:#f6f8fa;--ok:#1a7f37;--warn:#9a6700;--fail:#cf222e}
*{box-sizing:border-box}
body{margin:0;font:14px/1.55 system-ui,-apple-system,"PingFang SC","Hiragino Sans GB","Microsoft YaHei","Noto Sans CJK SC","Noto Sans SC",sans-serif;color:var(--ink);background:var(--bg)}
header{background:#24292f;color:#fff;padding:20px 32px}
header h1{margin:0 0 4px;font-size:22px;font-weight:600}
header p{margin:2px 0;color:#d0d7de}header code{color:#fff}
main{padding:8px 32px 24px;max-width:1500px}
section{background:#fff;border:1px solid var(--line);border-radius:8px;padding:16px 20px;margin:16px 0}
h2{font-size:17px;margin:0 0 10px}h3{font-size:14px;margin:0 0 6px}
.cards{display:flex;gap:12px;flex-wrap:wrap;background:none;border:0;padding:0}
.card{background:#fff;border:1px solid var(--line);border-radius:8px;padding:10px 18px;min-width:120px}
.card .n{font-size:24px;font-weight:600}.card .k{color:var(--muted)}
.card.ok .n{color:var(--ok)}.card.warnings .n{color:var(--warn)}.card.failed .n{color:var(--fail)}
.scroll{overflow-x:auto}
table{border-collapse:collapse;width:100%}
th,td{padding:6px 8px;border-bottom:1px solid var(--line);text-align:left;vertical-align:top}
thead th{position:sticky;top:0;background:#f0f3f6;font-weight:600;white-space:nowrap}
td.num,.regions td{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}
th.num,.regions thead th+th{text-align:right}
td.body{min-width:12em}td.region{white-space:nowrap}.none{color:var(--line)}
.regions{width:auto;min-width:60%}.regions tr.all{font-weight:600;background:#f6f8fa}
.regions tr.city th{padding-left:28px;font-weight:400}.regions tr.province th{font-weight:600}
#reports th button{all:unset;cursor:pointer}
#reports th[aria-sort=ascending] button::after{content:" ▲";font-size:10px}
#reports th[aria-sort=descending] button::after{content:" ▼";font-size:10px}
#reports th:hover{background:#e6ebf1}
#reports tbody tr:hover{background:#f6f8fa}
.badge{display:inline-block;padding:1px 8px;border-radius:10px;font-size:12px;white-space:nowrap;color:#fff}
.badge.ok{background:var(--ok)}.badge.warnings{background:#bf8700}.badge.failed{background:var(--fail)}
.sub{color:var(--muted);font-size:12px}.sub.dup{color:var(--warn)}
.findings{margin:0;padding-left:16px;min-width:16em;max-width:420px}
.findings li{margin:1px 0}.sev-error b{color:var(--fail)}.sev-warning b{color:var(--warn)}.sev-note b{color:var(--muted)}
.code{color:var(--muted);font:11px ui-monospace,monospace}
details summary{cursor:pointer;color:var(--muted);font-size:12px}
td.file{font:12px ui-monospace,monospace;color:var(--muted);min-width:12em;max-width:16em;overflow-wrap:anywhere}
.controls{display:flex;gap:12px;align-items:center;flex-wrap:wrap;margin-bottom:10px}
.controls input{flex:1;min-width:240px;max-width:420px;padding:6px 10px;border:1px solid var(--line);border-radius:6px;font:inherit}
.controls select{padding:6px;border:1px solid var(--line);border-radius:6px;font:inherit}
.hint{color:var(--muted);font-size:12px}
.charts{display:grid;grid-template-columns:repeat(auto-fit,minmax(440px,1fr));gap:16px}
figure{margin:0}figcaption{color:var(--muted);font-size:12px}
svg.chart{width:100%;height:auto;max-width:640px;display:block}
.nodata{color:var(--muted);padding:24px 0}
.empty{font-size:16px;padding:24px;background:#fff;border:1px dashed var(--line);border-radius:8px}
footer{padding:0 32px 32px;color:var(--muted);font-size:12px;max-width:1500px}
"""

_JS = """
(function(){
var table=document.getElementById('reports');if(!table)return;
var tbody=table.tBodies[0],rows=Array.prototype.slice.call(tbody.rows);
var texts=rows.map(function(r){return r.textContent.toLowerCase();});
var box=document.getElementById('filter'),status=document.getElementById('status');
var shown=document.getElementById('shown'),none=document.getElementById('none-shown');
function apply(){var q=box.value.trim().toLowerCase(),s=status.value,n=0;
 rows.forEach(function(r,i){var ok=(!s||r.dataset.status===s)&&(!q||texts[i].indexOf(q)>=0);r.hidden=!ok;if(ok)n++;});
 shown.textContent=n;none.hidden=n>0;}
box.addEventListener('input',apply);status.addEventListener('change',apply);
var collator=new Intl.Collator('zh-Hans-CN',{numeric:true});
function key(r,i){var c=r.cells[i];return c.hasAttribute('data-sort')?c.getAttribute('data-sort'):c.textContent.trim();}
Array.prototype.forEach.call(table.tHead.rows[0].cells,function(th,i){
 th.addEventListener('click',function(){
  var dir=th.getAttribute('aria-sort')==='ascending'?-1:1,num=th.dataset.type==='num';
  Array.prototype.forEach.call(table.tHead.rows[0].cells,function(h){h.setAttribute('aria-sort','none');});
  th.setAttribute('aria-sort',dir>0?'ascending':'descending');
  var order=rows.map(function(r,k){return [key(r,i),k,r];});
  order.sort(function(a,b){
   if(a[0]===''||b[0]==='')return a[0]===b[0]?a[1]-b[1]:(a[0]===''?1:-1);
   var d=num?parseFloat(a[0].replace(/,/g,''))-parseFloat(b[0].replace(/,/g,'')):collator.compare(a[0],b[0]);
   return d?dir*d:a[1]-b[1];});
  var frag=document.createDocumentFragment(),before=texts;
  order.forEach(function(o){frag.appendChild(o[2]);});tbody.appendChild(frag);
  rows=order.map(function(o){return o[2];});texts=order.map(function(o){return before[o[1]];});
 });});
})();
"""
