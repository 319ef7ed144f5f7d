"""Web pages: only their main text is checked, not navigation, comments, footers or related links.

Which text is the main one is trafilatura's decision. It was chosen because it is maintained (regular
releases), is the most accurate open-source extractor in the published comparisons (its own
benchmark and Bevendorff et al., SIGIR 2023), and works offline on a string; readability-lxml and
newspaper3k are older and less maintained, jusText is one of trafilatura's own fallbacks.

Positions must keep pointing into the page the user has, so the extracted text is not what is
checked. It is used to decide which blocks of the page (paragraphs, as the HTML masking cuts them)
belong to the main text; every other block is masked, like markup is. The checked text is still the
whole file, and a finding's line and column are those of the file; `--fix` can still apply. A block
belongs to the main text when its text (tags removed, entities decoded, white space and case
ignored) is found in the extracted text, or is the headline trafilatura found.
"""

from __future__ import annotations

import html
import re
from dataclasses import replace

from .article import Article, Notice
from .document import Document, Mask

_TAG = re.compile(r"<[^>]*>")
_MIN_SUBSTRING = 20  # a shorter block counts only if it is a whole extracted line ("Share" is no paragraph)


def extracted(article: Article) -> Article:
    """The page with what is not its main text masked (the article unchanged if nothing is found)."""
    main = _extract(article.text)
    if main is None:
        note = Notice(article.source, "info", "no main text found in the page: the whole page was checked")
        return replace(article, notices=[*article.notices, note])
    text, title = main
    lines = {_squeeze(line) for line in text.splitlines() if line.strip()}
    whole = _squeeze(text)  # a block may span lines trafilatura cut (at a <br>)
    if title:
        lines.add(_squeeze(title))
    doc = Document(article.text, masks=article.masks)
    masks = []
    for para in doc.paragraphs:
        key = _squeeze(_TAG.sub("", article.text[para.start : para.end]))
        if not key:
            continue
        if key in lines or (len(key) >= _MIN_SUBSTRING and key in whole):
            continue
        masks.append(Mask(para.start, para.end, block=True))
    if not masks:
        return article
    return replace(article, masks=tuple(sorted((*article.masks, *masks), key=lambda m: (m.start, m.end))))


def _extract(page: str) -> tuple[str, str | None] | None:
    import trafilatura

    try:
        result = trafilatura.bare_extraction(
            page,
            include_comments=False,
            include_tables=True,
            include_images=False,
            include_links=False,
            deduplicate=False,  # repeated paragraphs are what duplicates.* looks for
            with_metadata=True,
        )
    except Exception:  # a page trafilatura cannot read is checked whole, with a notice
        return None
    if result is None:
        return None
    text = getattr(result, "text", None) if not isinstance(result, dict) else result.get("text")
    title = getattr(result, "title", None) if not isinstance(result, dict) else result.get("title")
    if not text or not text.strip():
        return None
    return text, title


def _squeeze(text: str) -> str:
    """Text compared without its white space, case or entity spelling."""
    return "".join(html.unescape(text).split()).casefold()
