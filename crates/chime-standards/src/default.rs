//! The embedded default framework, `chime-lero`, and its bundled example assessment.
//!
//! `chime-lero` is this project's illustrative framework, written by us from the published
//! CHIME categories. It is not CLERO's official LERO Standards text; any official or local
//! framework loads as data through [`crate::Engine::from_json`].

use crate::assessment::Assessment;
use crate::diagnostic::Document;
use crate::framework::Framework;
use crate::read::parse::{parse_json, Limits};

/// The default framework's JSON, as shipped.
pub const DEFAULT_FRAMEWORK_JSON: &str = include_str!("../frameworks/chime-lero.json");

/// The bundled example assessment's JSON (a fictional organisation).
pub const EXAMPLE_ASSESSMENT_JSON: &str = include_str!("../frameworks/chime-lero-example.json");

/// The default framework as data.
pub fn default_framework() -> Framework {
    parse_json(
        DEFAULT_FRAMEWORK_JSON.as_bytes(),
        Document::Framework,
        &Limits::default(),
    )
    .unwrap_or_else(|error| unreachable!("the embedded framework is tested to parse: {error}"))
}

/// The bundled example assessment against the default framework.
pub fn example_assessment() -> Assessment {
    parse_json(
        EXAMPLE_ASSESSMENT_JSON.as_bytes(),
        Document::Assessment,
        &Limits::default(),
    )
    .unwrap_or_else(|error| unreachable!("the bundled example is tested to parse: {error}"))
}
