"""The retention loop: purge expired sessions at start and every interval; an error backs off and retries."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable

log = logging.getLogger(__name__)

PURGE_INTERVAL_S = 3600.0
FIRST_RETRY_S = 5.0


async def purge_forever(purge: Callable[[], int], run: Callable[..., object],
                        interval_s: float = PURGE_INTERVAL_S, first_retry_s: float = FIRST_RETRY_S) -> None:
    """Call `purge` through `run` (the storage pool) forever; never let one failure stop retention.

    After an error the next try comes after `first_retry_s`, doubling up to `interval_s`.
    """
    retry_s = first_retry_s
    while True:
        try:
            purged = await run(purge)  # type: ignore[misc]
        except asyncio.CancelledError:
            raise
        except Exception as error:
            log.warning("session purge failed (%s); retrying in %.0f s", error, retry_s)
            delay, retry_s = retry_s, min(retry_s * 2, interval_s)
        else:
            if purged:
                log.info("session purge: %d expired session(s) deleted", purged)
            delay, retry_s = interval_s, first_retry_s
        await asyncio.sleep(delay)
