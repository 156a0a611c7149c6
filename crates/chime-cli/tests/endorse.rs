//! `chime key new`, `chime endorse`, `chime verify` and endorsements in the HTML report,
//! end to end, including the README's example (run as written, so it cannot rot).

// A failing test should stop loudly at the line that failed.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use common::{repo, temp_dir, text};
use serde_json::Value;

/// Runs `chime` in `dir`.
fn chime_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_chime"))
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap_or_else(|e| panic!("cannot start chime: {e}"))
}

fn ok(output: &Output) -> String {
    assert_eq!(
        output.status.code(),
        Some(0),
        "stdout: {}\nstderr: {}",
        text(&output.stdout),
        text(&output.stderr)
    );
    text(&output.stdout)
}

/// A folder with an assessment, a reviewer's key, the trusted key set and an endorsement.
fn endorsed(name: &str) -> PathBuf {
    let dir = temp_dir(name);
    let example = ok(&chime_in(&dir, &["example"]));
    std::fs::write(dir.join("a.json"), example).unwrap();
    let public = ok(&chime_in(
        &dir,
        &["key", "new", "--output", "me.jwk", "--id", "reviewer-a"],
    ));
    let public: Value = serde_json::from_str(&public).unwrap();
    let keys = serde_json::json!({ "keys": [public] });
    std::fs::write(dir.join("keys.json"), keys.to_string()).unwrap();
    ok(&chime_in(
        &dir,
        &[
            "endorse",
            "a.json",
            "--key",
            "me.jwk",
            "--reviewer",
            "reviewer-a",
            "--role",
            "peer",
            "--scope",
            "desk_review",
            "--outcome",
            "endorsed",
            "--on",
            "2026-03-01",
            "--output",
            "e.json",
        ],
    ));
    dir
}

#[test]
fn key_new_writes_a_private_file_and_prints_the_public_key() {
    let dir = temp_dir("key-new");
    let output = chime_in(&dir, &["key", "new", "--output", "k.jwk", "--id", "r1"]);
    let public: Value = serde_json::from_str(&ok(&output)).unwrap();
    assert_eq!(public["kty"], "OKP");
    assert_eq!(public["crv"], "Ed25519");
    assert_eq!(public["reviewer"], "r1");
    assert!(
        public.get("d").is_none(),
        "the public key holds no private part"
    );
    let private: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("k.jwk")).unwrap()).unwrap();
    assert_eq!(private["x"], public["x"]);
    assert_eq!(private["d"].as_str().map(str::len), Some(43));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(dir.join("k.jwk"))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600, "readable by its owner only");
    }
    // Never overwritten, and two keys are never the same.
    let again = chime_in(&dir, &["key", "new", "--output", "k.jwk"]);
    assert_eq!(again.status.code(), Some(2));
    assert!(text(&again.stderr).contains("never overwritten"));
    let other: Value =
        serde_json::from_str(&ok(&chime_in(&dir, &["key", "new", "--output", "k2.jwk"]))).unwrap();
    assert_ne!(other["x"], public["x"]);
}

#[test]
fn verify_accepts_the_endorsement_and_refuses_a_change() {
    let dir = endorsed("verify");
    let valid = ok(&chime_in(
        &dir,
        &["verify", "a.json", "e.json", "--keys", "keys.json"],
    ));
    assert!(valid.starts_with("e.json: valid: reviewer-a"), "{valid}");

    let example = std::fs::read_to_string(dir.join("a.json")).unwrap();
    let mut value: Value = serde_json::from_str(&example).unwrap();
    value["organisation"]["id"] = "someone-else".into();
    std::fs::write(dir.join("b.json"), value.to_string()).unwrap();
    let output = chime_in(
        &dir,
        &[
            "verify",
            "b.json",
            "e.json",
            "--keys",
            "keys.json",
            "--format",
            "json",
        ],
    );
    assert_eq!(output.status.code(), Some(1));
    let results: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(results[0]["file"], "e.json");
    assert_eq!(results[0]["valid"], false);
    assert_eq!(results[0]["problems"][0]["code"], "digest_mismatch");

    // Reformatting the assessment (one line, no spaces) still verifies.
    let compact: Value = serde_json::from_str(&example).unwrap();
    std::fs::write(dir.join("c.json"), compact.to_string()).unwrap();
    ok(&chime_in(
        &dir,
        &["verify", "c.json", "e.json", "--keys", "keys.json"],
    ));

    // Exit 1 when any of several is not valid; each is reported.
    std::fs::write(dir.join("bad.json"), "{\"payloadType\": 1}").unwrap();
    let output = chime_in(
        &dir,
        &[
            "verify",
            "a.json",
            "e.json",
            "bad.json",
            "--keys",
            "keys.json",
        ],
    );
    assert_eq!(output.status.code(), Some(1));
    let stdout = text(&output.stdout);
    assert!(stdout.contains("e.json: valid"), "{stdout}");
    assert!(stdout.contains("bad.json: NOT VALID"), "{stdout}");
    assert!(stdout.contains("malformed_endorsement"), "{stdout}");
}

#[test]
fn verify_checks_a_given_report() {
    let dir = endorsed("report");
    let report = ok(&chime_in(&dir, &["score", "a.json", "--format", "json"]));
    std::fs::write(dir.join("r.json"), &report).unwrap();
    ok(&chime_in(
        &dir,
        &[
            "verify",
            "a.json",
            "e.json",
            "--keys",
            "keys.json",
            "--report",
            "r.json",
        ],
    ));
    let changed = report.replacen("\"score\": ", "\"score\": 1", 1);
    std::fs::write(dir.join("r2.json"), changed).unwrap();
    let output = chime_in(
        &dir,
        &[
            "verify",
            "a.json",
            "e.json",
            "--keys",
            "keys.json",
            "--report",
            "r2.json",
        ],
    );
    assert_eq!(output.status.code(), Some(1));
    assert!(text(&output.stdout).contains("/subject/1/digest/sha256"));
}

#[test]
fn an_untrusted_key_and_a_wrong_reviewer_are_refused() {
    let dir = endorsed("untrusted");
    std::fs::write(dir.join("none.json"), "{\"keys\": []}").unwrap();
    let output = chime_in(&dir, &["verify", "a.json", "e.json", "--keys", "none.json"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(text(&output.stdout).contains("untrusted_key"));

    // The key names reviewer-a; it will not sign for reviewer-b.
    let output = chime_in(
        &dir,
        &[
            "endorse",
            "a.json",
            "--key",
            "me.jwk",
            "--reviewer",
            "reviewer-b",
            "--role",
            "external",
            "--scope",
            "visit",
            "--outcome",
            "not_endorsed",
        ],
    );
    assert_eq!(output.status.code(), Some(1));
    assert!(text(&output.stderr).contains("reviewer_mismatch"));

    // A public key cannot sign.
    std::fs::write(dir.join("pub.jwk"), {
        let keys: Value =
            serde_json::from_str(&std::fs::read_to_string(dir.join("keys.json")).unwrap()).unwrap();
        keys["keys"][0].to_string()
    })
    .unwrap();
    let output = chime_in(
        &dir,
        &[
            "endorse",
            "a.json",
            "--key",
            "pub.jwk",
            "--reviewer",
            "reviewer-a",
            "--role",
            "peer",
            "--scope",
            "visit",
            "--outcome",
            "endorsed",
        ],
    );
    assert_eq!(output.status.code(), Some(1));
    assert!(text(&output.stderr).contains("invalid_key"));
}

#[test]
fn the_html_report_lists_verified_endorsements() {
    let dir = endorsed("html");
    let page = ok(&chime_in(
        &dir,
        &[
            "score",
            "a.json",
            "--endorsement",
            "e.json",
            "--keys",
            "keys.json",
            "--format",
            "html",
        ],
    ));
    let section = &page[page.find("endorsements-heading").unwrap()..];
    assert!(section.contains("<td>reviewer-a</td><td>peer LERO</td><td>desk review</td><td>2026-03-01</td><td>endorsed</td>"), "{section}");
    assert!(!section.contains("did not verify"));

    // With an empty trust list it is counted, not listed.
    std::fs::write(dir.join("none.json"), "{\"keys\": []}").unwrap();
    let page = ok(&chime_in(
        &dir,
        &[
            "score",
            "a.json",
            "--endorsement",
            "e.json",
            "--keys",
            "none.json",
            "--format",
            "html",
        ],
    ));
    assert!(page.contains("No endorsement given verified."));
    assert!(page.contains("1 endorsement given did not verify and is not shown (untrusted_key)."));

    let output = chime_in(
        &dir,
        &[
            "score",
            "a.json",
            "--endorsement",
            "e.json",
            "--keys",
            "keys.json",
        ],
    );
    assert_eq!(output.status.code(), Some(2), "needs --format html");
}

#[test]
fn hostile_endorsement_files_never_panic() {
    let dir = endorsed("hostile");
    let cases: [&[u8]; 6] = [
        b"",
        b"\xff\xfe",
        b"[]",
        b"{\"payloadType\": \"application/vnd.in-toto+json\", \"payload\": \"!!!\", \"signatures\": [{\"sig\": \"\"}]}",
        b"{\"payloadType\": \"application/vnd.in-toto+json\", \"payload\": \"e30=\", \"signatures\": []}",
        &[b'['; 100_000],
    ];
    for (i, bytes) in cases.iter().enumerate() {
        let name = format!("h{i}.json");
        std::fs::write(dir.join(&name), bytes).unwrap();
        let output = chime_in(&dir, &["verify", "a.json", &name, "--keys", "keys.json"]);
        assert_eq!(output.status.code(), Some(1), "{name}");
        assert!(!text(&output.stderr).contains("panicked"), "{name}");
    }
    let huge = vec![b' '; 200_000];
    std::fs::write(dir.join("huge.json"), huge).unwrap();
    let output = chime_in(
        &dir,
        &["verify", "a.json", "huge.json", "--keys", "keys.json"],
    );
    assert_eq!(output.status.code(), Some(1));
    assert!(text(&output.stdout).contains("input_too_large"));
}

/// The README's endorsement example, run line by line as written in a fresh folder.
#[test]
fn the_readme_endorsement_example_runs() {
    let readme = std::fs::read_to_string(repo().join("README.md")).unwrap();
    let section = &readme[readme.find("## Endorsements").expect("README section")..];
    let start = section.find("```sh\n").expect("an sh block") + "```sh\n".len();
    let script = &section[start..start + section[start..].find("```").unwrap()];
    assert!(script.contains("chime verify"), "{script}");
    let dir = temp_dir("readme");
    let bin = Path::new(env!("CARGO_BIN_EXE_chime")).parent().unwrap();
    let path = format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let output = Command::new("bash")
        .args(["-euo", "pipefail", "-c", script])
        .env("PATH", path)
        .current_dir(&dir)
        .output()
        .unwrap();
    assert_eq!(
        output.status.code(),
        Some(0),
        "stdout: {}\nstderr: {}",
        text(&output.stdout),
        text(&output.stderr)
    );
    let page = std::fs::read_to_string(dir.join("report.html")).unwrap();
    assert!(page.contains("<td>lero-north</td>"));
    assert!(text(&output.stdout).contains("digest_mismatch"));
}
