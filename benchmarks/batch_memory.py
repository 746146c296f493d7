"""Parent memory during a large batch: peak RSS of the `grader batch` process itself.

Usage: python benchmarks/batch_memory.py [N]      (default 100000)

The batch streams its submissions (a bounded queue between the scanner, the graders and
the store), so the parent's memory should stay flat however large the batch. This prints
the peak RSS for a batch of 1,000 and for a batch of N, from the same run, beside the
150 MB ceiling.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _batchdata import batch_command, write_bank, write_submissions

CEILING_MB = 150


def peak_rss_mb(submissions: Path, bank: Path, out: Path) -> tuple[float, float]:
    """(peak RSS of the grader process in MB, seconds)."""
    command = batch_command(submissions, bank, out)
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    peak = 0
    status = Path(f"/proc/{process.pid}/status")
    while process.poll() is None:
        try:
            for line in status.read_text().splitlines():
                if line.startswith("VmHWM:"):
                    peak = max(peak, int(line.split()[1]))
        except OSError:
            pass
        time.sleep(0.2)
    if process.returncode != 0:
        raise SystemExit(f"grader batch failed with exit code {process.returncode}")
    return peak / 1024, time.perf_counter() - started


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        bank = write_bank(root / "bank")
        for size in (1_000, count):
            batch = root / f"batch-{size}"
            write_submissions(batch, size)
            peak, seconds = peak_rss_mb(batch, bank, root / f"out-{size}")
            rows.append((size, peak, seconds))
    print("Peak RSS of the grader process (VmHWM), same run")
    for size, peak, seconds in rows:
        print(
            f"  {size:>7,} submissions:  {peak:6.1f} MB   ({seconds:.0f} s, {size / seconds:.0f}/s)"
        )
    print(f"  ceiling:               {CEILING_MB:6.1f} MB")


if __name__ == "__main__":
    main()
