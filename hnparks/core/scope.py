"""The shared context (report period, city, park) as a plain value, and what it selects."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd


@dataclass(frozen=True)
class Scope:
    """What the user is looking at: a report period and optionally a city or a park."""

    period: str
    city: str | None = None
    park: str | None = None

    @property
    def level(self) -> str:
        """'park', 'city' or 'province'."""
        return "park" if self.park else "city" if self.city else "province"

    @property
    def where(self) -> str:
        """'全省', '本市州' or '本园区', for headings that speak of the scope."""
        return {"province": "全省", "city": "本市州", "park": "本园区"}[self.level]

    def select_parks(self, parks: pd.DataFrame) -> pd.DataFrame:
        """The rows of a park-level table (with `park_id` and `city_code`, e.g. the roster or
        the 亩均效益 evaluation) in scope: all, one city's, or one park's."""
        if self.park:
            return parks[parks["park_id"] == self.park]
        if self.city:
            return parks[parks["city_code"] == self.city]
        return parks

    def park_rows(self, frame: pd.DataFrame, parks: pd.DataFrame) -> pd.DataFrame:
        """The rows of `frame` (any table with a `park_id`) whose park is in scope, judged on
        the roster `parks`: the one scope filter for facts that carry no city code."""
        return frame[frame["park_id"].isin(self.select_parks(parks)["park_id"])]

    def label(self, cities: pd.DataFrame, parks: pd.DataFrame) -> str:
        """'全省', a city name or a park name, for headings."""
        if self.park:
            match = parks.loc[parks["park_id"] == self.park, "park_name"]
            return str(match.iloc[0]) if len(match) else self.park
        if self.city:
            match = cities.loc[cities["city_code"] == self.city, "city_name"]
            return str(match.iloc[0]) if len(match) else self.city
        return "全省"
