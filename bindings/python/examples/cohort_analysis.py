"""Pooling self-assessments across organisations and years: a worked example for researchers.

Builds 200 synthetic assessments (entirely fictional) from the bundled example: twelve
organisations, each assessed several times over three years, with ratings that drift with
each organisation's development, evidence that comes and goes, and a couple of records that
break the rules. Then it scores them in one batch, puts the results in tidy tables, looks at
domain trends, pools each year with `cohort`, compares each organisation's first and last
assessment, and saves a chart of the trends when matplotlib is installed.

Run it from anywhere:

    python bindings/python/examples/cohort_analysis.py --output cohort_trends.png

Needs pandas (`pip install pandas`); matplotlib is optional.
"""

from __future__ import annotations

import argparse
import copy
import datetime
import random
import sys
from typing import Any

import chime_standards as chime

ORGANISATIONS = [
    # id, structure, starting maturity (-1 weaker than the example, +1 stronger), yearly trend
    ("alder-court", "informal", -1.0, 0.6),
    ("bramble-house", "formally_constituted", 0.0, 0.3),
    ("cedar-steps", "informal", -0.5, 0.0),
    ("damson-road", "formally_constituted", 0.5, 0.2),
    ("elder-lane", "informal", -1.5, 0.8),
    ("fennel-yard", "formally_constituted", 0.0, -0.4),
    ("gorse-hill", "informal", 0.3, 0.1),
    ("hawthorn-way", "formally_constituted", -0.8, 0.5),
    ("ivy-wharf", "informal", 0.8, 0.0),
    ("juniper-row", "formally_constituted", -0.3, 0.4),
    ("kestrel-mill", "informal", -1.2, 0.3),
    ("linden-gate", "formally_constituted", 0.2, -0.2),
]
YEARS = [2023, 2024, 2025]
TOTAL = 200
MAX_LEVEL = 4


def shifted(text: str, days: int) -> str:
    return (datetime.date.fromisoformat(text) + datetime.timedelta(days=days)).isoformat()


def synthetic(
    base: dict[str, Any],
    number: int,
    organisation: tuple[str, str, float, float],
    rng: random.Random,
) -> dict[str, Any]:
    """One fictional assessment: the example, moved in time and varied."""
    org_id, structure, maturity, trend = organisation
    year = YEARS[(number // len(ORGANISATIONS)) % len(YEARS)]
    assessed_on = datetime.date(year, rng.randint(1, 12), rng.randint(1, 28))
    offset = (assessed_on - datetime.date.fromisoformat(base["assessed_on"])).days

    a = copy.deepcopy(base)
    a["id"] = f"{org_id}-{assessed_on.isoformat()}-{number}"
    a["assessed_on"] = assessed_on.isoformat()
    a["organisation"] = {
        "id": org_id,
        "name": f"{org_id.replace('-', ' ').title()}",
        "structure": structure,
    }
    a["status"] = rng.choice(["submitted", "submitted", "peer_reviewed", "verified"])

    # Evidence moves with the assessment date; some items are missing this time, and some are
    # reviewed by a peer organisation instead of written by the organisation itself.
    kept = []
    for item in a["evidence"]:
        if rng.random() < 0.2:
            continue
        item["collected"] = shifted(item["collected"], offset)
        if "expires" in item:
            item["expires"] = shifted(item["expires"], offset)
        if "consent" in item:
            item["consent"]["recorded_on"] = shifted(item["consent"]["recorded_on"], offset)
        if item["source"] == "self" and rng.random() < 0.15:
            item["source"] = "peer"
        kept.append(item)
    a["evidence"] = kept
    present = {item["id"] for item in kept}

    # Ratings drift with the organisation's maturity and trend, plus noise.
    drift = maturity + trend * (year - YEARS[0])
    for judgement in a["judgements"]:
        judgement["evidence"] = [e for e in judgement.get("evidence", []) if e in present]
        rating = judgement.get("rating")
        if isinstance(rating, int):
            moved = round(rating + drift + rng.gauss(0, 0.6))
            judgement["rating"] = max(0, min(MAX_LEVEL, moved))
        if rng.random() < 0.03:
            judgement["rating"] = None  # not assessed this time
    return a


def build(rng: random.Random) -> list[dict[str, Any]]:
    base = chime.Assessment.example().to_dict()
    batch = [synthetic(base, n, ORGANISATIONS[n % len(ORGANISATIONS)], rng) for n in range(TOTAL)]
    # Two records break the rules: testimony whose consent was never recorded.
    for broken in (batch[17], batch[123]):
        for item in broken["evidence"]:
            if item["kind"] == "testimony":
                item.pop("consent", None)
    return batch


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--output", default="cohort_trends.png", help="where to save the chart")
    parser.add_argument("--seed", type=int, default=2025)
    args = parser.parse_args()

    try:
        import pandas as pd
    except ImportError:
        print("this example needs pandas: pip install pandas", file=sys.stderr)
        return 1

    framework = chime.Framework.default()
    batch = build(random.Random(args.seed))

    results = framework.score_many(batch, errors="collect")
    reports = [r for r in results if isinstance(r, chime.Report)]
    failed = [r for r in results if isinstance(r, chime.ValidationError)]
    print(f"{len(batch)} assessments: {len(reports)} scored, {len(failed)} refused")
    for error in failed:
        print(f"  item {error.index}: {', '.join(sorted(set(error.codes)))}")

    overall = chime.to_dataframe(reports)
    domains = chime.to_dataframe(reports, level="domain")
    standards = chime.to_dataframe(reports, level="standard")
    print(f"\ntables: overall {overall.shape}, domain {domains.shape}, standard {standards.shape}")

    overall["year"] = overall["assessed_on"].dt.year
    domains["year"] = domains["assessed_on"].dt.year

    print("\nawards by year")
    print(pd.crosstab(overall["year"], overall["award"]).to_string())

    trends = domains.pivot_table(index="year", columns="domain", values="score", aggfunc="mean")
    trends = trends[[d.id for d in framework.domains]]  # framework order
    print("\nmean domain score by year")
    print(trends.round(1).to_string())

    capped = standards.groupby("standard")["capped"].mean().sort_values(ascending=False)
    print("\nstandards most often held below their claim by missing evidence")
    print((capped.head(5) * 100).round(0).astype(int).astype(str).add("%").to_string())

    print("\ncohort median overall score by year (the engine's own statistics)")
    for year in YEARS:
        pooled = chime.cohort([r for r in reports if r.assessed_on.startswith(str(year))])
        print(
            f"  {year}: n={pooled['overall']['n_scored']}, median {pooled['overall']['median']}, "
            f"awards {pooled['awards']}"
        )

    directions: dict[str, int] = {}
    for org_id, *_ in ORGANISATIONS:
        mine = sorted(
            (r for r in reports if r.organisation.id == org_id), key=lambda r: r.assessed_on
        )
        if len(mine) >= 2:
            direction = chime.compare(mine[0], mine[-1])["overall"]["direction"] or "not scored"
            directions[direction] = directions.get(direction, 0) + 1
    print(f"\nfirst to last assessment, overall: {directions}")

    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        print("\n(matplotlib is not installed: no chart; pip install matplotlib)")
        return 0
    names = {d.id: d.name for d in framework.domains}
    figure, axes = plt.subplots(figsize=(7, 4.5))
    for domain_id in trends.columns:
        axes.plot(trends.index, trends[domain_id], marker="o", label=names[domain_id])
    axes.set_xticks(YEARS)
    axes.set_ylim(0, 100)
    axes.set_xlabel("year of assessment")
    axes.set_ylabel("mean domain score (0 to 100)")
    axes.set_title(f"CHIME domain scores of {overall['organisation'].nunique()} fictional LEROs")
    axes.grid(alpha=0.3)
    axes.legend(loc="lower right", fontsize="small")
    figure.tight_layout()
    figure.savefig(args.output, dpi=120)
    print(f"\nchart saved to {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
