//! `chime key new`, `chime endorse` and `chime verify`: file I/O, the operating system's
//! random bytes and today's date around the core's signing and verification.

use std::io::Write;
use std::path::Path;

use chime_standards::endorse::{
    sign_endorsement, verify_json, Outcome, PrivateKey, Review, Reviewer, ReviewerRole, Scope,
    Verification, MAX_KEY_SET_BYTES,
};
use chime_standards::{render, Date, Engine, Limits};
use clap::ValueEnum;

use crate::input::Source;
use crate::output::{Failure, Sink};

/// A reviewer's standing, as `--role` takes it.
#[derive(Clone, Copy, ValueEnum)]
#[value(rename_all = "snake_case")]
pub enum RoleArg {
    Peer,
    External,
}

/// How closely the reviewer looked, as `--scope` takes it.
#[derive(Clone, Copy, ValueEnum)]
#[value(rename_all = "snake_case")]
pub enum ScopeArg {
    DeskReview,
    EvidenceSighted,
    Visit,
}

/// The conclusion, as `--outcome` takes it.
#[derive(Clone, Copy, ValueEnum)]
#[value(rename_all = "snake_case")]
pub enum OutcomeArg {
    Endorsed,
    EndorsedWithConditions,
    NotEndorsed,
}

/// `chime key new`: 32 bytes from the operating system, the private JWK written to a new file
/// readable by its owner only, the public JWK printed for the trusted key set.
pub fn key_new(output: &Path, reviewer: Option<String>) -> Result<(), Failure> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).map_err(|error| {
        Failure::io(format!(
            "the operating system gave no random bytes ({error}); no key was made"
        ))
    })?;
    let key = PrivateKey::from_bytes(bytes, reviewer);
    bytes.fill(0);
    let mut text = serde_json::to_string_pretty(&key.private_jwk()).unwrap_or_default();
    text.push('\n');
    write_private(output, text.as_bytes())?;
    let mut public = serde_json::to_string_pretty(&key.public_jwk()).unwrap_or_default();
    public.push('\n');
    Sink::stdout().write_all(&public)
}

/// Creates `path` (never overwriting) with mode 0600 on Unix, and writes `bytes`.
fn write_private(path: &Path, bytes: &[u8]) -> Result<(), Failure> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut file = options.open(path).map_err(|error| {
        let advice = if error.kind() == std::io::ErrorKind::AlreadyExists {
            "; it already exists, and a key file is never overwritten (choose another name)"
        } else {
            ""
        };
        Failure::io(format!("cannot create {}: {error}{advice}", path.display()))
    })?;
    file.write_all(bytes)
        .and_then(|()| file.sync_all())
        .map_err(|error| Failure::io(format!("cannot write {}: {error}", path.display())))
}

/// What `chime endorse` was asked to sign.
pub struct EndorseArgs<'a> {
    pub assessment: &'a str,
    pub key: &'a str,
    pub reviewer: String,
    pub organisation: Option<String>,
    pub role: RoleArg,
    pub scope: ScopeArg,
    pub outcome: OutcomeArg,
    pub on: Option<Date>,
}

/// `chime endorse`: scores the assessment, then signs it and its report.
pub fn endorse(engine: &Engine, args: EndorseArgs<'_>, limits: &Limits) -> Result<String, Failure> {
    let source = Source::new(args.assessment);
    let assessment = source.read(limits)?;
    let report = engine
        .score_json(&assessment, limits)
        .map_err(|error| Failure::invalid(source.name(), error.diagnostics))?
        .to_json();
    let key_source = Source::new(args.key);
    let key_limits = Limits {
        max_bytes: MAX_KEY_SET_BYTES,
    };
    let key = PrivateKey::from_jwk_json(&key_source.read(&key_limits)?)
        .map_err(|error| Failure::invalid(key_source.name(), error.diagnostics))?;
    let review = Review {
        reviewer: Reviewer {
            id: args.reviewer,
            role: match args.role {
                RoleArg::Peer => ReviewerRole::Peer,
                RoleArg::External => ReviewerRole::External,
            },
            organisation: args.organisation,
        },
        reviewed_on: args.on.map_or_else(today, Ok)?,
        scope: match args.scope {
            ScopeArg::DeskReview => Scope::DeskReview,
            ScopeArg::EvidenceSighted => Scope::EvidenceSighted,
            ScopeArg::Visit => Scope::Visit,
        },
        outcome: match args.outcome {
            OutcomeArg::Endorsed => Outcome::Endorsed,
            OutcomeArg::EndorsedWithConditions => Outcome::EndorsedWithConditions,
            OutcomeArg::NotEndorsed => Outcome::NotEndorsed,
        },
    };
    sign_endorsement(&assessment, report.as_bytes(), &review, &key, limits)
        .map(|envelope| envelope.to_json())
        .map_err(|error| Failure::invalid(source.name(), error.diagnostics))
}

/// Today's date (UTC) from the system clock: the CLI reads the clock, the core never does.
fn today() -> Result<Date, Failure> {
    let seconds = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_err(|_| Failure::usage("the system clock is before 1970; give --on YYYY-MM-DD"))?
        .as_secs();
    let days = i64::try_from(seconds / 86_400).unwrap_or(i64::MAX);
    Date::new(1970, 1, 1)
        .and_then(|epoch| epoch.add_days(days))
        .ok_or_else(|| Failure::usage("the system clock is out of range; give --on YYYY-MM-DD"))
}

/// What `chime verify` was asked to check.
pub struct VerifyArgs<'a> {
    pub assessment: &'a str,
    pub endorsements: &'a [String],
    pub keys: &'a str,
    pub report: Option<&'a str>,
}

/// Verifies each endorsement; the report checked is the one given, or else the report this
/// engine makes of the assessment now.
pub fn verify_all(
    engine: &Engine,
    args: &VerifyArgs<'_>,
    limits: &Limits,
) -> Result<Vec<(String, Verification)>, Failure> {
    let source = Source::new(args.assessment);
    let assessment = source.read(limits)?;
    let report = match args.report {
        Some(path) => Some(Source::new(path).read(limits)?),
        None => engine
            .score_json(&assessment, limits)
            .ok()
            .map(|report| report.to_json().into_bytes()),
    };
    let keys = read_keys(args.keys)?;
    let mut results = Vec::new();
    for name in args.endorsements {
        let endorsement = Source::new(name);
        // The core refuses an oversize envelope with a located error; read a little past its
        // limit so that it can say so.
        let envelope = endorsement.read(&Limits {
            max_bytes: chime_standards::endorse::MAX_ENVELOPE_BYTES,
        })?;
        let verification = verify_json(&envelope, &assessment, report.as_deref(), &keys, limits);
        results.push((endorsement.name().to_string(), verification));
    }
    Ok(results)
}

fn read_keys(path: &str) -> Result<Vec<u8>, Failure> {
    Source::new(path).read(&Limits {
        max_bytes: MAX_KEY_SET_BYTES,
    })
}

/// Verifications for the HTML report: each endorsement against the assessment and the report
/// just computed.
pub fn verify_for_report(
    assessment: &[u8],
    report: &str,
    endorsements: &[String],
    keys: &str,
) -> Result<Vec<Verification>, Failure> {
    let keys = read_keys(keys)?;
    let mut results = Vec::new();
    for name in endorsements {
        let envelope = Source::new(name).read(&Limits {
            max_bytes: chime_standards::endorse::MAX_ENVELOPE_BYTES,
        })?;
        results.push(verify_json(
            &envelope,
            assessment,
            Some(report.as_bytes()),
            &keys,
            &Limits::default(),
        ));
    }
    Ok(results)
}

/// The results as text or as a JSON array of `{file, ...verification}`.
pub fn print(results: &[(String, Verification)], json: bool) -> Result<(), Failure> {
    let text = if json {
        let list: Vec<serde_json::Value> = results
            .iter()
            .map(|(name, verification)| {
                let mut value = serde_json::to_value(verification).unwrap_or_default();
                if let Some(object) = value.as_object_mut() {
                    object.insert("file".to_string(), name.clone().into());
                }
                value
            })
            .collect();
        let mut text = serde_json::to_string_pretty(&list).unwrap_or_default();
        text.push('\n');
        text
    } else {
        results
            .iter()
            .map(|(name, verification)| render::verification_text(name, verification))
            .collect()
    };
    Sink::stdout().write_all(&text)?;
    if results.iter().all(|(_, verification)| verification.valid) {
        Ok(())
    } else {
        Err(Failure::Silent)
    }
}
