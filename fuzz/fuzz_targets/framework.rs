//! Any bytes as a framework: checking it must never panic, and a framework that passes must
//! score any assessment that names it without panicking, including one with every standard
//! rated at every level.
#![no_main]

use chime_standards::{Engine, Limits};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(engine) = Engine::from_json(data, &Limits::default()) else {
        return;
    };
    let framework = engine.framework();
    let max = framework.max_level();
    for top in 0..=max.min(6) {
        let judgements: Vec<serde_json::Value> = framework
            .standards
            .iter()
            .enumerate()
            .map(|(i, s)| serde_json::json!({"standard": s.id, "rating": (i as u32) % (top + 1)}))
            .collect();
        let assessment = serde_json::json!({
            "format": "chime-standards/assessment@1", "id": "fuzz",
            "framework": {"id": framework.id, "version": framework.version},
            "assessed_on": "2025-01-01",
            "organisation": {"id": "o", "structure": if top % 2 == 0 { "informal" } else { "formally_constituted" }},
            "evidence": [{"id": "e", "kind": "document", "title": "t", "source": "peer",
                          "collected": "2024-06-01", "sensitivity": "public",
                          "standards": framework.standards.iter().map(|s| s.id.clone()).collect::<Vec<_>>()}],
            "judgements": judgements,
        });
        let bytes = serde_json::to_vec(&assessment).unwrap_or_default();
        let _ = engine.score_json(&bytes, &Limits::default());
    }
});
