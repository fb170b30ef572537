"""`python -m hnparks users add|reset|disable|list|history|throttles|unthrottle|init`: the local
accounts, from the server."""

from __future__ import annotations

import argparse
import sys

from hnparks.cli.office import operator
from hnparks.commands.store import beijing_time
from hnparks.core.access import ROLES
from hnparks.data.accounts import (
    account_history,
    add_user,
    clear_throttle,
    disable_user,
    ensure_admin,
    first_start_message,
    list_users,
    reset_user,
    throttles,
)


def add_parser(sub: argparse._SubParsersAction) -> None:
    users = sub.add_parser("users", help="管理本地账号（新增、重置密码、停用、列表、变更记录）")
    users.add_argument("--by", default="", help="操作人姓名（记入账号变更记录，另记系统用户）")
    action = users.add_subparsers(dest="users_command", required=True)
    add = action.add_parser("add", help="新增账号，打印一次性密码（首次登录须修改）")
    add.add_argument("username")
    add.add_argument("--name", required=True, help="姓名")
    add.add_argument("--role", required=True, choices=list(ROLES),
                     help="；".join(f"{k}={v}" for k, v in ROLES.items()))
    add.add_argument("--city", default=None, help="市州代码（市州用户必填），如 430100")
    add.add_argument("--park", default=None, help="园区编号（园区用户必填），如 P001")
    add.add_argument("--oidc", action="store_true",
                     help="经统一身份认证（OpenID Connect）登录：用户名填其邮箱或登录名，无本地密码")
    reset = action.add_parser("reset", help="重置密码（打印一次性密码），并解除登录限制、重新启用")
    reset.add_argument("username")
    disable = action.add_parser("disable", help="停用账号")
    disable.add_argument("username")
    action.add_parser("init", help="首次启动：尚无账号文件时创建管理员 admin 并打印一次性密码")
    action.add_parser("list", help="列出账号（不含密码）")
    action.add_parser("throttles", help="列出登录限制（多次输错密码的来源地址和账号，及须等待的秒数）")
    lift = action.add_parser("unthrottle", help="解除登录限制：给出 account:用户名 或 source:地址，或 --all")
    lift.add_argument("key", nargs="?", default=None)
    lift.add_argument("--all", action="store_true", help="解除全部登录限制")
    action.add_parser("history", help="账号变更记录")


def _check_place(city: str | None, park: str | None) -> None:
    """A city code or park id must be in the catalogue (a typo would lock the user out)."""
    from hnparks.data.loading import load_dataset

    if city and city not in set(load_dataset("cities")["city_code"]):
        raise ValueError(f"市州代码「{city}」不存在")
    if park and park not in set(load_dataset("parks")["park_id"]):
        raise ValueError(f"园区编号「{park}」不在园区名录中")


def run(args: argparse.Namespace) -> int:
    """Run one accounts command; exit code 1 with a Chinese message when it is refused."""
    actor = operator(args.by)
    try:
        if args.users_command == "add":
            _check_place(args.city, args.park)
            password = add_user(args.username, args.name, args.role, actor, args.city, args.park,
                                oidc=args.oidc)
            print(f"已新增账号「{args.username}」（{ROLES[args.role]}）。")
            if password:
                print(f"一次性密码：{password}\n请当面或经安全渠道交给本人；首次登录须修改。")
        elif args.users_command == "reset":
            password = reset_user(args.username, actor)
            print(f"已重置「{args.username}」的密码。一次性密码：{password}（首次登录须修改）")
        elif args.users_command == "disable":
            disable_user(args.username, actor)
            print(f"已停用账号「{args.username}」。")
        elif args.users_command == "init":
            password = ensure_admin()
            if password:
                print(first_start_message(password), flush=True)
        elif args.users_command == "throttles":
            rows = throttles()
            for row in rows:
                print(f"{row['key']}\t{row['kind']}\t输错 {row['failures']} 次\t"
                      f"还须等待 {row['wait']} 秒\t最近一次 {beijing_time(row['last'])}")
            if not rows:
                print("（没有登录限制）")
        elif args.users_command == "unthrottle":
            if not args.all and not args.key:
                raise ValueError("请给出 account:用户名 或 source:地址，或用 --all 解除全部")
            count = clear_throttle(None if args.all else args.key, actor)
            print(f"已解除 {count} 项登录限制。")
        elif args.users_command == "list":
            rows = list_users()
            for row in rows:
                print("\t".join(str(v) for v in row.values()))
            if not rows:
                print("（暂无账号；首次启动驾驶舱时会创建管理员 admin）")
        else:
            for row in account_history():
                print("\t".join(str(v) for v in row.values()))
    except ValueError as error:
        print(str(error), file=sys.stderr)
        return 1
    return 0
