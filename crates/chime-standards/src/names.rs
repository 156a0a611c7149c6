//! Reading the format's unit enums (statuses, roles, kinds, codes) from their JSON names.
//!
//! serde's derived `Deserialize` writes a visitor, a variant enum and a name match for every
//! enum; for our sixteen unit enums that came to about 20 KB of the WebAssembly module. Here
//! they share one visitor that looks the name up in a table, and each enum only maps the
//! index back. The JSON accepted and the error messages are the same as the derive's: a name
//! (or `{"name": null}`), `unknown variant `x`, expected one of ...`, and `expected enum T`.
//!
//! Serialization stays derived, and `#[serde(rename_all = "snake_case")]` still drives it and
//! the JSON Schema; a test checks that every table here names its variants the same way.

use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, EnumAccess, VariantAccess, Visitor};

/// Implements `Deserialize` for a unit enum from a table of its variants and their JSON names.
macro_rules! deserialize_by_name {
    ($ty:ident { $($variant:ident => $name:literal),+ $(,)? }) => {
        impl $ty {
            /// Every variant with its JSON name, in declaration order.
            pub(crate) const NAMED: &'static [($ty, &'static str)] = &[$(($ty::$variant, $name)),+];
        }

        impl<'de> serde::Deserialize<'de> for $ty {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                const NAMES: &[&str] = &[$($name),+];
                let index = $crate::names::variant_index(deserializer, stringify!($ty), NAMES)?;
                $ty::NAMED
                    .get(index)
                    .map(|(variant, _)| *variant)
                    .ok_or_else(|| serde::de::Error::custom("variant index out of range"))
            }
        }
    };
}

pub(crate) use deserialize_by_name;

/// The position in `variants` of the name read, for the enum `name`.
pub(crate) fn variant_index<'de, D: Deserializer<'de>>(
    deserializer: D,
    name: &'static str,
    variants: &'static [&'static str],
) -> Result<usize, D::Error> {
    deserializer.deserialize_enum(name, variants, UnitVariant { name, variants })
}

/// Visits a unit variant: a bare name, or a one-entry map from the name to null.
struct UnitVariant {
    name: &'static str,
    variants: &'static [&'static str],
}

impl<'de> Visitor<'de> for UnitVariant {
    type Value = usize;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "enum {}", self.name)
    }

    fn visit_enum<A: EnumAccess<'de>>(self, data: A) -> Result<usize, A::Error> {
        let (index, variant) = data.variant_seed(VariantName(self.variants))?;
        variant.unit_variant()?;
        Ok(index)
    }
}

/// Reads a variant's name as its position in the table.
struct VariantName(&'static [&'static str]);

impl<'de> DeserializeSeed<'de> for VariantName {
    type Value = usize;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<usize, D::Error> {
        deserializer.deserialize_identifier(self)
    }
}

impl<'de> Visitor<'de> for VariantName {
    type Value = usize;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("variant identifier")
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

    use serde::de::DeserializeOwned;
    use serde::Serialize;

    use crate::assessment::{AssessmentStatus, EvidenceKind, RaterRole, Sensitivity, Source};
    use crate::{
        AppliesTo, AwardOutcome, Code, Direction, Document, DomainStatus, ScoreStatus, Severity,
        StandardStatus, Structure,
    };

    /// Each table entry is the name serde writes for the variant, and reads back to it.
    fn check<T: Serialize + DeserializeOwned + PartialEq + Debug>(named: &[(T, &str)]) -> usize {
        for (variant, name) in named {
            let written = serde_json::to_string(variant).unwrap_or_default();
            assert_eq!(written, format!("\"{name}\""), "{variant:?}");
            let read: T = serde_json::from_str(&written).unwrap_or_else(|e| panic!("{name}: {e}"));
            assert_eq!(&read, variant);
            let as_map: T = serde_json::from_str(&format!("{{\"{name}\": null}}"))
                .unwrap_or_else(|e| panic!("{name} as a map: {e}"));
            assert_eq!(&as_map, variant);
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
        ];
        assert!(checked.iter().all(|&n| n >= 2));
    }

    #[test]
    fn errors_read_as_the_derive_wrote_them() {
        let message = |json: &str| {
            serde_json::from_str::<Severity>(json)
                .map(|_| String::new())
                .unwrap_or_else(|e| e.to_string())
        };
        assert_eq!(
            message("\"fatal\""),
            "unknown variant `fatal`, expected one of `error`, `warning`, `info` at line 1 column 7"
        );
        assert_eq!(message("3"), "expected value at line 1 column 1");
        assert_eq!(
            message("{\"error\": 1}"),
            "invalid type: integer `1`, expected unit at line 1 column 11"
        );
    }
}
