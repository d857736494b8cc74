"""Start-up: how long ``diplograph analyze ONE.txt`` takes to its (first and only) result.

    python benchmarks/startup_speed.py                       # a small development article, 7 rounds
    python benchmarks/startup_speed.py --file my.txt --rounds 11
    git worktree add /tmp/before COMMIT && python benchmarks/startup_speed.py --baseline /tmp/before/src

Runs the real command in fresh processes, in rounds, each round once with the compiled-data
cache off (``DIPLOGRAPH_CACHE_DIR=off``: the knowledge base, gazetteer and lemma table built
from their files, as before the cache), once with an empty cache folder (built, then written)
and once with the cache written (loaded), plus ``diplograph --help`` (and, with ``--baseline
SRC``, the command of another checkout's ``src`` folder, e.g. the commit before the cache). Interleaving the variants
keeps a busy machine from favouring one. Prints the best and the median wall time of each.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEV = HERE.parents[1] / "shared" / "corpus" / "dev"


def smallest_article() -> Path:
    files = sorted(DEV.glob("*.txt"), key=lambda p: p.stat().st_size)
    if not files:
        raise SystemExit(f"no articles in {DEV}: pass --file")
    return files[0]


def run(command: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--file", type=Path, help="The article (default: the smallest development article).")
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--baseline", type=Path, help="Also time the diplograph in this src folder (PYTHONPATH).")
    args = parser.parse_args()
    article = args.file or smallest_article()
    diplograph = [sys.executable, "-m", "diplograph"]
    analyze = [*diplograph, "analyze", str(article)]
    times: dict[str, list[float]] = {"cache off": [], "cache empty (build + write)": [], "cache written (load)": [],
                                     "diplograph --help": []}  # fmt: skip
    if args.baseline:
        times["baseline (--baseline)"] = []
    with tempfile.TemporaryDirectory() as folder:
        cache = Path(folder) / "cache"
        base = {**os.environ, "DIPLOGRAPH_CACHE_DIR": str(cache)}
        run(analyze, base)  # the first process of all pays for .pyc files; no variant should
        for _ in range(args.rounds):
            times["cache off"].append(run(analyze, {**base, "DIPLOGRAPH_CACHE_DIR": "off"}))
            shutil.rmtree(cache, ignore_errors=True)
            times["cache empty (build + write)"].append(run(analyze, base))
            times["cache written (load)"].append(run(analyze, base))
            times["diplograph --help"].append(run([*diplograph, "--help"], base))
            if args.baseline:
                times["baseline (--baseline)"].append(run(analyze, {**base, "PYTHONPATH": str(args.baseline)}))
    print(f"diplograph analyze {article.name} ({article.stat().st_size:,} bytes), {args.rounds} rounds, "
          f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}")  # fmt: skip
    print(f"{'':30} {'best s':>7} {'median s':>9}")
    for name, values in times.items():
        print(f"{name:30} {min(values):7.2f} {statistics.median(values):9.2f}")


if __name__ == "__main__":
    main()
