"""The four reporters, on a run built by hand: the JSON contract, SARIF against its schema, stable
fingerprints, GitHub's escaping and ordering, and the text report's underlines."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

import lint
from lint.article import Notice
from lint.document import Document
from lint.engine import Result
from lint.report import Run, render
from lint.report import github as github_report
from lint.rule import Finding, Rule, accept, flag

SCHEMA = Path(__file__).resolve().parents[2] / "shared" / "schemas" / "sarif-schema-2.1.0.json"

RULES = [
    Rule(
        id="names.inconsistent-spelling",
        category="name-inconsistent",
        check=lambda doc, ctx: (),
        description="A name spelled two ways in one article.\nThe rarer spelling is flagged.",
        examples=(flag("fr", "Sherman puis <m>Shermann</m>."), accept("fr", "Sherman puis Sherman.")),
    ),
    Rule(
        id="quotes.unclosed",
        category="quote-mismatch",
        check=lambda doc, ctx: (),
        description="An opening quotation mark that is never closed.",
        severity="error",
    ),
    Rule(
        id="typography.space-before-comma",
        category="typography",
        check=lambda doc, ctx: (),
        description="A space before a comma.",
        severity="info",
    ),
]
SEVERITY = {r.id: r.severity for r in RULES}
CATEGORY = {r.id: r.category for r in RULES}

# The span of "Shermann" follows "é", two bytes in UTF-8 but one code point.
TEXT_A = (
    "L'été dernier, Wendy Sherman a parlé.\n"
    "\n"
    "Cet été, Shermann a dit « bonjour , puis il est parti.\n"
    "\tSherman répond.\n"
)
TEXT_B = "A first line.\nMr Biden said: “never,\nand then left.\n"
TEXT_ITEM = "Une dépêche , courte.\n"


def finding(source: str, text: str, rule: str, needle: str, message: str, *, nth: int = 0, **kw) -> Finding:
    """A finding on the nth occurrence of `needle`, placed as the engine places it."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(needle, start + 1)
    end = start + len(needle)
    doc = Document(text)
    line, column = doc.position(start)
    end_line, end_column = doc.position(end)
    return Finding(
        rule=rule,
        category=CATEGORY[rule],
        severity=kw.pop("severity", SEVERITY[rule]),
        source=source,
        offset=start,
        length=end - start,
        line=line,
        column=column,
        end_line=end_line,
        end_column=end_column,
        text=needle,
        message=message,
        **kw,
    )


def doc_a(text: str = TEXT_A, source: str = "corpus/dépêche 1.txt") -> Result:
    return Result(
        source,
        "fr",
        findings=[
            finding(
                source,
                text,
                "names.inconsistent-spelling",
                "Shermann",
                "'Shermann' is spelled 'Sherman' twice elsewhere",
                suggestions=("Sherman",),
                evidence={"count": 2},
            ),
            finding(source, text, "quotes.unclosed", "«", "This « is never closed"),
            finding(
                source,
                text,
                "typography.space-before-comma",
                " ,",
                "No space before a comma",
                suggestions=(",",),
            ),
        ],
        text=text,
    )


def doc_b() -> Result:
    source = "corpus/b.txt"
    return Result(
        source,
        "en",
        findings=[
            finding(
                source, TEXT_B, "quotes.unclosed", "“never,\nand", "100% sure, this “ is never\nclosed: see"
            ),
        ],
        notices=[Notice(source, "info", "no language data for 'en': only language-independent rules ran")],
        text=TEXT_B,
    )


def item() -> Result:
    source = "feeds/agence.jsonl#urn:item:7"
    return Result(
        source,
        "fr",
        findings=[
            finding(source, TEXT_ITEM, "typography.space-before-comma", " ,", "No space before a comma")
        ],
        text=TEXT_ITEM,
    )


def make_run(a: Result | None = None, *, color: bool = False) -> Run:
    return Run(
        results=[a or doc_a(), doc_b(), item()],
        rules=RULES,
        notices=[Notice("newslint", "warning", "Wikipedia unreachable: checked offline")],
        color=color,
    )


def output(fmt: str, run: Run) -> str:
    out = io.StringIO()
    render(fmt, run, out)
    return out.getvalue()


# -- json -------------------------------------------------------------------------------------
FINDING_KEYS = [
    "rule",
    "category",
    "severity",
    "line",
    "column",
    "end_line",
    "end_column",
    "offset",
    "length",
    "text",
    "message",
    "suggestions",
]


def test_json_follows_the_contract():
    raw = output("json", make_run())
    assert raw.endswith("}\n")
    assert "dépêche" in raw  # UTF-8, not \u escapes
    report = json.loads(raw)
    assert list(report) == ["version", "tool", "documents", "notices"]
    assert report["version"] == 1
    assert report["tool"] == {"name": "newslint", "version": lint.__version__}
    assert [list(d) for d in report["documents"]] == [["source", "language", "findings"]] * 3
    assert [d["source"] for d in report["documents"]] == [
        "corpus/dépêche 1.txt",
        "corpus/b.txt",
        "feeds/agence.jsonl#urn:item:7",
    ]
    for doc in report["documents"]:
        assert isinstance(doc["language"], str)
        for f in doc["findings"]:
            assert list(f) in (FINDING_KEYS, [*FINDING_KEYS, "evidence"])
            for key in ("line", "column", "end_line", "end_column", "offset", "length"):
                assert type(f[key]) is int
            for key in ("rule", "category", "severity", "text", "message"):
                assert isinstance(f[key], str)
            assert all(isinstance(s, str) for s in f["suggestions"])
    first = report["documents"][0]["findings"][0]
    assert first == doc_a().findings[0].to_dict() | {"suggestions": ["Sherman"]}
    assert first["evidence"] == {"count": 2}
    assert report["notices"] == [
        {
            "source": "corpus/b.txt",
            "level": "info",
            "message": "no language data for 'en': only language-independent rules ran",
        },
        {"source": "newslint", "level": "warning", "message": "Wikipedia unreachable: checked offline"},
    ]


# -- sarif ------------------------------------------------------------------------------------
def sarif(run: Run) -> dict:
    return json.loads(output("sarif", run))


def test_sarif_validates_against_the_oasis_schema():
    if not SCHEMA.exists():
        pytest.skip(f"SARIF schema not found at {SCHEMA}")
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    validator = jsonschema.validators.validator_for(schema, default=jsonschema.Draft7Validator)
    validator.check_schema(schema)
    errors = list(validator(schema, format_checker=validator.FORMAT_CHECKER).iter_errors(sarif(make_run())))
    assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors)


def test_sarif_content():
    run_ = sarif(make_run())["runs"][0]
    driver = run_["tool"]["driver"]
    assert (driver["name"], driver["version"], driver["informationUri"]) == (
        "newslint",
        lint.__version__,
        "https://pypi.org/project/newslint/",
    )
    names = driver["rules"][0]
    assert names["id"] == "names.inconsistent-spelling"
    assert names["name"] == "NamesInconsistentSpelling"
    assert names["shortDescription"]["text"] == "A name spelled two ways in one article."
    assert names["fullDescription"]["text"].endswith("The rarer spelling is flagged.")
    assert "Sherman puis ⟦Shermann⟧." in names["help"]["text"]
    assert "Sherman puis Sherman." in names["help"]["text"]
    assert names["properties"]["category"] == "name-inconsistent"
    assert [r["defaultConfiguration"]["level"] for r in driver["rules"]] == ["warning", "error", "note"]

    assert run_["columnKind"] == "unicodeCodePoints"
    assert [a["location"]["uri"] for a in run_["artifacts"]] == [
        "corpus/d%C3%A9p%C3%AAche%201.txt",
        "corpus/b.txt",
        "feeds/agence.jsonl",
    ]

    results = run_["results"]
    assert [r["ruleId"] for r in results] == [
        "names.inconsistent-spelling",
        "quotes.unclosed",
        "typography.space-before-comma",
        "quotes.unclosed",
        "typography.space-before-comma",
    ]
    assert [r["ruleIndex"] for r in results] == [0, 1, 2, 1, 2]
    assert [r["level"] for r in results] == ["warning", "error", "note", "error", "note"]
    assert results[0]["message"]["text"].endswith("\nSuggestion: Sherman")
    region = results[0]["locations"][0]["physicalLocation"]["region"]
    f = doc_a().findings[0]
    assert region == {
        "startLine": 3,
        "startColumn": 10,
        "endLine": 3,
        "endColumn": 18,
        "charOffset": f.offset,
        "charLength": 8,
        "snippet": {"text": "Shermann"},
    }
    multi = results[3]["locations"][0]["physicalLocation"]["region"]
    assert (multi["startLine"], multi["endLine"]) == (2, 3)

    feed = results[4]["locations"][0]
    assert feed["physicalLocation"]["artifactLocation"] == {"uri": "feeds/agence.jsonl", "index": 2}
    assert feed["logicalLocations"] == [{"name": "urn:item:7", "kind": "object"}]
    assert "logicalLocations" not in results[0]["locations"][0]

    invocation = run_["invocations"][0]
    assert invocation["executionSuccessful"] is True
    assert [n["level"] for n in invocation["toolExecutionNotifications"]] == ["note", "warning"]


def test_sarif_execution_fails_on_an_error_notice():
    run = make_run()
    run.notices.append(Notice("feeds/broken.jsonl", "error", "not JSON Lines"))
    assert sarif(run)["runs"][0]["invocations"][0]["executionSuccessful"] is False


def fingerprints(run: Run) -> list[str]:
    return [r["partialFingerprints"]["primaryLocationLineHash"] for r in sarif(run)["runs"][0]["results"]]


def test_sarif_output_and_fingerprints_are_stable():
    assert output("sarif", make_run()) == output("sarif", make_run())
    prints = fingerprints(make_run())
    assert all(len(p.split(":")[0]) == 16 and p.split(":")[1].isdigit() for p in prints)
    assert len(set(prints)) == len(prints)


def test_fingerprints_survive_a_line_inserted_before():
    moved = doc_a("\n" + TEXT_A)
    assert [f.line for f in moved.findings] == [f.line + 1 for f in doc_a().findings]
    assert fingerprints(make_run(moved)) == fingerprints(make_run())


def test_fingerprints_tell_identical_lines_apart():
    text = "Cet été , oui.\nCet été , oui.\n"
    source = "corpus/twice.txt"
    findings = [
        finding(source, text, "typography.space-before-comma", " ,", "No space", nth=n) for n in (0, 1)
    ]
    run = Run(results=[Result(source, "fr", findings=findings, text=text)], rules=RULES)
    first, second = fingerprints(run)
    assert first.split(":")[0] == second.split(":")[0]
    assert (first.split(":")[1], second.split(":")[1]) == ("1", "2")


# -- github -----------------------------------------------------------------------------------
def test_github_orders_by_severity_and_counts_everything():
    lines = output("github", make_run()).splitlines()
    kinds = [line[2:].split(" ", 1)[0].split("::", 1)[0] for line in lines[:-1]]
    assert kinds == ["error", "error", "warning", "warning", "notice", "notice", "notice"]
    # Within a level: the run's notices, then findings in input order.
    assert lines[0].startswith(
        "::error file=corpus/dépêche 1.txt,line=3,endLine=3,col=25,endColumn=26,title=quotes.unclosed::"
    )
    assert lines[1].startswith("::error file=corpus/b.txt,")
    assert lines[2] == "::warning::newslint: Wikipedia unreachable: checked offline"
    assert lines[-1] == "newslint: 5 findings (2 errors, 1 warning, 2 notices) in 3 documents"


def test_github_escapes_data_and_properties():
    lines = output("github", make_run()).splitlines()
    multi = lines[1]
    # Columns are not allowed on an annotation that spans lines.
    assert multi.startswith("::error file=corpus/b.txt,line=2,endLine=3,title=quotes.unclosed::")
    assert multi.endswith("::100%25 sure, this “ is never%0Aclosed: see")
    assert "\n" not in multi
    assert github_report.escape_property("a,b:c%\r\n") == "a%2Cb%3Ac%25%0D%0A"
    assert github_report.escape_data("a,b:c%\r\n") == "a,b:c%25%0D%0A"
    suggestion = next(line for line in lines if "names.inconsistent-spelling" in line)
    assert suggestion.endswith("elsewhere%0ASuggestion: Sherman")


def test_github_feed_items_are_annotated_on_the_file_with_the_item_named():
    lines = output("github", make_run()).splitlines()
    feed = next(line for line in lines if "agence.jsonl" in line)
    assert feed == (
        "::notice file=feeds/agence.jsonl,title=typography.space-before-comma::"
        "[urn:item:7 line 1, column 12] No space before a comma"
    )


def test_github_says_when_annotations_are_dropped():
    source = "corpus/long.txt"
    text = "x ,\n" * 12
    findings = [finding(source, text, "quotes.unclosed", " ,", "m", nth=n) for n in range(12)]
    run = Run(results=[Result(source, "fr", findings=findings, text=text)], rules=RULES)
    lines = output("github", run).splitlines()
    assert len(lines) == 13
    assert lines[-1].startswith("newslint: 12 findings (12 errors, 0 warnings, 0 notices) in 1 document; ")
    assert "at most 10 annotations per type" in lines[-1]


# -- text -------------------------------------------------------------------------------------
def block(report: str, header_start: str) -> list[str]:
    lines = report.splitlines()
    i = next(i for i, line in enumerate(lines) if line.startswith(header_start))
    return lines[i : i + 4]


def test_text_underlines_the_span_after_a_multibyte_character():
    report = output("text", make_run())
    header, excerpt, underline, suggestion = block(report, "corpus/dépêche 1.txt:3:10:")
    assert header == (
        "corpus/dépêche 1.txt:3:10: warning names.inconsistent-spelling "
        "'Shermann' is spelled 'Sherman' twice elsewhere"
    )
    assert excerpt.strip() == "Cet été, Shermann a dit « bonjour , puis il est parti."
    assert underline.index("^") == excerpt.index("Shermann")
    assert underline.strip() == "^" + "~" * 7
    assert suggestion == "  suggestion: Sherman"
    _, excerpt, underline, _ = block(report, "corpus/dépêche 1.txt:3:25:")
    assert underline.index("^") == excerpt.index("«") and underline.strip() == "^"


def test_text_multiline_span_is_underlined_to_the_end_of_its_first_line():
    _, excerpt, underline, *_ = block(output("text", make_run()), "corpus/b.txt:2:")
    assert excerpt.endswith("Mr Biden said: “never,")
    assert underline.index("^") == excerpt.index("“")
    assert len(underline) == len(excerpt)


def test_text_expands_tabs_under_the_span_too():
    source = "corpus/tab.txt"
    text = "\tSherman\tet Shermann.\n"
    f = finding(source, text, "names.inconsistent-spelling", "Shermann", "m")
    report = output("text", Run(results=[Result(source, "fr", findings=[f], text=text)], rules=RULES))
    _, excerpt, underline, *_ = block(report, "corpus/tab.txt:1:")
    assert "\t" not in excerpt
    assert underline.index("^") == excerpt.index("Shermann")


def test_text_shows_a_window_of_a_long_line():
    source = "corpus/long.txt"
    text = "a" * 300 + " Shermann " + "b" * 300 + "\n"
    f = finding(source, text, "names.inconsistent-spelling", "Shermann", "m")
    report = output("text", Run(results=[Result(source, "fr", findings=[f], text=text)], rules=RULES))
    _, excerpt, underline, *_ = block(report, "corpus/long.txt:1:302:")
    body = excerpt.strip()
    assert body.startswith("…") and body.endswith("…")
    assert 95 <= len(body) <= 105
    assert underline.index("^") == excerpt.index("Shermann")
    assert underline.strip() == "^" + "~" * 7


def test_text_notices_summary_and_no_colour_by_default():
    report = output("text", make_run())
    assert "\x1b" not in report
    assert "corpus/b.txt: info: no language data for 'en': only language-independent rules ran\n" in report
    assert "newslint: warning: Wikipedia unreachable: checked offline\n" in report
    assert "feeds/agence.jsonl#urn:item:7:1:12: info typography.space-before-comma" in report
    assert report.endswith("\n5 findings (2 errors, 1 warning, 2 infos) in 3 documents\n")


def test_text_colours_only_when_asked():
    report = output("text", make_run(color=True))
    assert "\x1b[31merror\x1b[0m" in report
    assert "\x1b[33mwarning\x1b[0m" in report
    assert "\x1b[34minfo\x1b[0m" in report
    assert "\x1b[1mcorpus/b.txt:2:16:\x1b[0m" in report


def test_text_without_findings():
    run = Run(results=[Result("corpus/clean.txt", "fr", text="Rien.\n")], rules=RULES)
    assert output("text", run) == "No findings in 1 document\n"
