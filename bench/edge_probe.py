#!/usr/bin/env python3
"""edge_probe.py — attacks a `slotwise serve` edge the way issue 17 describes and prints what it measured.

    bench/edge_probe.py [--binary build/bin/slotwise]

Starts the server (its own temporary database, loopback, a free port), then:
  1. slow and idle clients: 50 connections trickling one header byte every 2 s and 50 idle connections, all from
     127.0.0.1, while one client makes 100 normal requests (GET /healthz, a new connection each); prints the
     slowest answer and how many went unanswered within 5 s;
  2. 8 clients each sending 64 MiB of headers, then 8 each sending a 64 MiB chunked body; prints the server's
     peak resident memory (VmHWM) and each client's answer status.
Numbers are printed, not asserted: the regression tests are tests/edge and tests/e2e/edge_e2e_test.cpp.
"""
import argparse, os, socket, subprocess, sys, tempfile, threading, time

def free_port():
    s = socket.socket(); s.bind(("127.0.0.1", 0)); p = s.getsockname()[1]; s.close(); return p

def rss_kib(pid, field):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    return 0

def status_of(sock, timeout):
    sock.settimeout(timeout)
    try:
        data = sock.recv(4096)
        return data.split(b" ", 2)[1].decode() if data.startswith(b"HTTP/") else "no answer"
    except (socket.timeout, ConnectionResetError, BrokenPipeError, OSError) as e:
        return type(e).__name__

def normal_request(port, timeout=5.0):
    start = time.monotonic()
    try:
        s = socket.create_connection(("127.0.0.1", port), timeout=timeout)
        s.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        got = status_of(s, timeout)
        s.close()
        return got, time.monotonic() - start
    except OSError as e:
        return type(e).__name__, time.monotonic() - start

def slow_clients(port):
    stop = threading.Event()
    socks = []
    for _ in range(50):
        s = socket.create_connection(("127.0.0.1", port)); s.sendall(b"G"); socks.append(s)
    for _ in range(50):
        socks.append(socket.create_connection(("127.0.0.1", port)))
    def trickle():
        text = b"ET /healthz HTTP/1.1\r\nX-Slow: " + b"a" * 1000
        i = 0
        while not stop.wait(2.0):
            for s in socks[:50]:
                try: s.send(text[i:i + 1])
                except OSError: pass
            i += 1
    t = threading.Thread(target=trickle, daemon=True); t.start()
    time.sleep(0.5)
    results = []
    for _ in range(100):
        results.append(normal_request(port))
        if len(results) >= 5 and all(r[0] != "200" for r in results[-5:]):
            print("slow+idle clients: 5 normal requests in a row unanswered; stopping this probe")
            break
    stop.set()
    for s in socks: s.close()
    slowest = max(r[1] for r in results)
    failed = sum(1 for r in results if r[0] != "200")
    over_1s = sum(1 for r in results if r[1] > 1.0)
    print(f"slow+idle clients: {len(results)} normal requests, slowest {slowest * 1000:.0f} ms, {over_1s} over 1 s, "
          f"{failed} without a 200")
    return failed == 0 and over_1s == 0

def flood(port, pid, kind):
    chunk = b"X-Fill: " + b"a" * 65526 + b"\r\n" if kind == "headers" else b"10000\r\n" + b"a" * 65536 + b"\r\n"
    statuses = []
    def one():
        try:
            s = socket.create_connection(("127.0.0.1", port), timeout=30)
            head = b"GET / HTTP/1.1\r\nHost: x\r\n" if kind == "headers" else \
                   b"POST /v1/validate HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
            s.sendall(head)
            sent = 0
            try:
                while sent < 64 * 1024 * 1024:
                    s.sendall(chunk); sent += len(chunk)
            except OSError:
                pass
            statuses.append(f"{status_of(s, 10)} after {sent // (1024 * 1024)} MiB")
            s.close()
        except OSError as e:
            statuses.append(type(e).__name__)
    threads = [threading.Thread(target=one) for _ in range(8)]
    for t in threads: t.start()
    for t in threads: t.join()
    print(f"8 clients x 64 MiB of {kind}: answers {sorted(set(statuses))}; server peak RSS "
          f"{rss_kib(pid, 'VmHWM') / 1024:.0f} MiB")

def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", default=os.path.join(os.path.dirname(__file__), "..", "build", "bin", "slotwise"))
    args = parser.parse_args()
    port = free_port()
    with tempfile.TemporaryDirectory() as tmp:
        server = subprocess.Popen([args.binary, "serve", "--port", str(port), "--db", os.path.join(tmp, "s.db")],
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            for _ in range(100):
                if normal_request(port, 0.5)[0] == "200": break
                time.sleep(0.1)
            print(f"server {args.binary} (pid {server.pid}) on port {port}, RSS {rss_kib(server.pid, 'VmRSS') / 1024:.0f} MiB")
            ok = slow_clients(port)
            flood(port, server.pid, "headers")
            flood(port, server.pid, "chunked body")
        finally:
            server.terminate(); server.wait()
    return 0 if ok else 1

if __name__ == "__main__":
    sys.exit(main())
