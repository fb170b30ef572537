"""Illustrative environmental status per park and month, and the prominent-problem list."""

from __future__ import annotations

import numpy as np
import pandas as pd

from hnparks.commands.generate.scale import id_width, scaled_count

PERIODS_2020 = [f"2020-{m:02d}" for m in range(1, 13)]
SLOW_CITIES = {"430500", "430800", "433100", "431200"}  # rectification clearly behind

PROBLEM_TEMPLATES = [
    ("废水", "污水集中处理设施进水浓度偏低，管网雨污混流"),
    ("废水", "部分企业废水未经预处理接入园区管网"),
    ("废气", "企业挥发性有机物无组织排放"),
    ("废气", "园区周边异味投诉较多"),
    ("固废", "危险废物贮存场所不规范"),
    ("固废", "一般工业固体废物露天堆放"),
    ("监测", "在线监测设施未与生态环境部门联网"),
    ("手续", "建设内容与环评批复不一致"),
    ("风险", "园区环境风险应急预案未备案"),
]


def _done_month(rng: np.random.Generator, p_before: float, p_never: float) -> int:
    """0 = done before 2020; 1–12 = done in that month of 2020; 13 = not done in 2020."""
    draw = rng.random()
    if draw < p_before:
        return 0
    if draw > 1 - p_never:
        return 13
    return int(rng.integers(1, 13))


def build_env_status(parks: pd.DataFrame, rng: np.random.Generator) -> pd.DataFrame:
    """Park × month 2020: the three coverage duties, circular transformation, green park, EIA."""
    rows = []
    green_created = set(rng.choice(parks[parks["level"] == "国家级"]["park_id"], 3, replace=False))
    green_applying = set(rng.choice(parks["park_id"], 5, replace=False)) - green_created
    credit_pilots = set(rng.choice(parks["park_id"], 6, replace=False))
    for park in parks.itertuples():
        slow = park.city_code in SLOW_CITIES
        p_never = 0.12 if slow else 0.02
        sewage = _done_month(rng, 0.78, p_never)
        discharge = max(sewage, _done_month(rng, 0.75, p_never))
        monitoring = _done_month(rng, 0.70, p_never * 1.5)
        national = park.level == "国家级"
        circular = _done_month(rng, 0.55 if national else 0.30,
                               0.20 if national else 0.52)
        plan_year = int(rng.integers(2006, 2020))
        eia_year = int(max(plan_year, rng.integers(2008, 2020)))
        tracking_needed = min(plan_year, eia_year) <= 2015
        tracking_done = _done_month(rng, 0.45, 0.25) if tracking_needed else None
        green_month = int(rng.integers(4, 12)) if park.park_id in green_created else None
        for month, period in enumerate(PERIODS_2020, start=1):
            if park.park_id in green_created and month >= green_month:
                green = "已创建"
            elif park.park_id in green_applying or park.park_id in green_created:
                green = "创建中"
            else:
                green = "未申报"
            if tracking_done is None:
                tracking = "不适用"
            elif tracking_done <= month:
                tracking = "已完成"
            elif tracking_done <= 12 or month >= 6:
                tracking = "进行中"
            else:
                tracking = "未开展"
            rows.append({
                "park_id": park.park_id, "period": period,
                "sewage_treatment": sewage <= month, "compliant_discharge": discharge <= month,
                "online_monitoring": monitoring <= month,
                "circular_transformation": circular <= month,
                "green_park_status": green, "plan_approval_year": plan_year,
                "plan_eia_year": eia_year, "tracking_eia_status": tracking,
                "env_credit_pilot": park.park_id in credit_pilots,
            })
    return pd.DataFrame(rows)


def build_env_problems(parks: pd.DataFrame, rng: np.random.Generator) -> pd.DataFrame:
    """Prominent environmental problems (突出环境问题) with found, deadline and rectified dates."""
    weights = np.where(parks["level"] == "国家级", 2.5, 1.0)
    weights = weights * np.where(parks["city_code"].isin(SLOW_CITIES), 1.6, 1.0)
    count = scaled_count(236, len(parks))
    hosts = rng.choice(parks["park_id"], size=count, p=weights / weights.sum())
    width = id_width(count, 3)
    slow_parks = set(parks[parks["city_code"].isin(SLOW_CITIES)]["park_id"])
    rows = []
    for i, park_id in enumerate(sorted(hosts)):
        category, text = PROBLEM_TEMPLATES[int(rng.integers(len(PROBLEM_TEMPLATES)))]
        found = pd.Timestamp("2019-03-01") + pd.Timedelta(days=int(rng.integers(0, 560)))
        deadline = min(found + pd.Timedelta(days=int(rng.integers(90, 280))),
                       pd.Timestamp("2020-12-31"))
        draw = rng.random() + (0.12 if park_id in slow_parks else 0.0)
        if draw < 0.72:
            rectified = found + (deadline - found) * float(rng.uniform(0.3, 1.0))
        elif draw < 0.86:
            rectified = deadline + pd.Timedelta(days=int(rng.integers(10, 120)))
        else:
            rectified = None
        if rectified is not None and rectified > pd.Timestamp("2020-12-31"):
            rectified = None
        rows.append({"problem_id": f"E{i + 1:0{width}d}", "park_id": park_id, "category": category,
                     "description": text, "found_date": found.normalize(),
                     "deadline": deadline.normalize(),
                     "rectified_date": rectified.normalize() if rectified is not None else pd.NaT})
    frame = pd.DataFrame(rows)
    for col in ("found_date", "deadline", "rectified_date"):
        frame[col] = pd.to_datetime(frame[col]).astype("datetime64[ns]")
    return frame
