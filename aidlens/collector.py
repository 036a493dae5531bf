"""The garbage collector's pace for processes that hold millions of long-lived objects.

CPython looks for reference cycles among its youngest objects every 700 allocations and, now and
then, walks every object it tracks. A server here keeps a store of 100,000 spans and tables of
amounts for its whole life, so those walks took a fifth of a first run at 100,000 articles
(0.65 s of Trends' 3.3 s) and found nothing: the app makes few cycles. Looking every 100,000
allocations still collects them, at a fraction of the cost. `process` gains as much (51 s ->
44 s at 100,000 articles), building tables of millions of rows.
"""

from __future__ import annotations

import gc

THRESHOLDS = (100_000, 50, 100)


def relax_collector() -> None:
    """Set the collector's thresholds for a process of large, long-lived tables."""
    if gc.get_threshold() != THRESHOLDS:
        gc.set_threshold(*THRESHOLDS)
