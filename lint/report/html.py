"""The HTML report, for an editor: each article with its findings highlighted in place.

One self-contained file: the style and the script are inline, nothing is fetched (a Content
Security Policy forbids it, and allows only this file's own style and script by their hashes, so
that even a mistake in escaping could not run a script from an article). Every piece of article
text, message, suggestion and source name goes through `_esc`.

Findings may overlap. The text is cut at every finding's start and end into segments; a segment
covered by findings becomes one `<mark>` listing their keys (`data-f`), coloured by the most severe
of them, with every message in its tooltip. A finding of no width is a zero-width `<mark>` caret.
Markup (what the input's masks say is not prose: HTML tags, entities, code) is shown dimmed rather
than left out, so that what is shown is the input, character for character. Beside the text, each
finding is a list item with its message and suggestions. The filters (by severity and by rule) are
a few lines of plain JavaScript; without the script, every finding shows.

The output depends on nothing but the run (no date, no absolute path), so it diffs cleanly.
"""

from __future__ import annotations

import base64
import bisect
import hashlib
import html
import unicodedata
from collections import Counter
from collections.abc import Iterable
from typing import TextIO

from .. import __version__
from ..article import Notice
from ..document import Mask, merge_intervals
from ..results import Result
from ..rule import SEVERITIES, SEVERITY_RANK, Finding
from . import Run
from ._common import plural, severity_counts

_STYLE = """
:root { --error: #f8b4b4; --warning: #fde68a; --info: #bfdbfe; --line: #d4d4d8; --muted: #52525b; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; color: #18181b;
  background: #fafafa; }
header { position: sticky; top: 0; z-index: 2; background: #fff; border-bottom: 1px solid var(--line);
  padding: .6rem 1.2rem; }
h1 { font-size: 1.15rem; margin: 0 0 .3rem; }
h2 { font-size: 1rem; margin: 0; display: inline; word-break: break-all; }
main { padding: 1rem 1.2rem; }
.filters { display: flex; flex-wrap: wrap; gap: .4rem 1.2rem; align-items: center; }
.filters label { white-space: nowrap; }
.count { color: var(--muted); }
table.summary { border-collapse: collapse; margin: .4rem 0 1rem; font-size: 14px; }
table.summary caption { text-align: left; font-weight: bold; }
[id] { scroll-margin-top: 7rem; }
table.summary th, table.summary td { border: 1px solid var(--line); padding: .15rem .6rem; text-align: left; }
table.summary td.n { text-align: right; font-variant-numeric: tabular-nums; }
details.article { background: #fff; border: 1px solid var(--line); border-radius: 6px; margin: 0 0 1rem;
  padding: .5rem .8rem; }
details.article > summary { cursor: pointer; }
.cols { display: grid; grid-template-columns: minmax(0, 3fr) minmax(16rem, 2fr); gap: 1rem; margin-top: .5rem; }
@media (max-width: 900px) { .cols { grid-template-columns: 1fr; } }
pre.text { white-space: pre-wrap; overflow-wrap: anywhere; font: 15px/1.65 Georgia, "DejaVu Serif", serif;
  margin: 0; padding: .5rem .8rem; background: #fcfcfc; border: 1px solid #eee; tab-size: 8; }
mark { background: none; color: inherit; border-radius: 2px; }
.mu { color: #a1a1aa; font-size: 85%; }
mark[data-shown="error"] { background: var(--error); }
mark[data-shown="warning"] { background: var(--warning); }
mark[data-shown="info"] { background: var(--info); }
mark.multi[data-shown]:not([data-shown=""]) { box-shadow: inset 0 -2px 0 #7c2d12; }
mark.caret[data-shown]:not([data-shown=""])::before { content: "\\2038"; color: #b91c1c; font-weight: bold; }
mark:target, mark.flash { outline: 2px solid #2563eb; }
ol.findings { margin: 0; padding-left: 1.6rem; font-size: 14px; }
ol.findings li { margin: 0 0 .5rem; }
ol.findings li:target, ol.findings li.flash { background: #eff6ff; }
.sev { display: inline-block; font-size: 12px; padding: 0 .35rem; border-radius: 3px; }
.sev-error { background: var(--error); }
.sev-warning { background: var(--warning); }
.sev-info { background: var(--info); }
code { font-size: 13px; }
.suggestion, .fix, .where { color: var(--muted); }
ul.notices { margin: .3rem 0; padding-left: 1.2rem; font-size: 14px; }
.notice-error { color: #991b1b; } .notice-warning { color: #92400e; }
"""

_SCRIPT = """
(function () {
  "use strict";
  var rank = { error: 3, warning: 2, info: 1 };
  var items = Array.prototype.slice.call(document.querySelectorAll("li.finding"));
  var marks = Array.prototype.slice.call(document.querySelectorAll("mark[data-f]"));
  var articles = Array.prototype.slice.call(document.querySelectorAll("details.article"));
  var boxes = Array.prototype.slice.call(document.querySelectorAll("input.f-sev"));
  var select = document.getElementById("f-rule");
  var onlyFlagged = document.getElementById("f-flagged");
  var counter = document.getElementById("shown");

  function apply() {
    var severities = {};
    boxes.forEach(function (b) { severities[b.value] = b.checked; });
    var rule = select.value;
    var shown = {};
    var total = 0;
    items.forEach(function (li) {
      var ok = severities[li.dataset.severity] === true && (rule === "" || li.dataset.rule === rule);
      li.hidden = !ok;
      if (ok) { shown[li.dataset.key] = li.dataset.severity; total += 1; }
    });
    marks.forEach(function (m) {
      var best = "";
      var n = 0;
      m.dataset.f.split(" ").forEach(function (key) {
        var s = shown[key];
        if (s) { n += 1; if (best === "" || rank[s] > rank[best]) { best = s; } }
      });
      m.dataset.shown = best;
      m.classList.toggle("multi", n > 1);
    });
    articles.forEach(function (a) {
      var visible = a.querySelectorAll("li.finding:not([hidden])").length;
      a.querySelector(".visible").textContent = String(visible);
      a.hidden = onlyFlagged.checked && visible === 0;
    });
    counter.textContent = String(total);
  }

  function flash(el) {
    el.classList.add("flash");
    el.scrollIntoView({ block: "center" });
    window.setTimeout(function () { el.classList.remove("flash"); }, 1200);
  }

  document.addEventListener("click", function (ev) {
    var m = ev.target.closest ? ev.target.closest("mark[data-f]") : null;
    if (!m || m.dataset.shown === "") { return; }
    var first = m.dataset.f.split(" ").filter(function (k) {
      var li = document.getElementById("i-" + k);
      return li && !li.hidden;
    })[0];
    if (first) { flash(document.getElementById("i-" + first)); }
  });
  boxes.forEach(function (b) { b.addEventListener("change", apply); });
  select.addEventListener("change", apply);
  onlyFlagged.addEventListener("change", apply);
  apply();
  document.documentElement.dataset.ready = "1";
})();
"""


def _csp_hash(source: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(source.encode("utf-8")).digest()).decode("ascii") + "'"


# Nothing may be fetched, and only this file's own style and script may apply.
CSP = (
    "default-src 'none'; "
    f"style-src {_csp_hash(_STYLE)}; "
    f"script-src {_csp_hash(_SCRIPT)}; "
    "img-src 'none'; connect-src 'none'; form-action 'none'; base-uri 'none'"
)
assert '"' not in CSP and "<" not in CSP  # written into an attribute as it is


def render(run: Run, out: TextIO) -> None:
    if any(r.lines is not None for r in run.results):
        # A result without its text would show as an empty article, not as an error.
        raise ValueError("the HTML report shows each article whole: check with Options(texts=True)")
    findings = run.findings
    out.write("<!DOCTYPE html>\n")
    out.write('<html lang="en">\n<head>\n<meta charset="utf-8">\n')
    out.write(f'<meta http-equiv="Content-Security-Policy" content="{CSP}">\n')
    out.write('<meta name="viewport" content="width=device-width, initial-scale=1">\n')
    out.write(f'<meta name="generator" content="newslint {_esc(__version__)}">\n')
    out.write(f"<title>newslint report: {_esc(_headline(run))}</title>\n")
    out.write(f"<style>{_STYLE}</style>\n</head>\n<body>\n")
    out.write("<header>\n<h1>newslint report</h1>\n")
    out.write(f'<p class="count">{_esc(_headline(run))}; <span id="shown">{len(findings)}</span> shown</p>\n')
    out.write(_filters(run))
    out.write("</header>\n<main>\n")
    out.write(_summary_table(findings))
    out.write(_notices(run.notices, "Run notices"))
    for d, result in enumerate(run.results):
        out.write(_article(d, result))
    out.write(f"</main>\n<script>{_SCRIPT}</script>\n</body>\n</html>\n")


def _headline(run: Run) -> str:
    findings = run.findings
    counts = severity_counts(findings)
    by_level = ", ".join(plural(counts[s], s) for s in SEVERITIES)
    return f"{plural(len(findings), 'finding')} ({by_level}) in {plural(len(run.results), 'document')}"


def _filters(run: Run) -> str:
    counts = severity_counts(run.findings)
    parts = ['<div class="filters">', "<span>Severity:</span>"]
    for s in SEVERITIES:
        parts.append(
            f'<label><input type="checkbox" class="f-sev" value="{s}" checked> '
            f'<span class="sev sev-{s}">{s}</span> <span class="count">({counts[s]})</span></label>'
        )
    by_rule = Counter(f.rule for f in run.findings)
    options = ['<option value="">every rule</option>']
    for rule_id in sorted(by_rule):
        options.append(f'<option value="{_esc(rule_id)}">{_esc(rule_id)} ({by_rule[rule_id]})</option>')
    parts.append(f'<label>Rule: <select id="f-rule">{"".join(options)}</select></label>')
    parts.append('<label><input type="checkbox" id="f-flagged"> only articles with findings shown</label>')
    parts.append("</div>\n")
    return "\n".join(parts)


def _summary_table(findings: list[Finding]) -> str:
    if not findings:
        return "<p>No findings.</p>\n"
    table: dict[str, Counter[str]] = {}
    for f in findings:
        table.setdefault(f.category, Counter())[f.severity] += 1
    rows = ["<table class=\"summary\"><caption>Findings by category</caption>",
            "<tr><th>category</th>" + "".join(f"<th>{s}</th>" for s in SEVERITIES) + "<th>total</th></tr>"]
    for category in sorted(table, key=lambda c: (-sum(table[c].values()), c)):
        cells = "".join(f'<td class="n">{table[category][s]}</td>' for s in SEVERITIES)
        total = sum(table[category].values())
        rows.append(f"<tr><td>{_esc(category)}</td>{cells}<td class=\"n\">{total}</td></tr>")
    rows.append("</table>\n")
    return "\n".join(rows)


def _notices(notices: list[Notice], title: str) -> str:
    if not notices:
        return ""
    items = "".join(
        f'<li class="notice-{_esc(n.level)}"><strong>{_esc(n.level)}</strong>: {_esc(n.source)}: {_esc(n.message)}</li>'
        for n in notices
    )
    return f'<section class="notices"><h3>{_esc(title)}</h3><ul class="notices">{items}</ul></section>\n'


def _article(d: int, result: Result) -> str:
    keys = [f"d{d}-{i}" for i in range(len(result.findings))]
    counts = severity_counts(result.findings)
    badges = " ".join(f'<span class="sev sev-{s}">{counts[s]} {s}</span>' for s in SEVERITIES if counts[s])
    parts = [
        f'<details class="article" open id="d{d}">',
        f'<summary><h2>{_esc(result.source)}</h2> <span class="count">[{_esc(result.language)}] '
        f'<span class="visible">{len(result.findings)}</span>/{len(result.findings)} findings shown</span> '
        f"{badges}</summary>",
        _notices(result.notices, "Notices"),
        '<div class="cols">',
        f'<pre class="text">{highlight(result.text, result.findings, keys, result.masks)}</pre>',
        _finding_list(result.findings, keys),
        "</div>",
        "</details>\n",
    ]
    return "\n".join(p for p in parts if p)


def _finding_list(findings: list[Finding], keys: list[str]) -> str:
    if not findings:
        return '<p class="count">No findings.</p>'
    items = []
    for key, f in zip(keys, findings):
        suggestions = "".join(f'<div class="suggestion">suggestion: <q>{_esc(s)}</q></div>' for s in f.suggestions)
        fix = ""
        if f.fix is not None:
            what = f"replace with <q>{_esc(f.fix.replacement)}</q>" if f.fix.replacement else "delete"
            fix = f'<div class="fix">fix ({_esc(f.fix.kind)}): {what}</div>'
        items.append(
            f'<li class="finding" id="i-{key}" data-key="{key}" data-severity="{_esc(f.severity)}" '
            f'data-rule="{_esc(f.rule)}"><a href="#m-{key}" class="where">{f.line}:{f.column}</a> '
            f'<span class="sev sev-{_esc(f.severity)}">{_esc(f.severity)}</span> <code>{_esc(f.rule)}</code> '
            f'<span class="where">({_esc(f.category)})</span><br>{_esc(f.message)}{suggestions}{fix}</li>'
        )
    return '<ol class="findings">' + "".join(items) + "</ol>"


def highlight(text: str, findings: list[Finding], keys: list[str], masks: Iterable[Mask] = ()) -> str:
    """The text escaped, with each stretch covered by findings in one `<mark>` (see the module doc),
    and markup (the masked regions: tags, entities, code) dimmed in a `<span class="mu">`."""
    n = len(text)
    spans = []
    for key, f in zip(keys, findings):
        start = max(0, min(f.offset, n))
        spans.append((start, max(start, min(f.offset + f.length, n)), key, f))
    markup = merge_intervals((max(0, min(m.start, n)), max(0, min(m.end, n))) for m in masks)
    cuts = sorted(
        {0, n, *(s for s, _, _, _ in spans), *(e for _, e, _, _ in spans), *(p for span in markup for p in span)}
    )
    starts = [a for a, _ in markup]
    carets: dict[int, list[tuple[str, Finding]]] = {}
    for s, e, key, f in spans:
        if s == e:
            carets.setdefault(s, []).append((key, f))
    anchored: set[str] = set()
    out = []

    def shown(a: int, b: int) -> str:
        i = bisect.bisect_right(starts, a) - 1
        inside = i >= 0 and markup[i][1] >= b
        return f'<span class="mu">{_esc(text[a:b])}</span>' if inside else _esc(text[a:b])

    def mark(stretch: str, covering: list[tuple[str, Finding]], css: str = "") -> str:
        ids = " ".join(k for k, _ in covering)
        first = next((k for k, _ in covering if k not in anchored), None)
        anchor = ""
        if first is not None:
            anchor = f' id="m-{first}"'
            anchored.add(first)
        shown = max((f.severity for _, f in covering), key=lambda s: SEVERITY_RANK.get(s, 0))
        classes = " ".join(c for c in (css, "multi" if len(covering) > 1 else "") if c)
        title = "\n\n".join(_tooltip(f) for _, f in covering)
        return (
            f'<mark{anchor} class="{classes}" data-f="{ids}" data-shown="{_esc(shown)}" '
            f'title="{_esc(title)}">{stretch}</mark>'
        )

    # A sweep over the cuts with the findings open at each: testing every finding at every cut is
    # quadratic, and an article can have tens of thousands of findings.
    opening: dict[int, list[int]] = {}
    closing: dict[int, list[int]] = {}
    for i, (s, e, _, _) in enumerate(spans):
        if s < e:
            opening.setdefault(s, []).append(i)
            closing.setdefault(e, []).append(i)
    open_now: set[int] = set()
    for a, b in zip(cuts, [*cuts[1:], n]):
        open_now.difference_update(closing.get(a, ()))
        open_now.update(opening.get(a, ()))
        if a in carets:
            out.append(mark("", carets.pop(a), "caret"))
        if b <= a:
            continue
        covering = [(spans[i][2], spans[i][3]) for i in sorted(open_now)]
        out.append(mark(shown(a, b), covering) if covering else shown(a, b))
    return "".join(out)


def _tooltip(f: Finding) -> str:
    lines = [f"{f.severity} {f.rule}: {f.message}"]
    lines.extend(f"suggestion: {s}" for s in f.suggestions)
    return "\n".join(lines)


def _esc(text: object) -> str:
    """HTML-escaped, with control characters (other than tab and newlines) shown as '�'."""
    s = str(text)
    if any(unicodedata.category(ch) == "Cc" and ch not in "\t\n\r" for ch in s):
        s = "".join("�" if unicodedata.category(ch) == "Cc" and ch not in "\t\n\r" else ch for ch in s)
    return html.escape(s, quote=True)
