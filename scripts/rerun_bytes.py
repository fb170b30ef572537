"""Bytes one full rerun of a page sends (every element's protobuf, read from AppTest), with its
biggest elements: what a context change re-sends, without a browser and independent of load.

    python scripts/rerun_bytes.py [--data-dir /tmp/national] overview targets park:430100 tasks:P001
    python scripts/rerun_bytes.py --changes targets tasks

A page name, optionally `:city_code` or `:park_id`, at 2020-06. The browser benchmark's
websocket bytes are the recorded figure; this is a quick proxy while working. `--changes`: the
benchmark's context changes (报告期 2020年5月 ↔ 6月, 市州 株洲市 ↔ 长沙市), each counted as the
browser would receive it: an element of at least `global.minCachedMessageSize` bytes that the run before sent the same
goes as a reference (`REF_BYTES`), the rest in full, each message with its metadata
(`MSG_BYTES`). Within a few KB of the websocket bytes the browser benchmark counted.
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


def _elements(node, path: str, out: list[tuple[int, str, str]]) -> None:
    children = getattr(node, "children", None)
    if children:
        for key, child in (children.items() if isinstance(children, dict) else enumerate(children)):
            _elements(child, f"{path}/{getattr(child, 'type', key)}", out)
    elif getattr(node, "proto", None) is not None:
        label = str(getattr(node, "key", "") or getattr(node, "label", ""))[:50]
        out.append((len(node.proto.SerializeToString()), path, label))


REF_BYTES = 35  # a reference to an element the browser holds: its hash
# Every message (element or block) also carries metadata: its delta path, the script's hash and
# the run's id (about a hundred bytes, whatever the element's size).
MSG_BYTES = 110
CHANGES = [("报告期 5月", {"period": "2020-05"}), ("报告期 6月", {"period": "2020-06"}),
           ("市州 株洲市", {"period": "2020-06", "city": "430200"}),
           ("市州 长沙市", {"period": "2020-06", "city": "430100"})]


def _run(page: str, params: dict[str, str]) -> list[bytes]:
    from bench.server import _dashboard

    at = _dashboard(page, params)
    at.run()
    protos: list[bytes] = []
    for root in at._tree.children.values():
        _collect(root, protos)
    return protos


def _collect(node, out: list[bytes]) -> None:
    if getattr(node, "proto", None) is not None:  # an element, or a block (its own message)
        out.append(node.proto.SerializeToString(deterministic=True))
    children = getattr(node, "children", None)
    if children:
        for child in (children.values() if isinstance(children, dict) else children):
            _collect(child, out)


def changes(page: str) -> None:
    """Bytes per context change of `page`, as the browser would receive them (see the docstring)."""
    import tomllib

    config = tomllib.loads((REPO / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    threshold = int(config["global"]["minCachedMessageSize"])
    held = set(_run(page, {"period": "2020-06"}))
    for label, params in CHANGES:
        protos = _run(page, params)
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
    args = parser.parse_args()
    if args.data_dir:
        from hnparks.core.paths import DATA_DIR_ENV

        os.environ[DATA_DIR_ENV] = str(args.data_dir.resolve())
    from bench.server import PERIOD, _dashboard

    if args.changes:
        for page in args.pages:
            changes(page)
        return
    for spec in args.pages:
        page, _, where = spec.partition(":")
        params = {"period": PERIOD} | ({"park" if where.startswith("P") else "city": where}
                                       if where else {})
        at = _dashboard(page, params)
        at.run()
        at.run()
        out: list[tuple[int, str, str]] = []
        for root in at._tree.children.values():
            _elements(root, "main", out)
        total = sum(size for size, *_ in out)
        print(f"{spec:20s} {len(out):4d} elements {total / 1024:8.1f} KB")
        for size, path, label in sorted(out, reverse=True)[:args.top]:
            print(f"    {size / 1024:8.1f} KB  {path[-45:]}  {label}")


if __name__ == "__main__":
    main()
