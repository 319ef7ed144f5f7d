"""Language identification with langdetect, seeded so that the same text always gets the same answer."""

from __future__ import annotations

from functools import cache


@cache
def _factory():
    from langdetect import DetectorFactory
    from langdetect.detector_factory import PROFILES_DIRECTORY

    factory = DetectorFactory()
    factory.load_profile(PROFILES_DIRECTORY)
    factory.set_seed(0)
    return factory


def detect(text: str, default: str = "und") -> tuple[str, float]:
    """The most probable language of `text` and its probability; `default` when undecidable."""
    from langdetect.lang_detect_exception import LangDetectException

    sample = text[:20000]
    try:
        detector = _factory().create()
        detector.append(sample)
        ranked = detector.get_probabilities()
    except LangDetectException:
        return default, 0.0
    if not ranked:
        return default, 0.0
    best = ranked[0]
    return best.lang, best.prob
