//! Abbreviations that keep their final period.

/// How an abbreviation behaves at a possible sentence end.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Abbrev {
    /// A title before a name (`Gen.`, `Mr.`): never ends a sentence.
    Title,
    /// An abbreviation before a number (`No. 5`, `Jan. 3`): an
    /// abbreviation only when a number follows.
    BeforeNumber,
    /// Anything else (`Inc.`, `U.S.`, `etc.`): may end a sentence.
    General,
}

// Capitalised entries match only capitalised or upper-case text; lower-case
// entries match any case.
const TITLES: &[&str] = &[
    "Adm", "Amb", "Brig", "Capt", "Cmdr", "Col", "Cpl", "Dr", "Fr", "Gen", "Gov", "Hon", "Lt",
    "Maj", "Messrs", "Mr", "Mrs", "Ms", "Mt", "Pres", "Prof", "Rep", "Reps", "Rev", "Sen", "Sens",
    "Sgt", "Sr", "St", "Supt",
];
const BEFORE_NUMBER: &[&str] = &[
    "Apr", "Aug", "Dec", "Feb", "Jan", "Jul", "Jun", "Mar", "Nov", "Oct", "Sep", "Sept", "No",
    "Nos", "Art", "Fig", "Vol", "pp", "ch", "sec",
];
const GENERAL: &[&str] = &[
    "Assn", "Ave", "Blvd", "Bros", "Co", "Corp", "Dept", "Gov't", "Inc", "Jr", "Ltd", "Plc", "Rd",
    "Univ", "Mon", "Tue", "Tues", "Wed", "Thu", "Thur", "Thurs", "Fri", "Sat", "Sun",
    // States and provinces as news datelines abbreviate them.
    "Ala", "Ariz", "Ark", "Calif", "Colo", "Conn", "Del", "Fla", "Ga", "Ill", "Ind", "Kan", "Ky",
    "La", "Md", "Mass", "Mich", "Minn", "Miss", "Mo", "Mont", "Neb", "Nev", "Okla", "Ont", "Ore",
    "Pa", "Que", "Tenn", "Tex", "Va", "Vt", "Wash", "Wis", "Wyo", "pop", "approx", "cf", "est",
    "etc", "ft", "lbs", "mos", "vs", "viz", "al", "ca", "yr", "yrs",
];

fn matches(entry: &str, word: &str) -> bool {
    if !entry.eq_ignore_ascii_case(word) {
        return false;
    }
    let entry_capitalised = entry.as_bytes()[0].is_ascii_uppercase();
    !entry_capitalised || word.as_bytes()[0].is_ascii_uppercase()
}

/// Whether `word` followed by a period is an abbreviation, and of what kind.
/// `word` is the text before the period.
pub fn classify(word: &str) -> Option<Abbrev> {
    // No listed abbreviation is longer than six letters.
    if word.is_empty() || !word.is_ascii() || (word.len() > 6 && !word.contains('.')) {
        return None;
    }
    // Initials and dotted abbreviations: `J`, `U.S`, `e.g`, `p.m`.
    let dotted = word
        .split('.')
        .all(|part| part.len() == 1 && part.as_bytes()[0].is_ascii_alphabetic());
    if dotted {
        return Some(
            if word.len() == 1 && word.as_bytes()[0].is_ascii_uppercase() {
                Abbrev::Title // an initial: `John F. Kennedy`
            } else {
                Abbrev::General
            },
        );
    }
    if TITLES.iter().any(|e| matches(e, word)) {
        return Some(Abbrev::Title);
    }
    if BEFORE_NUMBER.iter().any(|e| matches(e, word)) {
        return Some(Abbrev::BeforeNumber);
    }
    if GENERAL.iter().any(|e| matches(e, word)) {
        return Some(Abbrev::General);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classifies() {
        assert_eq!(classify("U.S"), Some(Abbrev::General));
        assert_eq!(classify("Gen"), Some(Abbrev::Title));
        assert_eq!(classify("GEN"), Some(Abbrev::Title));
        assert_eq!(classify("gen"), None);
        assert_eq!(classify("Jan"), Some(Abbrev::BeforeNumber));
        assert_eq!(classify("Inc"), Some(Abbrev::General));
        assert_eq!(classify("J"), Some(Abbrev::Title));
        assert_eq!(classify("etc"), Some(Abbrev::General));
        assert_eq!(classify("border"), None);
    }
}
