//! Measures one set of dictionaries against another: how many of the
//! yardstick's actors and agents the measured set codes the same way.
//!
//! dyad's own dictionaries are written from facts by the team; PETRARCH's
//! Phoenix dictionaries serve as a yardstick. Nothing flows from the
//! yardstick into the measured set: it is only looked up here.
//!
//! Three measures, each a share of the yardstick's entries:
//!
//! - [`people`]: for each entry whose dated codes all lie in a period (the
//!   people of a country file), the measured set, given any of the entry's
//!   names on the middle day of its first dated range, gives a code with the
//!   same country and sector (the first two three-letter blocks);
//! - [`groups`]: for each entry of an international or non-state file, the
//!   measured set gives a code with the same first block;
//! - [`agents`]: for each agent entry, some written name of it resolves in
//!   the measured set, alone, to the same code.
//!
//! Cost: one [`Dictionaries::resolve`] per name of the yardstick, each linear
//! in the name's length.

use crate::model::{blocks, ActorEntry, Name};
use crate::Dictionaries;
use jiff::civil::Date;

/// The share of the yardstick's entries found, and the ones that were not.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Coverage {
    pub total: usize,
    pub found: usize,
    pub misses: Vec<Miss>,
}

impl Coverage {
    pub fn percent(&self) -> f64 {
        if self.total == 0 {
            0.0
        } else {
            100.0 * self.found as f64 / self.total as f64
        }
    }

    fn count(&mut self, miss: Option<Miss>) {
        self.total += 1;
        match miss {
            None => self.found += 1,
            Some(m) => self.misses.push(m),
        }
    }
}

/// A yardstick entry the measured set does not code the same way.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Miss {
    /// The yardstick entry's id and the line it starts on.
    pub id: String,
    pub line: u32,
    /// The date it was looked up on, if any.
    pub date: Option<Date>,
    pub expected: String,
    /// What the measured set gave for the entry's first name (`None`: nothing).
    pub got: Option<String>,
}

fn words(name: &Name) -> Vec<&str> {
    name.text.split_whitespace().collect()
}

/// The names an entry was written with; an entry written only through a
/// substitution set (PETRARCH's `!MINIST! OF HEALTH`) has nothing but
/// generated names, and is looked up by those.
fn written(names: &[Name]) -> impl Iterator<Item = &Name> {
    let any_written = names.iter().any(|n| !n.generated);
    names.iter().filter(move |n| !n.generated || !any_written)
}

/// The first `n` three-letter blocks of a code, joined.
fn leading_blocks(code: &str, n: usize) -> String {
    blocks(code).take(n).collect()
}

/// Looks an actor's names up in `ours`; `None` when one of them gives a code
/// whose first `n` blocks are `expected`'s, else the miss.
fn look_up(
    ours: &Dictionaries,
    entry: &ActorEntry,
    date: Option<Date>,
    expected: &str,
    n: usize,
) -> Option<Miss> {
    let want = leading_blocks(expected, n);
    let mut first_got = None;
    for (k, name) in written(&entry.names).enumerate() {
        let got = ours.resolve(&words(name), date).and_then(|r| r.code);
        if got.as_deref().is_some_and(|g| leading_blocks(g, n) == want) {
            return None;
        }
        if k == 0 {
            first_got = got;
        }
    }
    Some(Miss {
        id: entry.id.to_string(),
        line: entry.codes.first().map_or(0, |c| c.line),
        date,
        expected: expected.to_string(),
        got: first_got,
    })
}

/// The middle day of a range with both ends.
fn middle(from: Date, until: Date) -> Date {
    let span = from.until(until).map(|s| s.get_days()).unwrap_or(0);
    from.checked_add(jiff::Span::new().days(i64::from(span / 2)))
        .unwrap_or(from)
}

/// People: yardstick entries all of whose dated codes lie in `[from, until)`.
/// Entries with no dated code, or one reaching outside the period, are not
/// counted.
pub fn people(ours: &Dictionaries, yardstick: &Dictionaries, from: Date, until: Date) -> Coverage {
    let mut coverage = Coverage::default();
    for entry in yardstick.actors().entries() {
        let dated: Vec<_> = entry
            .codes
            .iter()
            .filter_map(|c| Some((c, c.range?)))
            .collect();
        let inside = |d: Option<Date>| d.is_some_and(|d| d >= from && d <= until);
        if dated.is_empty() || !dated.iter().all(|(_, r)| inside(r.from) && inside(r.until)) {
            continue;
        }
        let (code, range) = dated[0];
        let day = middle(range.from.expect("inside"), range.until.expect("inside"));
        coverage.count(look_up(ours, entry, Some(day), &code.code, 2));
    }
    coverage
}

/// Groups and organisations: the first block of each yardstick entry's
/// undated code (or first code).
pub fn groups(ours: &Dictionaries, yardstick: &Dictionaries) -> Coverage {
    let mut coverage = Coverage::default();
    for entry in yardstick.actors().entries() {
        let Some(code) = entry.code_undated() else {
            continue;
        };
        coverage.count(look_up(ours, entry, None, code, 1));
    }
    coverage
}

/// Agents: some written name of each yardstick agent gives its code alone.
pub fn agents(ours: &Dictionaries, yardstick: &Dictionaries) -> Coverage {
    let mut coverage = Coverage::default();
    for entry in yardstick.agents().entries() {
        let mut first_got = None;
        let mut found = false;
        for (k, name) in written(&entry.names).enumerate() {
            let got = ours
                .resolve(&words(name), None)
                .map(|r| r.code.unwrap_or_default());
            if got.as_deref() == Some(&*entry.code) {
                found = true;
                break;
            }
            if k == 0 {
                first_got = got;
            }
        }
        coverage.count((!found).then(|| Miss {
            id: entry.id.to_string(),
            line: entry.names.first().map_or(0, |n| n.line),
            date: None,
            expected: entry.code.to_string(),
            got: first_got,
        }));
    }
    coverage
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Format, Source};

    fn dicts(text: &str) -> Dictionaries {
        Dictionaries::from_sources(&[Source::new("test.dyad", Format::Dyad, text)]).0
    }

    fn date(s: &str) -> Date {
        s.parse().unwrap()
    }

    const YARDSTICK: &str = "\
actor ANNA_ALPHA
    name   Anna Alpha
    code   ARNGOV  1995-01-01..1999-01-01
actor BORIS_BETA
    name   Boris Beta | B. Beta
    code   GONMIL  2001-01-01..2003-01-01
actor OLD_CARL
    name   Carl Old
    code   ARNGOV  1980-01-01..1999-01-01
actor ARN_REBELS
    name   Arnor Front
    code   ARNREB
agent MIL_TROOPS
    name   troops | soldier
    code   MIL
agent GOV_MINISTER
    name   minister
    code   GOV
";

    #[test]
    fn counts_people_in_the_period_by_country_and_sector() {
        let ours = dicts(
            "actor ANNA
    name   Anna Alpha
    code   ARNELI
    code   ARNGOV  1994-06-01..2000-01-01
actor BORIS
    name   B. Beta
    code   GONGOV
",
        );
        let c = people(
            &ours,
            &dicts(YARDSTICK),
            date("1990-01-01"),
            date("2017-01-01"),
        );
        // Carl's range starts before 1990: not counted.
        assert_eq!((c.total, c.found), (2, 1));
        assert_eq!(c.misses[0].id, "BORIS_BETA");
        assert_eq!(c.misses[0].expected, "GONMIL");
        // Boris's first name is unknown; the miss shows what that gave.
        assert_eq!(c.misses[0].got, None);
        assert_eq!(c.misses[0].date, Some(date("2002-01-01")));
    }

    #[test]
    fn counts_groups_by_first_block_and_agents_by_code() {
        let ours = dicts(
            "actor FRONT
    name   Arnor Front
    code   ARNOPP
agent TROOPS
    name   soldier
    code   MIL
",
        );
        let y = dicts(YARDSTICK);
        let g = groups(&ours, &y);
        assert_eq!((g.total, g.found), (4, 1));
        let a = agents(&ours, &y);
        assert_eq!((a.total, a.found), (2, 1));
        assert_eq!(a.misses[0].expected, "GOV");
    }

    #[test]
    fn an_agent_written_only_through_a_set_is_looked_up_by_its_expansions() {
        let ours = dicts("agent HEALTH\n    name   health minister\n    code   GOVHLH\n");
        let y = Dictionaries::from_sources(&[Source::new(
            "agents.txt",
            Format::PetrarchAgents,
            "!MINIST! = MINISTER, MINISTRY\nHEALTH_!MINIST! [~GOVHLH]\n",
        )])
        .0;
        let a = agents(&ours, &y);
        assert_eq!((a.total, a.found), (1, 1), "{:?}", a.misses);
    }
}
