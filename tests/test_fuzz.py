"""The whole pipeline under arbitrary Unicode: sources -> document -> every rule -> every reporter.

Inputs mix news prose, markup and the characters that break text tools: combining marks, bidi
controls and RTL letters, zero-width characters, emoji, NUL and other controls, CRLF and lone CR
line ends, lone surrogates (escaped in JSON Lines, or invalid bytes in files). For every input:

- nothing raises, and the run reports on it (a result, or a notice saying why not);
- every finding's span is inside its text, its `text` is that span, and its line and column are
  those of its offset: lines end at LF only (a CR is a character of its line), columns count code
  points from 1 (lint/document.py `Document.position`);
- every format is valid: JSON parses and holds the same findings, SARIF validates against the
  OASIS 2.1.0 schema (../shared/schemas, read where it is and not copied: without it only
  the JSON is checked), each `github` line is one workflow
  command or the summary, the HTML report parses to the article's text with its own script only,
  and the text report holds no control character.

CI runs a small, derandomized budget; `bench/fuzz.py --minutes N` runs these same properties for
longer with random seeds.
"""

from __future__ import annotations

import functools
import html.parser
import io
import json
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lint import markup
from lint.article import Article
from lint.config import Config
from lint.engine import check_article
from lint.report import formats
from lint.report import html as html_report
from lint.results import Result, Run

ROOT = Path(__file__).resolve().parents[1]
SCHEMA = ROOT.parent / "shared" / "schemas" / "sarif-schema-2.1.0.json"

PIECES = [
    # prose the rules have something to say about
    "Le président Joe Bidn a parlé.", "Porte-parole du Kremlin Dmitri Peskov il a déclaré", " « Nous ne",
    " nous précipiterons pas,« a-t-il ajouté.", "“We are ready“, Jen Psaki she said.", "Ministre russe ",
    "Sergueï Lavrov", " Photo : AFP", "PARIS, 26 janvier 2022 (AFP) - ", "Il a dit : « oui ».", " .", " ,",
    "Emmanuel Macron", "Le ministre", "la porte-parole", "elle", "il", "M. ", "etc. ", "U.S. ", "...",
    # markup of the three formats
    "<p>", "</p>", "<br>", "<script>x</script>", "<!--", "-->", "&amp;", "&#8217;", "&#x1F600;", "**", "_",
    "`", "```", "# ", "> ", "- ", "| a | b |", "|---|", "[lien](http://x.org)", "http://example.org/a_(b)",
    "www.ex.org", "<!-- newslint-disable -->", "newslint: ignore quotes", "<!DOCTYPE html>", "<pre>",
    # line ends and spaces
    "\n", "\n\n", "\r\n", "\r", "\r\n\r\n", "\t", "\u00a0", "\u202f", "\u2028", "\u2029", " " * 5,
    # combining marks, bidi, zero width, emoji, controls
    "e\u0301", "\u0301", "\u0327\u0301", "\u202e", "\u202a", "\u2066", "\u2069", "\u200e", "\u200f", "\u061c",
    "\u200b", "\u200c", "\u200d", "\ufeff", "👍🏽", "👨‍👩‍👧", "🇫🇷", "\x00", "\x1b[31m", "\x07", "\x7f", "\x9b",
    "مرحبا بالعالم", "שלום", "中文字符", "İı", "ß", "ﬁ", "Ⅻ", "٣", "\U0001d400",
]
PIECE = st.one_of(
    st.sampled_from(PIECES),
    st.text(max_size=12),
    st.text(st.characters(categories=["Mn", "Me", "Cf", "Zs", "Zl", "Zp", "Cc", "Po", "Pi", "Pf"]), max_size=6),
)
TEXTS = st.lists(PIECE, max_size=40).map("".join)
# Lone surrogates are only representable in JSON (escaped) or, as bytes, in invalid UTF-8.
SURROGATE = st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF)
TEXTS_WITH_SURROGATES = st.lists(st.one_of(PIECE, SURROGATE), max_size=30).map("".join)
LANGS = st.sampled_from([None, "fr", "en", "de", "es", "xx"])
FORMAT = st.sampled_from(["text", "markdown", "html"])

def ci_settings(examples: int) -> settings:
    return settings(SETTINGS, max_examples=examples)


SETTINGS = settings(
    derandomize=True,  # the same examples on every run: CI stays deterministic
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much],
)
EXAMPLES = {"api": 250, "sources": 50, "cli": 15}


# -- the properties (bench/fuzz.py runs them too) -----------------------------------------------
def check_placement(result: Result) -> None:
    text = result.text
    for f in result.findings:
        end = f.offset + f.length
        assert 0 <= f.offset <= end <= len(text), f
        assert f.text == text[f.offset:end]
        for offset, line, column in ((f.offset, f.line, f.column), (end, f.end_line, f.end_column)):
            assert line == text.count("\n", 0, offset) + 1, (f, offset)
            assert column == offset - (text.rfind("\n", 0, offset) + 1) + 1, (f, offset)


@functools.cache
def _sarif_validator():
    if not SCHEMA.is_file():
        return None
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema, default=jsonschema.Draft7Validator)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


COMMAND = re.compile(r"^::(?:error|warning|notice)(?: (?:\w+=[^,:\r\n]*)(?:,\w+=[^,:\r\n]*)*)?::[^\r\n]*$")
UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029]")
_SHOWN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


class _Page(html.parser.HTMLParser):
    """The text of each <pre class="text"> and of each <script>, as a browser would read them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.texts: list[str] = []
        self.scripts: list[str] = []
        self._where: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag == "pre" and ("class", "text") in attrs:
            self.texts.append("")
            self._where.append("pre")
        elif tag == "script":
            self.scripts.append("")
            self._where.append("script")
        elif tag not in ("br", "meta", "input", "img", "hr") and self._where:
            self._where.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if self._where:
            self._where.pop()

    def handle_data(self, data: str) -> None:
        if "script" in self._where:
            self.scripts[-1] += data
        elif "pre" in self._where and not any(w in ("ol", "li") for w in self._where):
            self.texts[-1] += data


def check_reports(run: Run) -> None:
    out = {}
    for fmt, render in formats().items():
        buffer = io.StringIO()
        render(run, buffer)
        out[fmt] = buffer.getvalue()
        out[fmt].encode("utf-8")  # writable as the CLI writes it: no lone surrogate
    report = json.loads(out["json"])
    assert [len(d["findings"]) for d in report["documents"]] == [len(r.findings) for r in run.results]
    sarif = json.loads(out["sarif"])
    results = sarif["runs"][0]["results"]
    if len(results) > 300:  # the schema checks each result alike: a sample, not 5,000 of them
        sarif["runs"][0]["results"] = results[:200] + results[-100:]
    validator = _sarif_validator()
    errors = [e.message for e in validator.iter_errors(sarif)] if validator is not None else []
    assert errors == [], errors[:3]
    lines = out["github"].split("\n")
    assert lines[-1] == "" and lines[-2].startswith("newslint: ")
    bad = [line for line in lines[:-2] if not COMMAND.match(line)]
    assert bad == [], bad[:3]
    assert not UNSAFE.search(out["text"]), [hex(ord(c)) for c in UNSAFE.findall(out["text"])][:5]
    page = _Page()
    page.feed(out["html"])
    page.close()
    assert page.scripts == [html_report._SCRIPT]
    shown = [_SHOWN.sub("\ufffd", r.text).replace("\r\n", "\n").replace("\r", "\n") for r in run.results]
    assert [t.replace("\r\n", "\n").replace("\r", "\n") for t in page.texts] == shown


def check_one(text: str, fmt: str, lang: str | None) -> Result:
    article = Article(text=text, source="fuzz.txt", lang=lang, format=fmt, masks=markup.masks_for(text, fmt))
    result = check_article(article, Config(knowledge="embedded"))
    check_placement(result)
    check_reports(Run([result], rules=[]))
    return result


def check_sources(tmp_path: Path, text: str, raw: bytes) -> None:
    """The same text through every kind of input file, and invalid bytes as a file of their own."""
    from xml.sax.saxutils import escape

    from lint.config import ConfigResolver
    from lint.engine import default_registry
    from lint.run import Options, check_inputs

    xml_safe = "".join(c for c in text if c in "\t\n\r" or (" " <= c <= "\ud7ff") or ("\ue000" <= c <= "\ufffd")
                       or c >= "\U00010000")
    files = {
        "a.txt": text.encode("utf-8", "surrogatepass"),
        "a.md": text.encode("utf-8", "surrogatepass"),
        "a.html": text.encode("utf-8", "surrogatepass"),
        "raw.txt": raw,
        "a.jsonl": (json.dumps({"id": text[:10], "text": text, "lang": "fr", "title": text[:5]}) + "\n"
                    + json.dumps({"text": text[::-1], "published": text[:8]}) + "\n").encode("ascii"),
        "a.rss": (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>t</title>'
                  f"<item><guid>{escape(xml_safe[:20])}</guid><description>{escape(xml_safe)}</description></item>"
                  f"<item><description><![CDATA[{xml_safe.replace(']]>', '')}]]></description></item>"
                  "</channel></rss>").encode(),
    }
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    paths = [str(tmp_path / name) for name in files]
    registry = default_registry()
    resolver = ConfigResolver({"knowledge": "embedded"})
    outcome = check_inputs(paths, resolver, Options(jobs=1, texts=True), registry=registry)  # texts: the HTML report
    reported = {r.source.split("#")[0] for r in outcome.run.results} | {n.source.split("#")[0]
                                                                        for n in outcome.run.all_notices}
    assert set(paths) <= reported  # each input gave a result or a notice saying why not
    for result in outcome.run.results:
        check_placement(result)
    check_reports(outcome.run)


# -- the tests ------------------------------------------------------------------------------------
@ci_settings(EXAMPLES["api"])
@given(text=TEXTS, fmt=FORMAT, lang=LANGS)
def test_fuzz_api_every_rule_and_reporter(text, fmt, lang):
    check_one(text, fmt, lang)


@ci_settings(EXAMPLES["sources"])
@given(text=TEXTS_WITH_SURROGATES, raw=st.binary(max_size=200))
def test_fuzz_every_kind_of_input(tmp_path_factory, text, raw):
    check_sources(tmp_path_factory.mktemp("fuzz"), text, raw)


@ci_settings(EXAMPLES["cli"])
@given(text=TEXTS_WITH_SURROGATES, fmt=st.sampled_from(["text", "json", "sarif", "github", "html"]))
def test_fuzz_the_command_line(tmp_path_factory, text, fmt):
    from click.testing import CliRunner

    from lint.cli import main

    folder = tmp_path_factory.mktemp("cli")
    (folder / "a.txt").write_bytes(text.encode("utf-8", "surrogatepass"))
    (folder / "b.jsonl").write_text(json.dumps({"id": "x", "text": text}) + "\n", encoding="ascii")
    out = folder / f"r.{fmt}"
    result = CliRunner().invoke(main, ["check", str(folder), "--format", fmt, "-o", str(out), "--jobs", "1"])
    assert result.exit_code in (0, 1, 2) and "internal error" not in result.output, result.output
    assert out.read_text(encoding="utf-8")


@pytest.mark.parametrize("alphabet", ["prose", "letters", "marks", "rtl", "punctuation", "mixed"])
def test_lines_of_100000_characters(alphabet):
    import random

    rng = random.Random(alphabet)
    pieces = {
        "prose": ["Le président Joe Bidn a dit « oui,« puis ", "il est parti. ", "Ministre russe Lavrov "],
        "letters": ["a", "é", "Ж", "x"],
        "marks": ["e\u0301", "\u0301", "\u200d", "\u202e", "\ufeff"],
        "rtl": ["مرحبا ", "\u202e", "שלום ", "\u200f"],
        "punctuation": [".", "!", "«", "»", ",", " ", "“", "…", "(", ")", "*", "`", "#", "|", "-", "<", ">", "&"],
        "mixed": PIECES,
    }[alphabet]
    line = ""
    while len(line) < 100_000:
        line += rng.choice(pieces)
    text = f"Titre\n{line[:100_000]}\nFin.\r\n"
    for fmt in ("text", "markdown"):
        check_one(text, fmt, "fr")
