//! CHIME reference data: the five recovery processes of Leamy et al. (2011) and their 21
//! sub-categories, with the stable ids frameworks use, plus optional later extensions.
//!
//! Leamy, M., Bird, V., Le Boutillier, C., Williams, J. and Slade, M. (2011). Conceptual
//! framework for personal recovery in mental health: systematic review and narrative
//! synthesis. *British Journal of Psychiatry* 199(6), 445-452. doi:10.1192/bjp.bp.110.083733

/// A recovery process (a CHIME letter, or an extension such as CHIME-D's Difficulties).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Process {
    /// Stable id, used as a framework domain id.
    pub id: &'static str,
    /// One-letter code.
    pub code: &'static str,
    /// Name.
    pub name: &'static str,
    /// Sub-categories as (stable id, name).
    pub subcategories: &'static [(&'static str, &'static str)],
}

/// The five CHIME processes, in the order of the acronym.
pub const PROCESSES: [Process; 5] = [
    Process {
        id: "connectedness",
        code: "C",
        name: "Connectedness",
        subcategories: &[
            ("peer-support", "Peer support and support groups"),
            ("relationships", "Relationships"),
            ("support-from-others", "Support from others"),
            ("community", "Being part of the community"),
        ],
    },
    Process {
        id: "hope",
        code: "H",
        name: "Hope and optimism about the future",
        subcategories: &[
            ("belief", "Belief in possibility of recovery"),
            ("motivation", "Motivation to change"),
            (
                "hope-inspiring-relationships",
                "Hope-inspiring relationships",
            ),
            ("positive-thinking", "Positive thinking and valuing success"),
            ("dreams", "Having dreams and aspirations"),
        ],
    },
    Process {
        id: "identity",
        code: "I",
        name: "Identity",
        subcategories: &[
            ("dimensions", "Dimensions of identity"),
            (
                "rebuilding",
                "Rebuilding/redefining a positive sense of identity",
            ),
            ("stigma", "Overcoming stigma"),
        ],
    },
    Process {
        id: "meaning",
        code: "M",
        name: "Meaning in life",
        subcategories: &[
            (
                "lived-experience",
                "Meaning of the illness/addiction experience",
            ),
            ("spirituality", "Spirituality"),
            ("quality-of-life", "Quality of life"),
            ("social-roles", "Meaningful life and social roles"),
            ("social-goals", "Meaningful life and social goals"),
            ("rebuilding-life", "Rebuilding life"),
        ],
    },
    Process {
        id: "empowerment",
        code: "E",
        name: "Empowerment",
        subcategories: &[
            ("responsibility", "Personal responsibility"),
            ("control", "Control over life"),
            ("strengths", "Focusing upon strengths"),
        ],
    },
];

/// Later extensions of CHIME, for frameworks that want them; never part of the default five.
///
/// CHIME-D adds Difficulties, G-CHIME adds Growth (addiction recovery), C-CHIME adds
/// Creativity. They have no agreed sub-categories, so none are defined here.
pub const EXTENSIONS: [Process; 3] = [
    Process {
        id: "difficulties",
        code: "D",
        name: "Difficulties",
        subcategories: &[],
    },
    Process {
        id: "growth",
        code: "G",
        name: "Growth",
        subcategories: &[],
    },
    Process {
        id: "creativity",
        code: "Cr",
        name: "Creativity",
        subcategories: &[],
    },
];

/// The CHIME process or extension with this id.
///
/// ```
/// let hope = chime_standards::chime::process("hope").unwrap();
/// assert_eq!(hope.subcategories.len(), 5);
/// ```
pub fn process(id: &str) -> Option<&'static Process> {
    PROCESSES
        .iter()
        .chain(EXTENSIONS.iter())
        .find(|p| p.id == id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn has_the_five_processes_and_21_subcategories() {
        let codes: String = PROCESSES.iter().map(|p| p.code).collect();
        assert_eq!(codes, "CHIME");
        let total: usize = PROCESSES.iter().map(|p| p.subcategories.len()).sum();
        assert_eq!(total, 21);
        let mut ids: Vec<&str> = PROCESSES
            .iter()
            .flat_map(|p| p.subcategories.iter().map(|(id, _)| *id))
            .collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), 21, "sub-category ids are unique");
    }
}
