"""`newslint serve` against hostile clients, on 127.0.0.1: slow ones (slowloris heads and bodies), many
at once, oversize and malformed requests at the protocol level, checks over their time budget. The
server keeps answering everyone else, its memory stays bounded, and every wait has a deadline.

Every loop here is bounded and every socket has a timeout: a test fails rather than hangs. Bounds
on time are generous (the machine is shared): they tell "answered" from "stalled", not fast from slow.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import json
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest
from test_serve import ARTICLE, BLINKEN, assert_error, live_server, shared_app  # one loaded engine for these modules

from lint.config import Config
from lint.serve import Limits, create_app, server_options

SOCKET_TIMEOUT = 5.0  # no read in these tests waits longer than this
MAX_BYTES = 64 * 1024


# -- servers --------------------------------------------------------------------------------------
@contextlib.contextmanager
def serving(timeout: float, threads: int = 1) -> Iterator[tuple[str, int]]:
    """An app sharing test_serve's loaded engine, served by uvicorn in a thread with `newslint serve`'s
    own uvicorn settings (server_options); yields its base URL and port."""
    app = create_app(Config(), Limits(max_bytes=MAX_BYTES, timeout=timeout, threads=threads),
                     checker=shared_app().state.checker)
    try:
        with live_server(app, **server_options(timeout)) as url:
            yield url, int(url.rsplit(":", 1)[1])
    finally:
        app.state.pool.close()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def process(tmp_path_factory) -> Iterator[tuple[subprocess.Popen, str, int]]:
    """`newslint serve` itself, as a process, so that its memory can be read from /proc."""
    port = free_port()
    log = tmp_path_factory.mktemp("serve") / "server.log"
    with log.open("wb") as out:
        proc = subprocess.Popen(
            [str(Path(sys.executable).with_name("newslint")), "serve", "--port", str(port), "--no-access-log",
             "--max-bytes", "1M", "--timeout", "10"],
            stdout=out, stderr=subprocess.STDOUT,
        )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            if httpx.get(f"{url}/healthz", timeout=2).status_code == 200:
                break
        except httpx.HTTPError:
            pass
        if proc.poll() is not None or time.monotonic() > deadline:
            proc.kill()
            raise RuntimeError(f"newslint serve did not start:\n{log.read_text()}")
        time.sleep(0.05)
    try:
        yield proc, url, port
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(5)


def memory_kb(proc: subprocess.Popen) -> dict[str, int]:
    """VmRSS (resident now) and VmHWM (the peak so far), in kB."""
    fields = {}
    for line in Path(f"/proc/{proc.pid}/status").read_text().splitlines():
        key, _, value = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            fields[key] = int(value.split()[0])
    return fields


# -- raw HTTP -------------------------------------------------------------------------------------
def connect(port: int) -> socket.socket:
    sock = socket.create_connection(("127.0.0.1", port), timeout=SOCKET_TIMEOUT)
    sock.settimeout(SOCKET_TIMEOUT)
    return sock


def read_until_closed(sock: socket.socket) -> bytes:
    """All the server sends until it closes the connection (a reset counts as closed)."""
    data = b""
    with contextlib.suppress(ConnectionResetError):
        while len(data) < 1_000_000:
            chunk = sock.recv(65536)
            if not chunk:
                break
            data += chunk
    return data


def read_head_or_close(sock: socket.socket) -> bytes:
    """An answer's head, or b"" if the server closes the connection (or resets it) without one."""
    data = b""
    with contextlib.suppress(ConnectionResetError):
        while b"\r\n\r\n" not in data:
            chunk = sock.recv(65536)
            if not chunk:
                break
            data += chunk
    return data


def read_response(sock: socket.socket) -> tuple[int, dict[str, str], bytes]:
    """One response: its status, headers (lowercase names) and body (by its Content-Length)."""
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = sock.recv(65536)
        assert chunk, f"the server closed the connection without answering: {data!r}"
        data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    status_line, *lines = head.decode("latin-1").split("\r\n")
    headers = {k.strip().lower(): v.strip() for k, _, v in (line.partition(":") for line in lines)}
    while len(body) < int(headers.get("content-length", 0)):
        chunk = sock.recv(65536)
        assert chunk, "the server closed the connection in the middle of its answer"
        body += chunk
    return int(status_line.split()[1]), headers, body


def post_head(length: int | str | None, extra: str = "") -> bytes:
    """A form POST's head to /v2/check: with that Content-Length, or chunked without one (None)."""
    size = f"Content-Length: {length}\r\n" if length is not None else "Transfer-Encoding: chunked\r\n"
    form = "application/x-www-form-urlencoded"
    return f"POST /v2/check HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: {form}\r\n{size}{extra}\r\n".encode()


def assert_serving(url: str, seconds: float = 3.0) -> None:
    """A normal client is answered, /healthz and a check, each well within `seconds`."""
    with httpx.Client(base_url=url, timeout=SOCKET_TIMEOUT) as client:
        for _ in range(2):
            started = time.monotonic()
            assert client.get("/healthz").status_code == 200
            response = client.post("/v2/check", data={"text": ARTICLE, "language": "fr"})
            assert response.status_code == 200, response.text
            assert len(response.json()["matches"]) == 3
            assert time.monotonic() - started < seconds


def assert_json_error(status: int, headers: dict[str, str], body: bytes, expected: int, *words: str) -> None:
    assert status == expected, body
    assert headers["content-type"].startswith("application/json")
    answer = json.loads(body)
    assert answer["status"] == expected and "Traceback" not in body.decode()
    for word in words:
        assert word in answer["message"]


# -- slow clients ---------------------------------------------------------------------------------
def test_slow_clients_do_not_hold_up_the_others():
    """20 slowloris connections, half dribbling a request head, half a body, while a normal client is
    answered promptly. With one check thread: a stalled body does not hold it (the body is read
    before the check is queued), nor the event loop."""
    with serving(timeout=20, threads=1) as (url, port):
        heads = [connect(port) for _ in range(10)]
        bodies = [connect(port) for _ in range(10)]
        try:
            for sock in heads:
                sock.sendall(b"POST /v2/check HTTP/1.1\r\nHost: 127.0.0.1\r\n")
            for sock in bodies:
                sock.sendall(post_head(10_000) + b"text=Selon+le+")
            stop = threading.Event()

            def dribble() -> None:  # a byte each 0.1 s on each, until told to stop (at most 100 rounds)
                for _ in range(100):
                    if stop.wait(0.1):
                        return
                    for sock in heads:
                        sock.sendall(b"X")
                    for sock in bodies:
                        sock.sendall(b"a")

            dribbler = threading.Thread(target=dribble, daemon=True)
            dribbler.start()
            try:
                time.sleep(0.3)  # the slow ones are in the middle of their requests
                assert_serving(url)
            finally:
                stop.set()
                dribbler.join(5)
        finally:
            for sock in heads + bodies:
                sock.close()
        assert_serving(url)


def test_a_stalled_or_dribbled_body_is_408_within_the_timeout():
    timeout = 1.0
    with serving(timeout=timeout) as (url, port):
        stalled, dribbled = connect(port), connect(port)
        stalled.sendall(post_head(100) + b"text=Bonjour")  # 12 bytes of 100, then nothing
        dribbled.sendall(post_head(100) + b"text=")
        started = time.monotonic()
        stop = threading.Event()

        def dribble() -> None:  # a byte each 0.05 s: never stalls, never ends (within 100 bytes)
            with contextlib.suppress(OSError):
                for _ in range(90):
                    if stop.wait(0.05):
                        return
                    dribbled.sendall(b"a")

        dribbler = threading.Thread(target=dribble, daemon=True)
        dribbler.start()
        try:
            for sock in (stalled, dribbled):
                status, headers, body = read_response(sock)
                assert_json_error(status, headers, body, 408, "did not arrive within 1 s")
                assert headers["connection"] == "close"
                assert read_until_closed(sock) == b""  # closed: the rest of the body is not read
            elapsed = time.monotonic() - started
            assert timeout * 0.8 < elapsed < timeout + 3  # the whole body's deadline, not each read's
        finally:
            stop.set()
            dribbler.join(5)
            stalled.close()
            dribbled.close()
        assert_serving(url)


def test_a_silent_or_slow_head_is_closed_within_the_timeout():
    """uvicorn alone would keep these connections for ever (a file descriptor each)."""
    timeout = 1.0
    with serving(timeout=timeout) as (url, port):
        silent, partial, dribbled = connect(port), connect(port), connect(port)
        partial.sendall(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n")
        stop = threading.Event()

        def dribble() -> None:
            with contextlib.suppress(OSError):
                dribbled.sendall(b"GET /healthz HTTP/1.1\r\n")
                for _ in range(60):
                    if stop.wait(0.05):
                        return
                    dribbled.sendall(b"X")

        dribbler = threading.Thread(target=dribble, daemon=True)
        started = time.monotonic()
        dribbler.start()
        try:
            for sock in (silent, partial, dribbled):
                assert read_until_closed(sock) == b""
            assert time.monotonic() - started < timeout + 3
            # after an answer, the next head has its deadline too
            kept = connect(port)
            kept.sendall(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
            assert read_response(kept)[0] == 200
            kept.sendall(b"GET /healthz HTTP/1.1\r\n")  # and then nothing
            assert read_until_closed(kept) == b""
            kept.close()
        finally:
            stop.set()
            dribbler.join(5)
            for sock in (silent, partial, dribbled):
                sock.close()
        assert_serving(url)


def test_a_client_that_leaves_mid_body_is_not_an_internal_error(caplog):
    with serving(timeout=5) as (url, port):
        for _ in range(3):
            sock = connect(port)
            sock.sendall(post_head(1000) + b"text=Bonjour")
            time.sleep(0.05)
            sock.close()
        time.sleep(0.5)  # the server has seen the disconnections
        assert "internal error" not in caplog.text and "ClientDisconnect" not in caplog.text
        assert_serving(url)


# -- many clients at once -------------------------------------------------------------------------
def test_200_concurrent_connections_are_all_answered():
    """No connection limit is configured: every request is queued for the check pool and answered
    200 (with a short --timeout, the ones that could not start in time would be a JSON 503)."""
    texts = [f"Dépêche {i} : selon le président Joe Bidn, tout va bien." for i in range(200)]

    async def flood(url: str) -> list[httpx.Response]:
        limits = httpx.Limits(max_connections=200, max_keepalive_connections=0)
        async with httpx.AsyncClient(base_url=url, timeout=20, limits=limits) as client:
            return await asyncio.gather(
                *(client.post("/v2/check", data={"text": t, "language": "fr"}) for t in texts[:180]),
                *(client.get("/healthz") for _ in range(20)),
            )

    with serving(timeout=20, threads=1) as (url, _port):
        started = time.monotonic()
        responses = asyncio.run(asyncio.wait_for(flood(url), 20))
        assert time.monotonic() - started < 20
        assert [r.status_code for r in responses] == [200] * 200
        checks = [r.json() for r in responses[:180]]
        assert all(any(m["rule"]["id"] == "names.misspelling" for m in c["matches"]) for c in checks)
        assert_serving(url)


# -- memory ---------------------------------------------------------------------------------------
def test_memory_stays_bounded_over_300_requests(process):
    proc, url, _port = process
    article = "\n\n".join([ARTICLE, BLINKEN, ARTICLE.replace("Bidn", "Bidden"), "😀 " + BLINKEN] * 2)  # ~1 KB

    def ask(client: httpx.Client, i: int) -> None:
        # each text differs, so that a cache keyed on the text would show up as growth
        response = client.post("/v2/check", data={"text": f"Dépêche {i}.\n\n{article}", "language": "fr"})
        assert response.status_code == 200, response.text

    # two clients: one's request is read while the other's is checked (the server checks one at a time)
    with httpx.Client(base_url=url, timeout=20) as client, ThreadPoolExecutor(2) as clients:
        list(clients.map(functools.partial(ask, client), range(20)))  # warm-up: allocator arenas, rule caches
        before = memory_kb(proc)
        list(clients.map(functools.partial(ask, client), range(20, 320)))
    after = memory_kb(proc)
    assert after["VmRSS"] - before["VmRSS"] < 50 * 1024, (before, after)


def send_oversize(port: int, head: bytes, body: Iterator[bytes]) -> tuple[int, dict[str, str], bytes]:
    sock = connect(port)
    try:
        sock.sendall(head)
        with contextlib.suppress(OSError):  # the server may stop reading once it has answered
            for chunk in body:
                sock.sendall(chunk)
        return read_response(sock)
    finally:
        sock.close()


def test_oversize_bodies_are_413_without_being_buffered(process):
    """64 MB against a 1 MB limit, with a Content-Length and chunked without one: refused, and the
    server's peak memory shows it never held them."""
    proc, url, port = process
    assert httpx.get(f"{url}/healthz", timeout=SOCKET_TIMEOUT).status_code == 200
    before = memory_kb(proc)
    mb = b"a" * (1024 * 1024)
    size = 64

    declared = send_oversize(port, post_head(size * len(mb)), (mb for _ in range(size)))
    assert_json_error(*declared, 413, "larger than 1048576 bytes")

    chunk = f"{len(mb):x}\r\n".encode() + mb + b"\r\n"
    chunks = (chunk if i < size else b"0\r\n\r\n" for i in range(size + 1))
    streamed = send_oversize(port, post_head(None), chunks)
    assert_json_error(*streamed, 413, "larger than 1048576 bytes")

    after = memory_kb(proc)
    assert after["VmHWM"] - before["VmRSS"] < 32 * 1024, (before, after)  # the peak, not only what is left
    assert httpx.post(f"{url}/v2/check", data={"text": ARTICLE}, timeout=SOCKET_TIMEOUT).status_code == 200


# -- the time budget ------------------------------------------------------------------------------
def test_a_check_over_budget_is_504_and_frees_the_worker(monkeypatch):
    """test_serve proves the 504 and 503; here: the event loop answers while the check runs over,
    and once it ends the one check thread is free for the next request."""
    checker = shared_app().state.checker
    check, finished = checker.check, threading.Event()

    def slow_for_some(request):
        if "LENT" in request.source:
            try:
                time.sleep(1.5)  # past the 0.5 s budget; a thread cannot be stopped
            finally:
                finished.set()
        return check(request)

    monkeypatch.setattr(checker, "check", slow_for_some)
    with serving(timeout=0.5, threads=1) as (url, _port), httpx.Client(base_url=url, timeout=SOCKET_TIMEOUT) as c:
        started = time.monotonic()
        assert_error(c.post("/v2/check", data={"text": "LENT Bonjour"}), 504, "longer than 0.5 s")
        assert time.monotonic() - started < 3
        assert not finished.is_set()  # still running: the answer did not wait for it
        assert c.get("/healthz").status_code == 200
        assert finished.wait(5)
        time.sleep(0.05)  # its thread returns to the pool
        ok = c.post("/v2/check", data={"text": ARTICLE, "language": "fr"})
        assert ok.status_code == 200 and len(ok.json()["matches"]) == 3


# -- malformed at the protocol level --------------------------------------------------------------
MALFORMED = {
    "garbage": b"\x00\xff\xfe garbage \x01\x02\r\n\r\n",
    "tls hello": bytes.fromhex("16030100a5010000a10303") + b"\x00" * 64,
    "no method": b"/v2/check HTTP/1.1\r\nHost: x\r\n\r\n",
    "bad content-length": post_head("abc") + b"text=a",
    "negative content-length": post_head("-1") + b"text=a",
    "two content-lengths": post_head(6, extra="Content-Length: 7\r\n") + b"text=a",
    "bad chunk size": post_head(None) + b"zz\r\ntext=a\r\n0\r\n\r\n",
    "100 KB header line": b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: " + b"a" * 100_000 + b"\r\n\r\n",
    "header without colon": b"GET /healthz HTTP/1.1\r\nHost: x\r\nnot a header\r\n\r\n",
}


@pytest.fixture(scope="module")
def plain_server() -> Iterator[tuple[str, int]]:
    with serving(timeout=5) as served:
        yield served


@pytest.mark.parametrize("name", list(MALFORMED))
def test_malformed_requests_are_400_or_closed(plain_server, name, caplog):
    url, port = plain_server
    sock = connect(port)
    try:
        with contextlib.suppress(OSError):  # the server may close before it has read it all
            sock.sendall(MALFORMED[name])
        answer = read_head_or_close(sock)
    finally:
        sock.close()
    assert answer == b"" or answer.startswith((b"HTTP/1.1 400 ", b"HTTP/1.1 431 ")), answer[:200]
    assert "internal error" not in caplog.text
    assert_serving(url)
