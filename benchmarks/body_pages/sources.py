"""Copy the raw pages of the body-extraction benchmark out of snapshots of their public repositories.

Usage:  python benchmarks/body_pages/sources.py MIRRORS [--out benchmarks/out/body_pages/sources]

MIRRORS is the folder that holds the snapshots' git directories as the workplace's `fetch` leaves
them (`<owner>+<name>/repo`): fetch github:geodrome/page-signal, github:ppke-nlpg/CleanPortalEval and
github:mozilla/readability first. Nothing of them is committed: L3S-GN1 is for research use only,
CleanPortalEval has no licence, and every saved page belongs to its publisher. Then run build.py.
"""

from __future__ import annotations

import argparse
import subprocess
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
# (snapshot, commit, path in the repository, folder under the output)
SOURCES = [
    ("geodrome+page-signal", "186d815", "L3S-GN1-20100130203947-00001", "l3s-gn1"),
    ("ppke-nlpg+CleanPortalEval", "517726d", "GoldStandard", "cleanportaleval/GoldStandard"),
    ("ppke-nlpg+CleanPortalEval", "517726d", "input", "cleanportaleval/input"),
    ("mozilla+readability", "ab4027a", "test/test-pages", "readability/test-pages"),
    ("mozilla+readability", "ab4027a", "LICENSE.md", "readability"),
]


def copy_out(git_dir: Path, commit: str, path: str, target: Path) -> int:
    """Write the files under ``path`` at ``commit`` into ``target`` (relative to ``path``); files the
    snapshot lacks (it keeps none of 4 MiB or more, such as L3S-GN1's WARC archive) are skipped."""
    git = ["git", "--git-dir", str(git_dir)]
    listing = subprocess.run([*git, "ls-tree", "-r", commit, "--", path], check=True, capture_output=True, text=True)
    entries = [line.split("\t", 1) for line in listing.stdout.splitlines()]
    blobs = [(meta.split()[2], name) for meta, name in entries if meta.split()[1] == "blob"]
    batch = subprocess.run([*git, "cat-file", "--batch"], input="".join(f"{sha}\n" for sha, _ in blobs).encode(),
                           check=True, capture_output=True).stdout
    written, position = 0, 0
    for sha, name in blobs:
        header_end = batch.index(b"\n", position)
        header = batch[position:header_end].split()
        position = header_end + 1
        if header[-1] == b"missing":
            continue
        size = int(header[2])
        relative = Path(name).relative_to(path) if Path(name) != Path(path) else Path(name).name
        destination = target / relative
        destination.parent.mkdir(parents=True, exist_ok=True)
        destination.write_bytes(batch[position:position + size])
        position += size + 1
        written += 1
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("mirrors", type=Path)
    parser.add_argument("--out", type=Path, default=REPO / "benchmarks/out/body_pages/sources")
    args = parser.parse_args()
    for snapshot, commit, path, folder in SOURCES:
        count = copy_out(args.mirrors / snapshot / "repo", commit, path, args.out / folder)
        print(f"{snapshot}@{commit}:{path} -> {args.out / folder} ({count} files)")


if __name__ == "__main__":
    main()
