//! Agreement in reports and cohorts (spec section 8): old reports still read, pooling, and the
//! reliability matrix.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use chime_standards::{
    alpha_ordinal, cohort, parse_json, Document, Engine, Limits, Report, ScoreStatus,
    StandardStatus,
};

fn example_report() -> Report {
    Engine::default_framework()
        .score(&chime_standards::example_assessment())
        .unwrap()
}

#[test]
fn a_version_1_0_report_still_reads_and_pools_no_units() {
    let report = example_report();
    let mut value = serde_json::to_value(&report).unwrap();
    value.as_object_mut().unwrap().remove("agreement");
    for domain in value["domains"].as_array_mut().unwrap() {
        domain.as_object_mut().unwrap().remove("agreement");
    }
    for standard in value["standards"].as_array_mut().unwrap() {
        standard["raters"].as_object_mut().unwrap().remove("levels");
    }
    let text = serde_json::to_vec(&value).unwrap();
    let old: Report = parse_json(&text, Document::Report, &Limits::default()).unwrap();
    assert!(old.agreement.is_none());
    assert!(old.standards.iter().all(|s| s.raters.levels.is_empty()));
    let pooled = cohort([&report, &old]).unwrap();
    let alone = cohort([&report]).unwrap();
    assert_eq!(
        pooled.agreement, alone.agreement,
        "the old report adds no units"
    );
    let only_old = cohort([&old]).unwrap();
    let agreement = only_old.agreement.unwrap();
    assert_eq!(agreement.status, ScoreStatus::NotScoreable);
    assert_eq!((agreement.units, agreement.values), (0, 0));
}

#[test]
fn the_report_agreement_is_alpha_of_its_levels() {
    let report = example_report();
    let units = report
        .standards
        .iter()
        .filter(|s| s.status != StandardStatus::NotApplicable)
        .map(|s| s.raters.levels.as_slice());
    let mut expected = alpha_ordinal(units);
    let agreement = report.agreement.clone().unwrap();
    expected.raters = agreement.raters;
    assert_eq!(agreement, expected);
    for standard in &report.standards {
        assert_eq!(
            standard.raters.levels.iter().sum::<u32>(),
            standard.raters.n
        );
    }
}

#[test]
fn reliability_data_holds_every_integer_rating_once() {
    let engine = Engine::default_framework();
    let assessment = chime_standards::example_assessment();
    let data = engine.reliability_data(&assessment).unwrap();
    let report = engine.score(&assessment).unwrap();
    assert_eq!(data.raters.len(), assessment.raters.len());
    assert_eq!(
        data.levels,
        (0..=engine.framework().max_level()).collect::<Vec<_>>()
    );
    for (c, standard) in data.standards.iter().enumerate() {
        let result = report.standard(standard).unwrap();
        assert_ne!(result.status, StandardStatus::NotApplicable);
        let mut counts = vec![0u32; data.levels.len()];
        for row in &data.values {
            if let Some(level) = row[c] {
                counts[level as usize] += 1;
            }
        }
        assert_eq!(counts, &result.raters.levels[..], "{standard}");
    }
    let mut broken = assessment.clone();
    broken.framework.id = "other".into();
    assert!(engine.reliability_data(&broken).is_err());
}

/// Each block of agreement, the domains' and the report's, worked out apart from the report:
/// alpha of the levels of its applicable standards, and its raters the distinct raters giving
/// whole-number ratings on those of its standards that two or more such ratings decide.
#[test]
fn every_agreement_block_is_alpha_of_its_own_standards() {
    use chime_standards::{synthetic_assessment, Rating};
    use std::collections::BTreeSet;
    let engine = Engine::default_framework();
    let framework = engine.framework();
    for index in 0..60 {
        let assessment = synthetic_assessment(framework, 7, index);
        let Ok(report) = engine.score(&assessment) else {
            continue;
        };
        let expected = |in_block: &dyn Fn(&str) -> bool| {
            let chosen: Vec<_> = report
                .standards
                .iter()
                .filter(|s| s.status != StandardStatus::NotApplicable && in_block(&s.standard))
                .collect();
            let mut agreement = alpha_ordinal(chosen.iter().map(|s| s.raters.levels.as_slice()));
            let mut raters = BTreeSet::new();
            for standard in &chosen {
                let rated: Vec<&str> = assessment
                    .judgements
                    .iter()
                    .filter(|j| *j.standard == *standard.standard)
                    .filter(|j| matches!(j.rating, Rating::Level(_)))
                    .filter_map(|j| j.rater.as_deref())
                    .collect();
                if rated.len() >= 2 {
                    raters.extend(rated);
                }
            }
            agreement.raters = Some(raters.len() as u32);
            agreement
        };
        for domain in &report.domains {
            let tagged = |id: &str| {
                framework
                    .standards
                    .iter()
                    .any(|s| s.id == id && s.domains.iter().any(|t| t.domain == *domain.domain))
            };
            assert_eq!(
                domain.agreement.as_ref(),
                Some(&expected(&tagged)),
                "assessment {index}, domain {}",
                domain.domain
            );
        }
        assert_eq!(
            report.agreement,
            Some(expected(&|_| true)),
            "assessment {index}"
        );
    }
}
