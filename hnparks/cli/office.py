"""The data-office subcommands of `python -m hnparks`: templates, ingest, history, rollback."""

from __future__ import annotations

import argparse
import getpass
import sys

from hnparks.commands.store import StoreBusy, history, load, rollback
from hnparks.commands.templates import write_templates
from hnparks.core.access import Identity


def default_source(user: str, files: list[str]) -> str:
    return f"园区办导入报表（{'、'.join(files)}，导入人：{user}）"


def operator(name: str) -> Identity:
    """Who runs the command: the operating-system user, with the name they give (`--user`).
    Whoever can run it on the server can write the data directory anyway; the log names both."""
    try:
        system_user = getpass.getuser()
    except (KeyError, OSError):
        system_user = "未知"
    return Identity(system_user, name.strip() or system_user, "admin",
                    via=f"命令行（系统用户 {system_user}）")


def run(args: argparse.Namespace) -> int:
    """Run one data-office command; exit code 1 when a file is rejected or nothing to undo."""
    if args.command == "templates":
        for path in write_templates(args.out_dir, args.data_dir, args.dataset):
            print(f"写入 {path}")
        return 0
    if args.command == "history":
        log = history(args.data_dir, args.dataset)
        print("（暂无导入记录）" if log.empty else log.to_string(index=False))
        return 0
    if args.command == "rollback":
        try:
            record = rollback(args.dataset, operator(args.user), args.version, args.data_dir)
        except (ValueError, StoreBusy) as error:
            print(str(error), file=sys.stderr)
            return 1
        print(f"已回退「{args.dataset}」：现有 {record.rows_total} 行"
              f"（记录版本 {record.version_id}）")
        return 0
    # ingest
    files = []
    for path in args.files:
        try:
            files.append((path.name, path.read_bytes()))
        except OSError as error:
            print(f"无法读取文件「{path}」：{error}", file=sys.stderr)
            return 1
    names = [name for name, _ in files]
    try:  # checks and commit under one lock: a concurrent load is either seen or waited for
        result, record = load(args.dataset, files, operator(args.user),
                              args.source or default_source(args.user, names), args.data_dir)
    except StoreBusy as error:
        print(str(error), file=sys.stderr)
        return 1
    if record is None:
        print(result.report(limit=200), file=sys.stderr)
        return 1
    print(f"已导入「{args.dataset}」：新增 {record.rows_added} 行，替换 {record.rows_replaced} 行，"
          f"现有 {record.rows_total} 行（版本 {record.version_id}，可用 rollback 回退）")
    return 0
