//! The words of the enumerated values that reports and pages show, from the same tables that
//! read and name them (`read::names`), so every front end words a status the same way.

use std::collections::BTreeMap;

use crate::assessment::AssessmentStatus;
use crate::diagnostic::{Document, Severity};
use crate::endorse::{Outcome, ReviewerRole, Scope};
use crate::report::{AwardOutcome, DomainStatus, ScoreStatus, StandardStatus};

/// For each kind of value, its JSON names and their words: `vocabulary()["standard_status"]
/// ["working_towards"]` is `"Working towards"`.
///
/// ```
/// let words = chime_standards::vocabulary();
/// assert_eq!(words["award"]["meets_standards"], "Meets the standards");
/// assert_eq!(words["severity"]["info"], "note");
/// ```
pub fn vocabulary() -> BTreeMap<&'static str, BTreeMap<&'static str, &'static str>> {
    fn table<T: Copy + PartialEq>(
        named: &[(T, &'static str)],
        words: &[(T, &'static str)],
    ) -> BTreeMap<&'static str, &'static str> {
        named
            .iter()
            .filter_map(|(value, name)| {
                let (_, said) = words.iter().find(|(other, _)| other == value)?;
                Some((*name, *said))
            })
            .collect()
    }
    BTreeMap::from([
        ("award", table(AwardOutcome::NAMED, AwardOutcome::WORDS)),
        (
            "standard_status",
            table(StandardStatus::NAMED, StandardStatus::WORDS),
        ),
        (
            "domain_status",
            table(DomainStatus::NAMED, DomainStatus::WORDS),
        ),
        (
            "score_status",
            table(ScoreStatus::NAMED, ScoreStatus::WORDS),
        ),
        (
            "assessment_status",
            table(AssessmentStatus::NAMED, AssessmentStatus::WORDS),
        ),
        ("severity", table(Severity::NAMED, Severity::WORDS)),
        ("document", table(Document::NAMED, Document::WORDS)),
        ("outcome", table(Outcome::NAMED, Outcome::WORDS)),
        ("scope", table(Scope::NAMED, Scope::WORDS)),
        (
            "reviewer_role",
            table(ReviewerRole::NAMED, ReviewerRole::WORDS),
        ),
    ])
}
