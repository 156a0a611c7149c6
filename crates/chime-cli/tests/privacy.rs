//! No leaked personal text: an assessment whose every free-text field holds a distinctive
//! marker is scored in every output format, and no marker may appear in any output.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use serde_json::Value;

/// Puts a numbered marker into every free-text field; returns the markers used.
fn plant_markers(assessment: &mut Value) -> Vec<String> {
    let mut markers = Vec::new();
    let mut plant = |slot: &mut Value| {
        let marker = format!("QZX-PRIVATE-{:04}", markers.len());
        *slot = Value::String(format!("Jo Bloggs told us {marker} about her recovery"));
        markers.push(marker);
    };
    plant(&mut assessment["organisation"]["name"]);
    for (i, item) in assessment["evidence"]
        .as_array_mut()
        .unwrap()
        .iter_mut()
        .enumerate()
    {
        plant(&mut item["title"]);
        item["uri"] = Value::String(format!("file:///home/jo/statement-{i}.pdf"));
    }
    for judgement in assessment["judgements"].as_array_mut().unwrap() {
        for field in ["justification", "narrative", "strengths"] {
            plant(&mut judgement[field]);
        }
        judgement["actions"] = serde_json::json!([{"description": ""}]);
        plant(&mut judgement["actions"][0]["description"]);
    }
    markers
}

/// Standard output of a `chime` run that must succeed.
fn chime(args: &[&str]) -> Vec<u8> {
    let output = common::chime(args);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    output.stdout
}

#[test]
fn no_free_text_reaches_any_output() {
    let mut assessment: Value =
        serde_json::from_str(chime_standards::EXAMPLE_ASSESSMENT_JSON).unwrap();
    let markers = plant_markers(&mut assessment);
    assert!(
        markers.len() > 50,
        "markers planted in every free-text field"
    );
    let dir = std::env::temp_dir().join(format!("chime-privacy-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let input = dir.join("private.json");
    std::fs::write(&input, serde_json::to_vec_pretty(&assessment).unwrap()).unwrap();
    let input = input.to_string_lossy().into_owned();

    let mut outputs = Vec::new();
    for format in ["json", "text", "svg", "html"] {
        outputs.push((format, chime(&["score", &input, "--format", format])));
    }
    let reports = dir.join("reports.ndjson");
    // --ndjson reads one document per line: give it the assessment on one line.
    let one_line = dir.join("private.ndjson");
    std::fs::write(
        &one_line,
        format!("{}\n", serde_json::to_string(&assessment).unwrap()),
    )
    .unwrap();
    let ndjson = chime(&["score", "--ndjson", &one_line.to_string_lossy()]);
    assert_eq!(
        ndjson.iter().filter(|b| **b == b'\n').count(),
        1,
        "the line was scored"
    );
    std::fs::write(&reports, &ndjson).unwrap();
    outputs.push(("ndjson", ndjson));
    let reports = reports.to_string_lossy().into_owned();
    outputs.push((
        "cohort csv",
        chime(&["cohort", &reports, "--format", "csv"]),
    ));
    outputs.push(("cohort json", chime(&["cohort", &reports])));
    outputs.push(("compare", chime(&["compare", &input, &input])));
    outputs.push(("validate", chime(&["validate", &input])));

    for (format, bytes) in &outputs {
        let text = String::from_utf8_lossy(bytes);
        for needle in
            markers
                .iter()
                .map(String::as_str)
                .chain(["Jo Bloggs", "/home/jo", "QZX-PRIVATE"])
        {
            assert!(!text.contains(needle), "{format} output leaks {needle}");
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
}
