//! Properties of framework revisions (spec 9), on random revisions of random frameworks:
//! migration keeps every evidence item and every word, carries a rating only across a
//! one-to-one equivalent entry, and always gives a valid assessment of the new framework.

// A failing test should stop loudly at the line that failed.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::collections::HashMap;

use chime_standards::{
    default_framework, diff, draft_mapping, migrate, synthetic_assessment, validate_mapping,
    Assessment, Bump, DomainTag, Engine, Framework, FrameworkRef, Level, Mapping, MappingEntry,
    Rating, Relation, Severity, Standard, MAPPING_FORMAT,
};
use proptest::prelude::*;

const DOMAINS: [&str; 5] = [
    "connectedness",
    "hope",
    "identity",
    "meaning",
    "empowerment",
];

fn standard(id: String, domain: usize, statement: &str) -> Standard {
    Standard {
        id,
        title: "A generated standard".into(),
        statement: statement.into(),
        guidance: None,
        section: None,
        weight: 1.0,
        core: false,
        applies_to: Default::default(),
        domains: vec![DomainTag {
            domain: DOMAINS[domain % DOMAINS.len()].into(),
            weight: 1.0,
            subcategories: Vec::new(),
        }],
        indicators: Vec::new(),
        typical_evidence: Vec::new(),
        level_descriptors: Default::default(),
    }
}

/// The default framework's domains and scoring, with generated standards and a scale of
/// `0..=max`.
fn framework(version: &str, standards: Vec<Standard>, max: u32) -> Framework {
    let mut framework = default_framework();
    framework.id = "generated".into();
    framework.version = version.into();
    framework.sections.clear();
    framework.standards = standards;
    framework.rating_scale.levels = (0..=max)
        .map(|value| Level {
            value,
            id: format!("level-{value}"),
            label: format!("Level {value}"),
            description: None,
        })
        .collect();
    framework.scoring.met_level = framework.scoring.met_level.min(max);
    framework
        .scoring
        .evidence
        .requirements
        .retain(|r| r.level <= max);
    framework
}

/// What happens to one old standard in a revision.
#[derive(Debug, Clone)]
enum Fate {
    /// Kept with the same statement (relation equivalent).
    Same,
    /// Kept, reworded, with this relation.
    Reworded(Relation),
    /// Split into this many new standards.
    Split(usize),
    /// Merged with the next old standard (the last one is kept instead).
    MergeWithNext,
    /// Retired.
    Retired,
}

fn fate() -> impl Strategy<Value = Fate> {
    prop_oneof![
        3 => Just(Fate::Same),
        2 => prop_oneof![
            Just(Relation::Equivalent),
            Just(Relation::Narrower),
            Just(Relation::Broader),
            Just(Relation::Overlaps)
        ]
        .prop_map(Fate::Reworded),
        1 => (2usize..4).prop_map(Fate::Split),
        1 => Just(Fate::MergeWithNext),
        1 => Just(Fate::Retired),
    ]
}

/// An old framework, its revision and the mapping between them.
fn revision_strategy() -> impl Strategy<Value = (Framework, Framework, Mapping)> {
    (
        prop::collection::vec(fate(), 1..10),
        2u32..6,
        1u32..6,
        0usize..3,
        any::<bool>(),
    )
        .prop_map(|(fates, old_max, new_max, added, shuffle)| {
            let n = fates.len();
            let old_standards: Vec<Standard> = (0..n)
                .map(|i| standard(format!("old-{i}"), i, "The original statement."))
                .collect();
            let mut new_standards = Vec::new();
            let mut entries = Vec::new();
            let mut retired = Vec::new();
            let mut i = 0;
            while i < n {
                let id = format!("old-{i}");
                match (&fates[i], i + 1 < n) {
                    (Fate::Same, _) | (Fate::MergeWithNext, false) => {
                        new_standards.push(standard(id.clone(), i, "The original statement."));
                        entries.push(entry(vec![id.clone()], vec![id], Relation::Equivalent));
                    }
                    (Fate::Reworded(relation), _) => {
                        new_standards.push(standard(id.clone(), i, "A revised statement."));
                        entries.push(entry(vec![id.clone()], vec![id], *relation));
                    }
                    (Fate::Split(k), _) => {
                        let to: Vec<String> = (0..*k).map(|j| format!("split-{i}-{j}")).collect();
                        for (j, new_id) in to.iter().enumerate() {
                            new_standards.push(standard(new_id.clone(), i + j, "A part."));
                        }
                        entries.push(entry(vec![id], to, Relation::Overlaps));
                    }
                    (Fate::MergeWithNext, true) => {
                        let merged = format!("merged-{i}");
                        new_standards.push(standard(merged.clone(), i, "Both together."));
                        entries.push(entry(
                            vec![id, format!("old-{}", i + 1)],
                            vec![merged],
                            Relation::Broader,
                        ));
                        i += 1;
                    }
                    (Fate::Retired, _) => retired.push(id),
                }
                i += 1;
            }
            for k in 0..added {
                new_standards.push(standard(format!("new-{k}"), k, "Something new."));
            }
            if new_standards.is_empty() {
                new_standards.push(standard("new-only".into(), 0, "Something new."));
            }
            if shuffle {
                new_standards.reverse();
            }
            let old = framework("1.0.0", old_standards, old_max);
            let new = framework("2.0.0", new_standards, new_max);
            let mapping = Mapping {
                format: MAPPING_FORMAT.to_string(),
                from: reference(&old),
                to: reference(&new),
                standards: entries,
                retired,
            };
            (old, new, mapping)
        })
}

fn entry(from: Vec<String>, to: Vec<String>, relation: Relation) -> MappingEntry {
    MappingEntry {
        from,
        to,
        relation,
        note: None,
    }
}

fn reference(framework: &Framework) -> FrameworkRef {
    FrameworkRef {
        id: framework.id.clone(),
        version: framework.version.clone(),
    }
}

/// Gives the generated judgements words of every kind (short, long, several lines) and
/// actions, varied by `seed`, so that losing any of them shows.
fn words(assessment: &mut Assessment, seed: u64) {
    for (i, judgement) in assessment.judgements.iter_mut().enumerate() {
        let k = (i as u64).wrapping_add(seed) % 7;
        if k != 0 && judgement.justification.is_none() {
            judgement.justification = Some(format!("j{i}"));
        }
        if k % 2 == 1 {
            judgement.narrative = Some(format!("A story, number {i}.\nIt has two lines."));
        }
        if k % 3 == 2 {
            judgement.strengths = Some(format!("s{i}"));
        }
        for a in 0..(k % 3) {
            judgement.actions.push(chime_standards::Action {
                description: format!("action {i}.{a}"),
                due: None,
            });
        }
    }
}

/// Words of one old judgement, by rater: what must appear in the result.
fn texts(assessment: &Assessment, standard: &str) -> Vec<(Option<String>, String)> {
    let mut out = Vec::new();
    for judgement in assessment
        .judgements
        .iter()
        .filter(|j| j.standard == standard)
    {
        for text in [
            &judgement.justification,
            &judgement.narrative,
            &judgement.strengths,
        ]
        .into_iter()
        .flatten()
        {
            out.push((judgement.rater.clone(), text.clone()));
        }
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn migration_keeps_every_word_and_carries_ratings_only_when_equivalent(
        (old, new, mapping) in revision_strategy(),
        seed in any::<u64>(),
        index in 0u64..60,
    ) {
        let mut before = synthetic_assessment(&old, seed, index);
        words(&mut before, seed);
        let old_engine = Engine::new(old.clone()).unwrap();
        prop_assert!(old_engine.score(&before).is_ok(), "the generated assessment is valid");
        let errors: Vec<_> = validate_mapping(&mapping, &old, &new)
            .into_iter()
            .filter(|d| d.severity == Severity::Error)
            .collect();
        prop_assert!(errors.is_empty(), "{errors:?}");

        let copy = before.clone();
        let migrated = migrate(&before, &mapping, &new).unwrap();
        prop_assert_eq!(&before, &copy, "the input is not changed");
        let after = &migrated.assessment;

        // A valid assessment of the new framework.
        let new_engine = Engine::new(new.clone()).unwrap();
        let scored = new_engine.score(after);
        prop_assert!(scored.is_ok(), "{:?}", scored.err());
        prop_assert_eq!(&after.framework, &mapping.to);

        // Every evidence item survives, with everything but its standards unchanged.
        prop_assert_eq!(after.evidence.len(), before.evidence.len());
        for (a, b) in after.evidence.iter().zip(&before.evidence) {
            let mut b = b.clone();
            b.standards = a.standards.clone();
            prop_assert_eq!(a, &b);
        }
        prop_assert_eq!(&after.raters, &before.raters);

        for entry in &mapping.standards {
            let results: Vec<_> = after
                .judgements
                .iter()
                .filter(|j| entry.to.contains(&j.standard))
                .collect();
            // Every word of a non-retired standard appears, for the same rater, in every new
            // standard of its entry.
            for old_id in &entry.from {
                for (rater, text) in texts(&before, old_id) {
                    for new_id in &entry.to {
                        let found = results.iter().any(|j| {
                            j.standard == *new_id
                                && j.rater == rater
                                && [&j.justification, &j.narrative, &j.strengths]
                                    .into_iter()
                                    .flatten()
                                    .any(|t| t.contains(text.as_str()))
                        });
                        prop_assert!(found, "text of {old_id} lost in {new_id}");
                    }
                }
                for judgement in before.judgements.iter().filter(|j| j.standard == *old_id) {
                    for action in &judgement.actions {
                        for new_id in &entry.to {
                            prop_assert!(results.iter().any(|j| j.standard == *new_id
                                && j.rater == judgement.rater
                                && j.actions.contains(action)));
                        }
                    }
                }
            }
            // A rating survives only across a one-to-one equivalent entry, unchanged (or is
            // cleared when the new scale is too short for it).
            let old_ratings: HashMap<(&str, Option<&str>), Rating> = before
                .judgements
                .iter()
                .map(|j| ((j.standard.as_str(), j.rater.as_deref()), j.rating))
                .collect();
            for judgement in &results {
                if entry.is_one_to_one_equivalent() {
                    let old_rating = old_ratings[&(entry.from[0].as_str(), judgement.rater.as_deref())];
                    match old_rating {
                        Rating::Level(level) if level as u32 > new.max_level() => {
                            prop_assert_eq!(judgement.rating, Rating::NotAssessed)
                        }
                        rating => prop_assert_eq!(judgement.rating, rating),
                    }
                } else {
                    prop_assert_eq!(judgement.rating, Rating::NotAssessed);
                }
            }
        }
        // Nothing is judged that no entry leads to (retired standards are not carried).
        for judgement in &after.judgements {
            prop_assert!(mapping.entry_to(&judgement.standard).is_some());
        }
    }

    #[test]
    fn diff_of_a_framework_with_itself_is_empty((old, new, _mapping) in revision_strategy()) {
        for framework in [&old, &new] {
            let changes = diff(framework, framework).unwrap();
            prop_assert!(changes.changes.is_empty(), "{:?}", changes.changes);
            prop_assert_eq!(changes.required_bump, Bump::None);
            prop_assert!(changes.version_ok());
        }
    }

    #[test]
    fn a_revision_that_changes_standards_needs_a_major_version((old, new, mapping) in revision_strategy()) {
        let changes = diff(&old, &new).unwrap();
        let all_equivalent_and_kept = mapping.retired.is_empty()
            && mapping.standards.iter().all(|e| e.from == e.to)
            && new.standards.len() == old.standards.len();
        if !all_equivalent_and_kept || old.max_level() != new.max_level() {
            prop_assert_eq!(changes.required_bump, Bump::Major);
        }
        // 1.0.0 -> 2.0.0 is always enough.
        prop_assert!(changes.version_ok());
    }

    #[test]
    fn each_new_standard_note_names_its_standard((old, new, mapping) in revision_strategy()) {
        // A new standard is one that no entry leads to; its note carries the id in `context`.
        let named: Vec<String> = validate_mapping(&mapping, &old, &new)
            .into_iter()
            .filter(|d| d.code.as_str() == "new_standard")
            .map(|d| {
                let context = d.context.expect("a new_standard note has a context");
                context["standard"].as_str().expect("a standard id").to_string()
            })
            .collect();
        let expected: Vec<String> = new
            .standards
            .iter()
            .filter(|s| mapping.entry_to(&s.id).is_none())
            .map(|s| s.id.clone())
            .collect();
        prop_assert_eq!(named, expected);
    }

    #[test]
    fn a_draft_mapping_always_passes_the_checks((old, new, _mapping) in revision_strategy()) {
        let draft = draft_mapping(&old, &new);
        let errors: Vec<_> = validate_mapping(&draft, &old, &new)
            .into_iter()
            .filter(|d| d.severity == Severity::Error)
            .collect();
        prop_assert!(errors.is_empty(), "{errors:?}");
        // Unchanged standards are equivalent, and only they.
        for entry in &draft.standards {
            let before = old.standard(&entry.from[0]).unwrap();
            let after = new.standard(&entry.to[0]).unwrap();
            prop_assert_eq!(
                entry.relation == Relation::Equivalent,
                before.statement == after.statement
            );
        }
    }
}
