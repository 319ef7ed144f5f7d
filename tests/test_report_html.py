"""The HTML report: structure, escaping, overlapping highlights, and the page as Chromium runs it."""

from __future__ import annotations

import html
import io
import re
import shutil
import subprocess
import sys

import headless  # tests/headless.py: Chromium over the DevTools pipe
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lint.article import Article, Notice
from lint.config import Config
from lint.document import Document
from lint.engine import Result, check_article
from lint.report import Run, formats, render
from lint.report import html as html_report
from lint.rule import SEVERITIES, Finding, Fix

HOSTILE = (
    "« Bonjour,« a-t-il dit. <script>window.__xss = 1</script>\n"
    'Un « titre " <img src=x onerror="window.__xss=2"> & co\n'
    "\u0007contrôle &amp; </pre></mark> fin"
)


def make(text: str, spans: list[tuple[int, int, str]], source: str = "a.txt") -> Result:
    doc = Document(text)
    findings = []
    for i, (start, end, severity) in enumerate(spans):
        line, column = doc.position(start)
        end_line, end_column = doc.position(end)
        findings.append(
            Finding(
                rule=f"test.rule-{i % 3}",
                category="typography",
                severity=severity,
                source=source,
                offset=start,
                length=end - start,
                line=line,
                column=column,
                end_line=end_line,
                end_column=end_column,
                text=text[start:end],
                message=f"message {i} <b>bold</b> & \"quoted\"",
                suggestions=(f"<i>fix {i}</i>",),
            )
        )
    return Result(source, "fr", findings=findings, text=text)


def output(run: Run) -> str:
    out = io.StringIO()
    render("html", run, out)
    return out.getvalue()


def pre_of(page: str, n: int = 0) -> str:
    return re.findall(r'<pre class="text">(.*?)</pre>', page, re.S)[n]


def marks(pre: str) -> list[tuple[list[str], str]]:
    """(keys, text) of each <mark>, in order."""
    found = re.finditer(r'<mark[^>]*data-f="([^"]*)"[^>]*>(.*?)</mark>', pre, re.S)
    return [(m.group(1).split(), html.unescape(m.group(2))) for m in found]


def test_registered_as_a_format():
    assert formats()["html"] is html_report.render


def test_structure_and_summary():
    text = "Une phrase , avec « un défaut.\nEt une autre ligne."
    a, b, c = text.index(" ,"), text.index("«"), text.index("Et ")
    result = make(text, [(a, a + 2, "warning"), (b, b + 1, "error"), (c, c + 3, "info")])
    run = Run([result], rules=[], notices=[Notice("newslint", "warning", "Wikipedia unreachable")])
    page = output(run)
    assert page.startswith("<!DOCTYPE html>\n") and page.endswith("</html>\n")
    assert '<meta charset="utf-8">' in page
    assert page.count("<script>") == 1 and page.count("<style>") == 1
    assert "3 findings (1 error, 1 warning, 1 info) in 1 document" in page
    assert "Findings by category" in page and "<td>typography</td>" in page
    for s in ("error", "warning", "info"):
        assert f'class="f-sev" value="{s}" checked' in page
    assert page.count("<option") == 4  # every rule + 3 rules
    assert "Wikipedia unreachable" in page
    assert page.count('<li class="finding"') == 3
    # each finding highlighted over its exact span, and linked from its list item
    got = marks(pre_of(page))
    assert got == [(["d0-0"], " ,"), (["d0-1"], "«"), (["d0-2"], "Et ")]
    for i in range(3):
        assert f'id="m-d0-{i}"' in page and f'href="#m-d0-{i}"' in page and f'id="i-d0-{i}"' in page
    assert 'data-shown="error"' in page


def test_no_network_fetch_possible():
    page = output(Run([make("https://example.org/x.js texte", [(0, 5, "info")])], rules=[]))
    assert not re.search(r"\b(?:src|srcset|action|data)\s*=", page.replace("data-", ""))
    assert not re.search(r'href="(?!#)', page)
    assert "@import" not in page and "url(" not in page
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page).group(1)
    assert "default-src 'none'" in csp and "'unsafe-inline'" not in csp
    assert "connect-src 'none'" in csp


def test_everything_from_the_article_is_escaped():
    result = make(HOSTILE, [(9, 10, "warning"), (24, 55, "error")], source='x"><script>alert(1)</script>.txt')
    result.notices.append(Notice(result.source, "warning", "<script>alert(2)</script>"))
    page = output(Run([result], rules=[]))
    assert page.count("<script") == 1  # ours only
    assert "<img" not in page and "</pre></mark>" not in page
    assert "&lt;script&gt;window.__xss = 1&lt;/script&gt;" in re.sub(r"</?mark[^>]*>", "", pre_of(page))
    assert "&lt;b&gt;bold&lt;/b&gt; &amp; &quot;quoted&quot;" in page
    assert "&lt;i&gt;fix 0&lt;/i&gt;" in page
    assert "\u0007" not in page and "�contrôle &amp;amp;" in page
    assert 'x&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;.txt' in page
    # the text shown is the article, character for character (the control character aside)
    shown = html.unescape(re.sub(r"</?mark[^>]*>", "", pre_of(page)))
    assert shown == HOSTILE.replace("\u0007", "�")


def test_overlapping_findings_split_into_segments():
    text = "0123456789abcdefghij"
    result = make(text, [(2, 10, "info"), (5, 15, "error"), (5, 7, "warning"), (12, 12, "warning")])
    page = output(Run([result], rules=[]))
    assert marks(pre_of(page)) == [
        (["d0-0"], "234"),
        (["d0-0", "d0-1", "d0-2"], "56"),
        (["d0-0", "d0-1"], "789"),
        (["d0-1"], "ab"),
        (["d0-3"], ""),  # a finding of no width: a caret
        (["d0-1"], "cde"),
    ]
    assert 'class="multi" data-f="d0-0 d0-1 d0-2" data-shown="error"' in page
    assert 'class="caret"' in page
    # the tooltip of a shared segment gives every message
    title = re.search(r'data-f="d0-0 d0-1 d0-2"[^>]*title="([^"]*)"', page).group(1)
    assert all(f"message {i}" in html.unescape(title) for i in range(3))


@settings(max_examples=150, deadline=None)
@given(
    st.text(alphabet="ab «»<>&\"'\n\té", min_size=0, max_size=40).flatmap(
        lambda t: st.tuples(
            st.just(t),
            st.lists(
                st.tuples(st.integers(0, len(t)), st.integers(0, len(t)), st.sampled_from(SEVERITIES)),
                max_size=6,
            ),
        )
    )
)
def test_every_finding_covers_exactly_its_span(case):
    text, raw = case
    spans = [(min(a, b), max(a, b), s) for a, b, s in raw]
    page = output(Run([make(text, spans)], rules=[]))
    pre = pre_of(page)
    assert html.unescape(re.sub(r"</?mark[^>]*>", "", pre)) == text
    got = marks(pre)
    for i, (start, end, _) in enumerate(spans):
        covered = "".join(t for keys, t in got if f"d0-{i}" in keys)
        assert covered == text[start:end]
        assert any(f"d0-{i}" in keys for keys, _ in got)


def test_fix_is_shown_and_output_is_deterministic():
    result = make("Il a dit « oui« .", [(14, 15, "warning")])
    f = result.findings[0]
    result.findings[0] = Finding(**{**f.__dict__, "fix": Fix(14, 15, "»")})
    run = Run([result, make("", [])], rules=[])
    assert output(run) == output(run)
    assert "fix (safe): replace with <q>»</q>" in output(run)
    assert "No findings." in output(run)


def test_cli_writes_an_html_report(tmp_path):
    src = tmp_path / "a.txt"
    src.write_text("« Nous ne nous précipiterons pas,« a-t-il ajouté. <script>x()</script>\n", encoding="utf-8")
    out = tmp_path / "r.html"
    proc = subprocess.run(
        [sys.executable, "-m", "lint.cli", "check", str(src), "--format", "html", "-o", str(out), "--lang", "fr",
         "--knowledge", "off"],
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 1, proc.stderr
    page = out.read_text(encoding="utf-8")
    assert "quotes.mismatch" in page and "&lt;script&gt;x()&lt;/script&gt;" in page


# -- in a real browser -------------------------------------------------------------------------
BROWSER = headless.find()
needs_chromium = pytest.mark.skipif(
    BROWSER is None, reason="Chromium is not installed (apt-get install chromium; .ci/run installs it)"
)


def engine_run() -> Run:
    """A real run: the hostile article and a short one with findings, checked by the engine."""
    cfg = Config(knowledge="embedded", date=None)
    articles = [
        Article(text=HOSTILE, source="hostile <b>.txt", lang="fr"),
        Article(
            text="Porte-parole du Kremlin Dmitri Peskov il a déclaré : « Nous ne nous précipiterons pas,« .\n"
            "Biden a répondu à Poutine. Photo : EPA\nBiden a répondu à Poutine. Photo : EPA\n",
            source="b.txt",
            lang="fr",
        ),
    ]
    results = [check_article(a, cfg) for a in articles]
    assert sum(len(r.findings) for r in results) >= 4
    return Run(results, rules=[])


@needs_chromium
def test_in_chromium_every_finding_is_highlighted_and_no_console_error(tmp_path):
    run = engine_run()
    page = tmp_path / "report.html"
    page.write_text(output(run), encoding="utf-8")
    with headless.Browser(BROWSER) as browser:
        browser.open(page.as_uri())
        assert browser.evaluate("document.documentElement.dataset.ready") == "1"
        assert browser.evaluate("window.__xss === undefined") is True
        keys = browser.evaluate("Array.from(document.querySelectorAll('li.finding')).map(li => li.dataset.key)")
        assert len(keys) == len(run.findings)
        # each finding has a highlighted mark (a coloured background, or a caret for no width)
        unhighlighted = browser.evaluate(
            """Array.from(document.querySelectorAll('li.finding')).map(li => li.dataset.key).filter(key => {
                 const ms = Array.from(document.querySelectorAll('mark[data-f]'))
                   .filter(m => m.dataset.f.split(' ').includes(key));
                 return !ms.some(m => getComputedStyle(m).backgroundColor !== 'rgba(0, 0, 0, 0)'
                                   || getComputedStyle(m, '::before').content.includes('‸'));
               })"""
        )
        assert unhighlighted == []
        texts = browser.evaluate(
            """Array.from(document.querySelectorAll('pre.text')).map(p => p.textContent)"""
        )
        assert texts == [r.text.replace("\u0007", "�") for r in run.results]
        # filters: only errors; then one rule
        by_severity = {s: sum(f.severity == s for f in run.findings) for s in ("error", "warning", "info")}
        shown = browser.evaluate(
            """(() => { for (const b of document.querySelectorAll('input.f-sev')) {
                 if (b.value !== 'error') { b.click(); } }
               return [document.querySelectorAll('li.finding:not([hidden])').length,
                       document.getElementById('shown').textContent,
                       document.querySelectorAll('mark[data-shown="warning"]').length]; })()"""
        )
        assert shown == [by_severity["error"], str(by_severity["error"]), 0]
        rule = run.findings[0].rule
        shown = browser.evaluate(
            f"""(() => {{ for (const b of document.querySelectorAll('input.f-sev')) {{
                 if (!b.checked) {{ b.click(); }} }}
               const s = document.getElementById('f-rule'); s.value = {rule!r};
               s.dispatchEvent(new Event('change'));
               return document.querySelectorAll('li.finding:not([hidden])').length; }})()"""
        )
        assert shown == sum(f.rule == rule for f in run.findings)
        assert browser.errors == []


@needs_chromium
def test_chromium_reports_console_errors_so_the_check_above_means_something(tmp_path):
    page = tmp_path / "broken.html"
    page.write_text("<!DOCTYPE html><title>x</title><script>console.error('boom'); undefinedFn();</script>")
    with headless.Browser(BROWSER) as browser:
        browser.open(page.as_uri())
        assert any("boom" in e for e in browser.errors)
        assert any("undefinedFn" in e for e in browser.errors)


def test_chromium_helper_finds_nothing_without_path(monkeypatch):
    monkeypatch.setattr(shutil, "which", lambda name: None)
    assert headless.find() is None


def test_markup_is_dimmed_not_dropped():
    from lint import markup

    text = "<p>Il a dit « oui« .</p>\n<p>Fin&nbsp;ici.</p>"
    result = make(text, [(text.index("oui«") + 3, text.index("oui«") + 4, "warning"), (0, 5, "info")])
    result.masks = markup.read_html(text).masks
    pre = pre_of(output(Run([result], rules=[])))
    assert '<span class="mu">&lt;p&gt;</span>' in pre and '<span class="mu">&amp;nbsp;</span>' in pre
    assert html.unescape(re.sub(r"</?(?:mark|span)[^>]*>", "", pre)) == text
    # a finding over markup and prose: marked in two segments, the dimmed tag and the prose after it
    assert marks(pre)[:2] == [(["d0-1"], '<span class="mu"><p></span>'), (["d0-1"], "Il")]
