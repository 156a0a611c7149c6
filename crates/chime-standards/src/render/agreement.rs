//! How far the raters agree, in words a volunteer understands (spec section 8).
//!
//! Which reading a number gets is the core's [`Agreement::reading`]; this module only puts
//! each reading into words, with the number, and names the standards the raters' spread is
//! widest on ([`widest_spread`]).

use crate::agreement::{widest_spread, Agreement, AgreementReading};
use crate::framework::Framework;
use crate::report::Report;

use super::words::{count, standard_title};

/// How many standards the "widest spread" sentence names before "and N more".
const NAMED: usize = 5;

/// The sentences about agreement: what alpha says, then where the raters differ most.
///
/// Empty when the report carries no agreement (a report of format version 1.0).
pub(crate) fn agreement_sentences(report: &Report, framework: &Framework) -> Vec<String> {
    let Some(agreement) = &report.agreement else {
        return Vec::new();
    };
    let mut sentences = vec![agreement_text(agreement)];
    if let Some((spread, standards)) = widest_spread(report) {
        let mut names: Vec<String> = standards
            .iter()
            .take(NAMED)
            .map(|id| standard_title(framework, id))
            .collect();
        if standards.len() > NAMED {
            names.push(format!("and {} more", standards.len() - NAMED));
        }
        sentences.push(format!(
            "The raters' ratings are furthest apart ({} between the lowest and the highest) \
             on: {}.",
            count(f64::from(spread), "level", "levels"),
            names.join("; ")
        ));
    }
    sentences
}

/// What one agreement figure means for a group, in one sentence with the number and what it
/// was computed over: the words the text and HTML reports use, for front ends that show
/// agreement on their own (the web page's group view).
///
/// ```
/// use chime_standards::{alpha_ordinal, render::agreement_text};
/// // Two raters who agree on both standards they rated, at different levels.
/// let agreement = alpha_ordinal([vec![0, 2, 0], vec![0, 0, 2]].iter().map(Vec::as_slice));
/// assert!(agreement_text(&agreement).starts_with("The raters agree well (Krippendorff's alpha 1.000"));
/// ```
pub fn agreement_text(agreement: &Agreement) -> String {
    let over = || {
        let raters = agreement
            .raters
            .map(|n| format!(" by {}", count(f64::from(n), "rater", "raters")))
            .unwrap_or_default();
        format!(
            "Krippendorff's alpha {:.3}, from {} of {}{raters}",
            agreement.alpha.unwrap_or(0.0),
            count(f64::from(agreement.values), "rating", "ratings"),
            count(f64::from(agreement.units), "standard", "standards"),
        )
    };
    match agreement.reading() {
        AgreementReading::Reliable => format!(
            "The raters agree well ({}): 0.800 or more means the ratings can be relied on.",
            over()
        ),
        AgreementReading::Tentative => format!(
            "The raters agree only in part ({}): between 0.667 and 0.800 allows tentative \
             conclusions; talk through the standards you rated differently.",
            over()
        ),
        AgreementReading::Unreliable => format!(
            "The raters read the standards too differently to rely on the ratings ({}; below \
             0.667): agree together what each standard asks, then rate again.",
            over()
        ),
        AgreementReading::NotScoreable => format!(
            "Agreement between raters cannot be measured here: {}.",
            agreement
                .reason
                .as_deref()
                .unwrap_or("there are too few ratings to compare")
        ),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing, clippy::panic)]
mod tests {
    use super::*;
    use crate::agreement::alpha_ordinal;

    #[test]
    fn each_reading_has_its_words_and_number() {
        let at = |alpha: f64| Agreement {
            alpha: Some(alpha),
            raters: Some(3),
            ..alpha_ordinal([&[0, 1, 1][..]])
        };
        let reliable = agreement_text(&at(0.853));
        assert!(
            reliable.contains("relied on") && reliable.contains("0.853"),
            "{reliable}"
        );
        assert!(reliable.contains("by 3 raters"), "{reliable}");
        let tentative = agreement_text(&at(0.7));
        assert!(
            tentative.contains("tentative") && tentative.contains("0.700"),
            "{tentative}"
        );
        let low = agreement_text(&at(-0.25));
        assert!(
            low.contains("too differently") && low.contains("-0.250"),
            "{low}"
        );
        // One standard, one rater: the nouns agree with their numbers.
        let one = agreement_text(&Agreement {
            units: 1,
            raters: Some(1),
            ..at(0.0)
        });
        assert!(
            one.contains("from 2 ratings of 1 standard by 1 rater;"),
            "{one}"
        );
        let none = agreement_text(&alpha_ordinal([]));
        assert!(none.contains("cannot be measured"), "{none}");
        assert!(none.contains("fewer than two ratings"), "{none}");
    }

    #[test]
    fn the_example_names_its_widest_spread() {
        let (engine, report) = crate::render::check::example();
        let sentences = agreement_sentences(&report, engine.framework());
        assert_eq!(sentences.len(), 2, "{sentences:?}");
        let (spread, ids) = widest_spread(&report).unwrap();
        assert!(spread >= 1);
        let title = standard_title(engine.framework(), ids[0]);
        assert!(sentences[1].contains(&title), "{sentences:?}");
        let text = crate::render::text(&report, engine.framework());
        assert!(text.contains("HOW FAR THE RATERS AGREE"), "{text}");
        let page = crate::render::html(&report, engine.framework());
        assert!(page.contains("How far the raters agree"));
        assert!(page.contains(&super::super::words::escape(&title)));
        let mut old = report.clone();
        old.agreement = None;
        assert!(agreement_sentences(&old, engine.framework()).is_empty());
    }
}
