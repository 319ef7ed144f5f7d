"""Lines that recur across one site's articles of a run are furniture; one article alone, or a folder
of many sites, gives no such evidence."""

from lint.article import Article
from lint.config import ConfigResolver
from lint.recurrence import attach, line_key, site_of
from lint.run import Options, check_inputs

FOOTER = "Rejoignez la conversation du quartier"


def _story(i: int) -> str:
    return f"Le pont numéro {i} rouvre\n\nLe maire a inauguré l’ouvrage {i} devant les habitants.\n\n{FOOTER}\n"


def _furniture(outcome):
    return [(r.source.rsplit("/", 1)[-1], f.text, f.message) for r in outcome.run.results for f in r.findings
            if f.rule == "residue.page-furniture"]


def _check(paths):
    resolver = ConfigResolver({"knowledge": "off", "language": "fr", "select": "residue"})
    return check_inputs([str(p) for p in paths], resolver, Options(jobs=1))


def test_a_line_in_every_article_of_a_folder_is_reported_and_says_why(tmp_path):
    paths = []
    for i in range(3):
        p = tmp_path / f"a{i}.txt"
        p.write_text(_story(i), encoding="utf-8")
        paths.append(p)
    found = _furniture(_check(paths))
    assert [(name, text) for name, text, _ in found] == [(f"a{i}.txt", FOOTER) for i in range(3)]
    assert all("stands in 3 of this site's 3 articles" in message for _, _, message in found)


def test_one_article_alone_gives_no_evidence(tmp_path):
    p = tmp_path / "a.txt"
    p.write_text(_story(1), encoding="utf-8")
    assert _furniture(_check([p])) == []


def test_the_site_is_the_urls_host_and_a_line_must_recur_in_a_share_of_its_articles():
    same = [Article(_story(i), f"s{i}", url=f"https://www.site.example/{i}") for i in range(2)]
    others = [Article(_story(i), f"o{i}", url=f"https://other{i}.example/") for i in range(2)]
    attach([*same, *others])
    assert site_of(same[0]) == "site.example"
    assert same[0].recurring == {line_key(FOOTER): 2} and same[0].site_articles == 2
    assert others[0].recurring == {}  # two sites, one article each
    texts = [_story(i) if i < 2 else "Autre\n\nTexte.\n" for i in range(10)]
    many = [Article(t, f"m{i}", url="https://big.example/") for i, t in enumerate(texts)]
    attach(many)
    assert many[0].recurring == {}  # in 2 of 10: not a share of the site's articles


def test_sentences_and_counts():
    assert line_key("Commentaires (3)") == line_key("commentaires  (12)")
    a, b = (Article("Le maire a parlé.\n", s, url="https://x.example/") for s in "ab")
    attach([a, b])
    assert a.recurring == {}  # a sentence of the story repeated is not a line of the page


def test_the_evidence_travels_to_worker_processes(tmp_path):
    from lint.parallel import MIN_PARALLEL

    n = MIN_PARALLEL + 1  # fewer are checked in this process
    paths = []
    for i in range(n):
        p = tmp_path / f"a{i}.txt"
        p.write_text(_story(i), encoding="utf-8")
        paths.append(p)
    resolver = ConfigResolver({"knowledge": "off", "language": "fr", "select": "residue"})
    outcome = check_inputs([str(p) for p in paths], resolver, Options(jobs=2))
    found = _furniture(outcome)
    assert sorted((name, text) for name, text, _ in found) == sorted((f"a{i}.txt", FOOTER) for i in range(n))
    assert all(f"stands in {n} of this site's {n} articles" in message for _, _, message in found)
