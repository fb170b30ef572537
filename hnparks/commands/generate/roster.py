"""The 144-park roster: 21 national-level parks by name, the provincial rest generated per county."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from hnparks.commands.generate.scale import DEFAULT_PARKS, id_width
from hnparks.data.geo import point_in_county

N_PARKS = DEFAULT_PARKS

# County of each national-level park (by a keyword of its county's name). Approximate: the
# official roster with 四至范围 is not at hand, so the catalog marks locations illustrative.
NATIONAL_PARK_COUNTY_HINTS = {
    "长沙经济技术开发区": "长沙县",
    "宁乡经济技术开发区": "宁乡",
    "浏阳经济技术开发区": "浏阳",
    "望城经济技术开发区": "望城",
    "长沙高新技术产业开发区": "岳麓",
    "长沙黄花综合保税区": "长沙县",
    "株洲高新技术产业开发区": "天元",
    "湘潭经济技术开发区": "雨湖",
    "湘潭高新技术产业开发区": "岳塘",
    "湘潭综合保税区": "雨湖",
    "衡阳高新技术产业开发区": "蒸湘",
    "衡阳综合保税区": "雁峰",
    "岳阳经济技术开发区": "岳阳楼",
    "岳阳城陵矶综合保税区": "岳阳楼",
    "常德经济技术开发区": "武陵",
    "常德高新技术产业开发区": "鼎城",
    "娄底经济技术开发区": "娄星",
    "益阳高新技术产业开发区": "赫山",
    "郴州高新技术产业开发区": "苏仙",
    "郴州综合保税区": "北湖",
    "怀化高新技术产业开发区": "鹤城",
}

# Cluster links of the national-level parks (illustrative, guided by where the firms are).
NATIONAL_PARK_CLUSTERS = {
    "长沙经济技术开发区": ["C01", "C07"],
    "长沙高新技术产业开发区": ["C01", "C04", "C06"],
    "宁乡经济技术开发区": ["C07", "C05"],
    "浏阳经济技术开发区": ["C06", "C04"],
    "望城经济技术开发区": ["C08", "C05"],
    "长沙黄花综合保税区": ["C03"],
    "株洲高新技术产业开发区": ["C02", "C03"],
    "湘潭经济技术开发区": ["C01", "C07"],
    "湘潭高新技术产业开发区": ["C07"],
    "衡阳高新技术产业开发区": ["C04"],
    "岳阳经济技术开发区": ["C06"],
    "常德经济技术开发区": ["C05", "C01"],
    "常德高新技术产业开发区": ["C05"],
    "娄底经济技术开发区": ["C08", "C01"],
    "益阳高新技术产业开发区": ["C05", "C04"],
    "郴州高新技术产业开发区": ["C08"],
    "怀化高新技术产业开发区": ["C06", "C05"],
}

# Clusters a provincial park of each city plausibly joins (illustrative).
CITY_CLUSTERS = {
    "430100": ["C01", "C04", "C06", "C07", "C03"],
    "430200": ["C02", "C03", "C08"],
    "430300": ["C01", "C07"],
    "430400": ["C04", "C05", "C08"],
    "430500": ["C05", "C06"],
    "430600": ["C06", "C05"],
    "430700": ["C05", "C01"],
    "430800": ["C05"],
    "430900": ["C05", "C01"],
    "431000": ["C08", "C04"],
    "431100": ["C05", "C06"],
    "431200": ["C06", "C05"],
    "431300": ["C08", "C01"],
    "433100": ["C05", "C06"],
}

GENERIC_INDUSTRIES = [
    "电子信息", "新材料", "装备制造", "食品加工", "纺织服装", "有色金属精深加工",
    "建材", "精细化工", "现代物流", "汽车零部件", "医药健康", "家居建材",
]

CLUSTER_INDUSTRY = {
    "C01": "工程机械", "C02": "轨道交通装备", "C03": "航空航天",
    "C04": "计算机及信息安全", "C05": "绿色食品", "C06": "生物医药",
    "C07": "储能材料及动力电池", "C08": "新型轻合金",
}

PROVINCIAL_TYPES = ["经济开发区", "高新技术产业开发区", "工业集中区"]
PROVINCIAL_TYPE_WEIGHTS = [0.6, 0.25, 0.15]


def _short_county_name(name: str) -> str:
    """'醴陵市' → '醴陵', '长沙县' → '长沙', '湘西土家族苗族自治州' style names kept sensible."""
    for suffix in ("土家族苗族自治县", "苗族自治县", "侗族自治县", "瑶族自治县", "土家族自治县",
                   "自治县", "县", "市", "区"):
        if name.endswith(suffix) and len(name) > len(suffix) + 1:
            return name[: -len(suffix)]
    return name


def _county_for(hint: str, city_code: str, counties: pd.DataFrame) -> str:
    in_city = counties[counties["city_code"] == city_code]
    match = in_city[in_city["county_name"].str.contains(hint, regex=False)]
    return str((match if len(match) else in_city).iloc[0]["county_code"])


def _unique_name(county_name: str, kind: str, taken: set[str]) -> str:
    """'湖南<县>经济开发区', another kind if taken, else numbered (only beyond 144 parks)."""
    short = _short_county_name(county_name)
    for candidate in [kind, *PROVINCIAL_TYPES]:
        if f"湖南{short}{candidate}" not in taken:
            return f"湖南{short}{candidate}"
    number = 2
    while f"湖南{short}第{number}{kind}" in taken:
        number += 1
    return f"湖南{short}第{number}{kind}"


def _provincial_counties(counties: pd.DataFrame, hosting: set[str], wanted: int,
                         rng: np.random.Generator) -> list[str]:
    """One provincial park in every county without a national one, the rest in weighted
    counties (without repeats up to 144 parks; with repeats for a larger synthetic roster)."""
    chosen = [c for c in counties["county_code"] if c not in hosting]
    if wanted < len(chosen):
        return sorted(rng.choice(chosen, size=wanted, replace=False))
    extra = wanted - len(chosen)
    # Second parks go to counties of the larger cities (weights favour Changsha and the east).
    weights = counties["city_code"].map(
        {"430100": 4, "430200": 2.5, "430300": 2.5, "430400": 2, "430600": 2, "430700": 2}
    ).fillna(1.0).to_numpy()
    chosen += list(rng.choice(counties["county_code"], size=extra,
                              replace=extra > len(counties), p=weights / weights.sum()))
    return sorted(chosen)


def build_parks(national: pd.DataFrame, counties: pd.DataFrame, geo: Path,
                rng: np.random.Generator, n_parks: int = N_PARKS) -> pd.DataFrame:
    """The roster (144 parks by default) with id, names, city, county, level, type, area,
    industries; park ids are P001.. (wider, e.g. P0001, when there are more than 999)."""
    rows: list[dict] = []
    for item in national.itertuples():
        county = _county_for(NATIONAL_PARK_COUNTY_HINTS.get(item.park_name, ""),
                             item.city_code, counties)
        rows.append({"park_name": item.park_name, "city_code": item.city_code,
                     "county_code": county, "level": "国家级", "park_type": item.park_type,
                     "name_provenance": "official",
                     "name_verified": str(item.verified).strip().lower() == "true",
                     "cluster_ids": NATIONAL_PARK_CLUSTERS.get(item.park_name, [])})

    hosting = {r["county_code"] for r in rows}
    counties = counties.sort_values("county_code").reset_index(drop=True)
    chosen = _provincial_counties(counties, hosting, n_parks - len(rows), rng)
    by_code = counties.set_index("county_code")
    taken: set[str] = {r["park_name"] for r in rows}
    for code in chosen:
        county = by_code.loc[code]
        kind = str(rng.choice(PROVINCIAL_TYPES, p=PROVINCIAL_TYPE_WEIGHTS))
        name = _unique_name(county["county_name"], kind, taken)
        kind = next((k for k in PROVINCIAL_TYPES if name.endswith(k)), kind)
        taken.add(name)
        options = CITY_CLUSTERS[county["city_code"]]
        n_links = int(rng.choice([0, 1, 1, 2]))
        links = sorted(rng.choice(options, size=min(n_links, len(options)), replace=False))
        rows.append({"park_name": name, "city_code": county["city_code"], "county_code": code,
                     "level": "省级", "park_type": kind, "name_provenance": "illustrative",
                     "name_verified": False, "cluster_ids": [str(c) for c in links]})

    parks = pd.DataFrame(rows)
    parks = parks.sort_values(["city_code", "level", "county_code", "park_name"],
                              key=lambda s: s.map({"国家级": "0", "省级": "1"}) if s.name == "level" else s)
    parks = parks.reset_index(drop=True)
    width = id_width(len(parks), 3)
    parks.insert(0, "park_id", [f"P{i + 1:0{width}d}" for i in range(len(parks))])
    national_mask = parks["level"] == "国家级"
    area = np.where(national_mask, rng.uniform(15, 60, len(parks)), rng.uniform(3, 20, len(parks)))
    area = np.where(parks["park_type"] == "综合保税区", rng.uniform(1.5, 5, len(parks)), area)
    parks["approved_area_km2"] = np.round(area, 2)
    parks["leading_industries"] = [
        "、".join(dict.fromkeys([CLUSTER_INDUSTRY[c] for c in links]
                                + list(rng.choice(GENERIC_INDUSTRIES, size=2 - min(len(links), 1),
                                                  replace=False))))
        for links in parks["cluster_ids"]
    ]
    parks["cluster_ids"] = parks["cluster_ids"].map(lambda ids: ";".join(ids))
    points = [point_in_county(code, rng, geo) for code in parks["county_code"]]
    parks["lon"] = [round(p[0], 4) for p in points]
    parks["lat"] = [round(p[1], 4) for p in points]
    return parks
