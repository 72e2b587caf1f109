"""Load test: N simulated staff asking the evaluation questions against `dxqa serve` over HTTP.

    .venv/bin/python bench/load.py [--users 20] [--seconds 60] [--concurrency 1,2,4,8]

For each Gradio concurrency setting, starts a real `dxqa serve` on a free loopback port
(the index in data/index), lets `--users` threads ask questions back to back through the
HTTP API (POST /gradio_api/call/ask, then read the event stream) for `--seconds`, and reports
throughput, p50/p95/p99 latency and errors. Requests must queue, not fail. Writes
bench/reports/load.json and load.png (copied to docs/).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from devtools.ports import free_port  # noqa: E402
from eval.run import load_questions  # noqa: E402


def start_server(port: int, concurrency: int) -> subprocess.Popen:
    env = {**os.environ, "DXQA_PORT": str(port), "DXQA_CONCURRENCY": str(concurrency), "HF_HUB_OFFLINE": "1"}
    process = subprocess.Popen(
        [str(ROOT / ".venv" / "bin" / "dxqa"), "serve"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    for _ in range(300):
        try:
            if httpx.get(f"http://127.0.0.1:{port}/", timeout=1).status_code == 200:
                return process
        except httpx.TransportError:
            time.sleep(0.2)
    process.kill()
    raise SystemExit("dxqa serve did not start")


def ask(client: httpx.Client, question: str) -> bool:
    """One question through Gradio's HTTP API; True when an answer came back."""
    started = client.post("/gradio_api/call/ask", json={"data": [question]})
    started.raise_for_status()
    event_id = started.json()["event_id"]
    with client.stream("GET", f"/gradio_api/call/ask/{event_id}") as stream:
        event = ""
        for line in stream.iter_lines():
            if line.startswith("event:"):
                event = line.split(":", 1)[1].strip()
            elif line.startswith("data:") and event in ("complete", "error"):
                return event == "complete" and "answer" in line
    return False


def run(port: int, users: int, seconds: float, questions: list[str]) -> dict:
    latencies: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()
    deadline = time.perf_counter() + seconds

    def user(number: int) -> None:
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=120) as client:
            i = number
            while time.perf_counter() < deadline:
                question = questions[i % len(questions)]
                i += users
                started = time.perf_counter()
                try:
                    ok = ask(client, question)
                    error = "" if ok else "no answer"
                except Exception as exc:  # every failure is counted, whatever its kind
                    error = type(exc).__name__
                with lock:
                    (errors.append(error) if error else latencies.append((time.perf_counter() - started) * 1000))

    threads = [threading.Thread(target=user, args=(n,)) for n in range(users)]
    began = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - began
    ordered = sorted(latencies) or [0.0]

    def pct(p: float) -> float:
        return ordered[min(len(ordered) - 1, round(p * (len(ordered) - 1)))]

    return {
        "answered": len(latencies),
        "errors": len(errors),
        "error_kinds": sorted(set(errors)),
        "throughput_qps": len(latencies) / elapsed,
        "p50_ms": statistics.median(ordered),
        "p95_ms": pct(0.95),
        "p99_ms": pct(0.99),
    }


def plot(results: list[dict], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    x = [r["concurrency"] for r in results]
    fig, (left, right) = plt.subplots(1, 2, figsize=(10, 4))
    left.bar([str(v) for v in x], [r["throughput_qps"] for r in results])
    left.set(xlabel="Gradio concurrency limit", ylabel="answers / s", title="Throughput (20 users)")
    for key in ("p50_ms", "p95_ms", "p99_ms"):
        right.plot([str(v) for v in x], [r[key] for r in results], "o-", label=key.replace("_ms", ""))
    right.set(xlabel="Gradio concurrency limit", ylabel="ms", title="Latency seen by users")
    right.legend()
    fig.tight_layout()
    fig.savefig(path, dpi=110)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--concurrency", default="1,2,4,8")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "reports")
    args = parser.parse_args()
    questions = [q["question"] for q in load_questions()]
    results = []
    for concurrency in [int(c) for c in args.concurrency.split(",")]:
        port = free_port()
        server = start_server(port, concurrency)
        try:
            ask(httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=60), questions[0])  # warm-up
            result = {
                "concurrency": concurrency,
                "users": args.users,
                "seconds": args.seconds,
                **run(port, args.users, args.seconds, questions),
            }
        finally:
            server.terminate()
            server.wait(timeout=30)
        results.append(result)
        print(
            f"concurrency={concurrency:>2} users={args.users} answered={result['answered']:>5} "
            f"errors={result['errors']} "
            f"throughput={result['throughput_qps']:.1f}/s p50={result['p50_ms']:.0f}ms p95={result['p95_ms']:.0f}ms "
            f"p99={result['p99_ms']:.0f}ms",
            flush=True,
        )
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "load.json").write_text(json.dumps(results, indent=1), encoding="utf-8")
    plot(results, args.out / "load.png")
    shutil.copy(args.out / "load.png", ROOT / "docs" / "bench-load.png")
    print(f"saved: {args.out / 'load.json'} {args.out / 'load.png'}")


if __name__ == "__main__":
    main()
