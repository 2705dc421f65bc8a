"""The challenges' criteria, measured: each starter and each solution run as a learner runs
them (`dltutor run ID --script FILE --offline --json`), with the parameters the engine
counts, whether the budget refused it, the score against the goal and the time taken.

A challenge's criteria hold when its solution passes and its starter does not (refused over
budget, or judged and failed), on the data this machine has: the offline stand-ins where
the real datasets cannot be fetched. It also times the refusal of a script over budget,
which issue 14 wants within 2 s (the whole `dltutor run` process, start-up included).
Usage: python benchmarks/challenges.py [--only ID ...] [--refusals 5]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tutor.challenges import load_challenges
from tutor.challenges.budget import check_budget


def dltutor(args: list[str], env: dict[str, str]) -> tuple[int, str, str, float]:
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "tutor", *args], capture_output=True, text=True, env=env
    )
    return result.returncode, result.stdout, result.stderr, time.perf_counter() - started


def measure(challenge_id: str, script: Path, env: dict[str, str]) -> str:
    code, out, err, seconds = dltutor(
        ["run", challenge_id, "--script", str(script), "--offline", "--json"], env
    )
    if code and not out:
        return f"refused ({err.strip().split(': ', 2)[-1]})  {seconds:.1f} s"
    events = [json.loads(line) for line in out.splitlines()]
    result = events[-1]
    params = next((e.get("params") for e in events if e["event"] == "fit"), None)
    criterion = result.get("criterion") or {}
    value = criterion.get("value")
    shown = f"{value:.4f}" if isinstance(value, float) else "-"
    data = "stand-in" if result.get("stand_in") else "real"
    return (
        f"{result['status']:<7} {criterion.get('metric', '-')} {shown} ({data}), "
        f"{params:,} params, {seconds:.0f} s"
        if params is not None
        else f"{result['status']} {seconds:.0f} s"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", nargs="*", help="challenge ids (default: all)")
    parser.add_argument("--refusals", type=int, default=5, help="timed refusals")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as home:
        env = {**os.environ, "DLTUTOR_HOME": home, "DLTUTOR_CONFIG_HOME": home}
        env.pop("NO_COLOR", None)
        over = [item for item in load_challenges() if check_budget(
            item, item.exercise.script.read_text()).over]  # fmt: skip
        if over and args.refusals:
            times = [dltutor(["run", over[0].id], env)[3] for _ in range(args.refusals)]
            print(
                f"refusal of {over[0].id}'s starter (whole process): median "
                f"{statistics.median(times):.2f} s, worst {max(times):.2f} s"
            )
        for item in load_challenges():
            if args.only and item.id not in args.only:
                continue
            print(f"{item.id}  (goal {item.goal.as_dict()}, stand-in "
                  f"{item.stand_in_goal.as_dict() if item.stand_in_goal else '-'}, "
                  f"budget {item.max_params:,})", flush=True)  # fmt: skip
            for name, script in (("starter", item.exercise.script), ("solution", item.solution)):
                print(f"  {name:<9} {measure(item.id, script, env)}", flush=True)


if __name__ == "__main__":
    main()
