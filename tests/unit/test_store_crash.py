"""Loads and rollbacks under crashes and concurrency: old or new everywhere, never mixed.

A real `python -m hnparks ingest` / `rollback` process is killed with SIGKILL at every write
step (hnparks.data.state.fault_point: before, during and after each file write and rename), then
the data directory is read as the dashboard would and the next load must succeed. The process is
forked from the test with the CLI's modules already imported (a fresh interpreter per step spent
most of its time importing pandas), then runs `hnparks.__main__.main` as `python -m` would.
The parent checks the same report once before forking, so every child finds the datasets read,
the "before" findings and the indicator store of the checked rows in the caches (keyed by
content) and spends its time on the write steps under test, not on the same check again.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import traceback
from pathlib import Path

import pandas as pd
import pytest

from hnparks.__main__ import main as cli_main
from hnparks.commands import store
from hnparks.core.locking import StoreBusy, writer_lock
from hnparks.data import state
from hnparks.data.catalog import read_catalog
from hnparks.data.loading import dataset_path, load_dataset
from hnparks.data.state import FAULT_ENV
from hnparks.derived.indicator_store import INPUTS, build_store
from tests.unit.test_ingest import REPO_DATA, _one_load, digest, indicator_rows, office, xlsx

REPO = REPO_DATA.parent
MAX_STEPS = 40  # far more write steps than a load has; the loop stops at the first clean run


@pytest.fixture
def pristine(tmp_path: Path) -> Path:
    shutil.copytree(REPO_DATA, tmp_path / "pristine", ignore=shutil.ignore_patterns("geo"))
    return tmp_path / "pristine"


def _cli(args: list[str], fault: int | None = None) -> subprocess.CompletedProcess:
    """`python -m hnparks ARGS` in a child process of its own (HNPARKS_FAULT_AT=`fault`): its
    exit code (negative: the signal that killed it) and what it wrote to stderr."""
    with tempfile.TemporaryFile() as err:
        pid = os.fork()
        if pid == 0:  # the child: a process of its own, killed by its own fault point
            code = 1
            try:
                os.dup2(os.open(os.devnull, os.O_WRONLY), 1)
                os.dup2(err.fileno(), 2)
                os.environ.pop(FAULT_ENV, None)
                if fault is not None:
                    os.environ[FAULT_ENV] = str(fault)
                state._fault_count = 0  # the count starts afresh, as in a new process
                code = cli_main(args)
            except SystemExit as end:
                code = end.code if isinstance(end.code, int) else 1
            except BaseException:
                traceback.print_exc()
            finally:
                sys.stderr.flush()
                os._exit(code)
        _, status = os.waitpid(pid, 0)
        err.seek(0)
        return subprocess.CompletedProcess(["python", "-m", "hnparks", *args],
                                           os.waitstatus_to_exitcode(status), "",
                                           err.read().decode("utf-8", "replace"))


def _seen(root: Path) -> tuple[pd.DataFrame, str, str, int]:
    """What a reader sees: the rows, provenance and source of park_indicators, log length."""
    info = read_catalog(root)["park_indicators"]
    return (load_dataset("park_indicators", root), info.provenance, info.source,
            len(store.history(root)))


def _assert_one_of(root: Path, old: tuple, new: tuple) -> str:
    seen = _seen(root)
    for label, want in (("old", old), ("new", new)):
        if seen[1:] == want[1:] and seen[0].equals(want[0]):
            return label
    raise AssertionError(f"mixed state: provenance={seen[1]} source={seen[2]} log={seen[3]}")


@pytest.mark.slow
def test_a_load_killed_at_every_write_step_leaves_old_or_new(pristine, tmp_path):
    report = tmp_path / "m.xlsx"
    report.write_bytes(xlsx(pristine, [indicator_rows(pristine, "P001", "2020-12", 7)]))
    args = ["ingest", str(report), "--dataset", "park_indicators", "--user", "张三",
            "--source", "省统计局月报"]
    old = _seen(pristine)
    assert store.check_files("park_indicators", [(report.name, report.read_bytes())],
                             pristine).ok  # once, for every child (see the module's docstring)
    outcomes = []
    for step in range(1, MAX_STEPS + 1):
        root = tmp_path / f"run{step}"
        shutil.copytree(pristine, root)
        done = _cli([*args, "--data-dir", str(root)], fault=step)
        if done.returncode == 0:  # more steps than this load has: it ran to the end
            new = _seen(root)
            break
        assert done.returncode == -signal.SIGKILL, done.stderr
        outcomes.append((step, root))
    else:
        pytest.fail("the load never finished")
    assert new[1:] == ("official", "省统计局月报", 1)
    seen = [_assert_one_of(root, old, new) for _, root in outcomes]
    assert len(seen) >= 10 and "old" in seen and "new" in seen  # both sides of the commit point
    for _, root in outcomes:  # the next load after the crash goes through, over what is there
        result, record = store.load("park_indicators", [
            ("n.xlsx", xlsx(root, [indicator_rows(root, "P002", "2020-12", 3)]))], office("李四"), "补报",
            root)
        assert record is not None, result.report()
        assert read_catalog(root)["park_indicators"].source == "补报"
        assert list(root.rglob("*.tmp")) == []
        referenced = {dataset_path("park_indicators", root).name}
        history = store.history(root)
        assert {p.name for p in (root / "versions/park_indicators").iterdir()} <= \
            referenced | {store.version_file("park_indicators", v).name
                          for v in history["version_id"]}


@pytest.mark.slow
def test_a_rollback_killed_at_every_write_step_leaves_old_or_new(pristine, tmp_path):
    # the store of the data the rollback returns to, built once for every child to find
    build_store({name: load_dataset(name, pristine) for name in INPUTS})
    store.commit(_one_load(pristine, "P001", 5), office("张三"), "一月报", pristine)
    loaded = _seen(pristine)
    outcomes = []
    for step in range(1, MAX_STEPS + 1):
        root = tmp_path / f"run{step}"
        shutil.copytree(pristine, root)
        done = _cli(["rollback", "--dataset", "park_indicators", "--user", "张三",
                     "--data-dir", str(root)], fault=step)
        if done.returncode == 0:
            rolled = _seen(root)
            break
        assert done.returncode == -signal.SIGKILL, done.stderr
        outcomes.append(root)
    else:
        pytest.fail("the rollback never finished")
    assert rolled[1] == "illustrative" and rolled[3] == 2
    assert {_assert_one_of(root, loaded, rolled) for root in outcomes} == {"old", "new"}
    for root in outcomes:
        assert _cli(["rollback", "--dataset", "park_indicators", "--user", "张三",
                     "--data-dir", str(root)]).returncode in (0, 1)  # 1: nothing left to undo
        assert _seen(root)[1] == "illustrative"


def test_a_second_load_while_one_runs_gets_a_chinese_message(pristine):
    before = digest(pristine)
    with writer_lock(pristine, "省园区办 张三"):
        with pytest.raises(StoreBusy) as busy:
            store.load("park_indicators", [
                ("m.xlsx", xlsx(pristine, [indicator_rows(pristine, "P001", "2020-12", 2)]))],
                office("李四"), "月报", pristine, wait=0.3)
        with pytest.raises(StoreBusy):
            store.rollback("park_indicators", office("李四"), root=pristine, wait=0.1)
    assert "另一项导入或回退正在进行" in str(busy.value) and "张三" in str(busy.value)
    assert "已有数据未改动" in str(busy.value)
    assert digest(pristine) == before


def test_a_lock_held_by_a_killed_process_does_not_block_the_next_load(pristine):
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sys, time; from pathlib import Path;"
         "from hnparks.core.locking import writer_lock\n"
         f"with writer_lock(Path({str(pristine)!r}), '王五'):\n"
         "    print('locked', flush=True); time.sleep(60)"],
        cwd=REPO, stdout=subprocess.PIPE, text=True, env={**os.environ, "PYTHONPATH": str(REPO)})
    try:
        assert holder.stdout.readline().strip() == "locked"
        with pytest.raises(StoreBusy, match="王五"):
            store.commit(_one_load(pristine), office("李四"), "月报", pristine, wait=0.2)
    finally:
        holder.kill()
        holder.wait(timeout=10)
    assert (pristine / ".ingest.lock").read_text(encoding="utf-8")  # the dead holder's note
    record = store.commit(_one_load(pristine), office("李四"), "月报", pristine, wait=0)
    assert record.rows_replaced == 1


def _ytd_rows(root: Path) -> tuple[dict, dict]:
    """Two rows for P001, each valid alone: November raised towards December, December lowered
    towards November. Together November would exceed December."""
    frame = pd.read_parquet(dataset_path("park_indicators", root)).set_index(["park_id", "period"])
    nov, dec = frame.loc[("P001", "2020-11")], frame.loc[("P001", "2020-12")]
    ytd = [c for c in frame.columns if c.endswith("_ytd")]
    a = {"park_id": "P001", "period": "2020-11", **nov.to_dict()}
    b = {"park_id": "P001", "period": "2020-12", **dec.to_dict()}
    for col in ytd:
        a[col] = round(nov[col] + 0.75 * (dec[col] - nov[col]), 2)
        b[col] = round(nov[col] + 0.25 * (dec[col] - nov[col]), 2)
    return a, b


def test_two_concurrent_loads_that_together_break_a_rule_one_is_refused(pristine):
    a, b = _ytd_rows(pristine)
    files = {name: [(f"{name}.xlsx", xlsx(pristine, [row]))] for name, row in (("a", a), ("b", b))}
    outcomes: dict[str, object] = {}
    start = threading.Barrier(2)

    def run(name: str) -> None:
        start.wait()
        try:
            outcomes[name] = store.load("park_indicators", files[name], office(name), "月报", pristine)
        except StoreBusy as error:
            outcomes[name] = error

    threads = [threading.Thread(target=run, args=(n,)) for n in files]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    loaded = [n for n, o in outcomes.items() if isinstance(o, tuple) and o[1] is not None]
    refused = [o for o in outcomes.values() if not (isinstance(o, tuple) and o[1] is not None)]
    assert len(loaded) == 1 and len(refused) == 1
    message = refused[0][0].report() if isinstance(refused[0], tuple) else str(refused[0])
    assert "累计值不应逐月减少" in message or "正在进行" in message
    frame = load_dataset("park_indicators", pristine).set_index(["park_id", "period"])
    assert frame.loc[("P001", "2020-11"), "revenue_ytd"] <= \
        frame.loc[("P001", "2020-12"), "revenue_ytd"]


def test_a_check_made_before_another_load_cannot_be_committed_after_it(pristine):
    a, b = _ytd_rows(pristine)
    first = store.check_files("park_indicators", [("a.xlsx", xlsx(pristine, [a]))], pristine)
    second = store.check_files("park_indicators", [("b.xlsx", xlsx(pristine, [b]))], pristine)
    assert first.ok and second.ok  # each passes alone
    store.commit(first, office("张三"), "月报", pristine)
    with pytest.raises(store.StoreConflict, match="请重新校验"):
        store.commit(second, office("李四"), "月报", pristine)
    assert len(store.history(pristine)) == 1
