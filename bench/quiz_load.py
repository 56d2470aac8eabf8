"""The quiz at 200 participants (bench/quiz.sh): players join one run, the
presenter's event stream is open, and every player answers the current
question at once, each on its own connection (a room behind one address).
Prints the answers accepted per second and the delay from each answer's
201 to the presenter's stream showing a tally that includes it."""
import asyncio, json, statistics, sys, time

HOST, PORT = sys.argv[1], int(sys.argv[2])
TOKEN, COOKIE, PLAYERS, QUESTIONS = sys.argv[3], sys.argv[4], int(sys.argv[5]), int(sys.argv[6])


async def http(method, path, body=None, headers=()):
    r, w = await asyncio.open_connection(HOST, PORT)
    data = json.dumps(body) if body is not None else ""
    head = [f"{method} {path} HTTP/1.1", "Host: bench", "Connection: close",
            "Content-Type: application/json", f"Content-Length: {len(data)}", *headers]
    w.write(("\r\n".join(head) + "\r\n\r\n" + data).encode())
    await w.drain()
    raw = await r.read()
    w.close()
    status = int(raw[9:12])
    return status, raw.split(b"\r\n\r\n", 1)[1].decode()


async def presenter(run, seen):
    """Records the time each new answer count first shows on the stream."""
    r, w = await asyncio.open_connection(HOST, PORT)
    w.write(f"GET /quiz-koersel/{run}/live HTTP/1.1\r\nHost: bench\r\nCookie: {COOKIE}\r\n\r\n".encode())
    await w.drain()
    while True:
        line = await r.readline()
        if not line:
            return
        if line.startswith(b"data: "):
            v = json.loads(line[6:])
            seen.append((time.perf_counter(), v.get("number"), v.get("answers", 0)))


async def main():
    auth = (f"Authorization: Bearer {TOKEN}",)
    session = json.loads((await http("GET", "/api/v1/sessions"))[1])
    session = [s for s in session if "Dit digitale liv" in s["title"]][0]["id"]
    status, body = await http("POST", f"/api/v1/sessions/{session}/quiz-runs", {}, auth)
    run, code = json.loads(body)["run_id"], json.loads(body)["join_code"]
    seen = []
    stream = asyncio.create_task(presenter(run, seen))
    players = [json.loads((await http("POST", f"/api/v1/quiz/{code}/players", {"nickname": f"p{i}"}))[1])["player_token"]
               for i in range(PLAYERS)]
    rates, delays = [], []
    for q in range(1, QUESTIONS + 1):
        state = json.loads((await http("POST", f"/api/v1/quiz-runs/{run}/advance", None, auth))[1])
        qid = state["question"]["id"]
        options = [o["id"] for o in state["question"]["options"]]
        done = []

        async def one(i, p):
            s, _ = await http("POST", f"/api/v1/quiz/{code}/answers",
                              {"player_token": p, "question_id": qid, "option_id": options[i % len(options)]})
            done.append((time.perf_counter(), s))

        t0 = time.perf_counter()
        await asyncio.gather(*(one(i, p) for i, p in enumerate(players)))
        t1 = time.perf_counter()
        ok = [t for t, s in done if s == 201]
        assert len(ok) == PLAYERS, f"only {len(ok)} of {PLAYERS} accepted"
        rates.append(PLAYERS / (t1 - t0))
        deadline = time.perf_counter() + 10
        while time.perf_counter() < deadline and not any(n == q and a >= PLAYERS for _, n, a in seen):
            await asyncio.sleep(0.01)
        # Each answer's delay: from its 201 to the first event counting at least its rank.
        ok.sort()
        for rank, t in enumerate(ok, 1):
            shown = next((ts for ts, n, a in seen if n == q and a >= rank and ts >= t), None)
            if shown is not None:
                delays.append(shown - t)
    stream.cancel()
    delays.sort()
    pct = lambda p: delays[min(len(delays) - 1, int(p * len(delays)))] * 1000
    print(f"players {PLAYERS}, questions {QUESTIONS}")
    print(f"answers accepted per second: median {statistics.median(rates):.0f} (min {min(rates):.0f}, max {max(rates):.0f})")
    print(f"answer 201 -> presenter's tally: p50 {pct(0.5):.0f} ms, p90 {pct(0.9):.0f} ms, max {delays[-1]*1000:.0f} ms ({len(delays)} answers)")


asyncio.run(main())
