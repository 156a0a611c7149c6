//! What each column of the tidy records holds, for front ends that build typed tables
//! (pandas, Arrow, R data frames) without knowing the spec's vocabulary.
//!
//! Every column of [`RecordLevel::columns`] has a [`ColumnKind`]: text (ids), a date, a whole
//! number, a number, a yes/no flag, or a category with its categories in the spec's order
//! (statuses, awards, structures: the enums' declaration order) or the framework's order
//! (bands, ascending; domains and standards as the framework lists them). `nullable` says
//! whether a value can be missing (`null` in the records). A column the core does not know
//! yet is [`ColumnKind::Unknown`], so a front end can infer its type from the values.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::assessment::{AssessmentStatus, Structure};
use crate::cohort::Cohort;
use crate::framework::Framework;
use crate::records::RecordLevel;
use crate::report::{AwardOutcome, DomainStatus, ScoreStatus, StandardStatus};

/// The kind of values in a column of records.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum ColumnKind {
    /// Free text or an id without a fixed list.
    Text,
    /// A calendar date (`YYYY-MM-DD`).
    Date,
    /// A whole number.
    Integer,
    /// A number (scores, weights, coverage).
    Number,
    /// Yes or no.
    Flag,
    /// One of a fixed list of names, in this order.
    Category {
        /// The names, in the spec's or the framework's order.
        categories: Vec<String>,
        /// Whether the order means something (bands: ascending), not just the listing.
        ordered: bool,
    },
    /// Not described by the core (a column added without a kind here).
    Unknown,
}

/// One column of a level's records: its name, kind and whether it can be missing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Column {
    /// The column's name (a key of every row).
    pub name: String,
    /// What its values are.
    #[serde(flatten)]
    pub kind: ColumnKind,
    /// Whether a value can be missing (`null`).
    pub nullable: bool,
}

fn names<T>(table: &[(T, &'static str)]) -> ColumnKind {
    ColumnKind::Category {
        categories: table.iter().map(|(_, name)| (*name).to_owned()).collect(),
        ordered: false,
    }
}

impl RecordLevel {
    /// The columns of this level's rows with their kinds, in [`RecordLevel::columns`] order.
    /// With a framework, bands, domains and standards are categories in its order; without
    /// one they are text.
    ///
    /// ```
    /// use chime_standards::{default_framework, ColumnKind, RecordLevel};
    /// let columns = RecordLevel::Overall.column_kinds(Some(&default_framework()));
    /// let band = columns.iter().find(|c| c.name == "band").unwrap();
    /// assert!(band.nullable);
    /// assert!(matches!(&band.kind, ColumnKind::Category { categories, ordered: true } if !categories.is_empty()));
    /// ```
    pub fn column_kinds(self, framework: Option<&Framework>) -> Vec<Column> {
        let ids = |list: Vec<String>, ordered: bool| match framework {
            Some(_) => ColumnKind::Category {
                categories: list,
                ordered,
            },
            None => ColumnKind::Text,
        };
        let bands = || {
            let list = framework.map_or_else(Vec::new, |f| {
                f.scoring.bands.iter().map(|band| band.id.clone()).collect()
            });
            ids(list, true)
        };
        self.columns()
            .into_iter()
            .map(|name| {
                let (kind, nullable) = match (self, name) {
                    (_, "assessment" | "organisation" | "framework" | "framework_version") => {
                        (ColumnKind::Text, false)
                    }
                    (_, "structure") => (names(Structure::NAMED), false),
                    (_, "assessed_on") => (ColumnKind::Date, false),
                    (_, "assessment_status") => (names(AssessmentStatus::NAMED), false),
                    (_, "score") => (ColumnKind::Number, true),
                    (_, "band" | "profile_band") => (bands(), true),
                    (RecordLevel::Overall, "award") => (names(AwardOutcome::NAMED), false),
                    (RecordLevel::Overall, "status") => (names(ScoreStatus::NAMED), false),
                    (RecordLevel::Domain, "status") => (names(DomainStatus::NAMED), false),
                    (RecordLevel::Standard, "status") => (names(StandardStatus::NAMED), false),
                    (_, "domain") => (
                        ids(
                            framework.map_or_else(Vec::new, |f| {
                                f.domains.iter().map(|d| d.id.clone()).collect()
                            }),
                            false,
                        ),
                        false,
                    ),
                    (_, "standard") => (
                        ids(
                            framework.map_or_else(Vec::new, |f| {
                                f.standards.iter().map(|s| s.id.clone()).collect()
                            }),
                            false,
                        ),
                        false,
                    ),
                    (_, "coverage") => (ColumnKind::Number, true),
                    (_, "applicable_weight" | "rated_weight" | "evidence_points") => {
                        (ColumnKind::Number, false)
                    }
                    (_, "claimed" | "effective") => (ColumnKind::Integer, true),
                    (
                        _,
                        "evidence_current"
                        | "evidence_stale"
                        | "evidence_independent"
                        | "raters_n"
                        | "raters_spread",
                    ) => (ColumnKind::Integer, false),
                    (_, "capped") => (ColumnKind::Flag, false),
                    (_, "agreement_alpha") => (ColumnKind::Number, true),
                    // Reports written before 1.1 have no agreement: every column can be missing.
                    (_, "agreement_status") => (names(ScoreStatus::NAMED), true),
                    (_, "agreement_units" | "agreement_values" | "agreement_raters") => {
                        (ColumnKind::Integer, true)
                    }
                    _ => (ColumnKind::Unknown, true),
                };
                Column {
                    name: name.to_owned(),
                    kind,
                    nullable,
                }
            })
            .collect()
    }
}

impl Cohort {
    /// The columns of [`Cohort::standard_rows`] with their kinds, in order: `standard`, `n`,
    /// one count per standard status (in the spec's order), `capped`, then the pooled
    /// agreement's `agreement_alpha`, `agreement_status`, `agreement_units` and
    /// `agreement_values`.
    pub fn standard_columns() -> Vec<Column> {
        let column = |name: &str, kind: ColumnKind, nullable: bool| Column {
            name: name.to_owned(),
            kind,
            nullable,
        };
        let mut columns = vec![
            column("standard", ColumnKind::Text, false),
            column("n", ColumnKind::Integer, false),
        ];
        for (_, status) in StandardStatus::NAMED {
            columns.push(column(status, ColumnKind::Integer, false));
        }
        columns.extend([
            column("capped", ColumnKind::Integer, false),
            column("agreement_alpha", ColumnKind::Number, true),
            column("agreement_status", names(ScoreStatus::NAMED), false),
            column("agreement_units", ColumnKind::Integer, false),
            column("agreement_values", ColumnKind::Integer, false),
        ]);
        columns
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assessment::Rating;
    use crate::default::{default_framework, example_assessment};
    use crate::engine::Engine;
    use crate::records::records;

    /// Every column is described, and every value of the example's rows fits its kind.
    #[test]
    fn every_column_has_a_kind_that_its_values_fit() {
        let framework = default_framework();
        let engine = Engine::default_framework();
        let report = engine
            .score(&example_assessment())
            .unwrap_or_else(|e| panic!("{e:?}"));
        for level in [
            RecordLevel::Overall,
            RecordLevel::Domain,
            RecordLevel::Standard,
        ] {
            let columns = level.column_kinds(Some(&framework));
            let rows =
                serde_json::to_value(records([&report], level)).unwrap_or_else(|e| panic!("{e}"));
            assert_rows_fit(&columns, &rows);
        }
    }

    /// Every column is described, and each row's value of it fits its kind.
    fn assert_rows_fit(columns: &[Column], rows: &serde_json::Value) {
        for column in columns {
            assert_ne!(column.kind, ColumnKind::Unknown, "{}", column.name);
            for row in rows.as_array().into_iter().flatten() {
                let value = &row[&column.name];
                let fits = match &column.kind {
                    _ if value.is_null() => column.nullable,
                    ColumnKind::Text | ColumnKind::Date => value.is_string(),
                    ColumnKind::Integer => value.is_u64() || value.is_i64(),
                    ColumnKind::Number => value.is_number(),
                    ColumnKind::Flag => value.is_boolean(),
                    ColumnKind::Category { categories, .. } => categories
                        .iter()
                        .any(|c| Some(c.as_str()) == value.as_str()),
                    ColumnKind::Unknown => false,
                };
                assert!(fits, "{}: {value} is not {:?}", column.name, column.kind);
            }
        }
    }

    /// The cohort's per-standard rows have exactly the listed columns, every value fits its
    /// kind, and each count is the cohort entry's (zero for a status no report gave).
    #[test]
    fn cohort_standard_rows_have_the_listed_columns_and_the_entries_counts() {
        let engine = Engine::default_framework();
        let example = example_assessment();
        let mut lowered = example.clone();
        for judgement in &mut lowered.judgements {
            if matches!(judgement.rating, Rating::Level(_)) {
                judgement.rating = Rating::Level(0);
            }
        }
        let score = |a| engine.score(a).unwrap_or_else(|e| panic!("{e:?}"));
        let reports = [score(&example), score(&example), score(&lowered)];
        let pooled = crate::cohort::cohort(&reports).unwrap_or_else(|e| panic!("{e:?}"));
        let columns = Cohort::standard_columns();
        let rows = serde_json::to_value(pooled.standard_rows()).unwrap_or_else(|e| panic!("{e}"));
        assert_rows_fit(&columns, &rows);
        let mut names: Vec<&str> = columns.iter().map(|c| c.name.as_str()).collect();
        names.sort_unstable();
        let rows = rows.as_array().cloned().unwrap_or_default();
        assert_eq!(rows.len(), pooled.standards.len());
        for (row, entry) in rows.iter().zip(&pooled.standards) {
            let mut keys: Vec<&str> = row
                .as_object()
                .map(|o| o.keys().map(String::as_str).collect())
                .unwrap_or_default();
            keys.sort_unstable();
            assert_eq!(keys, names, "every row has exactly the listed columns");
            assert_eq!(row["standard"], entry.standard.as_str());
            for (_, status) in StandardStatus::NAMED {
                let count = entry.statuses.get(*status).copied().unwrap_or(0);
                assert_eq!(row[*status], count, "{} {status}", entry.standard);
            }
            assert_eq!(row["capped"], entry.capped);
            assert_eq!(row["agreement_units"], entry.agreement.units);
        }
        // Lowering every rating gives some standard two statuses across the three reports.
        assert!(pooled
            .standards
            .iter()
            .any(|entry| entry.statuses.len() > 1));
    }

    #[test]
    fn without_a_framework_its_vocabularies_are_text() {
        let columns = RecordLevel::Domain.column_kinds(None);
        let kind = |name: &str| columns.iter().find(|c| c.name == name).map(|c| &c.kind);
        assert_eq!(kind("band"), Some(&ColumnKind::Text));
        assert_eq!(kind("domain"), Some(&ColumnKind::Text));
        assert!(matches!(kind("status"), Some(ColumnKind::Category { .. })));
    }
}
