"""Bytes one full rerun of a page sends (every element's protobuf, read from AppTest), with its
biggest elements: what a context change re-sends, without a browser and independent of load.

    python scripts/rerun_bytes.py [--data-dir /tmp/national] overview targets park:430100 tasks:P001
    python scripts/rerun_bytes.py --changes targets tasks
    python scripts/rerun_bytes.py --change clusters:>430200 environment:@2020-05>@2020-06

A page name, optionally `:where` — a city code, a park id and/or `@YYYY-MM` (else 2020-06),
joined by commas. The browser benchmark's websocket bytes are the recorded figure; this is a
quick proxy while working.

`--changes`: the benchmark's context changes (报告期 2020年5月 ↔ 6月, 市州 株洲市 ↔ 长沙市), each
counted as the browser would receive it: an element of at least `global.minCachedMessageSize`
bytes that the run before sent the same goes as a reference (`REF_BYTES`), the rest in full,
each message with its metadata (`MSG_BYTES`). Within a few KB of the websocket bytes the
browser benchmark counted.

`--change`: each spec is `page:FROM>TO` (e.g. `clusters:>430200`, 全省 → 株洲市;
`park:430100>430200`, `environment:430100,@2020-05>430100`): the elements of the second run
except those of at least `global.minCachedMessageSize` bytes that the first run sent with the
same bytes (the browser holds them), without the per-message metadata.
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

REF_BYTES = 35  # a reference to an element the browser holds: its hash
# Every message (element or block) also carries metadata: its delta path, the script's hash and
# the run's id (about a hundred bytes, whatever the element's size).
MSG_BYTES = 110
CHANGES = [("报告期 5月", "@2020-05"), ("报告期 6月", "@2020-06"),
           ("市州 株洲市", "430200"), ("市州 长沙市", "430100")]

Sent = tuple[bytes, str, str]  # an element's protobuf, its path in the page, its key or label


def _collect(node, path: str, out: list[Sent], blocks: bool) -> None:
    """Every element under `node` (and, with `blocks`, every block: a message of its own)."""
    children = getattr(node, "children", None)
    proto = getattr(node, "proto", None)
    if proto is not None and (blocks or not children):
        label = str(getattr(node, "key", "") or getattr(node, "label", ""))[:50]
        out.append((proto.SerializeToString(deterministic=True), path, label))
    if children:
        for key, child in (children.items() if isinstance(children, dict) else enumerate(children)):
            _collect(child, f"{path}/{getattr(child, 'type', key)}", out, blocks)


def _run(page: str, where: str, blocks: bool = False) -> list[Sent]:
    """What one full rerun of `page` at `where` (see the docstring; '' = 全省) sends."""
    from bench.server import PERIOD, _dashboard

    params = {"period": PERIOD}
    for part in filter(None, where.split(",")):
        name = "period" if part.startswith("@") else "park" if part.startswith("P") else "city"
        params[name] = part.removeprefix("@")
    at = _dashboard(page, params)
    at.run()
    at.run()
    out: list[Sent] = []
    for root in at._tree.children.values():
        _collect(root, "main", out, blocks)
    return out


def _threshold() -> int:
    import tomllib

    config = tomllib.loads((REPO / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    return int(config["global"]["minCachedMessageSize"])


def changes(page: str) -> None:
    """Bytes per context change of `page`, as the browser would receive them (see above)."""
    threshold = _threshold()
    held = {proto for proto, *_ in _run(page, "", blocks=True)}
    for label, where in CHANGES:
        protos = [proto for proto, *_ in _run(page, where, blocks=True)]
        sent = sum(MSG_BYTES + (REF_BYTES if len(p) >= threshold and p in held else len(p))
                   for p in protos)
        print(f"{page:12s} {label:10s} {len(protos):4d} messages {sent / 1024:7.1f} KB")
        held = set(protos)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pages", nargs="+")
    parser.add_argument("--data-dir", type=Path, default=None)
    parser.add_argument("--top", type=int, default=4)
    parser.add_argument("--changes", action="store_true", help="bytes per context change")
    parser.add_argument("--change", action="store_true",
                        help="page:FROM>TO, the bytes of the change after references")
    args = parser.parse_args()
    if args.data_dir:
        from hnparks.core.paths import DATA_DIR_ENV

        os.environ[DATA_DIR_ENV] = str(args.data_dir.resolve())
    if args.changes:
        for page in args.pages:
            changes(page)
        return
    for spec in args.pages:
        page, _, where = spec.partition(":")
        before, _, where = where.rpartition(">") if args.change else ("", "", where)
        held = ({proto for proto, *_ in _run(page, before) if len(proto) >= _threshold()}
                if args.change else set())
        out = [(len(proto), path, label) for proto, path, label in _run(page, where)
               if proto not in held]
        total = sum(size for size, *_ in out)
        print(f"{spec:20s} {len(out):4d} elements {total / 1024:8.1f} KB")
        for size, path, label in sorted(out, reverse=True)[:args.top]:
            print(f"    {size / 1024:8.1f} KB  {path[-45:]}  {label}")


if __name__ == "__main__":
    main()
