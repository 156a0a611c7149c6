//! Shell completions, the man page, and the progress bar's absence outside a terminal.
//!
//! Completions and the man page are generated from the CLI's clap definition, so these tests
//! take the list of subcommands from `chime --help` (the same definition) and check that every
//! one is there: a subcommand added later is covered without touching this file.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use std::process::{Command, Stdio};

use common::{chime, chime_with_input};

/// The subcommands `chime --help` lists (without `help`).
fn subcommands() -> Vec<String> {
    let output = chime(&["--help"]);
    assert!(output.status.success());
    let help = String::from_utf8(output.stdout).unwrap();
    let listed: Vec<String> = help
        .split("Commands:")
        .nth(1)
        .unwrap_or_else(|| panic!("no Commands section in {help}"))
        .lines()
        .skip(1)
        .take_while(|line| line.starts_with("  "))
        .filter_map(|line| line.split_whitespace().next().map(str::to_owned))
        .filter(|name| name != "help")
        .collect();
    for known in ["score", "validate", "cohort", "completions"] {
        assert!(
            listed.iter().any(|name| name == known),
            "{known} missing from {listed:?}"
        );
    }
    listed
}

/// Whether a shell is installed here, to check its syntax with `-n`.
fn has(shell: &str) -> bool {
    Command::new(shell)
        .arg("-c")
        .arg("exit 0")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|status| status.success())
}

/// Runs `shell -n` on `script` from standard input: a syntax check that runs nothing.
fn syntax_ok(shell: &str, script: &[u8]) -> Result<(), String> {
    use std::io::Write;
    let mut child = Command::new(shell)
        .arg("-n")
        .stdin(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(script).unwrap();
    let done = child.wait_with_output().unwrap();
    if done.status.success() {
        Ok(())
    } else {
        Err(String::from_utf8_lossy(&done.stderr).into_owned())
    }
}

#[test]
fn completions_parse_and_offer_every_subcommand() {
    let names = subcommands();
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let output = chime(&["completions", shell]);
        assert!(output.status.success(), "{shell}: {output:?}");
        let script = String::from_utf8(output.stdout).unwrap();
        for name in &names {
            assert!(
                script.contains(name.as_str()),
                "{shell} completion lacks {name}"
            );
        }
        if matches!(shell, "bash" | "zsh" | "fish") && has(shell) {
            syntax_ok(shell, script.as_bytes()).unwrap_or_else(|e| panic!("{shell}: {e}"));
        }
    }
    // bash is what CI and most researchers have: its check must not be skipped silently.
    assert!(has("bash"), "bash is needed to check the bash completion");
}

#[test]
fn completions_refuse_an_unknown_shell() {
    let output = chime(&["completions", "tcsh"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(output.stdout.is_empty());
}

#[test]
fn the_man_page_documents_every_subcommand() {
    let output = chime(&["man"]);
    assert!(output.status.success());
    let page = String::from_utf8(output.stdout).unwrap();
    assert!(page.contains(".TH chime 1"), "{page}");
    for section in [".SH NAME", ".SH SYNOPSIS", ".SH OPTIONS", ".SH SUBCOMMANDS"] {
        assert!(page.contains(section), "no {section}");
    }
    for name in subcommands() {
        assert!(page.contains(&name), "the man page lacks {name}");
    }
    // Hidden from --help: it is a build step, not a user's command.
    assert!(!String::from_utf8(chime(&["--help"]).stdout)
        .unwrap()
        .contains("  man "));
}

fn generated(count: &str) -> Vec<u8> {
    let output = chime(&["generate", "--count", count, "--seed", "3"]);
    assert!(output.status.success());
    output.stdout
}

/// Standard error here is a pipe (as in every test), so no progress bar may be drawn there:
/// nothing at all for good input, and only the error lines for bad input.
#[test]
fn no_progress_bar_when_standard_error_is_a_pipe() {
    let dir = std::env::temp_dir().join(format!("chime-progress-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("in.ndjson");
    let mut lines = generated("200");
    std::fs::write(&file, &lines).unwrap();
    let path = file.to_str().unwrap();

    let scored = chime(&["score", "--ndjson", path, "--jobs", "2"]);
    assert!(scored.status.success());
    assert_eq!(String::from_utf8_lossy(&scored.stderr), "");
    assert_eq!(scored.stdout.iter().filter(|b| **b == b'\n').count(), 200);

    let piped = chime_with_input(&["score", "--ndjson", "-"], Some(&lines));
    assert!(piped.status.success());
    assert_eq!(String::from_utf8_lossy(&piped.stderr), "");

    lines.extend_from_slice(b"{\"format\": 7}\n");
    let bad = chime_with_input(&["score", "--ndjson", "-"], Some(&lines));
    assert_eq!(bad.status.code(), Some(1));
    let errors = String::from_utf8(bad.stderr).unwrap();
    assert!(
        !errors.contains('\r') && !errors.contains('\u{1b}'),
        "{errors:?}"
    );
    assert!(errors.starts_with("<stdin> line 201: "), "{errors}");
    assert_eq!(errors.lines().count(), 2, "{errors}");

    let reports = dir.join("reports.ndjson");
    std::fs::write(&reports, &scored.stdout).unwrap();
    let pooled = chime(&["cohort", reports.to_str().unwrap()]);
    assert!(pooled.status.success());
    assert_eq!(String::from_utf8_lossy(&pooled.stderr), "");
    std::fs::remove_dir_all(&dir).unwrap();
}
