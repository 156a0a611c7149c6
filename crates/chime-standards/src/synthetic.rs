//! Deterministic synthetic assessments, for benchmarks, demonstrations and load tests.
//!
//! Every benchmark in the project (Rust, the CLI, Python, Node) scores the same generated
//! documents, so their numbers compare. The organisations, raters and evidence are fictional:
//! ids and fixed words only, no people.

use crate::assessment::{
    Assessment, AssessmentStatus, Consent, Evidence, EvidenceKind, FrameworkRef, Judgement,
    Organisation, Rater, RaterRole, Rating, Sensitivity, Source, Structure, ASSESSMENT_FORMAT,
};
use crate::date::Date;
use crate::engine::Engine;
use crate::framework::Framework;

/// How many fictional organisations the generator spreads assessments over.
const ORGANISATIONS: u64 = 60;

const KINDS: [EvidenceKind; 11] = [
    EvidenceKind::Document,
    EvidenceKind::Policy,
    EvidenceKind::Testimony,
    EvidenceKind::Observation,
    EvidenceKind::Survey,
    EvidenceKind::ActivityRecord,
    EvidenceKind::OutcomeData,
    EvidenceKind::CaseStudy,
    EvidenceKind::ExternalReview,
    EvidenceKind::Media,
    EvidenceKind::Other,
];

const ROLES: [RaterRole; 6] = [
    RaterRole::Member,
    RaterRole::Volunteer,
    RaterRole::Staff,
    RaterRole::Trustee,
    RaterRole::Peer,
    RaterRole::External,
];

/// The `index`-th synthetic assessment of a series, against `framework`.
///
/// The same `(seed, index)` always gives the same assessment. Each has 1 to 5 raters who rate
/// every standard, an agreed judgement for about a third of the standards, and 20 to 60
/// evidence items of every kind and source, some stale or expired. Organisations recur across
/// the series (60 of them, a third formally constituted), assessed in 2023, 2024 or 2025.
///
/// ```
/// use chime_standards::{synthetic_assessment, Engine};
/// let engine = Engine::default_framework();
/// let a = synthetic_assessment(engine.framework(), 7, 0);
/// assert_eq!(a, synthetic_assessment(engine.framework(), 7, 0));
/// assert!(engine.score(&a).is_ok());
/// ```
pub fn synthetic_assessment(framework: &Framework, seed: u64, index: u64) -> Assessment {
    let mut rng = SplitMix64::new(seed ^ index.wrapping_mul(0x9E37_79B9_7F4A_7C15));
    let organisation = index % ORGANISATIONS;
    let structure = if organisation % 3 == 0 {
        Structure::FormallyConstituted
    } else {
        Structure::Informal
    };
    let year_start =
        Date::new(2023 + (index / ORGANISATIONS % 3) as u16, 3, 1).unwrap_or(Date::MIN);
    let assessed_on = year_start
        .add_days(rng.below(270) as i64)
        .unwrap_or(year_start);

    let raters: Vec<Rater> = (0..1 + rng.below(5))
        .map(|r| Rater {
            id: format!("r{}", r + 1),
            role: pick(&ROLES, r, RaterRole::Member),
            lived_experience: rng.below(10) < 8,
        })
        .collect();
    let evidence: Vec<Evidence> = (0..20 + rng.below(41))
        .map(|i| evidence_item(framework, &mut rng, i, assessed_on))
        .collect();

    // An organisation's underlying level, drifting by standard and rater.
    let max = i64::from(framework.max_level());
    let base = 1 + (organisation as i64 % max.max(1));
    let mut judgements = Vec::new();
    for standard in &framework.standards {
        let applies = Engine::applies(standard, structure);
        let level = (base + rng.below(3) as i64 - 1).clamp(0, max);
        let cited = |rng: &mut SplitMix64| -> Vec<String> {
            (0..rng.below(3))
                .map(|_| format!("e{}", rng.below(evidence.len() as u64)))
                .collect::<std::collections::BTreeSet<_>>()
                .into_iter()
                .collect()
        };
        if !applies {
            judgements.push(judgement(
                &standard.id,
                None,
                Rating::NotApplicable,
                Vec::new(),
            ));
            continue;
        }
        if rng.below(3) == 0 {
            let evidence = cited(&mut rng);
            judgements.push(judgement(
                &standard.id,
                None,
                Rating::Level(level as i32),
                evidence,
            ));
        }
        for rater in &raters {
            let own = (level + rng.below(3) as i64 - 1).clamp(0, max);
            let evidence = cited(&mut rng);
            judgements.push(judgement(
                &standard.id,
                Some(rater.id.clone()),
                Rating::Level(own as i32),
                evidence,
            ));
        }
    }

    Assessment {
        format: ASSESSMENT_FORMAT.to_string(),
        id: format!("synthetic-{seed}-{index}"),
        framework: FrameworkRef {
            id: framework.id.clone(),
            version: framework.version.clone(),
        },
        assessed_on,
        organisation: Organisation {
            id: format!("org-{organisation:02}"),
            name: Some(format!("Synthetic organisation {organisation:02}")),
            structure,
        },
        status: AssessmentStatus::Submitted,
        raters,
        evidence,
        judgements,
    }
}

fn evidence_item(
    framework: &Framework,
    rng: &mut SplitMix64,
    i: u64,
    assessed_on: Date,
) -> Evidence {
    let kind = pick(&KINDS, rng.next(), EvidenceKind::Other);
    let source = match rng.below(20) {
        0..=11 => Source::Own,
        12..=16 => Source::Peer,
        _ => Source::External,
    };
    // Up to about four years old, so some items are stale under a three-year rule.
    let collected = assessed_on
        .add_days(-(rng.below(1400) as i64))
        .unwrap_or(assessed_on);
    let expires = (rng.below(5) == 0)
        .then(|| collected.add_days(365 + rng.below(1100) as i64))
        .flatten();
    let personal = matches!(kind, EvidenceKind::Testimony | EvidenceKind::CaseStudy);
    let standards = (0..1 + rng.below(3))
        .filter_map(|_| {
            let n = framework.standards.len() as u64;
            (n > 0).then(|| {
                framework
                    .standards
                    .get(rng.below(n) as usize)
                    .map(|s| s.id.clone())
            })?
        })
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    Evidence {
        id: format!("e{i}"),
        kind,
        title: format!("Synthetic evidence item {i}"),
        source,
        collected,
        expires,
        standards,
        sensitivity: if personal {
            Sensitivity::Personal
        } else {
            Sensitivity::Internal
        },
        consent: personal.then_some(Consent {
            recorded_on: collected,
        }),
        uri: None,
        sha256: None,
    }
}

/// The item at `i`, wrapping around (`fallback` only for an empty list).
fn pick<T: Copy>(items: &[T], i: u64, fallback: T) -> T {
    let len = items.len().max(1) as u64;
    items.get((i % len) as usize).copied().unwrap_or(fallback)
}

fn judgement(
    standard: &str,
    rater: Option<String>,
    rating: Rating,
    evidence: Vec<String>,
) -> Judgement {
    Judgement {
        standard: standard.to_string(),
        rater,
        justification: (rating == Rating::NotApplicable).then(|| {
            "The standard applies to formally constituted organisations only.".to_string()
        }),
        rating,
        evidence,
        narrative: None,
        strengths: None,
        actions: Vec::new(),
    }
}

/// A small, fast, well-mixed generator (Steele, Lea and Flood's SplitMix64): enough for
/// synthetic data, and the same on every platform.
struct SplitMix64(u64);

impl SplitMix64 {
    fn new(seed: u64) -> SplitMix64 {
        SplitMix64(seed)
    }

    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..bound` (0 when `bound` is 0).
    fn below(&mut self, bound: u64) -> u64 {
        match bound {
            0 => 0,
            _ => self.next() % bound,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn synthetic_assessments_are_valid_varied_and_realistic() {
        let engine = Engine::default_framework();
        let mut structures = std::collections::BTreeSet::new();
        let mut awards = std::collections::BTreeSet::new();
        for index in 0..200 {
            let assessment = synthetic_assessment(engine.framework(), 42, index);
            assert!((1..=5).contains(&assessment.raters.len()));
            assert!((20..=60).contains(&assessment.evidence.len()));
            for standard in &engine.framework().standards {
                let judged = assessment
                    .judgements
                    .iter()
                    .filter(|j| j.standard == standard.id)
                    .count();
                assert!(judged >= 1, "every standard is judged");
            }
            let report = engine
                .score(&assessment)
                .unwrap_or_else(|e| panic!("synthetic {index} is invalid: {e}"));
            structures.insert(format!("{:?}", assessment.organisation.structure));
            awards.insert(format!("{:?}", report.overall.award));
        }
        assert_eq!(structures.len(), 2, "both structures occur");
        assert!(awards.len() >= 2, "outcomes vary: {awards:?}");
        assert_ne!(
            synthetic_assessment(engine.framework(), 1, 5),
            synthetic_assessment(engine.framework(), 2, 5),
            "the seed matters"
        );
    }
}
