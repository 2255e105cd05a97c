"""Check that a change of code leaves the coded events as they were, byte for byte.

    .venv/bin/python bench/same_events.py write DIR        # code every set, one JSON Lines file each
    .venv/bin/python bench/same_events.py compare OLD NEW  # files that differ, and the first lines that do

The sets: the seed article, the written article sets (bench/articles/*), the real-news development
set (../shared/data/news-real) and 200 seeded rows of each ACLED export in ../shared/data/acled
(turned into documents by ../shared/gold/acled_to_gold.py). Sets whose data are absent are named
and left out. `compare` exits 1 where any file differs or one side lacks a file.
"""
from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
ACLED_ROWS = 200


def extract(docs: Path, out: Path, workers: int) -> None:
    with out.open("w") as sink:
        subprocess.run([sys.executable, "-m", "sitrep", "extract", "--input", str(docs), "--workers", str(workers)],
                       stdout=sink, stderr=subprocess.DEVNULL, cwd=ROOT, check=False)


def write(folder: Path, workers: int) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    seed = SHARED / "gold" / "seed" / "article.txt"
    if seed.exists():
        with (folder / "seed.jsonl").open("w") as sink:
            subprocess.run([sys.executable, "-m", "sitrep", "extract", str(seed), "--published", "2016-09-24"],
                           stdout=sink, stderr=subprocess.DEVNULL, cwd=ROOT, check=False)
    sets = {p.name: p / "docs.jsonl" for p in sorted((ROOT / "bench" / "articles").iterdir())
            if (p / "docs.jsonl").exists()}
    sets["news-real"] = SHARED / "data" / "news-real" / "docs.jsonl"
    with tempfile.TemporaryDirectory() as tmp:
        for export in sorted((SHARED / "data" / "acled").glob("*.csv")):
            converted = Path(tmp) / export.stem
            subprocess.run([sys.executable, str(SHARED / "gold" / "acled_to_gold.py"), str(export), str(converted),
                            "--limit", str(ACLED_ROWS)], check=True, capture_output=True)
            sets[f"acled-{export.stem}"] = converted / "docs.jsonl"
        for name, docs in sets.items():
            if not docs.exists():
                print(f"{name}: {docs} absent, left out", file=sys.stderr)
                continue
            extract(docs, folder / f"{name}.jsonl", workers)
            print(f"{name}: {sum(1 for _ in (folder / f'{name}.jsonl').open())} events")


def compare(old: Path, new: Path) -> int:
    differing = 0
    for name in sorted({p.name for p in old.glob("*.jsonl")} | {p.name for p in new.glob("*.jsonl")}):
        a, b = old / name, new / name
        if not (a.exists() and b.exists()):
            print(f"{name}: only in {old if a.exists() else new}")
            differing += 1
            continue
        lines_a, lines_b = a.read_text().splitlines(), b.read_text().splitlines()
        if lines_a == lines_b:
            print(f"{name}: identical ({len(lines_a)} events)")
            continue
        differing += 1
        first = next((i for i, (x, y) in enumerate(zip(lines_a, lines_b)) if x != y), min(len(lines_a), len(lines_b)))
        print(f"{name}: DIFFERS ({len(lines_a)} -> {len(lines_b)} events; first at line {first + 1})")
    return 1 if differing else 0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="command", required=True)
    w = sub.add_parser("write")
    w.add_argument("folder", type=Path)
    w.add_argument("--workers", type=int, default=2)
    c = sub.add_parser("compare")
    c.add_argument("old", type=Path)
    c.add_argument("new", type=Path)
    args = ap.parse_args()
    if args.command == "write":
        write(args.folder, args.workers)
    else:
        sys.exit(compare(args.old, args.new))


if __name__ == "__main__":
    main()
