"""score_many: order, errors in place, the GIL released, the optional progress bar."""

from __future__ import annotations

import json
import sys
import threading
import time
from typing import Any

import chime_standards as chime
import pytest


def _without_consent(example: dict[str, Any]) -> dict[str, Any]:
    for item in example["evidence"]:
        if item["kind"] == "testimony":
            item.pop("consent", None)
    return example


def test_collect_keeps_order_and_puts_errors_in_place(
    framework: chime.Framework, example: dict[str, Any]
) -> None:
    good = json.loads(json.dumps(example))
    informal = json.loads(json.dumps(example))
    informal["id"] = "informal-one"
    bad = _without_consent(json.loads(json.dumps(example)))
    inputs: list[Any] = [
        good,
        "{ not json",
        json.dumps(informal),
        bad,
        chime.Assessment.example(),
        object(),
        None,
        json.dumps(good).encode(),
    ]
    results = framework.score_many(inputs, errors="collect")
    assert len(results) == len(inputs)
    kinds = ["report" if isinstance(r, chime.Report) else "error" for r in results]
    assert kinds == ["report", "error", "report", "error", "report", "error", "error", "report"]
    for i, result in enumerate(results):
        if isinstance(result, chime.ValidationError):
            assert result.index == i
            assert f"item {i} of the batch" in str(result)
        else:
            assert result == framework.score(inputs[i])
    assert [r.assessment for r in results if isinstance(r, chime.Report)] == [
        good["id"],
        "informal-one",
        chime.Assessment.example().id,
        good["id"],
    ]
    codes = {i: r.codes for i, r in enumerate(results) if isinstance(r, chime.ValidationError)}
    assert codes[1] == ["invalid_json"]
    assert set(codes[3]) == {"testimony_without_consent"}
    assert codes[5] == ["invalid_type"] and codes[6] == ["invalid_type"]


def test_raise_raises_the_first_failure(
    framework: chime.Framework, example: dict[str, Any]
) -> None:
    bad = _without_consent(json.loads(json.dumps(example)))
    # The core refuses item 1; item 2 never reaches the core. Item 1 is the first failure.
    with pytest.raises(chime.ValidationError) as raised:
        framework.score_many([example, bad, object()])
    assert raised.value.index == 1
    assert "testimony_without_consent" in raised.value.codes
    with pytest.raises(chime.ValidationError) as raised:
        framework.score_many([example, object(), bad])
    assert raised.value.index == 1
    assert raised.value.codes == ["invalid_type"]


def test_any_iterable_and_the_empty_batch(
    framework: chime.Framework, example: dict[str, Any]
) -> None:
    assert framework.score_many([]) == []
    reports = framework.score_many(dict(example, id=f"a{i}") for i in range(5))
    assert [r.assessment for r in reports] == [f"a{i}" for i in range(5)]


def test_the_gil_is_released_while_the_core_scores(framework: chime.Framework) -> None:
    batch = [chime._native.EXAMPLE_ASSESSMENT_JSON] * 4000
    ticks: list[float] = []
    stop = threading.Event()

    def count() -> None:
        n = 0
        while not stop.is_set():
            n += 1
            if n % 200 == 0:
                ticks.append(time.perf_counter())

    thread = threading.Thread(target=count)
    thread.start()
    try:
        time.sleep(0.05)  # let the counter get going
        start = time.perf_counter()
        reports = framework.score_many(batch)
        end = time.perf_counter()
    finally:
        stop.set()
        thread.join()
    assert len(reports) == len(batch)
    # Converting the strings and wrapping the reports take a few milliseconds at either end;
    # the middle half of the call is the core alone. Had it held the GIL, the counting thread
    # could not have run a single bytecode then.
    low, high = start + 0.25 * (end - start), start + 0.75 * (end - start)
    during = [t for t in ticks if low <= t <= high]
    assert during, f"the counting thread made no progress during {end - start:.3f}s of scoring"


def test_progress_bar_gives_the_same_results(
    framework: chime.Framework, example: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    pytest.importorskip("tqdm")
    batch: list[Any] = [dict(example, id=f"a{i}") for i in range(250)]
    batch[7] = "{"
    plain = framework.score_many(batch, errors="collect")
    shown = framework.score_many(batch, errors="collect", progress=True)
    assert [type(r) for r in plain] == [type(r) for r in shown]
    assert [r for r in plain if isinstance(r, chime.Report)] == [
        r for r in shown if isinstance(r, chime.Report)
    ]
    failed = shown[7]
    assert isinstance(failed, chime.ValidationError) and failed.index == 7
    assert "250/250" in capsys.readouterr().err


def test_progress_without_tqdm_says_what_to_install(
    framework: chime.Framework, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "tqdm", None)
    monkeypatch.setitem(sys.modules, "tqdm.auto", None)
    with pytest.raises(ImportError, match="pip install tqdm"):
        framework.score_many([chime.Assessment.example()], progress=True)


def test_several_jobs_give_the_same_results_in_order(framework: chime.Framework) -> None:
    example = chime.Assessment.example().to_dict()
    batch: list[object] = []
    for i in range(40):
        item = json.loads(json.dumps(example))
        item["id"] = f"a-{i}"
        batch.append(item if i % 7 else "{ not json")
    one = framework.score_many(batch, errors="collect", jobs=1)
    many = framework.score_many(batch, errors="collect", jobs=3)
    everyone = framework.score_many(batch, errors="collect")
    as_text = [r.to_json() if isinstance(r, chime.Report) else str(r) for r in one]
    assert [r.to_json() if isinstance(r, chime.Report) else str(r) for r in many] == as_text
    assert [r.to_json() if isinstance(r, chime.Report) else str(r) for r in everyone] == as_text
    assert [r.assessment for r in one if isinstance(r, chime.Report)][:2] == ["a-1", "a-2"]


@pytest.mark.parametrize("jobs", [0, -1, 1.5, True, "2"])
def test_jobs_must_be_a_whole_number_of_one_or_more(framework: chime.Framework, jobs: object) -> None:
    with pytest.raises(ValueError, match="jobs"):
        framework.score_many([chime.Assessment.example()], jobs=jobs)  # type: ignore[arg-type]
