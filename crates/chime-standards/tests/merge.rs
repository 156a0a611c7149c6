//! Merge and split (spec section 7): the law as a property, and hostile inputs.

// A failing test should stop loudly at the line that failed.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use chime_standards::{
    merge, merge_json, split, synthetic_assessment, Assessment, Code, Diagnostic, Document, Engine,
    Limits, Rater, RaterRole, Report, Severity,
};
use proptest::prelude::*;

/// The assessment with every list in a canonical order: "equal up to order".
fn canonical(mut assessment: Assessment) -> Assessment {
    assessment.raters.sort_by(|a, b| a.id.cmp(&b.id));
    assessment.evidence.sort_by(|a, b| a.id.cmp(&b.id));
    assessment
        .judgements
        .sort_by(|a, b| (&a.standard, &a.rater).cmp(&(&b.standard, &b.rater)));
    assessment
}

/// The report with diagnostics reduced to what does not depend on list order: their paths and
/// messages name positions in the assessment, which merging may change.
fn comparable(mut report: Report) -> (Report, Vec<(Severity, Code, Document)>) {
    let mut found: Vec<(Severity, Code, Document)> = report
        .diagnostics
        .iter()
        .map(|d| (d.severity, d.code, d.document))
        .collect();
    found.sort();
    report.diagnostics.clear();
    (report, found)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    /// Split a valid assessment by rater, shuffle the files, merge: the original up to order,
    /// and the same report.
    #[test]
    fn split_shuffle_merge_gives_back_the_assessment(
        seed in any::<u64>(),
        index in 0u64..1000,
        keys in proptest::collection::vec(any::<u32>(), 7),
    ) {
        let engine = Engine::default_framework();
        let original = synthetic_assessment(engine.framework(), seed, index);
        let mut files = split(&original);
        prop_assert_eq!(files.len(), original.raters.len() + 1);
        // Shuffle by sorting on random keys (there are at most 6 files).
        let mut keyed: Vec<(u32, Assessment)> = keys.iter().copied().zip(files.drain(..)).collect();
        keyed.sort_by_key(|(key, _)| *key);
        let shuffled: Vec<Assessment> = keyed.into_iter().map(|(_, file)| file).collect();
        let merged = merge(&shuffled).unwrap_or_else(|e| panic!("{e}"));
        prop_assert_eq!(canonical(merged.clone()), canonical(original.clone()));
        let before = comparable(engine.score(&original).unwrap());
        let after = comparable(engine.score(&merged).unwrap());
        prop_assert_eq!(before, after);
    }
}

fn example() -> Assessment {
    chime_standards::example_assessment()
}

fn codes_at(diagnostics: &[Diagnostic]) -> Vec<(Code, &str)> {
    diagnostics
        .iter()
        .map(|d| (d.code, d.path.as_str()))
        .collect()
}

#[test]
fn the_example_splits_and_merges_in_order() {
    let original = example();
    let files = split(&original);
    for file in &files {
        assert_eq!(file.id, original.id);
        assert_eq!(file.organisation, original.organisation);
        assert_eq!(file.framework, original.framework);
        assert_eq!(file.assessed_on, original.assessed_on);
        assert_eq!(file.status, original.status);
        assert!(file.raters.len() <= 1);
    }
    let merged = merge(&files).unwrap();
    assert_eq!(merged.raters, original.raters, "raters keep their order");
    assert_eq!(canonical(merged), canonical(original));
}

#[test]
fn a_hundred_files_merge() {
    let mut original = example();
    original.raters = (0..99)
        .map(|i| Rater {
            id: format!("r{i}"),
            role: RaterRole::Member,
            lived_experience: i % 2 == 0,
        })
        .collect();
    let standards: Vec<String> = Engine::default_framework()
        .framework()
        .standards
        .iter()
        .map(|s| s.id.clone())
        .collect();
    original.judgements.retain(|j| j.rater.is_none());
    for (i, rater) in original.raters.iter().enumerate() {
        for standard in &standards {
            original.judgements.push(chime_standards::Judgement {
                standard: standard.clone(),
                rater: Some(rater.id.clone()),
                rating: chime_standards::Rating::Level((i % 5) as i32),
                justification: None,
                evidence: Vec::new(),
                narrative: None,
                strengths: None,
                actions: Vec::new(),
            });
        }
    }
    let files = split(&original);
    assert_eq!(files.len(), 100);
    let merged = merge(&files).unwrap();
    assert_eq!(merged.raters.len(), 99);
    assert_eq!(merged.judgements.len(), original.judgements.len());
    let report = Engine::default_framework().score(&merged).unwrap();
    let agreement = report.agreement.unwrap();
    assert_eq!(agreement.raters, Some(99));
}

#[test]
fn every_field_that_can_conflict_is_reported_at_once() {
    let a = example();
    let mut b = example();
    b.format = "chime-standards/assessment@2".into();
    b.id = "other".into();
    b.framework.id = "other-framework".into();
    b.framework.version = "9.9.9".into();
    b.assessed_on = chime_standards::Date::new(2020, 1, 1).unwrap();
    b.organisation.id = "another-org".into();
    b.organisation.structure = match a.organisation.structure {
        chime_standards::Structure::Informal => chime_standards::Structure::FormallyConstituted,
        chime_standards::Structure::FormallyConstituted => chime_standards::Structure::Informal,
    };
    b.raters[0].role = RaterRole::External;
    b.raters[0].lived_experience = !b.raters[0].lived_experience;
    let item = &mut b.evidence[0];
    item.title = "changed".into();
    item.kind = chime_standards::EvidenceKind::Other;
    item.source = chime_standards::Source::External;
    item.collected = chime_standards::Date::new(2001, 1, 1).unwrap();
    item.expires = Some(chime_standards::Date::new(2099, 1, 1).unwrap());
    item.sensitivity = chime_standards::Sensitivity::Public;
    item.consent = Some(chime_standards::Consent {
        recorded_on: chime_standards::Date::new(2001, 1, 1).unwrap(),
    });
    item.uri = Some("https://example.invalid/x".into());
    item.sha256 = Some("0".repeat(64));
    let judgement = &mut b.judgements[0];
    judgement.rating = chime_standards::Rating::NotApplicable;
    judgement.justification = Some("changed".into());
    judgement.evidence = vec!["zzz".into()];
    judgement.narrative = Some("changed".into());
    judgement.strengths = Some("changed".into());
    judgement.actions = vec![chime_standards::Action {
        description: "changed".into(),
        due: None,
    }];
    let error = merge(&[a.clone(), b.clone()]).unwrap_err();
    let found = codes_at(&error.diagnostics);
    let mut expected = vec![
        (Code::MergeMismatch, "/1/format"),
        (Code::MergeMismatch, "/1/id"),
        (Code::MergeMismatch, "/1/framework/id"),
        (Code::MergeMismatch, "/1/framework/version"),
        (Code::MergeMismatch, "/1/assessed_on"),
        (Code::MergeMismatch, "/1/organisation/id"),
        (Code::MergeConflict, "/1/organisation/structure"),
        (Code::MergeConflict, "/1/raters/0/role"),
        (Code::MergeConflict, "/1/raters/0/lived_experience"),
    ];
    for field in [
        "kind",
        "title",
        "source",
        "collected",
        "expires",
        "sensitivity",
        "consent",
        "uri",
        "sha256",
    ] {
        expected.push((Code::MergeConflict, leak(format!("/1/evidence/0/{field}"))));
    }
    for field in [
        "rating",
        "justification",
        "evidence",
        "narrative",
        "strengths",
        "actions",
    ] {
        expected.push((
            Code::MergeConflict,
            leak(format!("/1/judgements/0/{field}")),
        ));
    }
    let mut sorted_found = found.clone();
    sorted_found.sort();
    expected.sort();
    assert_eq!(sorted_found, expected);
    assert!(error
        .diagnostics
        .iter()
        .all(|d| d.document == Document::Input && d.is_error()));
    // Nothing quoted from free text.
    assert!(error
        .diagnostics
        .iter()
        .all(|d| !d.message.contains("changed")));
}

fn leak(text: String) -> &'static str {
    Box::leak(text.into_boxed_str())
}

#[test]
fn parse_errors_of_every_input_come_back_together() {
    let good = example().to_json();
    let inputs: Vec<&[u8]> = vec![
        good.as_bytes(),
        b"{\"format\": 1}",
        b"[",
        b"",
        good.as_bytes(),
    ];
    let error = merge_json(&inputs, &Limits::default()).unwrap_err();
    let mut indexes: Vec<&str> = error
        .diagnostics
        .iter()
        .map(|d| d.path.split('/').nth(1).unwrap_or(""))
        .collect();
    indexes.dedup();
    assert_eq!(indexes, ["1", "2", "3"]);
    assert!(error
        .diagnostics
        .iter()
        .all(|d| d.document == Document::Input));
}

#[test]
fn huge_rater_lists_merge_without_loss() {
    let mut a = example();
    a.judgements.retain(|j| j.rater.is_none());
    a.raters = (0..20_000)
        .map(|i| Rater {
            id: format!("r{i}"),
            role: RaterRole::Peer,
            lived_experience: true,
        })
        .collect();
    let mut b = a.clone();
    b.raters.reverse();
    b.raters.push(Rater {
        id: "extra".into(),
        role: RaterRole::Staff,
        lived_experience: false,
    });
    b.raters[0].role = RaterRole::Member; // r19999 differs
    let error = merge(&[a.clone(), b.clone()]).unwrap_err();
    assert_eq!(
        codes_at(&error.diagnostics),
        [(Code::MergeConflict, "/1/raters/0/role")]
    );
    b.raters[0].role = RaterRole::Peer;
    let merged = merge(&[a, b]).unwrap();
    assert_eq!(merged.raters.len(), 20_001);
    assert_eq!(merged.raters[0].id, "r0");
    assert_eq!(merged.raters[20_000].id, "extra");
}

#[test]
fn the_agreed_judgements_and_uncited_evidence_have_a_file_of_their_own() {
    let original = example();
    let files = split(&original);
    let agreed = files.last().unwrap();
    assert!(agreed.raters.is_empty());
    assert!(agreed.judgements.iter().all(|j| j.rater.is_none()));
    assert_eq!(
        agreed.judgements.len(),
        original
            .judgements
            .iter()
            .filter(|j| j.rater.is_none())
            .count()
    );
    let total: usize = files.iter().map(|f| f.judgements.len()).sum();
    assert_eq!(
        total,
        original.judgements.len(),
        "every judgement in one file"
    );
}
