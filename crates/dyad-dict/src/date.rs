//! Date ranges of actor codes.

use jiff::civil::Date;
use std::fmt;

/// A half-open range of days `[from, until)`; an open side is unbounded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct DateRange {
    pub from: Option<Date>,
    pub until: Option<Date>,
}

impl DateRange {
    pub fn contains(&self, d: Date) -> bool {
        self.from.is_none_or(|f| d >= f) && self.until.is_none_or(|u| d < u)
    }

    /// Whether the range holds no day at all (`until` on or before `from`).
    pub fn is_empty(&self) -> bool {
        matches!((self.from, self.until), (Some(f), Some(u)) if u <= f)
    }

    /// The days both ranges hold, if any.
    pub fn overlap(&self, other: &DateRange) -> Option<DateRange> {
        let from = match (self.from, other.from) {
            (Some(a), Some(b)) => Some(a.max(b)),
            (a, b) => a.or(b),
        };
        let until = match (self.until, other.until) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
        let r = DateRange { from, until };
        (!r.is_empty()).then_some(r)
    }

    /// Parses dyad's `FROM..UNTIL` (ISO dates, either side may be empty).
    pub fn parse_iso(s: &str) -> Result<DateRange, String> {
        let (a, b) = s
            .split_once("..")
            .ok_or_else(|| format!("`{s}` is not a range FROM..UNTIL"))?;
        let side = |x: &str| -> Result<Option<Date>, String> {
            if x.is_empty() {
                Ok(None)
            } else {
                x.parse::<Date>()
                    .map(Some)
                    .map_err(|_| format!("`{x}` is not a date YYYY-MM-DD"))
            }
        };
        Ok(DateRange {
            from: side(a)?,
            until: side(b)?,
        })
    }

    /// Parses a PETRARCH/TABARI restriction: `<DATE` (before the day),
    /// `>DATE` (after the day), `DATE-DATE` (both days included). Dates are
    /// `YYYYMMDD` or `YYMMDD`, where `00`-`30` mean 2000-2030 and `31`-`99`
    /// 1931-1999, as in TABARI.
    pub fn parse_petrarch(s: &str) -> Result<DateRange, String> {
        if let Some(d) = s.strip_prefix('<') {
            Ok(DateRange {
                from: None,
                until: Some(petrarch_date(d)?),
            })
        } else if let Some(d) = s.strip_prefix('>') {
            Ok(DateRange {
                from: Some(next_day(petrarch_date(d)?)?),
                until: None,
            })
        } else if let Some((a, b)) = s.split_once('-') {
            Ok(DateRange {
                from: Some(petrarch_date(a)?),
                until: Some(next_day(petrarch_date(b)?)?),
            })
        } else {
            Err(format!(
                "`{s}` is not a date restriction (<DATE, >DATE or DATE-DATE)"
            ))
        }
    }

    /// [`parse_petrarch`](Self::parse_petrarch), reading malformed
    /// restrictions the way PETRARCH does, with a note saying how: a date of
    /// 7 digits is read as `YYMMDD` (its last digit ignored), one of more
    /// than 8 digits as `YYYYMMDD` (the rest ignored), and a date without
    /// `<`, `>` or a second date means "from that day on".
    pub fn parse_petrarch_lenient(s: &str) -> Result<(DateRange, Option<String>), String> {
        if let Ok(r) = DateRange::parse_petrarch(s) {
            return Ok((r, None));
        }
        let fix = |d: &str| -> String {
            let digits = d.trim();
            if !digits.bytes().all(|b| b.is_ascii_digit()) {
                return digits.to_string();
            }
            match digits.len() {
                7 => digits[..6].to_string(),
                n if n > 8 => digits[..8].to_string(),
                _ => digits.to_string(),
            }
        };
        let fixed = if let Some(d) = s.strip_prefix('<') {
            format!("<{}", fix(d))
        } else if let Some(d) = s.strip_prefix('>') {
            format!(">{}", fix(d))
        } else if let Some((a, b)) = s.split_once('-') {
            format!("{}-{}", fix(a), fix(b))
        } else {
            let d = petrarch_date(&fix(s))?;
            let r = DateRange {
                from: Some(d),
                until: None,
            };
            return Ok((
                r,
                Some(format!(
                    "`{s}` has no `<`, `>` or end date; read as from {d} on"
                )),
            ));
        };
        let r = DateRange::parse_petrarch(&fixed)?;
        Ok((
            r,
            Some(format!(
                "`{s}` is malformed; read as PETRARCH does, `{fixed}` ({r})"
            )),
        ))
    }
}

fn next_day(d: Date) -> Result<Date, String> {
    d.tomorrow().map_err(|_| format!("{d} has no next day"))
}

/// Parses `YYYYMMDD` or `YYMMDD`.
pub fn petrarch_date(s: &str) -> Result<Date, String> {
    let s = s.trim();
    let bad = || format!("`{s}` is not a date YYMMDD or YYYYMMDD");
    if !s.bytes().all(|b| b.is_ascii_digit()) {
        return Err(bad());
    }
    let num = |r: std::ops::Range<usize>| s[r].parse::<i16>().map_err(|_| bad());
    let (year, rest) = match s.len() {
        8 => (num(0..4)?, 4),
        6 => {
            let yy = num(0..2)?;
            (if yy <= 30 { 2000 + yy } else { 1900 + yy }, 2)
        }
        _ => return Err(bad()),
    };
    let month = num(rest..rest + 2)? as i8;
    let day = num(rest + 2..rest + 4)? as i8;
    Date::new(year, month, day).map_err(|_| format!("`{s}` is not a valid day"))
}

impl fmt::Display for DateRange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(d) = self.from {
            write!(f, "{d}")?;
        }
        f.write_str("..")?;
        if let Some(d) = self.until {
            write!(f, "{d}")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn petrarch_dates() {
        assert_eq!(petrarch_date("950601").unwrap(), date(1995, 6, 1));
        assert_eq!(petrarch_date("070723").unwrap(), date(2007, 7, 23));
        assert_eq!(petrarch_date("300101").unwrap(), date(2030, 1, 1));
        assert_eq!(petrarch_date("310101").unwrap(), date(1931, 1, 1));
        assert_eq!(petrarch_date("19270101").unwrap(), date(1927, 1, 1));
        assert!(petrarch_date("20100931").is_err());
        assert!(petrarch_date("9506").is_err());
        assert!(petrarch_date("AAA950601").is_err());
    }

    #[test]
    fn petrarch_ranges() {
        let before = DateRange::parse_petrarch("<20080120").unwrap();
        assert!(before.contains(date(2008, 1, 19)));
        assert!(!before.contains(date(2008, 1, 20)));
        let after = DateRange::parse_petrarch(">20130119").unwrap();
        assert!(!after.contains(date(2013, 1, 19)));
        assert!(after.contains(date(2013, 1, 20)));
        let both = DateRange::parse_petrarch("20100109-20100112").unwrap();
        assert!(both.contains(date(2010, 1, 9)) && both.contains(date(2010, 1, 12)));
        assert!(!both.contains(date(2010, 1, 13)));
        assert!(DateRange::parse_petrarch("20100112-20100109")
            .unwrap()
            .is_empty());
        assert!(DateRange::parse_petrarch("2010").is_err());
    }

    #[test]
    fn malformed_restrictions_read_as_petrarch_does() {
        let lenient = |s| DateRange::parse_petrarch_lenient(s).unwrap();
        assert_eq!(lenient("9008223-911221").0.from, Some(date(1990, 8, 22)));
        assert_eq!(lenient(">201005011").0.from, Some(date(2010, 5, 2)));
        assert_eq!(
            lenient("1920030320-20060520").0.from,
            Some(date(1920, 3, 3))
        );
        let (r, note) = lenient("20121204");
        assert_eq!((r.from, r.until), (Some(date(2012, 12, 4)), None));
        assert!(note.is_some());
        assert!(lenient("<20080120").1.is_none());
        assert!(DateRange::parse_petrarch_lenient("<2008012").is_ok());
        assert!(DateRange::parse_petrarch_lenient("junk").is_err());
    }

    #[test]
    fn iso_ranges() {
        let r = DateRange::parse_iso("2021-01-20..2025-01-20").unwrap();
        assert!(r.contains(date(2021, 1, 20)) && !r.contains(date(2025, 1, 20)));
        let open = DateRange::parse_iso("..1997-05-17").unwrap();
        assert!(open.contains(date(1900, 1, 1)));
        assert!(DateRange::parse_iso("2021-01-20").is_err());
        assert!(DateRange::parse_iso("2021-02-30..").is_err());
        let a = DateRange::parse_iso("2000-01-01..2001-01-01").unwrap();
        let b = DateRange::parse_iso("2000-12-31..").unwrap();
        assert_eq!(a.overlap(&b).unwrap().to_string(), "2000-12-31..2001-01-01");
        assert!(a
            .overlap(&DateRange::parse_iso("2001-01-01..").unwrap())
            .is_none());
    }
}
