"""The page `newslint serve` answers at /, driven in headless Chromium (Playwright pointed at Debian's
chromium): paste a draft, check it, see the names highlighted, use a suggestion."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from test_serve import live_server, shared_app  # one loaded engine for both modules

sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (pip install -e '.[test]')")

CHROMIUM = Path("/usr/bin/chromium")
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
         "--disable-sync", "--no-first-run"]
SCREENSHOT = Path(__file__).resolve().parent.parent / "docs" / "serve-page.png"

# examples/article-fr.txt has "Bidn" but not "Ce Jinping": the draft is the example's opening with a
# paragraph naming him, an emoji before the names (UTF-16 offsets in the browser) and markup as text.
DRAFT = (
    "Washington répond aux demandes de Moscou ; La Russie étudie le texte\n\n"
    "Porte-parole du Kremlin Dmitri Peskov il a déclaré que Moscou prendrait le temps d’étudier le document. "
    "« Nous ne nous précipiterons pas,« a-t-il ajouté.\n\n"
    "🇺🇸 Selon le président Joe Bidn, les États-Unis restent ouverts au dialogue.\n\n"
    "🇨🇳 Le président chinois Ce Jinping a appelé au calme. <script>window.__xss = 1</script>\n"
)

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(), reason="Chromium is not installed at /usr/bin/chromium (apt-get install chromium)"
)

FLAGGED = """() => {
  const byMatch = {};
  for (const m of document.querySelectorAll('#text mark')) {
    for (const i of m.dataset.m.split(' ')) byMatch[i] = (byMatch[i] || '') + m.textContent;
  }
  return Object.values(byMatch);
}"""


@pytest.fixture(scope="module")
def base_url():
    with live_server(shared_app()) as url:
        yield url


def test_the_page_highlights_the_names_and_applies_a_suggestion(base_url):
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=FLAGS)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 860})
            errors: list[str] = []
            page.on("console", lambda msg: errors.append(f"console: {msg.text}") if msg.type == "error" else None)
            page.on("pageerror", lambda exc: errors.append(f"page error: {exc}"))
            page.goto(f"{base_url}/")
            page.wait_for_selector("body[data-ready='1']")
            assert "fr" in page.eval_on_selector_all("#language option", "os => os.map(o => o.value)")

            page.select_option("#language", "fr")
            page.fill("#date", "2022-01-26")
            page.fill("#draft", DRAFT)
            page.click("#check")
            page.wait_for_selector("body[data-state=done], body[data-state=error]")
            assert page.get_attribute("body", "data-state") == "done", (page.text_content("#status"), errors)
            page.wait_for_selector("#text mark")

            flagged = page.evaluate(FLAGGED)
            assert any("Ce Jinping" in f for f in flagged), flagged
            assert any("Bidn" in f for f in flagged), flagged
            assert page.text_content("#text") == DRAFT  # every character shown, markup as text
            assert page.evaluate("window.__xss") is None
            names = page.locator("section[data-category='name-misspelling']")
            assert names.locator("li.finding").count() == 2
            assert "Xi Jinping" in names.text_content()
            assert page.locator("aside section.group").count() >= 4  # names, quotes, titles, subjects...

            mark = page.locator("#text mark", has_text="Ce Jinping").first
            assert "Xi Jinping" in mark.get_attribute("title")  # the message and suggestion on hover
            mark.click()
            assert page.is_visible("#detail")
            assert "Xi Jinping" in page.text_content("#detail")
            if os.environ.get("NEWSLINT_SCREENSHOT") == "1":
                page.screenshot(path=str(SCREENSHOT), full_page=True)

            page.click("#detail button:has-text('Xi Jinping')")
            page.wait_for_function("document.getElementById('draft').value.includes('Xi Jinping')")
            page.wait_for_selector("body[data-state='done']")
            page.wait_for_function("!document.getElementById('text').textContent.includes('Ce Jinping')")
            assert not any("Jinping" in f for f in page.evaluate(FLAGGED))
            assert errors == []
        finally:
            browser.close()
