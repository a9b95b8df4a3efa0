"""Work split over worker processes, in chunks, with this process working too."""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable, Sequence
from typing import TypeVar

Chunk = TypeVar("Chunk")
Answer = TypeVar("Answer")


def cores() -> int:
    """How many cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def can_fork(patience: float = 0.05) -> bool:
    """Linux, and this process runs one thread only.

    A thread pool does not survive ``fork``: a child that uses one started by its parent
    (Typst's, once a PDF has been compiled) waits forever for threads it does not have. The
    threads of a worker pool that just shut down linger for a fraction of a millisecond after
    they were joined: they are waited for, ``patience`` seconds at most.
    """
    if not sys.platform.startswith("linux"):
        return False
    deadline = time.monotonic() + patience
    while True:
        try:
            if len(os.listdir("/proc/self/task")) == 1:
                return True
        except OSError:
            return False
        if time.monotonic() > deadline:
            return False
        time.sleep(0.001)


def fork_count(jobs: int, threshold: int) -> int:
    """How many worker processes to fork for ``jobs``: one per core from ``threshold`` jobs
    on, where forking is safe; 0 means this process does everything."""
    if jobs < threshold or cores() < 2 or not can_fork():
        return 0
    return cores()


def map_chunks(
    work: Callable[[Chunk], Answer],
    chunks: Sequence[Chunk],
    workers: int,
    here: Callable[[Chunk], Answer] | None = None,
    received: Callable[[Chunk], None] = lambda chunk: None,
) -> list[Answer]:
    """``work`` of every chunk, in order, done by ``workers`` processes and this one.

    Each answer crosses the process boundary as one pickle, so chunks should be large enough
    for that to be cheap. Rather than wait, this process does chunks from the end of the list
    (with ``here`` if given, else ``work``) while the workers take them from the start: what
    it does itself is never pickled. ``received`` is called for each chunk a worker finished.
    An exception raised by ``work`` in a worker is raised here, after the queued chunks are
    cancelled.
    """
    # Imported here: ~10 ms that a run too small to go parallel does not need.
    import multiprocessing
    from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait

    do_here = here or work
    answers: list[Answer | None] = [None] * len(chunks)
    # The workers inherit what this process has imported and built (see ``fork_count``).
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(workers, mp_context=context) as pool:
        try:
            pending: dict[Future[Answer], int] = {}
            front, back = 0, len(chunks)
            while front < back or pending:
                # Keep every worker busy with one chunk and one more queued.
                while front < back and len(pending) < 2 * workers:
                    pending[pool.submit(work, chunks[front])] = front
                    front += 1
                if front < back:
                    back -= 1
                    answers[back] = do_here(chunks[back])
                else:
                    wait(pending, return_when=FIRST_COMPLETED)
                for future in [f for f in pending if f.done()]:
                    index = pending.pop(future)
                    answers[index] = future.result()
                    received(chunks[index])
        except BaseException:
            pool.shutdown(cancel_futures=True)
            raise
    return [answer for answer in answers if answer is not None]
