"""Reading inputs: every kind of input, every bad input, and masks that keep offsets exact."""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lint.article import Article
from lint.document import Document, blank_out
from lint.markup import markdown_masks, read_html, text_masks
from lint.sources import InputError, read_inputs

INPUTS = Path(__file__).parent / "data" / "inputs"


def read(*paths: object, **options) -> list[Article | InputError]:
    return list(read_inputs([str(p) for p in paths], **options))


def only(*paths: object, **options) -> Article | InputError:
    (item,) = read(*paths, **options)
    return item


def article(*paths: object, **options) -> Article:
    item = only(*paths, **options)
    assert isinstance(item, Article), item
    return item


def view(a: Article) -> str:
    return Document(a.text, masks=a.masks).text


def md(text: str) -> str:
    return blank_out(text, markdown_masks(text))


def write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, str):
        content = content.encode("utf-8")
    path.write_bytes(content)
    return path


def assert_blank(source: str, prose: str, fragment: str) -> None:
    """Every occurrence of `fragment` in the source reads as white space in the prose view."""
    start = source.find(fragment)
    assert start >= 0, fragment
    while start >= 0:
        assert not prose[start : start + len(fragment)].strip(), (fragment, prose[start : start + len(fragment)])
        start = source.find(fragment, start + 1)


def assert_kept(source: str, prose: str, fragment: str) -> None:
    """`fragment` reads the same, at the same offset, in the prose view."""
    start = source.index(fragment)
    assert prose[start : start + len(fragment)] == fragment


# -- each kind of input -------------------------------------------------------------------------------


def test_plain_text_masks_only_bare_urls(tmp_path):
    path = write(tmp_path / "a.txt", "Read https://example.org/a_(b). Then www.example.com, **not markdown**.\n")
    a = article(path)
    assert (a.source, a.path, a.format, a.id) == (str(path), str(path), "text", None)
    assert [a.text[m.start : m.end] for m in a.masks] == ["https://example.org/a_(b)", "www.example.com"]
    assert not any(m.block for m in a.masks)
    assert "**not markdown**" in view(a)


@pytest.mark.parametrize(
    ("name", "fmt"),
    [
        *[("a.md", "markdown"), ("a.markdown", "markdown"), ("A.MD", "markdown"), ("a.html", "html")],
        *[("a.htm", "html"), ("a.txt", "text"), ("notes.rst", "text"), ("README", "text")],
    ],
)
def test_format_follows_the_extension(tmp_path, name, fmt):
    assert article(write(tmp_path / name, "Some words.\n")).format == fmt


def test_source_is_the_path_as_given(tmp_path, monkeypatch):
    write(tmp_path / "sub" / "a.txt", "Words.\n")
    monkeypatch.chdir(tmp_path)
    a = article("sub/a.txt")
    assert a.source == a.path == "sub/a.txt"
    assert [x.source for x in read("sub")] == [os.path.join("sub", "a.txt")]


def test_folders_are_walked_recursively_in_name_order(tmp_path):
    names = ["b.txt", "a.md", "sub/c.html", "sub/.hidden.txt", ".git/x.txt", "notes.rst", "z.gold.jsonl"]
    for name in [*names, "sub/deeper/d.ndjson", "A.TXT"]:
        content = '{"id": "1", "text": "Gold."}\n' if "json" in name else "Some words.\n"
        write(tmp_path / name, content)
    got = [x.source for x in read(tmp_path)]
    assert got == [
        str(tmp_path / "A.TXT"),
        str(tmp_path / "a.md"),
        str(tmp_path / "b.txt"),
        str(tmp_path / "sub" / "c.html"),
        str(tmp_path / "sub" / "deeper" / "d.ndjson") + "#1",
        str(tmp_path / "z.gold.jsonl") + "#1",
    ]
    assert [x.source for x in read(tmp_path, extensions={"rst"})] == [str(tmp_path / "notes.rst")]


def test_inputs_come_out_in_the_order_given(tmp_path):
    a, b = write(tmp_path / "a.txt", "A.\n"), write(tmp_path / "b.txt", "B.\n")
    assert [x.source for x in read(b, a, b)] == [str(b), str(a), str(b)]


def test_markdown_sample_reads_as_prose_at_the_same_offsets():
    a = article(INPUTS / "sample.md")
    text, prose = a.text, view(a)
    assert a.format == "markdown"
    assert len(prose) == len(text)
    for markup in [
        *("title: A test article", "```python", 'print("code is not prose")', "indented code block", "`an API`"),
        *("https://www.lemonde.fr", '"Le Monde")', "https://example.org/report_(2024)", "<https://example.com>"),
        *("![a photo](photo.jpg)", "<!-- newslint-disable -->", '<span class="x">', "</span>"),
        *("[ref]: https://example.com/ref", "# ", "## ", " ##", "**", "- ", "1. ", "> ", "|------|------|"),
    ]:
        assert_blank(text, prose, markup)
    for words in [
        *("Biden meets Macron in Paris", "president", "Tuesday", "Le Monde", "for details", "emphasis"),
        *("Heading right after", "Second heading", "A quotation that continues", "on a second line."),
        *("Caption text.", "Hidden", "inline", "words.", "Biden", "President", "a reference", "stars"),
    ]:
        assert_kept(text, prose, words)
    assert prose[text.index("**president**") :][:13] == "  president  "
    assert prose[text.index("*Tuesday*") :][:9] == " Tuesday "
    assert prose[text.index("_emphasis_") :][:10] == " emphasis "
    assert prose[text.index("[Le Monde]") :][:10] == " Le Monde "


def test_markdown_block_markup_separates_paragraphs():
    a = article(INPUTS / "sample.md")
    doc = Document(a.text, masks=a.masks)
    paragraphs = [doc.slice(p) for p in doc.paragraphs]
    for own in [
        *("Biden meets Macron in Paris", "Heading right after", "Second heading", "First item with  emphasis"),
        *("Numbered item", "Name", "Role", "Biden", "President"),
    ]:
        assert own in paragraphs, own
    assert "A quotation that continues\n  on a second line." in paragraphs  # one paragraph over two lines


def test_html_sample_reads_as_prose_with_its_metadata():
    a = article(INPUTS / "sample.html")
    text, prose = a.text, view(a)
    assert (a.format, a.title, a.lang) == ("html", "Emmanuel Macron & the press", "fr-FR")
    assert a.published == dt.date(2024, 3, 5)  # the <meta>, not the <time> further down
    assert len(prose) == len(text)
    for markup in [
        *("<!DOCTYPE html>", "<title>", "Emmanuel Macron", "color: red", 'var s = "not prose";'),
        *('<a href="https://example.org/x">', "</a>", "<code>x = 1</code>", "<!-- a comment -->"),
        *("&nbsp;", "<br>", "<h1>", "</p>"),
    ]:
        assert_blank(text, prose, markup)
    for words in ["Macron reçoit Biden", "Le président a parlé à la presse.", "l'article", "Fin", "du texte."]:
        assert_kept(text, prose, words)
    doc = Document(text, masks=a.masks)
    paragraphs = [doc.slice(p) for p in doc.paragraphs]
    assert paragraphs[:2] == ["Macron reçoit Biden", "Le président a parlé à la presse."]
    assert "Fin      du texte." in paragraphs  # &nbsp; is masked whole: the documented limitation


def test_html_date_from_time_when_no_meta(tmp_path):
    page = '<html><body><time datetime="2023-11-02T08:00">2 Nov</time><p>Text.</p></body></html>'
    a = article(write(tmp_path / "a.html", page))
    assert (a.published, a.lang, a.title) == (dt.date(2023, 11, 2), None, None)


def test_jsonl_items_and_bad_lines():
    items = read(INPUTS / "sample.jsonl")
    path = str(INPUTS / "sample.jsonl")
    assert [x.source for x in items] == [f"{path}#a1", f"{path}#3", f"{path}#4", f"{path}#5", f"{path}#7"]
    first, no_id, not_json, no_text, html_item = items
    assert isinstance(first, Article) and first.text == "First article."
    assert (first.id, first.title, first.url, first.lang) == ("a1", "One", "https://x.org/1", "en")
    assert first.published == dt.date(2024, 2, 1) and first.path == path and first.format == "text"
    assert isinstance(no_id, Article) and no_id.id is None and no_id.text == "No id here."
    assert not_json == InputError(f"{path}#4", "line 4: not JSON: Expecting value (column 1)")
    assert no_text == InputError(f"{path}#5", 'line 5: no "text" string')
    assert isinstance(html_item, Article) and (html_item.id, html_item.format) == ("7", "html")
    assert view(html_item).split() == ["Hello", "world"]


def test_jsonl_odd_items_become_notices_or_errors(tmp_path):
    data = (
        b'["a list"]\n'
        b'{"id": "d", "text": "Dated.", "published": "next tuesday"}\n'
        b'{"id": "f", "text": "Odd.", "format": "docx", "title": 12}\n'
        b'{"id": "u", "text": "Caf\xe9"}\r\n'  # Latin-1, not UTF-8
    )
    path = write(tmp_path / "odd.jsonl", data)
    listed, dated, odd, latin = read(path)
    assert listed == InputError(f"{path}#1", "line 1: not a JSON object")
    assert dated.published is None
    assert [n.message for n in dated.notices] == ["published: unreadable date 'next tuesday'; ignored"]
    assert odd.format == "text" and odd.title is None
    assert sorted(n.message for n in odd.notices) == [
        "title is not a string; ignored",
        "unknown format 'docx'; read as text",
    ]
    offset = data.index(b"\xe9")
    assert latin.text == "Caf\ufffd" and latin.source == f"{path}#u"
    assert [(n.source, n.level, n.message) for n in latin.notices] == [
        (f"{path}#u", "warning", f"invalid UTF-8 at byte {offset}; replaced")
    ]


def test_jsonl_with_a_bom_and_blank_lines(tmp_path):
    path = write(tmp_path / "a.ndjson", b'\xef\xbb\xbf{"text": "One."}\n\n   \n{"text": "Two."}\n')
    assert [(x.source, x.text) for x in read(path)] == [(f"{path}#1", "One."), (f"{path}#4", "Two.")]


def test_stdin_is_read_as_bytes_and_its_format_guessed():
    html = article("-", stdin=io.BytesIO(b"  <p>Hello <b>there</b></p>"))
    assert (html.source, html.path, html.format) == ("-", None, "html")
    assert view(html).split() == ["Hello", "there"]
    text = article("-", stdin=io.BytesIO(b"2 < 3 and <3 is a heart"))
    assert text.format == "text"
    named = article("-", stdin=io.StringIO("# Title\n\nText."), stdin_name="story.md")
    assert (named.source, named.format) == ("story.md", "markdown")


def test_stdin_named_twice_is_read_once():
    items = read("-", "-", stdin=io.BytesIO(b"Words."))
    assert isinstance(items[0], Article)
    assert items[1] == InputError("-", "standard input named twice; read once", fatal=False)


# -- bad inputs ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("content", [b"", b" \n\t\r\n ", b"\xef\xbb\xbf\n"])
def test_empty_file_is_a_warning_not_an_article(tmp_path, content):
    path = write(tmp_path / "empty.md", content)
    assert only(path) == InputError(str(path), "empty file", fatal=False)


@pytest.mark.parametrize(
    "content",
    [b"PK\x03\x04\x00\x00" + b"x" * 100, bytes(range(1, 9)) * 50 + b"some text", b"text" + b"\x00" * 4],
)
def test_binary_file_is_an_error(tmp_path, content):
    path = write(tmp_path / "data.txt", content)
    assert only(path) == InputError(str(path), "binary file, not text")


def test_some_control_characters_are_still_text(tmp_path):
    a = article(write(tmp_path / "log.txt", b"\x1b[1mBold\x1b[0m words in a long enough line of text.\n"))
    assert "Bold" in a.text


def test_utf16_is_named(tmp_path):
    path = write(tmp_path / "u.txt", "Texte.".encode("utf-16"))
    item = only(path)
    assert isinstance(item, InputError) and "UTF-16" in item.message


def test_invalid_utf8_is_replaced_and_still_checked(tmp_path):
    from lint.config import Config
    from lint.engine import check_article

    path = write(tmp_path / "a.txt", b"Le caf\xe9 est servi.\n")
    a = article(path)
    assert a.text == "Le caf\ufffd est servi.\n"
    assert [(n.source, n.level, n.message) for n in a.notices] == [
        (str(path), "warning", "invalid UTF-8 at byte 6; replaced")
    ]
    result = check_article(a, Config(knowledge="off", language="fr"))
    assert any(n.message == "invalid UTF-8 at byte 6; replaced" for n in result.notices)


def test_bom_is_not_part_of_the_text(tmp_path):
    path = write(tmp_path / "a.md", b"\xef\xbb\xbfHello **world**\n\xff")
    a = article(path)
    assert a.text.startswith("Hello")
    doc = Document(a.text, masks=a.masks)
    assert doc.position(a.text.index("world")) == (1, 9)  # columns count from after the BOM
    assert a.notices[0].message == "invalid UTF-8 at byte 19; replaced"  # bytes count the BOM: a file offset


def test_file_over_max_bytes_is_skipped_without_reading_it(tmp_path):
    path = tmp_path / "huge.txt"
    with open(path, "wb") as f:
        f.truncate(50_000_000)  # sparse: no 50 MB written, and nothing read if the size is checked first
    started = time.perf_counter()
    item = only(path)
    assert time.perf_counter() - started < 1.0
    assert item == InputError(str(path), "50000000 bytes, over max-bytes (20000000); skipped")


def test_max_bytes_is_inclusive(tmp_path):
    path = write(tmp_path / "ten.txt", b"0123456789")
    assert isinstance(only(path, max_bytes=10), Article)
    assert only(path, max_bytes=9) == InputError(str(path), "10 bytes, over max-bytes (9); skipped")



def test_a_file_grown_since_its_size_was_read_is_read_whole_and_bounded(tmp_path, monkeypatch):
    # A regular file is read for the size fstat gave; a file that grew after it is read to its end
    # all the same, and still refused past max-bytes.
    import lint.sources as sources

    path = write(tmp_path / "grown.txt", b"Olaf Scholz a parl\xc3\xa9. " * 10)
    real = os.fstat

    def stale(fd):
        info = real(fd)
        return os.stat_result((info.st_mode, *info[1:6], 5, *info[7:]))  # st_size: 5 bytes

    monkeypatch.setattr(sources.os, "fstat", stale)
    assert only(path).text == "Olaf Scholz a parlé. " * 10
    assert only(path, max_bytes=100) == InputError(str(path), "more than 100 bytes, over max-bytes (100); skipped")

def test_stdin_over_max_bytes(tmp_path):
    assert only("-", stdin=io.BytesIO(b"x" * 11), max_bytes=10) == InputError(
        "-", "more than 10 bytes, over max-bytes (10); skipped"
    )


def test_missing_path_is_an_error(tmp_path):
    path = tmp_path / "nope.txt"
    assert only(path) == InputError(str(path), "no such file or directory")


def test_path_with_a_nul_character_is_an_error():
    assert only("a\0b.txt") == InputError("a\0b.txt", "not a valid path")


def test_empty_stdin_is_a_warning():
    assert only("-", stdin=io.BytesIO(b"  \n")) == InputError("-", "empty input", fatal=False)


def test_paths_may_be_path_objects(tmp_path):
    path = write(tmp_path / "a.txt", "Words.\n")
    (item,) = read_inputs([path])  # not through `read`, which turns paths into strings
    assert item.source == item.path == str(path)


def test_unreadable_file_in_a_folder_does_not_stop_the_walk(tmp_path):
    write(tmp_path / "a.txt", "A.\n")
    locked = write(tmp_path / "b.txt", "B.\n")
    write(tmp_path / "c.txt", "C.\n")
    locked.chmod(0)
    try:
        if os.access(locked, os.R_OK):
            pytest.skip("running as root: the file stays readable")
        items = read(tmp_path)
    finally:
        locked.chmod(0o644)
    assert [type(x).__name__ for x in items] == ["Article", "InputError", "Article"]
    assert items[1] == InputError(str(locked), "permission denied")


def test_broken_link_in_a_folder_is_reported_and_the_walk_goes_on(tmp_path):
    write(tmp_path / "a.txt", "A.\n")
    (tmp_path / "b.txt").symlink_to(tmp_path / "gone.txt")
    write(tmp_path / "c.txt", "C.\n")
    items = read(tmp_path)
    assert [x.source for x in items] == [str(tmp_path / n) for n in ("a.txt", "b.txt", "c.txt")]
    assert items[1] == InputError(str(tmp_path / "b.txt"), "no such file or directory")


def test_folder_with_nothing_to_check_is_a_warning(tmp_path):
    write(tmp_path / "image.png", b"\x89PNG")
    item = only(tmp_path)
    assert isinstance(item, InputError) and not item.fatal and "no files to check" in item.message


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=400))
def test_any_bytes_on_stdin_give_one_item_and_never_raise(data):
    items = read("-", stdin=io.BytesIO(data))
    assert len(items) == 1
    if isinstance(items[0], Article):
        assert len(view(items[0])) == len(items[0].text)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
    max_leaves=8,
)
json_items = st.fixed_dictionaries(
    {"text": st.text(max_size=40)},
    optional={k: json_values for k in ("id", "title", "url", "lang", "published", "format")},
)


@settings(max_examples=100, deadline=None)
@given(st.lists(json_items | json_values, max_size=4))
def test_any_json_lines_never_raise(items):
    import json

    data = "\n".join(json.dumps(item) for item in items).encode()
    for item in read_inputs(["-"], stdin=io.BytesIO(data), stdin_name="items.jsonl"):
        assert isinstance(item, (Article, InputError))


# -- Markdown details ---------------------------------------------------------------------------------


def annotated(marked: str) -> tuple[str, str]:
    """A source and its prose view from one string where {braces} enclose what is masked."""
    source = marked.replace("{", "").replace("}", "")
    prose = re.sub(r"\{([^}]*)\}", lambda m: " " * len(m.group(1)), marked)
    return source, prose


@pytest.mark.parametrize(
    "marked",
    [
        "Use {`x()`} now",
        "Use {``a ` b``} now",
        "{**}Biden{**} and {__}Macron{__}",
        "{*}one{*} {_}two{_} {***}three{***} {~~}four{~~}",
        "snake_case_name and 5 * 3 * 2",
        'a {[}link{](http://a.b/c "T")} here',
        "see {[}it{][ref]} and {[}it{][]}",
        "an {![image](i.png)} here",
        "mail {<me@example.org>} or {<https://a.b>}",
        "escaped {\\}*stars{\\}*",
        "note{[^1]} here",
        "a {<!-- hidden -->} b",
        "AT{&amp;}T",
        "Paris ({www.paris.fr}).",
        "See {https://en.wikipedia.org/wiki/Paris_(France)}, then",
        "[editorial brackets] stay",
        "{**}Biden{**}'s {*`code`*}",
    ],
)
def test_inline_markdown(marked):
    source, prose = annotated(marked)
    assert md(source) == prose


def test_heading_is_its_own_paragraph_even_without_blank_lines():
    text = "Intro line.\n# Heading\n\nBody."
    doc = Document(text, masks=markdown_masks(text))
    assert [doc.slice(p) for p in doc.paragraphs] == ["Intro line.", "Heading", "Body."]


def test_setext_heading_and_thematic_break():
    text = "Title\n=====\nBody text.\n\n* * *\n\nMore."
    doc = Document(text, masks=markdown_masks(text))
    assert [doc.slice(p) for p in doc.paragraphs] == ["Title", "Body text.", "More."]


def test_code_blocks():
    text = "Para.\n\n    indented()\n\n```\nfenced()\n```\n~~~~\nstill ``` code\n~~~~\nAfter.\n\n```\nopen()"
    prose = md(text)
    for code in ["indented()", "fenced()", "still ``` code", "open()", "```", "~~~~"]:
        assert_blank(text, prose, code)
    assert_kept(text, prose, "After.")


def test_indented_lines_in_a_list_continue_the_item_not_code():
    text = "- item one\n\n    continued item text\n\nNot in the list.\n\n    code()"
    prose = md(text)
    assert_kept(text, prose, "continued item text")
    assert_blank(text, prose, "code()")


def test_indented_line_inside_a_paragraph_is_not_code():
    text = "A paragraph\n    continued on an indented line."
    assert md(text) == "A paragraph\n    continued on an indented line."


def test_a_number_starting_a_line_in_a_paragraph_is_not_a_list():
    text = "Inflation fell in\n2024. Prices rose."
    assert md(text) == text


def test_front_matter_only_at_the_top_and_only_if_it_looks_like_yaml():
    assert md("---\ntitle: x\n---\nText.").strip() == "Text."
    text = "---\n\nSome prose.\n\n---\n"
    assert "Some prose." in md(text)


def test_quotes_nest_markup():
    text = "> # Quoted heading\n> - quoted item\n> `code` and text"
    prose = md(text)
    for kept in ["Quoted heading", "quoted item", "and text"]:
        assert_kept(text, prose, kept)
    assert_blank(text, prose, "`code`")


def test_crlf_line_endings():
    text = "# Title\r\n\r\n- item\r\n\r\n```\r\ncode\r\n```\r\nText.\r\n"
    prose = md(text)
    assert len(prose) == len(text)
    assert_kept(text, prose, "Title")
    assert_kept(text, prose, "item")
    assert_blank(text, prose, "code")
    assert_kept(text, prose, "Text.")


def test_one_megabyte_of_markdown_is_fast():
    sample = (INPUTS / "sample.md").read_text(encoding="utf-8")
    body = sample[sample.index("# Biden") :]
    prose = "Le président a déclaré mardi que la situation restait préoccupante. " * 30
    text = ((body + "\n\n" + prose + "\n\n") * 400)[:1_000_000]
    started = time.process_time()
    masks = markdown_masks(text)
    # A generous bound: it fails on quadratic behaviour, not on a slow machine.
    assert time.process_time() - started < 5
    assert len(blank_out(text, masks)) == len(text)


@pytest.mark.parametrize("unit", ["*a ", "_a_ ", "`a ", "[a](b ", '<a "', "<!-- ", "<pre>", "```\n", "|x|\n", "[[[["])
def test_pathological_markdown_stays_linear(unit):
    text = unit * (100_000 // len(unit))
    started = time.process_time()
    markdown_masks(text)
    read_html(text)
    assert time.process_time() - started < 5


# -- the masking contract, for any input --------------------------------------------------------------

MARKDOWN_PIECES = [
    *("word", "Biden", "é", " ", "\n", "\n\n", "\r\n", "\t", "    ", '"', "'", ":", "\\"),
    *("#", "## ", "*", "**", "_", "__", "~~", "`", "```", "~~~", "|", "|---|", "---", "===", "- ", "1. ", "2) "),
    *("[", "]", "(", ")", "![", "](", "[^1]", "[x]: ", "http://x.org/a", "www."),
    *("<", ">", "> ", "</", "p>", "div", "<!--", "-->", "&amp;", "&#8217;"),
    *("<code>", "</code>", "<pre>", "</pre>", "<script>", "</script>", "<head>", "</head>"),
]
markdownish = st.lists(st.sampled_from(MARKDOWN_PIECES), max_size=80).map("".join)


@settings(max_examples=400, deadline=None)
@given(markdownish, st.sampled_from(["markdown", "html", "text"]))
def test_masks_keep_length_and_leave_unmasked_characters_alone(text, fmt):
    if fmt == "markdown":
        masks = markdown_masks(text)
    elif fmt == "html":
        masks = read_html(text).masks
    else:
        masks = text_masks(text)
    masked = set()
    for m in masks:
        assert 0 <= m.start < m.end <= len(text)  # never empty: an empty block mask would eat a character
        masked.update(range(m.start, m.end))
    assert list(masks) == sorted(masks, key=lambda m: (m.start, m.end))
    prose = blank_out(text, masks)
    assert len(prose) == len(text)
    for i, ch in enumerate(text):
        if i in masked:
            assert prose[i] in " \n"
        else:
            assert prose[i] == ch
