"""Illustrative cluster output, specialty parks, key projects (“五个100”) and investment attraction."""

from __future__ import annotations

import numpy as np
import pandas as pd

from hnparks.commands.generate.indicators import monthly_series, to_ytd
from hnparks.commands.generate.scale import generated_periods, id_width, scaled_count

# Chain segments (产业链环节) of each cluster: an illustrative taxonomy for the treemap.
CLUSTER_SEGMENTS = {
    "C01": [("上游", "核心零部件"), ("中游", "整机制造"), ("下游", "租赁与后市场服务")],
    "C02": [("上游", "牵引传动与关键部件"), ("中游", "整车制造"), ("下游", "运维检修与系统集成")],
    "C03": [("上游", "材料与零部件"), ("中游", "中小航空发动机与整机"), ("下游", "通航运营与维修")],
    "C04": [("上游", "芯片与基础软件"), ("中游", "整机与信息安全产品"), ("下游", "行业应用与服务")],
    "C05": [("上游", "种养殖基地"), ("中游", "精深加工"), ("下游", "冷链物流与品牌营销")],
    "C06": [("上游", "原料药与中药材"), ("中游", "制剂与医疗器械"), ("下游", "医药流通与健康服务")],
    "C07": [("上游", "正负极材料与前驱体"), ("中游", "电芯与电池系统"), ("下游", "回收利用与储能应用")],
    "C08": [("上游", "铝镁钛原材料"), ("中游", "合金熔铸与加工"), ("下游", "轻量化部件")],
}
SEGMENT_WEIGHTS = np.array([0.28, 0.52, 0.20])

# Relative weight of a cluster in its parks' output: the world-class clusters dominate the parks
# they sit in; green food is spread thin over many county parks.
CLUSTER_WEIGHT = {"C01": 1.9, "C02": 2.8, "C03": 0.8, "C04": 1.0, "C05": 0.5, "C06": 0.8,
                  "C07": 1.2, "C08": 0.8}

# Where each cluster's industry actually is (data/sources/cluster_locations.csv: home cities and
# the public basis): a park in the first home city gives the cluster this weight, in another
# home city `SECOND_HOME_WEIGHT`, elsewhere `AWAY_WEIGHT`.
HOME_WEIGHT = {"C01": 2.5, "C02": 2.5, "C03": 2.5, "C04": 1.6, "C07": 1.4}
SECOND_HOME_WEIGHT = 1.2
AWAY_WEIGHT = 0.55


def home_weight(links: pd.DataFrame, homes: pd.DataFrame) -> np.ndarray:
    """Weight of each park-cluster link (`cluster_id`, `city_code`) by where the cluster's
    industry is located (`homes`: cluster_id, home_city_codes ';'-joined, first is the centre)."""
    cities = {row.cluster_id: str(row.home_city_codes).split(";") for row in homes.itertuples()}

    def weight(cluster: str, city: str) -> float:
        home = cities.get(cluster)
        if not home or cluster not in HOME_WEIGHT:
            return 1.0
        if city == home[0]:
            return HOME_WEIGHT[cluster]
        return SECOND_HOME_WEIGHT if city in home else AWAY_WEIGHT
    return np.array([weight(c, city) for c, city in zip(links["cluster_id"], links["city_code"],
                                                       strict=True)])


PROJECT_TEMPLATES = {
    "C01": ["智能化挖掘机生产线", "大型起重机械产业化", "液压核心零部件", "工程机械再制造基地"],
    "C02": ["新一代轨道交通牵引系统", "城轨车辆智能制造", "轨道交通关键零部件"],
    "C03": ["中小航空发动机研发制造", "通用飞机总装", "航空复合材料构件"],
    "C04": ["自主可控计算机整机", "信息安全产品产业化", "集成电路封装测试"],
    "C05": ["绿色食品精深加工", "冷链物流中心", "特色农产品加工园"],
    "C06": ["创新药产业化", "医疗器械生产基地", "中药饮片精深加工"],
    "C07": ["锂电正极材料", "动力电池生产线", "废旧电池回收利用"],
    "C08": ["高性能铝合金型材", "镁合金精密压铸", "钛合金材料"],
    None: ["标准厂房建设", "智能制造示范工厂", "新材料产业化", "电子信息产业园"],
}
PROJECT_CATEGORIES = [("重大产业项目", 100), ("重大科技创新项目", 40), ("重大产品创新项目", 40)]
PROJECT_STATUSES = ("未开工", "在建", "竣工投产")
SPECIALTY_SHARE_OF_HOST = 0.7  # a specialty park's output at most this share of its host park's
SPECIALTY_SHARE_OF_INDUSTRY = 0.9  # … and of its industry's output in the host (cluster_output)
COMPLETED_SPENT = 0.9  # a project completes once it has spent this share of its 2020 plan


def _park_cluster_links(parks: pd.DataFrame) -> pd.DataFrame:
    links = parks[["park_id", "city_code", "level", "cluster_ids"]].copy()
    links["cluster_id"] = links["cluster_ids"].str.split(";")
    links = links.explode("cluster_id")
    links = links[links["cluster_id"].notna() & (links["cluster_id"] != "")]
    links["rank"] = links.groupby("park_id").cumcount()
    return links.drop(columns="cluster_ids").reset_index(drop=True)


def build_cluster_output(parks: pd.DataFrame, indicators: pd.DataFrame, homes: pd.DataFrame,
                         rng: np.random.Generator) -> pd.DataFrame:
    """Park × cluster × chain segment × month: cluster output (亿元, YTD) and enterprises (家),
    concentrated in the clusters' home cities (`homes`, data/sources/cluster_locations.csv)."""
    links = _park_cluster_links(parks)
    share = np.where(links["rank"] == 0, rng.uniform(0.25, 0.55, len(links)),
                     rng.uniform(0.08, 0.22, len(links)))
    share *= links["cluster_id"].map(CLUSTER_WEIGHT).to_numpy()
    share = np.minimum(share * home_weight(links, homes), 0.75)
    output = indicators.pivot(index="park_id", columns="period", values="output_ytd")
    periods = list(output.columns)
    rows = []
    for link, park_share in zip(links.itertuples(), share, strict=True):
        ytd = output.loc[link.park_id].to_numpy()
        monthly = np.diff(np.concatenate([[0], ytd[:12], [0], ytd[12:]]))
        monthly = np.delete(monthly, 12)  # drop the Dec→Jan reset
        weights = SEGMENT_WEIGHTS * rng.uniform(0.7, 1.3, 3)
        weights /= weights.sum()
        firms = max(int(rng.lognormal(np.log(25), 0.6) * park_share * 3), 3)
        for (stage, segment), weight in zip(CLUSTER_SEGMENTS[link.cluster_id], weights,
                                            strict=True):
            seg_monthly = monthly * park_share * weight * rng.normal(1, 0.02, 24)
            seg_ytd = to_ytd(seg_monthly[None, :])[0]
            seg_firms = max(int(round(firms * weight)), 1)
            for i, period in enumerate(periods):
                rows.append((link.park_id, link.cluster_id, stage, segment, period,
                             round(float(seg_ytd[i]), 2), seg_firms + (i >= 12)))
    return pd.DataFrame(rows, columns=["park_id", "cluster_id", "chain_stage", "chain_segment",
                                       "period", "output_ytd", "enterprises"])


def build_specialty_parks(parks: pd.DataFrame, indicators: pd.DataFrame,
                          cluster_output: pd.DataFrame,
                          rng: np.random.Generator) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Specialty parks (特色产业园) hosted in parks, and their monthly output (亿元, YTD): below
    the host's output, and below its industry's output in the host when it belongs to a cluster."""
    annual = indicators[indicators["period"] == "2019-12"].set_index("park_id")["output_ytd"]
    weights = annual.reindex(parks["park_id"]).to_numpy()
    count = scaled_count(58, len(parks))
    hosts = rng.choice(parks["park_id"], size=count, replace=False, p=weights / weights.sum())
    width = id_width(count, 2)
    by_id = parks.set_index("park_id")
    rows = []
    for i, park_id in enumerate(sorted(hosts)):
        park = by_id.loc[park_id]
        links = [c for c in str(park["cluster_ids"]).split(";") if c]
        cluster = links[0] if links and rng.random() < 0.8 else None
        industry = (park["leading_industries"].split("、")[0])
        short = park["park_name"].replace("湖南", "").replace("技术产业开发区", "")
        short = short.replace("经济技术开发区", "经开").replace("经济开发区", "").replace("工业集中区", "")
        short = short.replace("综合保税区", "综保区")
        approved = f"{int(rng.integers(2016, 2020))}-{int(rng.integers(1, 13)):02d}-01"
        rows.append({"specialty_id": f"S{i + 1:0{width}d}", "specialty_name": f"{short}{industry}特色产业园",
                     "park_id": park_id, "cluster_id": cluster, "leading_industry": industry,
                     "approved_date": approved})
    specialty = pd.DataFrame(rows)
    # New provincial specialty parks approved during 2020 (target: about 5).
    new_ones = rng.choice(len(specialty), size=4, replace=False)
    for month, idx in zip([5, 7, 9, 11], sorted(new_ones), strict=True):
        specialty.loc[idx, "approved_date"] = f"2020-{month:02d}-15"
    specialty["approved_date"] = pd.to_datetime(specialty["approved_date"])

    size_2019 = rng.lognormal(np.log(100), 0.5, len(specialty))
    growth = rng.normal(0.11, 0.06, len(specialty))
    monthly = monthly_series(size_2019, growth, rng)
    # A specialty park is part of its host park: its output stays below the host's.
    host = indicators.pivot(index="park_id", columns="period", values="output_ytd")
    host = host.reindex(specialty["park_id"]).to_numpy()
    ytd = np.minimum(to_ytd(monthly), SPECIALTY_SHARE_OF_HOST * host)
    industry = cluster_output.groupby(["park_id", "cluster_id", "period"])["output_ytd"].sum()
    industry = industry.unstack("period")
    key = pd.MultiIndex.from_arrays([specialty["park_id"], specialty["cluster_id"].fillna("")])
    in_host = industry.reindex(key).to_numpy()
    ytd = np.where(np.isnan(in_host), ytd, np.minimum(ytd, SPECIALTY_SHARE_OF_INDUSTRY * in_host))
    periods = generated_periods()
    output = pd.DataFrame({
        "specialty_id": np.repeat(specialty["specialty_id"].to_numpy(), 24),
        "period": np.tile(periods, len(specialty)),
        "output_ytd": np.round(ytd.ravel(), 2),
    })
    return specialty, output


def build_key_projects(parks: pd.DataFrame, rng: np.random.Generator) -> tuple[pd.DataFrame, pd.DataFrame]:
    """“五个100” key projects (static) and their monthly 2020 progress."""
    links = _park_cluster_links(parks)
    national = parks[parks["level"] == "国家级"]["park_id"]
    rows = []
    k = 0
    counts = [(category, scaled_count(count, len(parks))) for category, count in PROJECT_CATEGORIES]
    width = id_width(sum(count for _, count in counts), 3)
    for category, count in counts:
        for _ in range(count):
            k += 1
            if rng.random() < 0.7 and len(links):
                link = links.iloc[int(rng.integers(len(links)))]
                park_id, cluster = link["park_id"], link["cluster_id"]
            else:
                pool = national if rng.random() < 0.4 else parks["park_id"]
                park_id, cluster = str(rng.choice(pool)), None
            template = str(rng.choice(PROJECT_TEMPLATES[cluster]))
            total = float(np.round(rng.lognormal(np.log(18), 0.7), 1))
            start_month = int(rng.integers(1, 10))
            start = pd.Timestamp(2020, start_month, 1)
            finish = start + pd.DateOffset(months=int(rng.integers(4, 31)))
            rows.append({
                "project_id": f"K{k:0{width}d}", "project_name": f"{template}项目（{k:0{width}d}）",
                "category": category, "park_id": park_id, "cluster_id": cluster,
                "total_investment": total,
                "plan_investment": round(total * float(rng.uniform(0.3, 0.6)), 1),
                "planned_start": start,
                "planned_finish": pd.Timestamp(finish.year, finish.month, 28),
            })
    projects = pd.DataFrame(rows)

    progress_rows = []
    for project in projects.itertuples():
        pace = float(rng.choice([rng.uniform(0.95, 1.15), rng.uniform(0.45, 0.8)], p=[0.78, 0.22]))
        delay = 0 if pace > 0.9 else int(rng.integers(0, 4))
        start = project.planned_start.month + delay
        done_2020 = project.planned_finish.year == 2020
        # Spending follows progress: the year's plan spread over the months from the start to
        # the planned finish (or December), flat once the work is done.
        last = project.planned_finish.month if done_2020 else 12
        months_planned = max(1, last - project.planned_start.month + 1)
        for month in range(1, 13):
            active = max(0, month - start + 1)
            spent = min(project.plan_investment * pace * active / months_planned,
                        project.plan_investment * 1.15)
            if active == 0:
                status = "未开工"
            elif (done_2020 and month >= project.planned_finish.month and pace > 0.9
                  and spent >= COMPLETED_SPENT * project.plan_investment):
                status = "竣工投产"
            else:
                status = "在建"
            progress_rows.append((project.project_id, f"2020-{month:02d}", status, round(spent, 2)))
    progress = pd.DataFrame(progress_rows, columns=["project_id", "period", "status",
                                                    "completed_investment_ytd"])
    return projects, progress


def build_attraction(parks: pd.DataFrame, indicators: pd.DataFrame,
                     rng: np.random.Generator) -> pd.DataFrame:
    """Park × month: projects signed/started, signed investment (亿元), “三类500强” introduced (YTD)."""
    annual = indicators[indicators["period"] == "2019-12"].set_index("park_id")["revenue_ytd"]
    scale = (annual.reindex(parks["park_id"]).to_numpy() / 300.0) ** 0.7
    n = len(parks)
    factor = np.concatenate([np.ones(12), [0.6, 0.3, 0.8, 1.1, 1.2, 1.2, 1.1, 1.1, 1.1, 1.1, 1.1, 1.2]])
    signed = rng.poisson(np.outer(scale * 0.9, factor))
    started = rng.binomial(signed, 0.6)
    investment = signed * rng.lognormal(np.log(3.5), 0.5, (n, 24))
    top500 = rng.binomial(signed, 0.06)
    periods = generated_periods()
    frame = pd.DataFrame({
        "park_id": np.repeat(parks["park_id"].to_numpy(), 24),
        "period": np.tile(periods, n),
        "projects_signed_ytd": to_ytd(signed).ravel().astype(int),
        "projects_started_ytd": to_ytd(started).ravel().astype(int),
        "signed_investment_ytd": np.round(to_ytd(investment).ravel(), 2),
        "top500_introduced_ytd": to_ytd(top500).ravel().astype(int),
    })
    return frame


def build_enterprises(parks: pd.DataFrame, clusters: pd.DataFrame,
                      indicators: pd.DataFrame) -> pd.DataFrame:
    """Leading enterprises named in the reference (names public, park placement approximate)."""
    annual = indicators[indicators["period"] == "2019-12"].set_index("park_id")["revenue_ytd"]
    parks = parks.assign(size=parks["park_id"].map(annual))
    rows = []
    for cluster in clusters.itertuples():
        firms = [f for f in str(cluster.leading_firms or "").split("、") if f]
        cities = [c for c in str(cluster.center_cities or "").split(";") if c]
        for firm in firms:
            city = "430200" if ("株洲" in firm or "南方" in firm) else cities[0]
            in_city = parks[parks["city_code"] == city]
            linked = in_city[in_city["cluster_ids"].str.contains(cluster.cluster_id)]
            pool = linked if len(linked) else in_city
            park = pool.sort_values("size", ascending=False).iloc[0]
            rows.append({"enterprise_name": firm, "cluster_id": cluster.cluster_id,
                         "park_id": park["park_id"], "city_code": city})
    return pd.DataFrame(rows, columns=["enterprise_name", "cluster_id", "park_id", "city_code"])
