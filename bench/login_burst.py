#!/usr/bin/env python3
"""A burst of parallel logins against a running Samvirke, while sampling the
server's resident memory from /proc/PID/status.

    login_burst.py --url http://127.0.0.1:18080 --pid PID --mode MODE [-n 200]

MODE is one of
  form-many   n logins through the login form, each for its own (unknown)
              e-mail: every attempt needs a password check
  api-one     n requests to POST /api/v1/auth/token with a wrong password
              for one account (the attack the throttle is for)

All n requests are prepared first (connections open, CSRF cookie fetched)
and released together by a barrier. Only standard library; loopback only.
"""

import argparse
import collections
import http.client
import json
import threading
import time
import urllib.parse


def status_kb(pid, field):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    return 0


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--url", required=True)
    ap.add_argument("--pid", type=int, required=True)
    ap.add_argument("--mode", choices=["form-many", "api-one"], required=True)
    ap.add_argument("-n", type=int, default=200)
    args = ap.parse_args()
    u = urllib.parse.urlparse(args.url)
    assert u.hostname in ("127.0.0.1", "localhost", "::1"), "loopback only"

    barrier = threading.Barrier(args.n + 1)
    results = [None] * args.n
    times = [0.0] * args.n

    def one(i):
        conn = http.client.HTTPConnection(u.hostname, u.port, timeout=60)
        try:
            if args.mode == "form-many":
                conn.request("GET", "/login")
                r = conn.getresponse()
                r.read()
                csrf = ""
                for k, v in r.getheaders():
                    if k.lower() == "set-cookie" and v.startswith("samvirke_csrf="):
                        csrf = v.split(";")[0].split("=", 1)[1]
                body = urllib.parse.urlencode(
                    {"csrf": csrf, "email": f"burst{i}@dragoer.demo", "password": "forkert-adgangskode"}
                )
                headers = {
                    "Content-Type": "application/x-www-form-urlencoded",
                    "Cookie": f"samvirke_csrf={csrf}",
                }
                path = "/login"
            else:
                body = json.dumps({"email": "bibliotek@dragoer.demo", "password": "forkert-adgangskode"})
                headers = {"Content-Type": "application/json"}
                path = "/api/v1/auth/token"
            barrier.wait()
            t = time.monotonic()
            conn.request("POST", path, body=body, headers=headers)
            r = conn.getresponse()
            r.read()
            times[i] = time.monotonic() - t
            results[i] = r.status
        except Exception as e:  # noqa: BLE001 - report, do not hide
            results[i] = f"error: {type(e).__name__}"
            try:
                barrier.abort()
            except threading.BrokenBarrierError:
                pass
        finally:
            conn.close()

    threads = [threading.Thread(target=one, args=(i,)) for i in range(args.n)]
    for t in threads:
        t.start()

    samples = []
    done = threading.Event()

    def sample():
        while not done.is_set():
            samples.append(status_kb(args.pid, "VmRSS"))
            time.sleep(0.005)

    rss_before = status_kb(args.pid, "VmRSS")
    hwm_before = status_kb(args.pid, "VmHWM")
    sampler = threading.Thread(target=sample)
    sampler.start()
    barrier.wait()
    start = time.monotonic()
    for t in threads:
        t.join()
    elapsed = time.monotonic() - start
    time.sleep(0.2)
    done.set()
    sampler.join()

    counts = collections.Counter(results)
    ok_times = sorted(times)
    print(f"mode {args.mode}, {args.n} requests at once, burst over in {elapsed * 1000:.0f} ms")
    print("answers: " + ", ".join(f"{k}: {v}" for k, v in sorted(counts.items(), key=str)))
    print(f"slowest answer {ok_times[-1] * 1000:.0f} ms, median {ok_times[len(ok_times) // 2] * 1000:.0f} ms")
    print(f"resident memory before {rss_before / 1024:.1f} MB (peak so far {hwm_before / 1024:.1f} MB)")
    print(
        f"resident memory during the burst: max sampled {max(samples) / 1024:.1f} MB, "
        f"VmHWM after {status_kb(args.pid, 'VmHWM') / 1024:.1f} MB"
    )


if __name__ == "__main__":
    main()
