"""Output safety: what an article says cannot act on whoever reads the report.

The HTML report shows `<script>` as text (and its Content Security Policy would refuse it anyway);
the `github` format escapes the workflow-command syntax (`%`, CR and LF in the message; `:` and `,`
too in properties), so an article cannot end an annotation or start a command of its own; the text
report shows no control character from an article (ESC sequences, C1 controls, carriage returns,
bidirectional overrides) to the terminal.
"""

from __future__ import annotations

import html.parser
import io
import json
import re

from lint.article import Article, Notice
from lint.config import Config
from lint.document import Document
from lint.engine import check_article
from lint.report import html as html_report
from lint.report import render
from lint.results import Result, Run
from lint.rule import Finding

HOSTILE = '</pre></textarea><script>alert("pwned")</script><img src=x onerror="alert(1)"> & "quoted" \'single\''
CONTROLS = "\x1b[2J\x1b]0;title\x07 \x9b31m \u202ehidden\u202c \u2066iso\u2069 \rback \x00nul \x7f"


def finding(text: str, needle: str, message: str, source: str = "a.txt", suggestions: tuple[str, ...] = ()) -> Finding:
    doc = Document(text)
    start = text.index(needle)
    (line, col), (end_line, end_col) = doc.position(start), doc.position(start + len(needle))
    return Finding("quotes.mismatch", "quote-mismatch", "warning", source, start, len(needle), line, col,
                   end_line, end_col, needle, message, suggestions)


def hostile_run() -> Run:
    text = f"Avant {HOSTILE} après.\nLigne deux {CONTROLS} fin.\n"
    findings = [
        finding(text, "<script>", f"message quoting {HOSTILE}", suggestions=(HOSTILE,)),
        finding(text, "hidden", f"control {CONTROLS}", suggestions=(CONTROLS,)),
    ]
    source = f"feed.jsonl#{HOSTILE}"
    findings = [Finding(**{**f.__dict__, "source": source}) for f in findings]
    notice = Notice(source, "warning", f"notice {HOSTILE} {CONTROLS}")
    return Run([Result(source, "fr", findings, [notice], text=text)], rules=[], notices=[notice])


def rendered(fmt: str, run: Run) -> str:
    out = io.StringIO()
    render(fmt, run, out)
    return out.getvalue()


class _Elements(html.parser.HTMLParser):
    """Every element with its attributes, and the text inside each <script>."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self.elements.append((tag, dict(attrs)))
        if tag == "script":
            self._in_script = True
            self.scripts.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self.scripts[-1] += data


def test_html_report_shows_article_markup_as_text():
    page = rendered("html", hostile_run())
    parsed = _Elements()
    parsed.feed(page)
    # one script, the report's own; no element and no event handler came from the article
    assert parsed.scripts == [html_report._SCRIPT]
    assert [t for t, _ in parsed.elements].count("img") == 0
    assert not any(k.startswith("on") for _, attrs in parsed.elements for k in attrs)
    assert "<script>alert" not in page and "&lt;script&gt;alert(&quot;pwned&quot;)&lt;/script&gt;" in page
    # every control character but tab and newlines is shown as a replacement character
    assert not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]", page)


def test_html_report_of_a_real_check_keeps_a_script_in_an_article_inert(tmp_path):
    path = tmp_path / "feed.jsonl"
    item = {"id": "<script>alert(2)</script>", "text": f"Il a dit « non,« puis {HOSTILE}.", "lang": "fr"}
    path.write_text(json.dumps(item) + "\n", encoding="utf-8")
    from lint.sources import read_inputs

    (art,) = read_inputs([str(path)])
    result = check_article(art, Config(knowledge="off"))
    assert result.findings  # the quotation mark
    parsed = _Elements()
    parsed.feed(rendered("html", Run([result], rules=[])))
    assert parsed.scripts == [html_report._SCRIPT]
    assert not any(k.startswith("on") for _, attrs in parsed.elements for k in attrs)


# -- github ---------------------------------------------------------------------------------------
COMMAND = re.compile(r"^::(error|warning|notice)(?: ([^:]*))?::(.*)$")


def _unescape(value: str) -> str:
    return value.replace("%0A", "\n").replace("%0D", "\r").replace("%3A", ":").replace("%2C", ",").replace("%25", "%")


def test_github_annotations_escape_the_workflow_command_syntax(tmp_path):
    text = "Un texte.\n"
    source = str(tmp_path / "dir,with:odd%chars.txt")
    message = "100% faux\r\n::error file=x.txt::injected,a:b\rfin %0A"
    f = finding(text, "texte", message, source=source, suggestions=("a%b\nc",))
    run = Run([Result(source, "fr", [f], text=text)], rules=[], notices=[Notice("x,y:z", "error", "cut\nhere")])
    lines = rendered("github", run).split("\n")
    assert lines[-1] == "" and "\r" not in "".join(lines)
    commands = [COMMAND.match(line) for line in lines[:-2]]
    assert all(commands), lines
    by_type = {m.group(1): m for m in commands}
    annotation = by_type["warning"]
    props = dict(p.split("=", 1) for p in annotation.group(2).split(","))
    assert _unescape(props["file"]) == source and ":" not in props["file"] and "," not in props["file"]
    assert props["title"] == "quotes.mismatch"
    assert _unescape(annotation.group(3)) == message + "\nSuggestion: a%b\nc"
    # the message may hold "::" (the runner reads up to the first "::" after the properties), never a line break
    assert annotation.group(3).startswith("100%25 faux%0D%0A::error")
    assert _unescape(by_type["error"].group(3)) == "x,y:z: cut\nhere"
    assert not any(line.startswith("::error file=x.txt") for line in lines)


# -- text -----------------------------------------------------------------------------------------
UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029]")


def test_terminal_report_strips_control_and_reordering_characters():
    out = rendered("text", hostile_run())
    assert not UNSAFE.search(out), [hex(ord(c)) for c in UNSAFE.findall(out)]
    assert "hidden" in out and "�" in out
    # the caret still points at the span: one cell per replaced character
    lines = out.splitlines()
    i = next(k for k, line in enumerate(lines) if "Ligne deux" in line)
    caret = lines[i + 1].index("^")
    assert lines[i][caret:].startswith("hidden")


def test_terminal_report_of_a_real_check_with_hostile_text():
    text = "Le ministre a dit « non,« puis\u202e il est parti\x1b[31m en rouge."
    result = check_article(Article(text=text, source="a\u202eb\x1b.txt", lang="fr"), Config(knowledge="off"))
    assert result.findings
    out = rendered("text", Run([result], rules=[], color=True))
    colours = out.replace("\x1b[0m", "").replace("\x1b[1m", "")
    colours = re.sub("\x1b\\[3[134]m", "", colours)  # the report's own colours
    assert not UNSAFE.search(colours)
