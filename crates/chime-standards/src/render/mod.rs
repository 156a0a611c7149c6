//! Rendering a report for people: plain text, an SVG radar chart and a self-contained HTML page.
//!
//! Renderers read the report and the framework's titles only, so no free text from an
//! assessment can reach their output.
