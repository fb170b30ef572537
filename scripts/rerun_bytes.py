"""Bytes one full rerun of a page sends (every element's protobuf, read from AppTest), with its
biggest elements: what a context change re-sends, without a browser and independent of load.

    python scripts/rerun_bytes.py [--data-dir /tmp/national] overview targets park:430100 tasks:P001

A page name, optionally `:city_code` or `:park_id`, at 2020-06. The browser benchmark's
websocket bytes are the recorded figure; this is a quick proxy while working.

`--change`: each page spec is `page:FROM>TO` (e.g. `clusters:>430200`, 全省 → 株洲市;
`park:430100>430200`, `clusters:@2020-05>@2020-06`, `environment:430100,@2020-05>430100`):
the bytes the change sends after Streamlit's references, i.e. every
element of the second run except those of at least `global.minCachedMessageSize` bytes that the
first run sent with the same bytes (the browser holds them).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPO), str(REPO / "scripts")]
os.environ.setdefault("HNPARKS_ANONYMOUS_VIEW", "1")
os.chdir(REPO)


def _elements(node, path: str, out: list[tuple[bytes, str, str]]) -> None:
    children = getattr(node, "children", None)
    if children:
        for key, child in (children.items() if isinstance(children, dict) else enumerate(children)):
            _elements(child, f"{path}/{getattr(child, 'type', key)}", out)
    elif getattr(node, "proto", None) is not None:
        label = str(getattr(node, "key", "") or getattr(node, "label", ""))[:50]
        out.append((node.proto.SerializeToString(deterministic=True), path, label))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pages", nargs="+")
    parser.add_argument("--data-dir", type=Path, default=None)
    parser.add_argument("--top", type=int, default=4)
    parser.add_argument("--change", action="store_true",
                        help="page:FROM>TO, the bytes of the change after references")
    args = parser.parse_args()
    if args.data_dir:
        from hnparks.core.paths import DATA_DIR_ENV

        os.environ[DATA_DIR_ENV] = str(args.data_dir.resolve())
    from bench.server import _dashboard

    for spec in args.pages:
        page, _, where = spec.partition(":")
        before, _, where = where.rpartition(">") if args.change else ("", "", where)
        held = set()
        if args.change:
            held = {proto for proto, *_ in _run(_dashboard, page, before)
                    if len(proto) >= _threshold()}
        out = [(len(proto), path, label) for proto, path, label in _run(_dashboard, page, where)
               if proto not in held]
        total = sum(size for size, *_ in out)
        print(f"{spec:20s} {len(out):4d} elements {total / 1024:8.1f} KB")
        for size, path, label in sorted(out, reverse=True)[:args.top]:
            print(f"    {size / 1024:8.1f} KB  {path[-45:]}  {label}")


def _threshold() -> int:
    import tomllib

    config = tomllib.loads((REPO / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    return int(config["global"]["minCachedMessageSize"])


def _run(dashboard, page: str, where: str) -> list[tuple[bytes, str, str]]:
    """Every element one full rerun of `page` sends at `where`: a city code, a park id and/or
    `@YYYY-MM` (else 2020-06), joined by commas, or '' (全省)."""
    from bench.server import PERIOD

    params = {"period": PERIOD}
    for part in filter(None, where.split(",")):
        name = "period" if part.startswith("@") else "park" if part.startswith("P") else "city"
        params[name] = part.removeprefix("@")
    at = dashboard(page, params)
    at.run()
    at.run()
    out: list[tuple[bytes, str, str]] = []
    for root in at._tree.children.values():
        _elements(root, "main", out)
    return out


if __name__ == "__main__":
    main()
