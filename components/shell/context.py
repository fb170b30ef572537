"""The shared context (报告期, 市州, 园区): sidebar selectors kept in sync with the URL.

Session state holds the truth across page changes (Streamlit clears query parameters when the
page changes); the URL mirrors it on every run, and a URL edited by the user is adopted.
Changes requested after the sidebar has rendered (a map or chart click) go through a pending
slot and a rerun, because a widget's state can't change once the widget is drawn.
"""

from __future__ import annotations

import streamlit as st

from components.shell.auth import viewer
from components.shell.deep_link import recover_direct_page_run
from components.ui.data import dataset
from components.ui.text import md_escape, url_text
from hnparks.core.access import allowed_cities, allowed_parks, allowed_scope, may_view_province
from hnparks.core.periods import period_label, year_of
from hnparks.core.scope import Scope
from hnparks.plans.registry import available_plans

PARAMS = ("period", "city", "park")
_KEYS = {"period": "ctx_period", "city": "ctx_city", "park": "ctx_park"}
_PENDING = "ctx_pending"
_SYNCED = "ctx_synced"
_NOTICE = "ctx_notice"
_PRESENT_SCOPE = "ctx_present_scope"
_YEAR = "ctx_year"  # the 年度 selector (shown when more than one plan has reports)
ALL = "all"  # selector value for "no city / no park" (a None value would show a placeholder)
ALL_CITIES = "全省"
ALL_PARKS = "全部园区"
# A province-wide park list longer than this is not offered (at national scale 3,000 names were
# 106 KB re-sent with every rerun of every page): choose a city first, then its parks.
PARK_OPTIONS_MAX = 300


def park_choices(in_city: list[str], city: str | None, current: str | None) -> list[str]:
    """The parks the 园区 selector lists: the city's parks, or at 全省 every park when there are at
    most PARK_OPTIONS_MAX (else only the current one, so a chosen park stays shown)."""
    if city is not None or len(in_city) <= PARK_OPTIONS_MAX:
        return in_city
    return [current] if current in in_city else []


def report_periods() -> list[str]:
    """Reporting months of any loaded plan (data/plans/<year>/) that have park reports, oldest
    first; a period implies its plan year."""
    periods = dataset("park_indicators")["period"].unique().tolist()
    spans = [(p.first_period, p.last_period) for p in available_plans()]
    return sorted(p for p in periods if any(first <= p <= last for first, last in spans))


def _on_year_change() -> None:
    """A new 年度 opens that year's latest reported month."""
    year = st.session_state.get(_YEAR)
    months = [p for p in report_periods() if year_of(p) == year]
    if months:
        st.session_state[_KEYS["period"]] = months[-1]


def _year_selector(periods: list[str]) -> list[str]:
    """The 年度 selector when more than one plan year has reports (it follows the period, e.g.
    one from the URL); returns the months of the year in view."""
    years = sorted({year_of(p) for p in periods})
    if len(years) < 2:
        return periods
    st.session_state[_YEAR] = year_of(st.session_state[_KEYS["period"]])
    st.selectbox("年度", years, key=_YEAR, format_func=lambda y: f"{y}年工作要点",
                 on_change=_on_year_change, help="切换年度即按该年度的工作要点查看（目标、任务、期限）。")
    return [p for p in periods if year_of(p) == st.session_state[_YEAR]]


def _normalise(raw: dict[str, str | None]) -> tuple[dict[str, str | None], list[str]]:
    """Keep only valid codes; a park implies its city. Returns values and problems found
    (unknown values echoed escaped and cut short: the URL is anyone's text)."""
    parks = dataset("parks")
    cities = set(dataset("cities")["city_code"])
    periods = report_periods()
    problems = []
    out: dict[str, str | None] = {"period": None, "city": None, "park": None}
    if raw.get("period"):
        if raw["period"] in periods:
            out["period"] = raw["period"]
        else:
            problems.append(f"报告期 {url_text(raw['period'])} 无数据")
    if raw.get("city"):
        if raw["city"] in cities:
            out["city"] = raw["city"]
        else:
            problems.append(f"市州代码 {url_text(raw['city'])} 不存在")
    if raw.get("park"):
        match = parks[parks["park_id"] == raw["park"]]
        if len(match):
            out["park"] = raw["park"]
            out["city"] = str(match.iloc[0]["city_code"])
        else:
            problems.append(f"园区代码 {url_text(raw['park'])} 不存在")
    return out, problems


def _permitted(values: dict[str, str | None]) -> tuple[dict[str, str | None], list[str]]:
    """A requested city/park narrowed to what the signed-in role may see (hnparks.core.access)."""
    wanted = Scope(values.get("period") or "", values.get("city"), values.get("park"))
    allowed, problems = allowed_scope(viewer(), wanted, dataset("parks"))
    if not problems:
        return values, []
    return {**values, "city": allowed.city, "park": allowed.park}, problems


def _adopt(values: dict[str, str | None]) -> None:
    for name, key in _KEYS.items():
        if name in values:
            value = values[name]
            st.session_state[key] = ALL if value is None and name != "period" else value


def _known(name: str, value: str) -> bool:
    """Whether `value` is a city code, park id or reporting month (vectorised: 3,000 parks)."""
    if name == "city":
        return bool((dataset("cities")["city_code"] == value).any())
    if name == "park":
        return bool((dataset("parks")["park_id"] == value).any())
    return value in report_periods()


def _selected(name: str) -> str | None:
    """The chosen code, or None for 全省/全部园区. A value that matches no option (a browser can
    send back a label Streamlit no longer knows) falls back to ALL instead of failing."""
    value = st.session_state.get(_KEYS[name])
    if value in (None, ALL):
        return None
    if not _known(name, value):
        st.session_state[_KEYS[name]] = ALL
        return None
    return value


def _city_of(park_id: str) -> str | None:
    parks = dataset("parks")
    match = parks.loc[parks["park_id"] == park_id, "city_code"]
    return str(match.iloc[0]) if len(match) else None


def _sync_from_url_and_pending() -> None:
    """Before the widgets are drawn: apply a pending change, or a URL the user edited."""
    pending = st.session_state.pop(_PENDING, None)
    if pending is not None:
        values, refused = _permitted(pending)  # a map or chart click outside the role's scope
        if refused:
            st.session_state[_NOTICE] = "；".join(refused)
        _adopt(values)
        return
    url = {name: st.query_params.get(name) for name in PARAMS}
    if any(url.values()) and url != st.session_state.get(_SYNCED):
        values, problems = _normalise(url)
        values, refused = _permitted(values)
        if problems or refused:
            st.session_state[_NOTICE] = "；".join(
                (["链接参数有误，已忽略：" + "；".join(problems)] if problems else []) + refused)
        _adopt(values)


def _write_url(scope: Scope) -> None:
    desired = {"period": scope.period, "city": scope.city, "park": scope.park}
    for name, value in desired.items():
        if value is None:
            if name in st.query_params:
                del st.query_params[name]
        elif st.query_params.get(name) != value:
            st.query_params[name] = value
    st.session_state[_SYNCED] = desired


def _on_city_change() -> None:
    park, city = _selected("park"), _selected("city")
    if park:
        parks = dataset("parks")
        if city is None or park not in set(parks.loc[parks["city_code"] == city, "park_id"]):
            st.session_state[_KEYS["park"]] = ALL


def _on_park_change() -> None:
    park = _selected("park")
    if park:
        st.session_state[_KEYS["city"]] = _city_of(park)


def present_context() -> Scope:
    """Presentation mode: the shared scope from the URL (or the session), drawing no selectors."""
    url = {name: st.query_params.get(name) for name in PARAMS}
    values, _ = _normalise(url) if any(url.values()) else ({}, [])
    current = st.session_state.get(_PRESENT_SCOPE)
    periods = report_periods()
    period = values.get("period") or (current.period if current else None)
    if period not in periods:
        period = st.session_state.get(_KEYS["period"]) if st.session_state.get(
            _KEYS["period"]) in periods else periods[-1]
    if any(url.values()):
        scope = Scope(period=period, city=values.get("city"), park=values.get("park"))
    else:
        scope = Scope(period=period, city=_selected("city"), park=_selected("park"))
    scope = allowed_scope(viewer(), scope, dataset("parks"))[0]
    st.session_state[_PRESENT_SCOPE] = scope
    _write_url(scope)
    st.session_state.pop(_SYNCED, None)  # back in the normal view, adopt the URL again
    return scope


def sidebar_context() -> Scope:
    """Draw the period / city / park selectors in the sidebar and return the shared scope."""
    st.session_state.pop(_PRESENT_SCOPE, None)
    _sync_from_url_and_pending()
    periods = report_periods()
    if st.session_state.get(_KEYS["period"]) not in periods:
        st.session_state[_KEYS["period"]] = periods[-1]
    cities = dataset("cities")
    # the selectors offer only what the signed-in role may see (hnparks.core.access)
    identity = viewer()
    parks = allowed_parks(identity, dataset("parks"))
    names = dict(zip(cities["city_code"], cities["city_name"], strict=True))
    city_names = {code: names[code] for code in allowed_cities(identity, cities, parks)}
    anywhere = [ALL] if may_view_province(identity) else []
    if not anywhere and st.session_state.get(_KEYS["city"]) not in city_names:
        st.session_state[_KEYS["city"]] = next(iter(city_names))
    any_park = [] if identity.role == "park" else [ALL]
    if not any_park:
        st.session_state[_KEYS["park"]] = identity.park

    with st.sidebar:
        st.markdown("#### 查看范围")
        periods = _year_selector(periods)
        st.selectbox("报告期", periods, key=_KEYS["period"], format_func=period_label,
                     help="统计截止月份：各项累计指标为当年1月至该月末。")
        if st.session_state.get(_KEYS["city"]) not in (*anywhere, *city_names):
            st.session_state[_KEYS["city"]] = (anywhere or list(city_names))[0]
        # Labels never depend on another selector: the browser sends back the label it shows,
        # and a label that changed with the city (say "全部园区（144家）") would match no option.
        st.selectbox("市州", [*anywhere, *city_names], key=_KEYS["city"], on_change=_on_city_change,
                     format_func=lambda c: ALL_CITIES if c == ALL else city_names[c],
                     help=f"全省共{len(names)}个市州。")
        city = _selected("city")
        in_city = parks if city is None else parks[parks["city_code"] == city]
        listed = park_choices(in_city["park_id"].tolist(), city, st.session_state.get(_KEYS["park"]))
        park_options = [*any_park, *listed]
        shown = in_city[in_city["park_id"].isin(listed)]  # names of the listed parks only
        park_names = dict(zip(shown["park_id"], shown["park_name"], strict=True))
        if st.session_state.get(_KEYS["park"]) not in park_options:
            st.session_state[_KEYS["park"]] = park_options[0]
        st.selectbox("园区", park_options, key=_KEYS["park"], on_change=_on_park_change,
                     format_func=lambda p: ALL_PARKS if p == ALL else park_names[p],
                     help=f"{'全省' if city is None else md_escape(city_names[city])}共{len(in_city)}家"
                          "省级及以上园区。")
        if len(listed) < len(in_city):
            st.caption(f"全省共{len(in_city)}家园区，请先选择市州，再选该市州的园区。")
        notice = st.session_state.pop(_NOTICE, None)
        if notice:
            st.warning(notice)

    scope = get_scope()
    _write_url(scope)
    return scope


def get_scope() -> Scope:
    """The current shared scope, for pages and components."""
    present = st.session_state.get(_PRESENT_SCOPE)
    if present is not None:
        return present
    if _KEYS["period"] not in st.session_state:
        recover_direct_page_run()
    wanted = Scope(period=st.session_state[_KEYS["period"]], city=_selected("city"),
                   park=_selected("park"))
    return allowed_scope(viewer(), wanted, dataset("parks"))[0]  # never beyond the role


def query_params_for(scope: Scope) -> dict[str, str]:
    """The URL parameters that reproduce a scope (for links and page switches)."""
    return {k: v for k, v in (("period", scope.period), ("city", scope.city),
                              ("park", scope.park)) if v}


def set_city(city_code: str | None) -> None:
    """Set the city (clearing the park) from a click, then rerun so the sidebar follows."""
    st.session_state[_PENDING] = {"city": city_code, "park": None}
    st.rerun()


def set_park(park_id: str | None) -> None:
    """Set the park (and its city) from a click, then rerun."""
    values = {"park": park_id}
    if park_id:
        values["city"] = _city_of(park_id)
        if values["city"] is None:  # an unknown park (stale click): leave the context as it is
            return
    st.session_state[_PENDING] = values
    st.rerun()


def open_park(park_id: str) -> None:
    """Open a park's profile (园区档案) with the context set to it."""
    city = _city_of(park_id)
    if city is None:
        return
    scope = Scope(period=get_scope().period, city=city, park=park_id)
    # The period goes in the pending change too: a switch_page rerun carries no widget states,
    # so the period selector would otherwise fall back to the latest month.
    st.session_state[_PENDING] = {"park": park_id, "city": city, "period": scope.period}
    st.switch_page("pages/park.py", query_params=query_params_for(scope))
