"""The moment a build stands for: SOURCE_DATE_EPOCH when set, so that the same source makes the
same files (reproducible-builds.org), otherwise now."""

from __future__ import annotations

import datetime as dt
import os
import time


def source_moment() -> dt.datetime:
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    seconds = int(epoch) if epoch else time.time()
    return dt.datetime.fromtimestamp(seconds, tz=dt.UTC).replace(microsecond=0)
