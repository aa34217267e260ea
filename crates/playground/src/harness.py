# The gc.freeze experiment, one run: run by the companion as `python3 -c HARNESS CONFIG_JSON`.
#
# Protocol: the master builds the heap, optionally freezes it, forks the workers and
# waits until every worker has run its workload and reported over the done pipe. It then
# prints one JSON line `{"event": "ready", ...}` on stdout and blocks on stdin; the
# companion measures /proc/<pid>/smaps_rollup of every process and closes stdin, after
# which the master kills its workers and exits. Failures print `{"event": "error", ...}`.
#
# Nothing may outlive the companion: it gives the master PR_SET_PDEATHSIG, and workers
# take the same signal from the master (via ctypes) and also exit when the release pipe,
# whose only write end the master holds, reports EOF.
import gc

# The gc docs (gh-103059): disable collection early in the parent so no collection
# during start-up spreads the heap's tracked objects across generations.
gc.disable()

import json
import os
import signal
import sys
import time


def emit(event, **fields):
    fields["event"] = event
    sys.stdout.write(json.dumps(fields) + "\n")
    sys.stdout.flush()


def fail(message):
    emit("error", message=message)
    sys.exit(3)


if not hasattr(gc, "freeze"):
    fail("Python %s has no gc.freeze (added in 3.7)" % sys.version.split()[0])
if not hasattr(os, "fork"):
    fail("this Python has no os.fork")

CONFIG = json.loads(sys.argv[1])
PAGE = os.sysconf("SC_PAGE_SIZE")


def rss_bytes():
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * PAGE


def make_record(i):
    # Three tracked containers per record (dict, tuple, list) plus untracked strs and
    # ints: the mix a web app keeps in module-level caches.
    return {
        "id": i + 1000,
        "name": "user-%08d" % i,
        "email": "user%d@example.com" % i,
        "tags": ("tag-%d" % (i % 97), "group-%d" % (i % 89)),
        "scores": [i % 7 + 1000, i % 11 + 2000, i % 13 + 3000],
    }


def build_heap(heap_bytes):
    # Grow in chunks until resident memory grew by the requested size: the count that
    # hits the target differs between Python versions.
    start = rss_bytes()
    records = []
    while rss_bytes() - start < heap_bytes:
        base = len(records)
        records.extend(make_record(i) for i in range(base, base + 5000))
    return records


def touch(record):
    # Reading a value takes a reference: every object read gets a refcount write.
    for value in record.values():
        if type(value) in (tuple, list):
            for item in value:
                pass


def run_workload(records, read_stride, requests):
    # Each request reads its slice of the records, allocates short-lived objects and ends
    # with a full collection; with no requests the reads happen in one pass.
    steps = max(requests, 1)
    for step in range(steps):
        if read_stride:
            start = len(records) * step // steps
            end = len(records) * (step + 1) // steps
            for i in range(-(-start // read_stride) * read_stride, end, read_stride):
                touch(records[i])
        if requests:
            garbage = [{"request": step, "item": [j, str(j)]} for j in range(20000)]
            del garbage
            gc.collect()


def die_with_parent():
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        pr_set_pdeathsig = 1
        libc.prctl(pr_set_pdeathsig, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):
        pass


def worker(records, release_read, done_write, master_pid):
    die_with_parent()
    if os.getppid() != master_pid:
        os._exit(0)
    gc.enable()
    gen2_before = gc.get_stats()[2]["collections"]
    run_workload(records, CONFIG["read_stride"], CONFIG["requests"])
    gen2 = gc.get_stats()[2]["collections"] - gen2_before
    os.write(done_write, (json.dumps({"pid": os.getpid(), "gen2_collections": gen2}) + "\n").encode())
    # Block until the master releases us or dies (EOF either way).
    os.read(release_read, 1)
    os._exit(0)


def main():
    started = time.time()
    records = build_heap(CONFIG["heap_mb"] * 1024 * 1024)
    built = time.time()
    gc.collect()
    tracked = len(gc.get_objects())
    if CONFIG["freeze"]:
        gc.freeze()

    release_read, release_write = os.pipe()
    done_read, done_write = os.pipe()
    master_pid = os.getpid()
    pids = []
    for _ in range(CONFIG["workers"]):
        pid = os.fork()
        if pid == 0:
            os.close(release_write)
            os.close(done_read)
            try:
                worker(records, release_read, done_write, master_pid)
            finally:
                os._exit(1)
        pids.append(pid)
    os.close(release_read)
    os.close(done_write)

    reports = []
    with os.fdopen(done_read) as done:
        for line in done:
            reports.append(json.loads(line))
            if len(reports) == len(pids):
                break
    if len(reports) != len(pids):
        for pid in pids:
            os.kill(pid, signal.SIGKILL)
        fail("%d of %d workers died before finishing" % (len(pids) - len(reports), len(pids)))

    emit(
        "ready",
        python=sys.version.split()[0],
        master_pid=master_pid,
        records=len(records),
        tracked_objects=tracked,
        build_seconds=round(built - started, 3),
        workers=reports,
    )
    sys.stdin.read()
    for pid in pids:
        os.kill(pid, signal.SIGKILL)
    for pid in pids:
        os.waitpid(pid, 0)


main()
