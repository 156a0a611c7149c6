//! Rendering a report for people: plain text, an SVG radar chart and a self-contained HTML page.
//!
//! Renderers read the report and the framework's titles only, so no free text from an
//! assessment can reach their output.

mod agreement;
mod comparison;
mod endorsements;
mod html;
mod svg;
mod text;
mod words;

pub use agreement::agreement_text;
pub use comparison::comparison_text;
pub use endorsements::{html_with_endorsements, verification_text};
pub use html::html;
pub use svg::svg;
pub use text::text;

#[cfg(test)]
pub(crate) mod check;
