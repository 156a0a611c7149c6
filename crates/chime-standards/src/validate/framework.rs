//! Checks a framework on its own.

use rustc_hash::FxHashSet as HashSet;

use super::{check_ids, weight_ok};
use crate::diagnostic::{pointer_token, Code, Collector, Diagnostic, Document};
use crate::framework::{Framework, Scoring, FRAMEWORK_FORMAT};

/// Every problem with a framework.
pub(crate) fn framework(framework: &Framework) -> Vec<Diagnostic> {
    let mut found = Collector::new(Document::Framework);
    header(&mut found, framework);
    domains(&mut found, framework);
    check_ids(
        &mut found,
        "/sections",
        "section",
        framework.sections.iter().map(|s| s.id.as_str()),
    );
    let levels = scale(&mut found, framework);
    standards(&mut found, framework, &levels);
    scoring(&mut found, &framework.scoring, framework.max_level());
    found.found
}

fn header(found: &mut Collector, framework: &Framework) {
    if framework.format != FRAMEWORK_FORMAT {
        found.error(
            Code::WrongFormat,
            "/format",
            format!("this engine reads \"{FRAMEWORK_FORMAT}\" frameworks"),
        );
    }
    if framework.id.trim().is_empty() {
        found.error(Code::EmptyId, "/id", "the framework has an empty id");
    } else if !is_kebab(&framework.id) {
        found.warning(
            Code::IdNotKebab,
            "/id",
            "framework ids should be lower-kebab (letters, digits and single hyphens)",
        );
    }
    if !is_semver(&framework.version) {
        found.warning(
            Code::VersionNotSemver,
            "/version",
            "framework versions should be semantic versions such as 1.0.0",
        );
    }
    if framework.domains.is_empty() {
        found.error(
            Code::EmptyFramework,
            "/domains",
            "a framework needs at least one domain",
        );
    }
    if framework.standards.is_empty() {
        found.error(
            Code::EmptyFramework,
            "/standards",
            "a framework needs at least one standard",
        );
    }
}

fn domains(found: &mut Collector, framework: &Framework) {
    check_ids(
        found,
        "/domains",
        "domain",
        framework.domains.iter().map(|d| d.id.as_str()),
    );
    for (i, domain) in framework.domains.iter().enumerate() {
        if !weight_ok(domain.weight, true) {
            found.error(
                Code::InvalidWeight,
                format!("/domains/{i}/weight"),
                "a domain weight must be a finite number, 0 or more",
            );
        }
        check_ids(
            found,
            &format!("/domains/{i}/subcategories"),
            "sub-category",
            domain.subcategories.iter().map(|s| s.id.as_str()),
        );
        let served = framework
            .standards
            .iter()
            .any(|standard| standard.domains.iter().any(|tag| tag.domain == domain.id));
        if !served && !framework.standards.is_empty() {
            found.warning(
                Code::DomainWithoutStandards,
                format!("/domains/{i}"),
                "no standard is tagged with this domain, so it will always be not applicable",
            );
        }
    }
}

/// Checks the rating scale; returns the level values that exist.
fn scale(found: &mut Collector, framework: &Framework) -> HashSet<u32> {
    let levels = &framework.rating_scale.levels;
    check_ids(
        found,
        "/rating_scale/levels",
        "level",
        levels.iter().map(|l| l.id.as_str()),
    );
    if levels.len() < 2 {
        found.error(
            Code::InvalidScale,
            "/rating_scale/levels",
            "a rating scale needs at least two levels, 0 and 1",
        );
    } else if let Some(i) = levels
        .iter()
        .enumerate()
        .position(|(i, level)| u32::try_from(i) != Ok(level.value))
    {
        found.error(
            Code::InvalidScale,
            format!("/rating_scale/levels/{i}/value"),
            format!("level values must run 0, 1, 2, ... in order; this one should be {i}"),
        );
    }
    levels.iter().map(|level| level.value).collect()
}

fn standards(found: &mut Collector, framework: &Framework, levels: &HashSet<u32>) {
    check_ids(
        found,
        "/standards",
        "standard",
        framework.standards.iter().map(|s| s.id.as_str()),
    );
    let sections: HashSet<&str> = framework.sections.iter().map(|s| s.id.as_str()).collect();
    for (i, standard) in framework.standards.iter().enumerate() {
        let at = format!("/standards/{i}");
        if let Some(section) = &standard.section {
            if !sections.contains(section.as_str()) {
                found.error(
                    Code::UnknownSection,
                    format!("{at}/section"),
                    format!("no section has id `{section}`"),
                );
            }
        }
        if !weight_ok(standard.weight, false) {
            found.error(
                Code::InvalidWeight,
                format!("{at}/weight"),
                "a standard weight must be a finite number above 0",
            );
        }
        if standard.domains.is_empty() {
            found.error(
                Code::StandardWithoutDomain,
                format!("{at}/domains"),
                "tag the standard with at least one domain",
            );
        }
        let mut tagged = HashSet::default();
        for (j, tag) in standard.domains.iter().enumerate() {
            let tag_at = format!("{at}/domains/{j}");
            if !weight_ok(tag.weight, false) {
                found.error(
                    Code::InvalidWeight,
                    format!("{tag_at}/weight"),
                    "a tag weight must be a finite number above 0",
                );
            }
            let Some(domain) = framework.domain(&tag.domain) else {
                found.error(
                    Code::UnknownDomain,
                    format!("{tag_at}/domain"),
                    format!("no domain has id `{}`", tag.domain),
                );
                continue;
            };
            if !tagged.insert(tag.domain.as_str()) {
                found.error(
                    Code::DuplicateId,
                    format!("{tag_at}/domain"),
                    format!(
                        "the standard is already tagged with `{}`; merge the two tags",
                        tag.domain
                    ),
                );
            }
            for (k, subcategory) in tag.subcategories.iter().enumerate() {
                if !domain.subcategories.iter().any(|s| &s.id == subcategory) {
                    found.error(
                        Code::UnknownSubcategory,
                        format!("{tag_at}/subcategories/{k}"),
                        format!("domain `{}` has no sub-category `{subcategory}`", domain.id),
                    );
                }
            }
        }
        check_ids(
            found,
            &format!("{at}/indicators"),
            "indicator",
            standard.indicators.iter().map(|s| s.id.as_str()),
        );
        for level in standard.level_descriptors.keys() {
            if !levels.contains(level) {
                found.error(
                    Code::UnknownLevel,
                    format!(
                        "{at}/level_descriptors/{}",
                        pointer_token(&level.to_string())
                    ),
                    format!("the rating scale has no level {level}"),
                );
            }
        }
    }
}

fn scoring(found: &mut Collector, scoring: &Scoring, max_level: u32) {
    if scoring.met_level < 1 || scoring.met_level > max_level {
        found.error(
            Code::MetLevelOutOfRange,
            "/scoring/met_level",
            format!("met_level must be a level from 1 to {max_level}"),
        );
    }
    if !(scoring.min_coverage.is_finite() && (0.0..=1.0).contains(&scoring.min_coverage)) {
        found.error(
            Code::MinCoverageOutOfRange,
            "/scoring/min_coverage",
            "min_coverage is a share, from 0 to 1",
        );
    }
    if !(scoring.change_threshold.is_finite() && scoring.change_threshold >= 0.0) {
        found.error(
            Code::InvalidChangeThreshold,
            "/scoring/change_threshold",
            "change_threshold must be a finite number, 0 or more",
        );
    }
    let weights = &scoring.evidence.source_weights;
    for (name, weight) in [
        ("self", weights.own),
        ("peer", weights.peer),
        ("external", weights.external),
    ] {
        if !weight_ok(weight, false) {
            found.error(
                Code::InvalidWeight,
                format!("/scoring/evidence/source_weights/{name}"),
                "a source weight must be a finite number above 0",
            );
        }
    }
    requirements(found, scoring, max_level);
    bands(found, scoring);
}

fn requirements(found: &mut Collector, scoring: &Scoring, max_level: u32) {
    let mut previous: Option<&crate::framework::Requirement> = None;
    for (i, requirement) in scoring.evidence.requirements.iter().enumerate() {
        let at = format!("/scoring/evidence/requirements/{i}");
        if requirement.level < 1 || requirement.level > max_level {
            found.error(
                Code::RequirementLevelOutOfRange,
                format!("{at}/level"),
                format!("requirements are for levels 1 to {max_level}"),
            );
        }
        if !(requirement.min_points.is_finite() && requirement.min_points >= 0.0) {
            found.error(
                Code::InvalidValue,
                format!("{at}/min_points"),
                "min_points must be a finite number, 0 or more",
            );
        }
        // An entry out of order is reported as such only: comparing its numbers with the
        // entry listed before it would compare two levels that are not neighbours.
        match previous {
            Some(before) if requirement.level <= before.level => {
                found.error(
                    Code::RequirementsNotAscending,
                    format!("{at}/level"),
                    "list requirements in ascending order of level, each level once",
                );
                continue;
            }
            Some(before) => {
                if requirement.min_points < before.min_points {
                    found.error(
                        Code::RequirementsDecrease,
                        format!("{at}/min_points"),
                        "a higher level cannot need fewer points than a lower one",
                    );
                }
                if requirement.min_independent < before.min_independent {
                    found.error(
                        Code::RequirementsDecrease,
                        format!("{at}/min_independent"),
                        "a higher level cannot need fewer independent items than a lower one",
                    );
                }
            }
            None => {}
        }
        previous = Some(requirement);
    }
}

fn bands(found: &mut Collector, scoring: &Scoring) {
    check_ids(
        found,
        "/scoring/bands",
        "band",
        scoring.bands.iter().map(|b| b.id.as_str()),
    );
    if scoring.bands.is_empty() {
        found.error(
            Code::BandsNotAscending,
            "/scoring/bands",
            "give at least one band, starting at 0",
        );
    }
    let mut previous: Option<f64> = None;
    for (i, band) in scoring.bands.iter().enumerate() {
        let ok = match previous {
            None => band.min == 0.0,
            Some(before) => band.min.is_finite() && band.min > before && band.min <= 100.0,
        };
        if !ok {
            found.error(
                Code::BandsNotAscending,
                format!("/scoring/bands/{i}/min"),
                "bands start at 0 and each min rises above the last, up to 100",
            );
        }
        previous = Some(band.min);
    }
    if !scoring
        .bands
        .iter()
        .any(|band| band.id == scoring.award.required_band)
    {
        found.error(
            Code::UnknownBand,
            "/scoring/award/required_band",
            format!("no band has id `{}`", scoring.award.required_band),
        );
    }
}

fn is_kebab(id: &str) -> bool {
    !id.is_empty()
        && id.split('-').all(|part| {
            !part.is_empty()
                && part
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        })
}

fn is_semver(version: &str) -> bool {
    let core = version.split(['-', '+']).next().unwrap_or("");
    let parts: Vec<&str> = core.split('.').collect();
    parts.len() == 3
        && parts.iter().all(|part| {
            !part.is_empty()
                && part.bytes().all(|b| b.is_ascii_digit())
                && (part.len() == 1 || !part.starts_with('0'))
        })
}
