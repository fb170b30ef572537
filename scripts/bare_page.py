"""The benchmark's floor: a bare Streamlit page with what a dashboard page minimally shows.

A sidebar selectbox, four st.metric, one plotly chart and a 144-row st.dataframe (issue 12's
baseline). Self-contained and seeded, so it costs the same whatever the data directory.
Run: streamlit run scripts/bare_page.py
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.express as px
import streamlit as st

CITIES = ["长沙市", "株洲市", "湘潭市", "衡阳市", "邵阳市", "岳阳市", "常德市", "张家界市",
          "益阳市", "郴州市", "永州市", "怀化市", "娄底市", "湘西土家族苗族自治州"]
ROWS = 144


def table(city: str) -> pd.DataFrame:
    """144 illustrative rows that depend on the chosen city (so a change redraws everything)."""
    rng = np.random.default_rng(CITIES.index(city))
    return pd.DataFrame({
        "园区": [f"园区{i + 1:03d}" for i in range(ROWS)],
        "收入（亿元）": rng.lognormal(5, 0.6, ROWS).round(1),
        "税收（亿元）": rng.lognormal(2, 0.6, ROWS).round(2),
        "增速（%）": rng.normal(8, 4, ROWS).round(1),
    })


def main() -> None:
    st.set_page_config(page_title="空白对照页", layout="wide")
    city = st.sidebar.selectbox("市州", CITIES, key="bare_city")
    frame = table(city)
    st.title(f"对照页 · {city}")
    columns = st.columns(4)
    for column, name in zip(columns, frame.columns[1:].tolist() + ["园区"], strict=True):
        value = len(frame) if name == "园区" else round(float(frame[name].sum()), 1)
        column.metric(name, value, delta=round(float(frame[frame.columns[1]].mean()), 1))
    monthly = pd.DataFrame({"月份": [f"2020-{m:02d}" for m in range(1, 13)],
                            "收入": np.cumsum(frame["收入（亿元）"].to_numpy()[:12])})
    st.plotly_chart(px.line(monthly, x="月份", y="收入", markers=True), width="stretch")
    st.dataframe(frame, width="stretch", hide_index=True)


main()
