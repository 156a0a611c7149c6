"""A plain pure-Python implementation of the chime-standards scoring rules (spec section 3).

Written for the benchmark as a researcher would write it from the spec, without the engine:
dicts in (as from `json.loads`), the numbers of a report out. It does not validate (the engine
does, and must), so it gives the baseline an advantage. `python_bench.py` checks that it
computes the same overall and domain scores as the engine on the benchmark data.

    from pure_python import load_framework, score
    framework = load_framework()            # crates/chime-standards/frameworks/chime-lero.json
    result = score(framework, assessment)   # {"overall": ..., "domains": {...}, ...}
"""
from __future__ import annotations

import json
import math
import pathlib
from datetime import date

ROOT = pathlib.Path(__file__).resolve().parent.parent
DEFAULT_FRAMEWORK = ROOT / "crates" / "chime-standards" / "frameworks" / "chime-lero.json"


def load_framework(path: pathlib.Path = DEFAULT_FRAMEWORK) -> dict:
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def round_half_away(x: float, decimals: int) -> float:
    """Rounds half away from zero on x * 10^decimals (spec 3.10); Python's round() would not."""
    scale = 10.0 ** decimals
    y = x * scale
    whole = math.floor(abs(y))
    if abs(y) - whole >= 0.5:
        whole += 1
    result = math.copysign(whole, y) / scale
    return 0.0 if result == 0 else result


def band_of(bands: list[dict], score: float) -> str | None:
    """The band with the greatest min <= the score rounded to one decimal."""
    rounded = round_half_away(score, 1)
    found = None
    for band in bands:
        if band["min"] <= rounded:
            found = band
    return found["id"] if found else None


def band_index(bands: list[dict], score: float) -> int:
    rounded = round_half_away(score, 1)
    found = -1
    for i, band in enumerate(bands):
        if band["min"] <= rounded:
            found = i
    return found


def score(framework: dict, assessment: dict) -> dict:
    scoring = framework["scoring"]
    rules = scoring["evidence"]
    weights = rules["source_weights"]
    levels = [level["value"] for level in framework["rating_scale"]["levels"]]
    max_level = max(levels)
    requirements = sorted(rules.get("requirements", []), key=lambda r: r["level"])
    informal = assessment["organisation"]["structure"] == "informal"
    assessed_on = date.fromisoformat(assessment["assessed_on"])

    # Evidence items by id, and whether each is current (spec 3.3).
    evidence = {}
    for item in assessment.get("evidence", []):
        collected = date.fromisoformat(item["collected"])
        expires = item.get("expires")
        current = (
            collected <= assessed_on
            and (expires is None or date.fromisoformat(expires) >= assessed_on)
            and (assessed_on - collected).days <= rules["max_age_days"]
        )
        evidence[item["id"]] = (item, current)

    # Per standard: its judgements and the evidence that counts for it.
    judgements_of = {s["id"]: [] for s in framework["standards"]}
    items_of = {s["id"]: set() for s in framework["standards"]}
    for item in assessment.get("evidence", []):
        for standard in item.get("standards", []):
            if standard in items_of:
                items_of[standard].add(item["id"])
    for judgement in assessment.get("judgements", []):
        if judgement["standard"] in judgements_of:
            judgements_of[judgement["standard"]].append(judgement)
            for cited in judgement.get("evidence", []):
                if cited in evidence:
                    items_of[judgement["standard"]].add(cited)

    standards = {}
    for standard in framework["standards"]:
        sid = standard["id"]
        applicable = not (standard.get("applies_to", "all") == "formally_constituted" and informal)

        # Claimed level (spec 3.2): the agreed judgement wins, else the raters' lower median.
        claim = None  # None = not assessed, "na" = not applicable, or an int level
        agreed = [j for j in judgements_of[sid] if j.get("rater") is None and j.get("rating") is not None]
        ratings = [j["rating"] for j in judgements_of[sid]
                   if j.get("rater") is not None and isinstance(j.get("rating"), int)]
        if not applicable:
            claim = "na"
        elif agreed:
            rating = agreed[0]["rating"]
            claim = "na" if rating == "not_applicable" else rating
        elif ratings:
            ratings.sort()
            claim = ratings[(len(ratings) - 1) // 2]
        elif any(j.get("rater") is not None and j.get("rating") == "not_applicable"
                 for j in judgements_of[sid]):
            claim = "na"

        # Evidence tally (spec 3.3).
        points = 0.0
        independent = 0
        for evidence_id in items_of[sid]:
            item, current = evidence[evidence_id]
            if current:
                points += weights[item["source"]]
                if item["source"] != "self":
                    independent += 1

        # Effective level (spec 3.4): highest level <= claim whose requirement is met.
        effective = None
        if isinstance(claim, int):
            effective = 0
            for level in range(claim, -1, -1):
                requirement = None
                for r in requirements:
                    if r["level"] <= level:
                        requirement = r
                if requirement is None or (
                    points >= requirement["min_points"]
                    and independent >= requirement.get("min_independent", 0)
                ):
                    effective = level
                    break
        standards[sid] = {
            "applicable": applicable and claim != "na",
            "claimed": claim,
            "effective": effective,
            "score": None if effective is None else effective / max_level * 100,
        }

    # Domain sums (spec 3.6).
    sums = {d["id"]: [0.0, 0.0, 0.0] for d in framework["domains"]}  # applicable, rated, weighted
    for standard in framework["standards"]:
        result = standards[standard["id"]]
        if not result["applicable"]:
            continue
        for tag in standard["domains"]:
            w = standard.get("weight", 1) * tag.get("weight", 1)
            s = sums[tag["domain"]]
            s[0] += w
            if result["effective"] is not None:
                s[1] += w
                s[2] += w * result["score"]

    def domain_scores(sums: dict) -> dict:
        out = {}
        for domain_id, (applicable_w, rated_w, weighted) in sums.items():
            if applicable_w == 0:
                out[domain_id] = ("not_applicable", None)
            elif rated_w > 0 and rated_w / applicable_w >= scoring["min_coverage"]:
                out[domain_id] = ("scored", weighted / rated_w)
            else:
                out[domain_id] = ("not_scoreable", None)
        return out

    def overall_of(domains: dict) -> float | None:
        total = 0.0
        total_w = 0.0
        for domain in framework["domains"]:
            status, value = domains[domain["id"]]
            w = domain.get("weight", 1)
            if not domain.get("core", True) or w <= 0 or status == "not_applicable":
                continue
            if value is None:
                return None
            total += w * value
            total_w += w
        return total / total_w if total_w > 0 else None

    domains = domain_scores(sums)
    overall = overall_of(domains)

    result = {
        "assessment": assessment["id"],
        "overall": None if overall is None else round_half_away(overall, 1),
        "band": None,
        "profile_band": None,
        "award": "incomplete",
        "domains": {d: (None if v is None else round_half_away(v, 1)) for d, (_, v) in domains.items()},
        "leverage": [],
    }
    if overall is None:
        return result

    # Bands and award (spec 3.7, 3.8), read from the rounded scores.
    bands = scoring["bands"]
    participating = [
        (d["id"], round_half_away(domains[d["id"]][1], 1))
        for d in framework["domains"]
        if d.get("core", True) and d.get("weight", 1) > 0 and domains[d["id"]][0] != "not_applicable"
    ]
    lowest = min(value for _, value in participating)
    required = next(i for i, b in enumerate(bands) if b["id"] == scoring["award"]["required_band"])
    bands_reached = all(band_index(bands, value) >= required for _, value in participating)
    core_met = all(
        not standard.get("core", False)
        or not standards[standard["id"]]["applicable"]
        or (standards[standard["id"]]["effective"] is not None
            and standards[standard["id"]]["effective"] >= scoring["met_level"])
        for standard in framework["standards"]
    )
    result["band"] = band_of(bands, overall)
    result["profile_band"] = band_of(bands, lowest)
    result["award"] = "meets_standards" if bands_reached and core_met else "working_towards"

    # Leverage (spec 3.9): the gain in overall if one standard rose one level.
    gains = []
    step = 100 / max_level
    for standard in framework["standards"]:
        r = standards[standard["id"]]
        if not r["applicable"] or r["effective"] is None or r["effective"] >= max_level:
            continue
        raised = {k: list(v) for k, v in sums.items()}
        for tag in standard["domains"]:
            raised[tag["domain"]][2] += standard.get("weight", 1) * tag.get("weight", 1) * step
        new_overall = overall_of(domain_scores(raised))
        if new_overall is None:
            continue
        gain = round_half_away(new_overall - overall, 1)
        if gain > 0:
            gains.append((standard["id"], gain))
    gains.sort(key=lambda g: -g[1])  # stable: framework order among ties
    result["leverage"] = gains[:5]
    return result
