"""佐证材料: PDF or image files attached to a task or milestone for a park. The type is read
from the file's first bytes (not its name), the size is limited, and the file is stored by its
SHA-256 under data_dir()/evidence/ (outside anything the web server serves); its metadata and
every upload are in the workflow database. Only roles that may see the park may list or read it."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pandas as pd

from hnparks.commands.reporting_common import (
    ReportingError,
    audit,
    beijing,
    require_filler,
    root_dir,
    signed_in,
    visible_parks,
)
from hnparks.core.access import AccessDenied, Identity
from hnparks.core.text import one_line
from hnparks.data.loading import dataset_path
from hnparks.data.state import write_bytes_atomic
from hnparks.data.workflow import Evidence, transaction

MAX_EVIDENCE_BYTES = 10 * 1024 * 1024
MAGIC = {b"%PDF-": "PDF", b"\x89PNG\r\n\x1a\n": "PNG", b"\xff\xd8\xff": "JPEG"}
EVIDENCE_COLUMNS = ["sha256", "filename", "kind", "size", "park_id", "item_id", "uploaded_by",
                    "uploaded_at"]
_SHA = re.compile(r"^[0-9a-f]{64}$")


def evidence_path(sha256: str) -> Path:
    """Where an evidence file's bytes are kept: data_dir()/evidence/<2 hex>/<sha256>."""
    return root_dir() / "evidence" / sha256[:2] / sha256


def file_kind(data: bytes) -> str | None:
    """PDF / PNG / JPEG by the file's magic bytes, None for anything else."""
    return next((kind for magic, kind in MAGIC.items() if data.startswith(magic)), None)


def _known_items() -> set[str]:
    items: set[str] = set()
    for name, col in (("tasks", "task_id"), ("task_milestones", "milestone_id")):
        items |= set(pd.read_parquet(dataset_path(name, root_dir()), columns=[col])[col])
    return items


def attach(item_id: str, park_id: str, filename: str, data: bytes, actor: Identity) -> str:
    """Store one evidence file for a task or milestone of the park; returns its SHA-256.
    Refused (nothing stored): another park, an unknown item, an empty or oversize file, or a
    file that is not PDF/PNG/JPEG."""
    city = require_filler(actor, park_id, "上传佐证材料")
    if item_id not in _known_items():
        raise ReportingError(f"“{one_line(item_id, 30)}”不是重点任务或节点编号，未上传")
    name = one_line(filename or "", 120) or "佐证材料"
    if not data:
        raise ReportingError(f"文件「{name}」是空文件，未上传")
    if len(data) > MAX_EVIDENCE_BYTES:
        raise ReportingError(f"文件「{name}」大小 {len(data) / 1024 / 1024:.1f} MB，超过 10 MB 上限，"
                             "未上传；请压缩或拆分后再传")
    kind = file_kind(data)
    if kind is None:
        raise ReportingError(f"文件「{name}」不是 PDF、PNG 或 JPEG 文件（按文件内容判断），未上传")
    sha = hashlib.sha256(data).hexdigest()
    path = evidence_path(sha)
    if not path.exists():
        write_bytes_atomic(path, data)
    with transaction() as session:
        session.add(Evidence(item_id=item_id, park_id=park_id, city_code=city, sha256=sha,
                             filename=name, kind=kind, size=len(data),
                             uploaded_by=one_line(actor.audit_label(), 200)))
        audit(session, actor, "上传佐证", f"{item_id} {park_id}「{name}」{kind} "
              f"{len(data)} 字节 sha256:{sha[:16]}", park_id=park_id, city_code=city)
    return sha


def evidence(item_id: str, actor: Identity) -> pd.DataFrame:
    """The evidence files of a task or milestone for the parks the actor may see."""
    signed_in(actor, "查看佐证材料")
    mine = set(visible_parks(actor)["park_id"])
    with transaction() as session:
        rows = [{"sha256": e.sha256, "filename": e.filename, "kind": e.kind, "size": e.size,
                 "park_id": e.park_id, "item_id": e.item_id, "uploaded_by": e.uploaded_by,
                 "uploaded_at": beijing(e.uploaded_at)}
                for e in session.query(Evidence).filter_by(item_id=item_id)
                .order_by(Evidence.id) if e.park_id in mine]
    return pd.DataFrame(rows, columns=EVIDENCE_COLUMNS)


def read_evidence(sha256: str, actor: Identity) -> tuple[str, bytes]:
    """(file name, bytes) of an evidence file attached for a park the actor may see; otherwise
    `AccessDenied` (the same answer whether or not the file exists)."""
    signed_in(actor, "查看佐证材料")
    mine = set(visible_parks(actor)["park_id"])
    refused = AccessDenied("无权查看该佐证材料，或材料不存在")
    if not isinstance(sha256, str) or not _SHA.match(sha256):
        raise refused
    with transaction() as session:
        names = [e.filename for e in session.query(Evidence).filter_by(sha256=sha256)
                 if e.park_id in mine]
    path = evidence_path(sha256)
    if not names or not path.exists():
        raise refused
    return names[0], path.read_bytes()
