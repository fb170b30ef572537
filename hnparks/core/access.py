"""Who may see and change what: roles, the identity of the person acting, and the scope allowed.

Enforced here, in the domain, so a hand-edited URL, a map click, an export or a script can
never get past it: `allowed_scope` turns any requested `Scope` into one the role may see (with
the reasons in Chinese), and `require_admin` refuses data changes to anyone but 省园区办.

Rights (the year's work points are the province's plan; cities and parks report into it):
- 省领导 / 省直部门: the whole province, read-only;
- 市州: their city and its parks in full; the province and other cities only as the published
  aggregates and rankings shown on their city's pages (never another city's park detail);
- 园区: their park in full, with their city's and the province's aggregates on its pages;
- 省园区办 (admin): everything, plus 数据管理 (load, roll back, accounts).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import pandas as pd

from hnparks.core.scope import Scope

ROLES = {"leader": "省领导", "department": "省直部门", "city": "市州", "park": "园区",
         "admin": "省园区办"}
READ_EVERYTHING = ("leader", "department", "admin")


class AccessDenied(PermissionError):
    """The identity may not do this; the message is for people."""


@dataclass(frozen=True)
class Identity:
    """An authenticated person (or the CLI's operator, or an allowed anonymous viewer)."""

    username: str
    name: str
    role: str
    city: str | None = None
    park: str | None = None
    via: str = "本地账号"  # 本地账号 / 统一身份认证 / 命令行（系统用户 …） / 匿名只读

    def __post_init__(self) -> None:
        if self.role not in ROLES:
            raise ValueError(f"未知角色「{self.role}」，可选：{'、'.join(ROLES)}")
        if self.role == "city" and not self.city:
            raise ValueError("市州用户必须指定所属市州代码")
        if self.role == "park" and not self.park:
            raise ValueError("园区用户必须指定所属园区编号")

    @property
    def is_admin(self) -> bool:
        return self.role == "admin"

    @property
    def role_label(self) -> str:
        return ROLES[self.role]

    def audit_label(self) -> str:
        """How the log names this person: name, account and how they were identified."""
        return f"{self.name}（{self.username}，{self.via}）"


ANONYMOUS = Identity("anonymous", "匿名访客", "leader", via="匿名只读")


def require_admin(identity: Identity | None, action: str = "导入或回退数据") -> Identity:
    """The identity, if it is the park office's (admin); otherwise `AccessDenied`."""
    if identity is None or not isinstance(identity, Identity):
        raise AccessDenied(f"未登录，不能{action}：只有省园区办（管理员）登录后可以{action}。")
    if not identity.is_admin or identity.via == ANONYMOUS.via:
        raise AccessDenied(f"「{identity.name}」（{identity.role_label}）无权{action}："
                           f"只有省园区办（管理员）可以{action}。")
    return identity


def home_city(identity: Identity, parks: pd.DataFrame) -> str | None:
    """The city a city or park user belongs to (None for province-wide roles)."""
    if identity.role == "city":
        return identity.city
    if identity.role == "park":
        match = parks.loc[parks["park_id"] == identity.park, "city_code"]
        return str(match.iloc[0]) if len(match) else None
    return None


def allowed_cities(identity: Identity, cities: pd.DataFrame, parks: pd.DataFrame) -> list[str]:
    """City codes the 市州 selector may offer (all, or the user's own)."""
    if identity.role in READ_EVERYTHING:
        return list(cities["city_code"])
    own = home_city(identity, parks)
    return [c for c in cities["city_code"] if c == own]


def allowed_parks(identity: Identity, parks: pd.DataFrame) -> pd.DataFrame:
    """Parks whose detail the identity may see (all, one city's, or one park)."""
    if identity.role in READ_EVERYTHING:
        return parks
    if identity.role == "city":
        return parks[parks["city_code"] == identity.city]
    return parks[parks["park_id"] == identity.park]


def may_view_province(identity: Identity) -> bool:
    """Whether 全省 (every city's parks in detail) may be selected."""
    return identity.role in READ_EVERYTHING


def allowed_scope(identity: Identity, requested: Scope,
                  parks: pd.DataFrame) -> tuple[Scope, list[str]]:
    """The scope shown for a requested one, and why it differs (Chinese, empty when allowed).

    A 市州 user asking for the province, another city or a park elsewhere gets their own city;
    a 园区 user always gets their own park. Nothing of the refused city or park is named back
    beyond its code, which the requester already typed.
    """
    if identity.role in READ_EVERYTHING:
        return requested, []
    problems: list[str] = []
    if identity.role == "park":
        own = Scope(requested.period, home_city(identity, parks), identity.park)
        if requested.park not in (None, identity.park) or requested.city not in (None, own.city):
            problems.append("园区用户只能查看本园区，已切换到本园区")
        return own, problems
    mine = set(allowed_parks(identity, parks)["park_id"])
    if requested.city not in (None, identity.city) or (requested.park and requested.park not in mine):
        problems.append("市州用户只能查看本市州及其园区的明细，已切换到本市州")
        return Scope(requested.period, identity.city, None), problems
    if requested.park:
        return replace(requested, city=identity.city), problems
    return Scope(requested.period, identity.city, None), problems


def peer_scope(identity: Identity, scope: Scope, level: str) -> Scope:
    """The widest scope a page may list parks from, around `scope`, for context (a park among
    its city's parks, a city's parks on a province map): `level` 'city' or 'province', narrowed
    to what the identity may see park by park — a 市州 user's own city, a 园区 user's own park.
    Aggregates by city and the province's totals are not park detail and need no narrowing."""
    wanted = Scope(scope.period, scope.city if level == "city" else None)
    if identity.role in READ_EVERYTHING:
        return wanted
    if identity.role == "city":
        return Scope(scope.period, identity.city)
    return Scope(scope.period, scope.city, identity.park)


def fold_hidden_parks(identity: Identity, parks: pd.DataFrame, frame: pd.DataFrame,
                      sums: tuple[str, ...], key: str = "key", name: str = "name",
                      label: str = "本市州其他园区") -> pd.DataFrame:
    """A per-park breakdown with the parks the identity may not see one by one folded into one
    aggregate row (`label`, their count, the totals of `sums`). Rows whose key is not a park
    (already an aggregate, e.g. 其他N家园区) stay as they are."""
    if identity.role in READ_EVERYTHING:  # sees every park (no per-park pass: 3,000 parks)
        return frame
    # isin with the columns themselves: a Python set of 3,000 Arrow strings cost 0.4 s a call
    hidden = frame[key].isin(parks["park_id"]) & \
        ~frame[key].isin(allowed_parks(identity, parks)["park_id"])
    if not hidden.any():
        return frame
    folded = {key: "", name: f"{label}（{int(hidden.sum())}家合计）",
              **{col: frame.loc[hidden, col].sum(min_count=1) for col in sums}}
    return pd.concat([frame[~hidden], pd.DataFrame([folded])], ignore_index=True)


def drop_hidden_parks(identity: Identity, parks: pd.DataFrame, table: pd.DataFrame,
                      name: str = "name") -> pd.DataFrame:
    """A table keyed by park name (a slide's) without the rows of parks the identity may not
    see one by one; cities, tasks and other rows stay."""
    if identity.role in READ_EVERYTHING or name not in table.columns:  # nothing is hidden
        return table
    # vectorised: Python sets of 3,000 Arrow strings per slide cost 0.06 s a call
    shown = parks["park_name"].isin(allowed_parks(identity, parks)["park_name"])
    hidden = parks.loc[~shown, "park_name"]
    if hidden.empty:
        return table
    return table[~table[name].isin(hidden)].reset_index(drop=True)

