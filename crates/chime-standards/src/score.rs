//! Scoring (spec section 3): claimed level, evidence caps, standard, domain and overall
//! scores, the award and leverage. All arithmetic is on unrounded `f64`; numbers are rounded
//! only as they are written into the report.

use crate::agreement;
use crate::assessment::{Assessment, FrameworkRef};
use crate::claims::{self, Claim};
use crate::diagnostic::Diagnostic;
use crate::evidence::{self, Tally};
use crate::exact::ExactSum;
use crate::framework::{Domain, EvidenceRules, Framework, Requirement, Standard};
use crate::id::Id;
use crate::index::{applies, standard_score, Index, Tag};
use crate::report::{
    AwardGap, AwardOutcome, BandGap, Cap, Contribution, DomainResult, DomainStatus,
    EvidenceSummary, ItemsNeeded, Leverage, OrganisationRef, Overall, RaterSummary, Report,
    ScoreStatus, StandardResult, StandardStatus, ENGINE, REPORT_FORMAT,
};
use crate::resolve::Resolved;
use crate::rounding::{ratio3, score1};
use crate::spare::{self, Spare};

/// How many standards the leverage list names at most.
const LEVERAGE_LIMIT: usize = 5;

/// One standard, scored.
struct Scored {
    applicable: bool,
    claim: Claim,
    effective: Option<u32>,
    cap: Option<Cap>,
    tally: Tally,
}

/// A domain's running totals (spec 3.6), each an exactly rounded sum: the total does not
/// depend on the order of the standards, so adding one standard's change to it gives the very
/// number a rescore would (leverage, spec 3.9).
#[derive(Clone, Default)]
struct Sums {
    applicable: ExactSum,
    rated: ExactSum,
    weighted: ExactSum,
}

/// A domain's outcome before rounding.
#[derive(Clone, Copy)]
struct DomainOutcome {
    status: DomainStatus,
    score: Option<f64>,
    coverage: Option<f64>,
}

thread_local! {
    static SCORED: Spare<Scored> = const { Spare::new(Vec::new()) };
    static SUMS: Spare<Sums> = const { Spare::new(Vec::new()) };
}

/// Every number of an assessment before it is rounded into a report. The judgements, the
/// standards' results and the domains' sums are in lists taken from this thread's spares and
/// [given back](Evaluation::recycle) once the report is written.
struct Evaluation {
    gathered: claims::Gathered,
    scored: Vec<Scored>,
    sums: Vec<Sums>,
    outcomes: Vec<DomainOutcome>,
    overall: Option<f64>,
}

impl Evaluation {
    /// Gives the working lists back for the next assessment scored on this thread.
    fn recycle(self) {
        self.gathered.recycle();
        spare::give(&SCORED, self.scored);
        spare::give(&SUMS, self.sums);
    }
}

/// Scores a validated assessment.
pub(crate) fn score(
    framework: &Framework,
    index: &Index,
    resolved: &Resolved,
    gathered: claims::Gathered,
    assessment: &Assessment,
    diagnostics: Vec<Diagnostic>,
) -> Report {
    let max = f64::from(index.max_level);
    let evaluation = evaluate(framework, index, resolved, gathered, assessment);
    let Evaluation {
        gathered,
        scored,
        sums,
        outcomes,
        overall: overall_score,
    } = &evaluation;
    let overall_score = *overall_score;
    let standards = standard_results(framework, index, scored, gathered);
    let mut domains = domain_results(framework, index, scored, sums, outcomes);
    let agreement = agreement::of_report(index, resolved, gathered, &standards, &mut domains);

    let report = Report {
        format: REPORT_FORMAT.to_string(),
        engine: ENGINE.to_string(),
        framework: FrameworkRef {
            id: framework.id.clone(),
            version: framework.version.clone(),
        },
        assessment: assessment.id.clone(),
        assessed_on: assessment.assessed_on,
        organisation: OrganisationRef {
            id: assessment.organisation.id.clone(),
            structure: assessment.organisation.structure,
        },
        status: assessment.status,
        change_threshold: framework.scoring.change_threshold,
        overall: overall_result(framework, index, outcomes, scored, overall_score),
        domains,
        standards,
        leverage: leverage(framework, index, scored, sums, outcomes, overall_score, max),
        diagnostics,
        agreement: Some(agreement),
    };
    evaluation.recycle();
    report
}

/// The overall score before rounding (spec 3.7).
pub(crate) fn unrounded_overall(
    framework: &Framework,
    index: &Index,
    assessment: &Assessment,
) -> Option<f64> {
    let resolved = Resolved::new(index, assessment);
    let gathered = claims::gather(index, &resolved, assessment);
    let evaluation = evaluate(framework, index, &resolved, gathered, assessment);
    let overall = evaluation.overall;
    evaluation.recycle();
    resolved.recycle();
    overall
}

/// Spec 3.1 to 3.7 on unrounded numbers.
fn evaluate(
    framework: &Framework,
    index: &Index,
    resolved: &Resolved,
    gathered: claims::Gathered,
    assessment: &Assessment,
) -> Evaluation {
    let max = f64::from(index.max_level);
    let rules = &framework.scoring.evidence;
    let tallies = evidence::tallies(framework.standards.len(), resolved, assessment, rules);
    let mut each_tally = tallies.iter();

    let mut scored = spare::take(&SCORED);
    scored.extend(framework.standards.iter().enumerate().map(|(s, standard)| {
        let applicable = applies(standard, assessment.organisation.structure);
        let claim = match gathered.get(s) {
            Some(judgements) if applicable => judgements.claim(&assessment.judgements),
            _ => Claim::NotApplicable,
        };
        let tally = each_tally.next().cloned().unwrap_or_default();
        let (effective, cap) = match claim {
            Claim::Level(claimed) => {
                effective_level(index, &framework.scoring.evidence, claimed, &tally)
            }
            _ => (None, None),
        };
        Scored {
            applicable,
            claim,
            effective,
            cap,
            tally,
        }
    }));

    evidence::recycle(tallies);
    let sums = domain_sums(index, &scored, framework.domains.len(), max);
    let outcomes: Vec<DomainOutcome> = sums
        .iter()
        .map(|sum| domain_outcome(sum, framework.scoring.min_coverage))
        .collect();
    let overall = overall(framework, &outcomes);
    Evaluation {
        gathered,
        scored,
        sums,
        outcomes,
        overall,
    }
}

/// The highest level up to `claimed` whose evidence requirement is met (spec 3.4), and the
/// failed requirement when that is below the claim.
fn effective_level(
    index: &Index,
    rules: &EvidenceRules,
    claimed: u32,
    tally: &Tally,
) -> (Option<u32>, Option<Cap>) {
    let meets = |level: u32| {
        index
            .requirement(level)
            .is_none_or(|requirement: &Requirement| {
                tally.points >= requirement.min_points
                    && tally.independent >= requirement.min_independent
            })
    };
    let effective = (0..=claimed).rev().find(|&level| meets(level)).unwrap_or(0);
    let cap = (effective < claimed)
        .then(|| index.requirement(effective + 1))
        .flatten()
        .map(|requirement| cap(effective + 1, requirement, rules, tally));
    (Some(effective), cap)
}

/// The failed requirement of `level`, what the standard had, and what would lift it.
fn cap(level: u32, requirement: &Requirement, rules: &EvidenceRules, tally: &Tally) -> Cap {
    let missing_points = (requirement.min_points - tally.points).max(0.0);
    let missing_independent = requirement
        .min_independent
        .saturating_sub(tally.independent);
    // Items of one source, each worth `weight` points: enough for the points, and at least
    // the missing independent items when the source is independent.
    let items = |weight: f64, independent: bool| -> Option<u32> {
        if !independent && missing_independent > 0 {
            return None;
        }
        // A hair below the quotient first, so 2.0000000000000004 items of points read as 2.
        let for_points = (missing_points / weight - 1e-9).ceil().max(0.0);
        let for_points = u32::try_from(for_points as u64).unwrap_or(u32::MAX);
        Some(for_points.max(if independent { missing_independent } else { 0 }))
    };
    let weights = &rules.source_weights;
    Cap {
        level,
        min_points: ratio3(requirement.min_points),
        min_independent: requirement.min_independent,
        points: ratio3(tally.points),
        independent: tally.independent,
        missing_points: ratio3(missing_points),
        missing_independent,
        items_needed: ItemsNeeded {
            own: items(weights.own, false),
            peer: items(weights.peer, true).unwrap_or(u32::MAX),
            external: items(weights.external, true).unwrap_or(u32::MAX),
        },
    }
}

fn domain_sums(index: &Index, scored: &[Scored], domains: usize, max: f64) -> Vec<Sums> {
    let mut sums = spare::take(&SUMS);
    sums.resize(domains, Sums::default());
    for (standard, tags) in scored.iter().zip(&index.tags) {
        if !standard.applicable {
            continue;
        }
        for &Tag { domain, weight, .. } in tags {
            let Some(sum) = sums.get_mut(domain) else {
                continue;
            };
            if standard.claim == Claim::NotApplicable {
                continue;
            }
            sum.applicable.add(weight);
            if let Some(effective) = standard.effective {
                sum.rated.add(weight);
                sum.weighted.add(weight * standard_score(effective, max));
            }
        }
    }
    sums
}

fn domain_outcome(sum: &Sums, min_coverage: f64) -> DomainOutcome {
    outcome_of(
        sum.applicable.value(),
        sum.rated.value(),
        sum.weighted.value(),
        min_coverage,
    )
}

/// A domain's status, score and coverage from its applicable, rated and weighted totals.
fn outcome_of(applicable: f64, rated: f64, weighted: f64, min_coverage: f64) -> DomainOutcome {
    if applicable == 0.0 {
        return DomainOutcome {
            status: DomainStatus::NotApplicable,
            score: None,
            coverage: None,
        };
    }
    let coverage = rated / applicable;
    let scoreable = rated > 0.0 && coverage >= min_coverage;
    DomainOutcome {
        status: if scoreable {
            DomainStatus::Scored
        } else {
            DomainStatus::NotScoreable
        },
        score: scoreable.then(|| weighted / rated),
        coverage: Some(coverage),
    }
}

/// Whether a domain takes part in the overall score (spec 3.7).
fn participates(domain: &Domain, outcome: &DomainOutcome) -> bool {
    domain.core && domain.weight > 0.0 && outcome.status != DomainStatus::NotApplicable
}

/// Domains that take part in the overall score (spec 3.7).
fn participating<'a>(
    framework: &'a Framework,
    outcomes: &'a [DomainOutcome],
) -> impl Iterator<Item = (usize, &'a DomainOutcome)> + 'a {
    framework
        .domains
        .iter()
        .zip(outcomes)
        .enumerate()
        .filter(|(_, (domain, outcome))| participates(domain, outcome))
        .map(|(i, (_, outcome))| (i, outcome))
}

/// The domain-weighted mean of the participating domains, if every one is scored.
fn overall(framework: &Framework, outcomes: &[DomainOutcome]) -> Option<f64> {
    let mut total = 0.0;
    let mut weights = 0.0;
    for (i, outcome) in participating(framework, outcomes) {
        let weight = framework.domains.get(i)?.weight;
        total += weight * outcome.score?;
        weights += weight;
    }
    (weights > 0.0).then(|| total / weights)
}

/// The band a written-out score falls in: the band with the greatest `min` at or below it.
fn band_index(framework: &Framework, score: f64) -> Option<usize> {
    let rounded = score1(score);
    framework
        .scoring
        .bands
        .iter()
        .rposition(|band| band.min <= rounded)
}

fn band_id(framework: &Framework, index: &Index, score: f64) -> Option<Id> {
    band_index(framework, score).and_then(|i| index.band_id(i))
}

fn overall_result(
    framework: &Framework,
    index: &Index,
    outcomes: &[DomainOutcome],
    scored: &[Scored],
    overall_score: Option<f64>,
) -> Overall {
    let Some(score) = overall_score else {
        return Overall {
            score: None,
            band: None,
            profile_band: None,
            limiting_domains: Vec::new(),
            award: AwardOutcome::Incomplete,
            status: ScoreStatus::NotScoreable,
            award_gap: None,
        };
    };
    // Every participating domain is scored when the overall score is.
    let domain_scores: Vec<(usize, f64)> = participating(framework, outcomes)
        .filter_map(|(i, outcome)| Some((i, score1(outcome.score?))))
        .collect();
    let lowest = domain_scores
        .iter()
        .map(|(_, s)| *s)
        .fold(f64::INFINITY, f64::min);
    let limiting_domains = domain_scores
        .iter()
        .filter(|(_, s)| *s == lowest)
        .filter_map(|(i, _)| framework.domains.get(*i).map(|d| index.domain_id(*i, d)))
        .collect();
    let required_band = &framework.scoring.award.required_band;
    let required = framework
        .scoring
        .bands
        .iter()
        .enumerate()
        .find(|(_, band)| &band.id == required_band);
    let domains_below: Vec<BandGap> = domain_scores
        .iter()
        .filter_map(|&(i, score)| {
            let (required, band) = required?;
            (band_index(framework, score) < Some(required)).then(|| BandGap {
                domain: framework
                    .domains
                    .get(i)
                    .map_or_else(|| Id::from(""), |d| index.domain_id(i, d)),
                band: band_id(framework, index, score),
                points: score1(band.min - score),
            })
        })
        .collect();
    let core_not_met: Vec<Id> = framework
        .standards
        .iter()
        .zip(scored)
        .enumerate()
        .filter(|(_, (standard, result))| {
            standard.core
                && result.applicable
                && result.claim != Claim::NotApplicable
                && result.effective < Some(framework.scoring.met_level)
        })
        .map(|(s, (standard, _))| index.standard_id(s, standard))
        .collect();
    let meets = domains_below.is_empty() && core_not_met.is_empty();
    Overall {
        score: Some(score1(score)),
        band: band_id(framework, index, score),
        profile_band: band_id(framework, index, lowest),
        limiting_domains,
        award: if meets {
            AwardOutcome::MeetsStandards
        } else {
            AwardOutcome::WorkingTowards
        },
        status: ScoreStatus::Scored,
        award_gap: (!meets).then(|| AwardGap {
            required_band: index.required_band.clone(),
            domains: domains_below,
            core_standards: core_not_met,
        }),
    }
}

fn domain_results(
    framework: &Framework,
    index: &Index,
    scored: &[Scored],
    sums: &[Sums],
    outcomes: &[DomainOutcome],
) -> Vec<DomainResult> {
    let min_coverage = framework.scoring.min_coverage;
    // Each rated standard is added to the domains it is tagged with (a valid framework tags
    // a standard with a domain once), in framework order: one walk of the standards, rather
    // than one per domain asking each standard whether it is tagged there.
    let mut contributions: Vec<Vec<Contribution>> = index
        .tagged
        .iter()
        .map(|&tagged| Vec::with_capacity(tagged))
        .collect();
    for (s, standard, effective, tags) in rated(framework, index, scored) {
        let score = index.written_score(effective);
        for tag in tags {
            if let Some(list) = contributions.get_mut(tag.domain) {
                list.push(Contribution {
                    standard: index.standard_id(s, standard),
                    weight: tag.written_weight,
                    effective,
                    score,
                });
            }
        }
    }
    framework
        .domains
        .iter()
        .zip(sums.iter().zip(outcomes))
        .zip(contributions)
        .enumerate()
        .map(|(d, ((domain, (sum, outcome)), contributions))| {
            let reason = match (outcome.status, outcome.coverage) {
                (DomainStatus::NotScoreable, _) if sum.rated.value() == 0.0 => {
                    Some("none of the applicable standards in this domain is rated".to_string())
                }
                (DomainStatus::NotScoreable, Some(coverage)) => Some(format!(
                    "coverage {:.3} is below the minimum {:.3}: rate more of this domain's standards",
                    ratio3(coverage),
                    min_coverage
                )),
                _ => None,
            };
            DomainResult {
                domain: index.domain_id(d, domain),
                status: outcome.status,
                participates: participates(domain, outcome),
                score: outcome.score.map(score1),
                band: outcome
                    .score
                    .and_then(|score| band_id(framework, index, score)),
                coverage: outcome.coverage.map(ratio3),
                applicable_weight: ratio3(sum.applicable.value()),
                rated_weight: ratio3(sum.rated.value()),
                contributions,
                reason,
                agreement: None,
            }
        })
        .collect()
}

fn standard_results(
    framework: &Framework,
    index: &Index,
    scored: &[Scored],
    gathered: &claims::Gathered,
) -> Vec<StandardResult> {
    let met_level = framework.scoring.met_level;
    framework
        .standards
        .iter()
        .zip(scored)
        .zip(gathered.iter())
        .enumerate()
        .map(|(s, ((standard, result), judgements))| {
            let status = match (result.claim, result.effective) {
                (Claim::NotApplicable, _) => StandardStatus::NotApplicable,
                (_, None) => StandardStatus::NotAssessed,
                (_, Some(level)) if level >= met_level => StandardStatus::Met,
                (_, Some(0)) => StandardStatus::NotYet,
                (_, Some(_)) => StandardStatus::WorkingTowards,
            };
            let claimed = match result.claim {
                Claim::Level(level) => Some(level),
                _ => None,
            };
            StandardResult {
                standard: index.standard_id(s, standard),
                status,
                applies: result.applicable,
                claimed,
                effective: result.effective,
                score: result.effective.map(|level| index.written_score(level)),
                capped: result.cap.clone(),
                evidence: EvidenceSummary {
                    current: result.tally.current,
                    stale: result.tally.stale,
                    points: ratio3(result.tally.points),
                    independent: result.tally.independent,
                },
                raters: RaterSummary {
                    n: u32::try_from(judgements.rater_levels.len()).unwrap_or(u32::MAX),
                    spread: judgements.spread(),
                    levels: agreement::level_counts(
                        judgements.rater_levels.iter().map(|(_, level)| *level),
                        framework.max_level(),
                    ),
                },
            }
        })
        .collect()
}

/// Each standard that applies and is rated, in framework order: its position, the standard,
/// its effective level and its domains with their weights (what domain results and leverage
/// both walk).
fn rated<'a>(
    framework: &'a Framework,
    index: &'a Index,
    scored: &'a [Scored],
) -> impl Iterator<Item = (usize, &'a Standard, u32, &'a [Tag])> + 'a {
    framework
        .standards
        .iter()
        .zip(scored.iter().zip(&index.tags))
        .enumerate()
        .filter_map(|(s, (standard, (result, tags)))| {
            let effective = result.effective.filter(|_| result.applicable)?;
            Some((s, standard, effective, tags.as_slice()))
        })
}

/// What one more level of each standard would add to the overall score (spec 3.9).
fn leverage(
    framework: &Framework,
    index: &Index,
    scored: &[Scored],
    sums: &[Sums],
    outcomes: &[DomainOutcome],
    overall_score: Option<f64>,
    max: f64,
) -> Vec<Leverage> {
    let Some(base) = overall_score else {
        return Vec::new();
    };
    let mut raised = outcomes.to_vec();
    let mut gains: Vec<(f64, usize, &Standard)> = Vec::with_capacity(framework.standards.len());
    gains.extend(
        rated(framework, index, scored).filter_map(|(s, standard, effective, tags)| {
            if effective >= index.max_level {
                return None;
            }
            // The overall score recomputed with this one level raised (spec 3.9): the same
            // products a rescore would add, swapped into the exact sums. One buffer serves
            // every candidate: the domains raised for one are put back after it.
            for &Tag { domain, weight, .. } in tags {
                let (Some(sum), Some(outcome)) = (sums.get(domain), raised.get_mut(domain)) else {
                    continue;
                };
                let mut weighted = sum.weighted.clone();
                weighted.add(-weight * standard_score(effective, max));
                weighted.add(weight * standard_score(effective + 1, max));
                *outcome = outcome_of(
                    sum.applicable.value(),
                    sum.rated.value(),
                    weighted.value(),
                    framework.scoring.min_coverage,
                );
            }
            let raised_overall = overall(framework, &raised);
            for &Tag { domain, .. } in tags {
                if let (Some(slot), Some(outcome)) = (raised.get_mut(domain), outcomes.get(domain))
                {
                    *slot = *outcome;
                }
            }
            let gain = score1(raised_overall? - base);
            (gain > 0.0).then_some((gain, s, standard))
        }),
    );
    // Highest gain first; a stable sort keeps framework order among equal gains.
    gains.sort_by(|a, b| b.0.total_cmp(&a.0));
    gains
        .iter()
        .take(LEVERAGE_LIMIT)
        .map(|&(gain, s, standard)| Leverage {
            standard: index.standard_id(s, standard),
            gain,
        })
        .collect()
}
