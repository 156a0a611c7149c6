//! Reading the format's unit enums (statuses, roles, kinds, codes) from their JSON names.
//!
//! An enum value is a JSON string naming a variant, as the spec and the JSON Schemas say. Any
//! other JSON type is an `invalid_type` error, and an unknown name an `invalid_value` error
//! that lists the names allowed. (serde's derived `Deserialize` also took `{"name": null}`,
//! and reported a number there as malformed JSON.)
//!
//! The enums share one visitor that looks the name up in a table, and each enum only maps the
//! index back: serde's derive wrote a visitor and a name match per enum, 18 KB of the
//! WebAssembly module (2.4 KB gzipped) for our fifteen. Serialization stays derived, and
//! `#[serde(rename_all = "snake_case")]` still drives it and the JSON Schema; a test checks
//! that every table here names its variants the same way.

use std::fmt;

use serde::de::{self, Deserializer, Visitor};

/// Implements `Deserialize` for a unit enum from a table of its variants and their JSON names,
/// and `name()`; a table that also gives each variant's words (`Met => "met" | "Met"`) adds
/// `words()`, the one wording every renderer and front end shows.
macro_rules! deserialize_by_name {
    ($ty:ident { $($variant:ident => $name:literal | $words:literal),+ $(,)? }) => {
        $crate::read::names::deserialize_by_name!($ty { $($variant => $name),+ });

        impl $ty {
            /// Every variant with its words, in declaration order.
            pub(crate) const WORDS: &'static [($ty, &'static str)] = &[$(($ty::$variant, $words)),+];

            /// The value in plain words, as the text and HTML reports show it.
            pub fn words(self) -> &'static str {
                match self {
                    $($ty::$variant => $words,)+
                }
            }
        }
    };
    ($ty:ident { $($variant:ident => $name:literal),+ $(,)? }) => {
        impl $ty {
            /// Every variant with its JSON name, in declaration order.
            pub(crate) const NAMED: &'static [($ty, &'static str)] = &[$(($ty::$variant, $name)),+];

            /// The value's JSON name.
            pub fn name(self) -> &'static str {
                match self {
                    $($ty::$variant => $name,)+
                }
            }
        }

        impl<'de> serde::Deserialize<'de> for $ty {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                const NAMES: &[&str] = &[$($name),+];
                let index = $crate::read::names::variant_index(deserializer, NAMES)?;
                $ty::NAMED
                    .get(index)
                    .map(|(variant, _)| *variant)
                    .ok_or_else(|| serde::de::Error::custom("variant index out of range"))
            }
        }
    };
}

pub(crate) use deserialize_by_name;

/// The position in `variants` of the name read.
pub(crate) fn variant_index<'de, D: Deserializer<'de>>(
    deserializer: D,
    variants: &'static [&'static str],
) -> Result<usize, D::Error> {
    deserializer.deserialize_str(VariantName(variants))
}

/// Reads a variant's name as its position in the table.
struct VariantName(&'static [&'static str]);

impl<'de> Visitor<'de> for VariantName {
    type Value = usize;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("one of ")?;
        for (i, name) in self.0.iter().enumerate() {
            let separator = if i == 0 { "" } else { ", " };
            write!(f, "{separator}`{name}`")?;
        }
        Ok(())
    }

    fn visit_str<E: de::Error>(self, value: &str) -> Result<usize, E> {
        self.0
            .iter()
            .position(|name| *name == value)
            .ok_or_else(|| E::unknown_variant(value, self.0))
    }
}

#[cfg(test)]
mod tests {
    use std::fmt::Debug;

    use schemars::JsonSchema;
    use serde::de::DeserializeOwned;
    use serde::Serialize;

    use crate::assessment::{AssessmentStatus, EvidenceKind, RaterRole, Sensitivity, Source};
    use crate::{
        AppliesTo, AwardOutcome, Code, Direction, Document, DomainStatus, ScoreStatus, Severity,
        StandardStatus, Structure,
    };

    /// Every string a JSON Schema allows by `const` or `enum`, anywhere in it.
    fn allowed(schema: &serde_json::Value, out: &mut Vec<String>) {
        match schema {
            serde_json::Value::Object(map) => {
                for (key, value) in map {
                    match (key.as_str(), value) {
                        ("const", serde_json::Value::String(name)) => out.push(name.clone()),
                        ("enum", serde_json::Value::Array(names)) => {
                            out.extend(names.iter().filter_map(|n| n.as_str().map(str::to_string)))
                        }
                        _ => allowed(value, out),
                    }
                }
            }
            serde_json::Value::Array(items) => items.iter().for_each(|item| allowed(item, out)),
            _ => {}
        }
    }

    /// The table names every variant the enum has (its derived JSON Schema lists them all),
    /// and each entry is the name serde writes for the variant and reads back to it.
    fn check<T: Serialize + DeserializeOwned + JsonSchema + PartialEq + Debug>(
        named: &[(T, &str)],
    ) -> usize {
        let schema = serde_json::to_value(schemars::schema_for!(T)).unwrap_or_default();
        let mut in_schema = Vec::new();
        allowed(&schema, &mut in_schema);
        let mut in_table: Vec<String> = named.iter().map(|(_, name)| name.to_string()).collect();
        in_schema.sort();
        in_table.sort();
        assert_eq!(in_table, in_schema, "{}", std::any::type_name::<T>());
        for (variant, name) in named {
            let written = serde_json::to_string(variant).unwrap_or_default();
            assert_eq!(written, format!("\"{name}\""), "{variant:?}");
            let read: T = serde_json::from_str(&written).unwrap_or_else(|e| panic!("{name}: {e}"));
            assert_eq!(&read, variant);
        }
        named.len()
    }

    #[test]
    fn every_table_matches_serde_names() {
        let checked = [
            check(Severity::NAMED),
            check(Document::NAMED),
            check(Code::NAMED),
            check(Structure::NAMED),
            check(AssessmentStatus::NAMED),
            check(RaterRole::NAMED),
            check(EvidenceKind::NAMED),
            check(Source::NAMED),
            check(Sensitivity::NAMED),
            check(AppliesTo::NAMED),
            check(ScoreStatus::NAMED),
            check(AwardOutcome::NAMED),
            check(DomainStatus::NAMED),
            check(StandardStatus::NAMED),
            check(Direction::NAMED),
            check(crate::ChangeKind::NAMED),
            check(crate::Impact::NAMED),
            check(crate::Bump::NAMED),
            check(crate::Relation::NAMED),
        ];
        assert!(checked.iter().all(|&n| n >= 2));
    }

    #[test]
    fn only_a_known_name_is_read() {
        let message = |json: &str| {
            serde_json::from_str::<Severity>(json)
                .map(|_| String::new())
                .unwrap_or_else(|e| e.to_string())
        };
        assert_eq!(
            message("\"fatal\""),
            "unknown variant `fatal`, expected one of `error`, `warning`, `info` at line 1 column 7"
        );
        assert_eq!(
            message("3"),
            "invalid type: integer `3`, expected one of `error`, `warning`, `info` at line 1 column 1"
        );
        assert!(message("{\"error\": null}")
            .starts_with("invalid type: map, expected one of `error`, `warning`, `info`"));
        assert_eq!(
            serde_json::from_str::<Severity>("\"info\"").ok(),
            Some(Severity::Info)
        );
    }
}
