"""Every hostile case of issue 25, on SQLite and on PostgreSQL: each is refused in the domain
with a Chinese message and leaves every workflow row, evidence file and dataset as it was."""

from __future__ import annotations

import threading

import pytest

from hnparks.commands import reporting_common
from hnparks.commands.reporting import (
    AccessDenied,
    ReportingError,
    audit_trail,
    close_round,
    compare,
    draft,
    open_round,
    publish,
    review,
    save_draft,
    submissions,
    submit,
)
from hnparks.data.workflow import dispose
from tests.unit.reporting_cases import (
    ADMIN,
    CITY,
    DATASET,
    JUNE,
    OTHER_CITY,
    city_parks,
    clean_park,
    frame,
    one_more_firm,
    park_user,
    row_of,
)
from tests.workflow import clear_workflow, snapshot


@pytest.fixture
def opened(workflow_db):
    """A June round opened by the office, due today, on an empty workflow database; the
    (round id, park, its user, url, root) of a park whose changed row needs no note."""
    url, root = workflow_db
    clear_workflow(url, root)
    park = clean_park(root, city_parks(root))
    round_id = open_round(DATASET, JUNE, reporting_common.today(), ADMIN)
    return round_id, park, park_user(park), url, root


def _unchanged(url, root, before, call, error, match):
    with pytest.raises(error, match=match):
        call()
    assert snapshot(url, root) == before


def _submitted(opened) -> dict:
    round_id, park, user, _, root = opened
    submit(round_id, park, frame(one_more_firm(root, park)), {}, user)
    subs = submissions(round_id, CITY)
    return subs[subs["park_id"] == park].iloc[0].to_dict()


def test_another_parks_id_in_the_rows_is_refused(opened):
    round_id, park, user, url, root = opened
    other = next(p for p in city_parks(root) if p != park)
    before = snapshot(url, root)
    foreign = frame(one_more_firm(root, park), row_of(root, other))
    _unchanged(url, root, before, lambda: submit(round_id, park, foreign, {}, user),
               AccessDenied, f"只能填报本园区（{park}）.*{other}")
    _unchanged(url, root, before, lambda: save_draft(round_id, park, foreign, user),
               AccessDenied, other)
    # nor may a park user name the other park as its own, or read its draft
    _unchanged(url, root, before, lambda: submit(round_id, other, frame(row_of(root, other)),
                                                 {}, user), AccessDenied, "只能为本园区")
    _unchanged(url, root, before, lambda: draft(round_id, other, user), AccessDenied, "本园区")


def test_a_reviewer_from_another_city_is_refused(opened):
    url, root = opened[3], opened[4]
    row = _submitted(opened)
    before = snapshot(url, root)
    _unchanged(url, root, before, lambda: review(int(row["submission_id"]), True, "", OTHER_CITY,
                                                 expected_version=int(row["version"])),
               AccessDenied, "只能审核本市州园区")
    assert set(submissions(opened[0], OTHER_CITY)["park_id"]).isdisjoint(city_parks(root))
    other_park = next(p for p in city_parks(root) if p != opened[1])
    for who in (OTHER_CITY, park_user(other_park)):  # nor may they read the submitted figures
        _unchanged(url, root, before, lambda who=who: compare(int(row["submission_id"]), who),
                   AccessDenied, "无权查看报送")
    assert set(submissions(opened[0], park_user(other_park))["park_id"]) == {other_park}
    assert opened[1] in set(audit_trail(CITY)["park_id"])
    for who in (OTHER_CITY, park_user(other_park)):  # the audit keeps the park's steps to itself
        assert opened[1] not in set(audit_trail(who)["park_id"])


def test_a_submission_after_the_round_closed_is_refused(opened):
    round_id, park, user, url, root = opened
    close_round(round_id, ADMIN)
    before = snapshot(url, root)
    _unchanged(url, root, before, lambda: submit(round_id, park, frame(one_more_firm(root, park)),
                                                 {}, user), ReportingError, "已关闭")
    _unchanged(url, root, before, lambda: save_draft(round_id, park,
                                                     frame(one_more_firm(root, park)), user),
               ReportingError, "已关闭")


def test_a_double_submit_is_refused(opened):
    round_id, park, user, url, root = opened
    row = _submitted(opened)
    before = snapshot(url, root)
    _unchanged(url, root, before, lambda: submit(round_id, park, frame(one_more_firm(root, park)),
                                                 {}, user, expected_version=int(row["version"])),
               ReportingError, "本轮已提交")


def test_a_stale_draft_is_not_submitted_over_a_newer_one(opened):
    round_id, park, user, url, root = opened
    save_draft(round_id, park, frame(one_more_firm(root, park)), user)
    opened_at = draft(round_id, park, user).attrs["version"]
    save_draft(round_id, park, frame(one_more_firm(root, park, 2)), ADMIN)  # another tab
    before = snapshot(url, root)
    _unchanged(url, root, before, lambda: submit(round_id, park, frame(one_more_firm(root, park)),
                                                 {}, user, expected_version=opened_at),
               ReportingError, "已被修改或提交")


def test_two_reviewers_at_once_only_one_wins(opened):
    row = _submitted(opened)
    barrier, outcomes = threading.Barrier(2), {}

    def act(who, approve, comment):
        barrier.wait()
        try:
            review(int(row["submission_id"]), approve, comment, who,
                   expected_version=int(row["version"]))
            outcomes[who.username] = "ok"
        except ReportingError as error:
            outcomes[who.username] = str(error)

    threads = [threading.Thread(target=act, args=(CITY, True, "")),
               threading.Thread(target=act, args=(ADMIN, False, "请核实"))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    winners = [who for who, result in outcomes.items() if result == "ok"]
    assert len(winners) == 1
    loser = next(result for result in outcomes.values() if result != "ok")
    winner = CITY if winners == [CITY.username] else ADMIN
    assert f"已被{winner.audit_label()}处理" in loser
    status = submissions(opened[0], CITY).set_index("park_id").at[opened[1], "status"]
    assert status == ("已审核" if winner is CITY else "退回")


def test_errors_and_unexplained_jumps_block_a_submission(opened):
    round_id, park, user, url, root = opened
    before = snapshot(url, root)
    bad = {**one_more_firm(root, park), "above_scale_firms": "很多"}
    _unchanged(url, root, before, lambda: submit(round_id, park, frame(bad), {}, user),
               ReportingError, "校验未通过")
    down = {**one_more_firm(root, park), "revenue_ytd": 0.5 * one_more_firm(root, park)["revenue_ytd"]}
    _unchanged(url, root, before, lambda: submit(round_id, park, frame(down), {}, user),
               ReportingError, "累计值不应逐月减少")


def test_a_draft_survives_a_new_session(opened):
    round_id, park, user, url, root = opened
    save_draft(round_id, park, frame(one_more_firm(root, park)), user)
    dispose(url)  # as after a restart: a new engine, a new connection
    kept = draft(round_id, park, user)
    assert kept.attrs["status"] == "草稿"
    assert kept.iloc[0]["above_scale_firms"] == row_of(root, park)["above_scale_firms"] + 1


def test_only_the_office_opens_closes_and_publishes(opened):
    round_id, park, user, url, root = opened
    before = snapshot(url, root)
    for who in (CITY, user):
        _unchanged(url, root, before, lambda who=who: open_round(DATASET, JUNE, reporting_common
                                                                 .today(), who),
                   AccessDenied, "只有省园区办")
        _unchanged(url, root, before, lambda who=who: publish(round_id, who), AccessDenied,
                   "只有省园区办")
        _unchanged(url, root, before, lambda who=who: close_round(round_id, who), AccessDenied,
                   "只有省园区办")
    _unchanged(url, root, before, lambda: save_draft(round_id, park,
                                                     frame(one_more_firm(root, park)), CITY),
               AccessDenied, "由园区账号填报")
    _unchanged(url, root, before, lambda: open_round(DATASET, JUNE, reporting_common.today(),
                                                     ADMIN), ReportingError, "已开启")
    _unchanged(url, root, before, lambda: open_round("tasks", JUNE, reporting_common.today(),
                                                     ADMIN), ReportingError, "不按月由园区填报")
