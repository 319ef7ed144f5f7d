"""Language identification with langdetect, seeded so that the same text always gets the same answer.

Two costs of langdetect are avoided without changing any answer:

- Loading: langdetect builds its n-gram table from 55 JSON profiles on first use (about half a
  second, most of `newslint check`'s start-up on an article whose language must be detected, and
  60 MB). Of its 4.8 million probabilities 96% are zero: the table is kept sparse, each n-gram's
  non-zero probabilities and the languages they are for, in the cache folder, written the first
  time and read back in some 40 ms while langdetect, its profiles and Python are unchanged.
- Detecting: `_detect_block` is langdetect's own algorithm, the same random draws in the same order
  and the same floating-point operations on each probability; a zero probability m makes
  p * (weight + m) equal to p * weight, which is what it computes for those languages.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import marshal
import os
import sys
from functools import cache
from typing import Any

_SEED = 0
_CACHE_VERSION = 1  # bump when the cache's layout changes

# The language list, and n-gram -> (indexes in that list, their non-zero probabilities).
Table = tuple[list[str], dict[str, tuple[tuple[int, ...], tuple[float, ...]]]]


def _profiles() -> tuple[str, str]:
    """langdetect's profile folder and a fingerprint of it, of langdetect's version and of Python's."""
    from importlib.metadata import version

    from langdetect.detector_factory import PROFILES_DIRECTORY

    h = hashlib.sha256(f"{_CACHE_VERSION}:{version('langdetect')}:{sys.version}".encode())
    for name in sorted(os.listdir(PROFILES_DIRECTORY)):
        st = os.stat(os.path.join(PROFILES_DIRECTORY, name))
        h.update(f"{name}:{st.st_size}:{st.st_mtime_ns};".encode())
    return PROFILES_DIRECTORY, h.hexdigest()[:16]


def _from_langdetect(directory: str) -> Table:
    from langdetect import DetectorFactory

    factory = DetectorFactory()
    factory.load_profile(directory)
    langs = list(factory.langlist)
    table = {}
    for ngram, probs in factory.word_lang_prob_map.items():
        nonzero = [(i, p) for i, p in enumerate(probs[: len(langs)]) if p != 0.0]
        table[ngram] = (tuple(i for i, _ in nonzero), tuple(p for _, p in nonzero))
    return langs, table


@cache
def _table() -> Table:
    from .files import default_cache_dir, write_atomic

    directory, fingerprint = _profiles()
    name = f"langdetect-{fingerprint}.marshal"
    collecting = gc.isenabled()
    gc.disable()  # 170,000 tuples at once: the collector would run a dozen times for nothing
    try:
        with open(default_cache_dir() / name, "rb") as f:
            langs, table = marshal.loads(f.read())  # load(f) reads the file in small pieces: 8x slower
        if isinstance(langs, list) and isinstance(table, dict):
            return langs, table
    except Exception:  # missing, truncated, foreign or no cache folder: build it from langdetect's profiles
        pass
    finally:
        if collecting:
            gc.enable()
    langs, table = _from_langdetect(directory)
    with contextlib.suppress(OSError):  # a cache folder that cannot be written costs only time
        write_atomic(default_cache_dir() / name, marshal.dumps((langs, table)))
    return langs, table


def _detector_class() -> type:
    import random

    from langdetect.detector import Detector
    from langdetect.lang_detect_exception import ErrorCode, LangDetectException

    class SparseDetector(Detector):
        """langdetect's Detector reading the sparse table; the same answers, bit for bit."""

        def __init__(self, table: Table) -> None:
            # Detector.__init__ reads a factory; these are the attributes it sets from it.
            self.langlist, self.sparse = table
            self.word_lang_prob_map = self.sparse  # only tested for membership, by _extract_ngrams
            self.seed = _SEED
            self.random = random.Random()
            self.text = ""
            self.langprob = None
            self.alpha = self.ALPHA_DEFAULT
            self.n_trial = 7
            self.max_text_length = 10000
            self.prior_map = None
            self.verbose = False
            self.settle: int | None = None  # `detect(unless=...)`: the index of that language

        def _detect_block(self) -> None:
            # Detector._detect_block with _update_lang_prob and _normalize_prob inlined: for each
            # probability p, p * (weight + m) and p / sum, the same operations in the same order.
            # (Every n-gram is in the table: _extract_ngrams keeps no other.)
            self.cleaning_text()
            ngrams = self._extract_ngrams()
            if not ngrams:
                raise LangDetectException(ErrorCode.CantDetectError, "No features in text.")
            n = len(self.langlist)
            langprob = [0.0] * n
            sparse = self.sparse
            choice = self.random.choice
            self.random.seed(self.seed)
            for _ in range(self.n_trial):
                prob = self._init_probability()
                alpha = self.alpha + self.random.gauss(0.0, 1.0) * self.ALPHA_WIDTH
                weight = alpha / self.BASE_FREQ
                i = 0
                while True:
                    langs, probs = sparse[choice(ngrams)]
                    new = [p * weight for p in prob]
                    for j, m in zip(langs, probs):
                        new[j] = prob[j] * (weight + m)
                    prob = new
                    if i % 5 == 0:
                        total = sum(prob)
                        prob = [p / total for p in prob]
                        if max(prob) > self.CONV_THRESHOLD or i >= self.ITERATION_LIMIT:
                            break
                    i += 1
                for j in range(n):
                    langprob[j] += prob[j] / self.n_trial
                if self.settle is not None and langprob[self.settle] > 0.5:
                    break  # more than half of the whole: no other language can come first
            self.langprob = langprob

    return SparseDetector


@cache
def _detector() -> Any:
    return _detector_class()


def detect(text: str, default: str = "und", unless: str | None = None) -> tuple[str, float]:
    """The most probable language of `text` and its probability; `default` when undecidable.

    `unless`: a language the caller has nothing to say about. The trials stop as soon as it is sure
    to come first (the probabilities of the trials add up to one), and the probability returned for
    it is then a lower bound: the winner is the one the full run would give, at a fraction of its
    cost for the many texts that are in the language expected."""
    from langdetect.lang_detect_exception import LangDetectException

    sample = text[:20000]
    try:
        table = _table()
        detector = _detector()(table)
        if unless is not None and unless in table[0]:
            detector.settle = table[0].index(unless)
        detector.append(sample)
        ranked = detector.get_probabilities()
    except LangDetectException:
        return default, 0.0
    if not ranked:
        return default, 0.0
    best = ranked[0]
    return best.lang, best.prob
