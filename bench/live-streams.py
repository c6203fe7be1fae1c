#!/usr/bin/env python3
"""Readers of a 滚动直播 for bench/run-live.sh: opens N Server-Sent Events streams on one article (plain asyncio
sockets, standard library only), while editors post one entry a second through the newsroom form. Each entry carries
a sequence mark; each stream notes when the mark reaches it, so entry-to-reader latency is measured on one clock.

Prints one JSON object: streams opened, refused, dropped, entries posted and delivered, latency percentiles.
Usage: live-streams.py BASE ARTICLE_ID STREAMS QUIET SECONDS JAR [JAR ...]   (JAR: a curl cookie jar of a signed-in
editor; entries posted in the first QUIET seconds are reported apart: the shell starts wrk only after them)
"""

import asyncio
import json
import re
import sys
import time
import urllib.parse
import urllib.request

TOKEN = re.compile(r'name="__RequestVerificationToken"[^>]*value="([^"]+)"')
MARK = re.compile(r"bench-mark-(\d+)-")


class Readers:
    def __init__(self):
        self.opened = 0
        self.refused = 0
        self.dropped = 0
        self.received = {}  # mark -> list of receive times
        self.frames = 0


async def reader(host, port, path, readers, ready, stop):
    try:
        r, w = await asyncio.open_connection(host, port)
    except OSError:
        readers.refused += 1
        ready.release()
        return
    w.write(f"GET {path} HTTP/1.1\r\nHost: {host}:{port}\r\nAccept: text/event-stream\r\n\r\n".encode())
    await w.drain()
    status = await r.readline()
    if b" 200 " not in status:
        readers.refused += 1
        ready.release()
        w.close()
        return
    while (await r.readline()) not in (b"\r\n", b""):
        pass
    readers.opened += 1
    ready.release()
    buffer = b""
    seen = set()  # an entry may reach a stream twice (posted while it joined); it counts once
    try:
        while not stop.is_set():
            chunk = await r.read(65536)
            if not chunk:
                if not stop.is_set():
                    readers.dropped += 1
                return
            now = time.monotonic()
            buffer += chunk
            # Chunked transfer framing is left in the buffer; the marks are found in the data lines all the same.
            *frames, buffer = buffer.split(b"\n\n")
            for frame in frames:
                if b"data:" not in frame:
                    continue
                readers.frames += 1
                for mark in map(int, MARK.findall(frame.decode("utf-8", "replace"))):
                    if mark not in seen:
                        seen.add(mark)
                        readers.received.setdefault(mark, []).append(now)
    finally:
        w.close()


def opener(jar_path):
    """A curl cookie jar as one Cookie header (curl marks HttpOnly cookies, the sign-in's among them, with a prefix
    that Python's cookie jars read as a comment)."""
    pairs = []
    with open(jar_path, encoding="utf-8") as jar:
        for line in jar:
            line = line.strip()
            if line.startswith("#HttpOnly_"):
                line = line[len("#HttpOnly_"):]
            fields = line.split("\t")
            if line and not line.startswith("#") and len(fields) == 7:
                pairs.append(f"{fields[5]}={fields[6]}")
    return "; ".join(pairs)


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


HTTP = urllib.request.build_opener(NoRedirect())


def post(cookie, base, article, mark):
    page = HTTP.open(urllib.request.Request(f"{base}/newsroom/articles/{article}/live", headers={"Cookie": cookie})).read().decode()
    token = TOKEN.search(page).group(1)
    body = urllib.parse.urlencode({
        "Kind": "Text",
        "Body": f"bench-mark-{mark}- 压测消息第 {mark} 条：现场秩序良好，交通管制按计划执行。",
        "__RequestVerificationToken": token,
    }).encode()
    sent = time.monotonic()
    try:
        HTTP.open(urllib.request.Request(f"{base}/newsroom/articles/{article}/live?handler=Entry", data=body, headers={"Cookie": cookie}))
        return sent, 200
    except urllib.error.HTTPError as e:
        return sent, e.code


async def main():
    base, article, count, quiet, seconds, jars = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4]), float(sys.argv[5]), sys.argv[6:]
    url = urllib.parse.urlparse(base)
    path = f"/article/{article}/live/events"
    readers = Readers()
    ready = asyncio.Semaphore(0)
    stop = asyncio.Event()
    tasks = []
    started = time.monotonic()
    for i in range(count):
        tasks.append(asyncio.create_task(reader(url.hostname, url.port, path, readers, ready, stop)))
        if i % 100 == 99:
            await asyncio.sleep(0.05)
    for _ in range(count):
        await ready.acquire()
    connect_seconds = time.monotonic() - started
    # Tell the shell the streams are open (it measures the server's memory now), then wait for its go.
    print(json.dumps({"opened": readers.opened, "refused": readers.refused, "connectSeconds": round(connect_seconds, 2)}), flush=True)
    await asyncio.get_running_loop().run_in_executor(None, sys.stdin.readline)

    openers = [opener(j) for j in jars]
    posted = {}
    failures = 0
    mark = 0
    go = time.monotonic()
    end = go + seconds
    while time.monotonic() < end:
        tick = time.monotonic()
        mark += 1
        sent, status = await asyncio.to_thread(post, openers[mark % len(openers)], base, article, mark)
        if status == 302:
            posted[mark] = sent
        else:
            failures += 1
        await asyncio.sleep(max(0.0, 1.0 - (time.monotonic() - tick)))
    await asyncio.sleep(3)  # the last entry's delivery
    stop.set()

    def summary(marks):
        latencies = sorted((t - posted[m]) * 1000 for m in marks for t in readers.received.get(m, []))
        # Each entry's first reader: the server's own part (post, broadcast, one read, the first write); the rest of
        # the spread is the writes to every other stream and this one-threaded client reading them all.
        firsts = sorted((min(readers.received[m]) - posted[m]) * 1000 for m in marks if readers.received.get(m))

        def pct(p):
            return round(latencies[min(len(latencies) - 1, int(len(latencies) * p))], 1) if latencies else None

        return {
            "posted": len(marks),
            "expected": len(marks) * readers.opened,
            "delivered": len(latencies),
            "p50": pct(0.50),
            "p90": pct(0.90),
            "p99": pct(0.99),
            "max": round(latencies[-1], 1) if latencies else None,
            "first50": round(firsts[len(firsts) // 2], 1) if firsts else None,
        }

    print(json.dumps({
        "opened": readers.opened,
        "refused": readers.refused,
        "dropped": readers.dropped,
        "postFailures": failures,
        "quiet": summary([m for m, t in posted.items() if t - go < quiet]),
        "loaded": summary([m for m, t in posted.items() if t - go >= quiet]),
    }), flush=True)
    for t in tasks:
        t.cancel()


if __name__ == "__main__":
    asyncio.run(main())
