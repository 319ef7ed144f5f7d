"""The cyclic garbage collector's settings for a process that checks many articles.

What start-up loads (the knowledge base, language profiles, compiled patterns, the language
identifier's table) stays for the life of the process, yet every full collection walks it again; and
a check allocates tens of thousands of short-lived containers (tokens, spans, mentions), nearly none
of them in reference cycles, so the default threshold of 700 starts a young collection several
times per article for almost nothing to collect. Together that was some 8% of a check's time.
Reference counting still frees everything as before: only how often cycles are looked for changes,
never what a check finds.
"""

from __future__ import annotations

import gc

# Young collections once per this many container allocations (default 700), and the default ratios
# for the older generations: a long run still looks for cycles, an article or so at a time.
YOUNG_THRESHOLD = 10_000

_settled = False


def settle() -> None:
    """Once per process, after start-up: collect what start-up left, keep what it loaded out of every
    later collection (gc.freeze) and collect the young generation less often."""
    global _settled
    if _settled:
        return
    _settled = True
    gc.collect()
    gc.freeze()
    _, older, oldest = gc.get_threshold()
    gc.set_threshold(YOUNG_THRESHOLD, older, oldest)
