//! Publication dates as news sources write them.

use jiff::civil::Date;
use jiff::fmt::strtime::BrokenDownTime;
use jiff::Timestamp;
use std::borrow::Cow;

/// Date-first layouts tried, in order, on the start of the string, after an
/// optional weekday. Whatever follows the date (a time, a zone, the
/// Reuters-21578 category letters) is ignored as long as it does not continue
/// a number or a word: "1987-02-26" and "1987-02-26T15:01" are dates,
/// "1987-02-26x" is not.
///
/// Purely numeric day/month orders such as 02/03/1987 are left out on
/// purpose: they mean different days in different countries.
const LAYOUTS: &[&str] = &[
    "%Y-%m-%d",   // 1987-02-26, ISO 8601 and everything starting with it
    "%Y/%m/%d",   // 1987/02/26
    "%Y.%m.%d",   // 1987.02.26
    "%Y%m%d",     // 19870226, ISO 8601 basic
    "%d-%b-%Y",   // 26-FEB-1987 15:01:01.79, Reuters and other wires
    "%d %b %Y",   // 26 Feb 1987, RFC 2822 and RFC 9110 without weekday
    "%d %B %Y",   // 26 February 1987
    "%d %b, %Y",  // 26 Feb, 1987
    "%d %B, %Y",  // 26 February, 1987
    "%b %d, %Y",  // Feb 26, 1987
    "%B %d, %Y",  // February 26, 1987
    "%b. %d, %Y", // Feb. 26, 1987 (AP style)
    "%b %d %Y",   // Feb 26 1987, ctime without the time
    "%B %d %Y",   // February 26 1987
];

/// Reads the calendar date of a publication time.
///
/// Accepted: ISO 8601 dates and date-times (`1987-02-26`,
/// `1987-02-26T15:01:01Z`, `19870226`), RFC 2822 (`Thu, 26 Feb 1987
/// 15:01:01 +0000`), wire formats (`26-FEB-1987 15:01:01.79`), written dates
/// (`February 26, 1987`, `26 Feb 1987`, `Feb. 26, 1987`, `Sept. 3, 1987`,
/// `Thursday, February 26th, 1987`), slashed dates (`1987/02/26`) and Unix time in seconds (9 or 10
/// digits) or milliseconds (12 or 13 digits), taken in UTC.
///
/// The date is the one written, not converted to UTC: a story dated
/// `2024-05-08T23:30:00-04:00` was published on May 8 where it was written.
/// Returns `None` for anything else, including an impossible date such as
/// `1987-02-30` and ambiguous numeric forms such as `02/03/1987`.
pub fn parse_date(s: &str) -> Option<Date> {
    let s = s.trim();
    if s.is_empty() {
        return None;
    }
    if s.bytes().all(|b| b.is_ascii_digit()) && s.len() != 8 {
        return unix_time(s);
    }
    let s = plain_written_forms(skip_weekday(s));
    LAYOUTS.iter().find_map(|layout| date_prefix(layout, &s))
}

/// Rewrites forms the layouts do not take: ordinal days ("May 8th" becomes
/// "May 8") and AP style's "Sept." ("Sep.").
fn plain_written_forms(s: &str) -> Cow<'_, str> {
    if !s.bytes().any(|b| b.is_ascii_alphabetic()) {
        return Cow::Borrowed(s);
    }
    let ends_word = |rest: &str, n: usize| {
        rest.get(n..)
            .is_some_and(|after| !after.starts_with(|c: char| c.is_alphanumeric()))
    };
    let starts_with = |rest: &str, prefix: &str| {
        rest.get(..prefix.len())
            .is_some_and(|head| head.eq_ignore_ascii_case(prefix))
    };
    let mut plain = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(c) = rest.chars().next() {
        let after_digit = plain.ends_with(|c: char| c.is_ascii_digit());
        let after_letter = plain.ends_with(|c: char| c.is_alphabetic());
        if after_digit
            && ["st", "nd", "rd", "th"]
                .iter()
                .any(|o| starts_with(rest, o))
            && ends_word(rest, 2)
        {
            rest = &rest[2..];
        } else if !after_letter && starts_with(rest, "sept") && ends_word(rest, 4) {
            plain.push_str(&rest[..3]);
            rest = &rest[4..];
        } else {
            plain.push(c);
            rest = &rest[c.len_utf8()..];
        }
    }
    Cow::Owned(plain)
}

/// A date at the start of `s` in `layout`, if nothing right after it
/// continues a number or a word.
fn date_prefix(layout: &str, s: &str) -> Option<Date> {
    let (parsed, end) = BrokenDownTime::parse_prefix(layout, s).ok()?;
    let rest = s.get(end..)?;
    let time_follows =
        rest.starts_with(['T', 't']) && rest[1..].starts_with(|c: char| c.is_ascii_digit());
    if rest.starts_with(|c: char| c.is_alphanumeric()) && !time_follows {
        return None;
    }
    let date = parsed.to_date().ok()?;
    // `%Y` also takes fewer digits: "February 1987" is not day 19 of year 87.
    (date.year() >= 1000).then_some(date)
}

fn unix_time(digits: &str) -> Option<Date> {
    let n: i64 = digits.parse().ok()?;
    let ts = match digits.len() {
        9 | 10 => Timestamp::from_second(n).ok()?,
        12 | 13 => Timestamp::from_millisecond(n).ok()?,
        _ => return None,
    };
    Some(ts.to_zoned(jiff::tz::TimeZone::UTC).date())
}

/// Drops a leading weekday name ("Thu, ", "Thursday ").
fn skip_weekday(s: &str) -> &str {
    let word_end = s
        .find(|c: char| !c.is_ascii_alphabetic())
        .unwrap_or(s.len());
    let word = s[..word_end].to_ascii_lowercase();
    const DAYS: [&str; 7] = [
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
    ];
    let is_weekday = word.len() >= 3 && DAYS.iter().any(|day| day.starts_with(word.as_str()));
    if !is_weekday {
        return s;
    }
    s[word_end..].trim_start_matches(|c: char| c == ',' || c == '.' || c.is_whitespace())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i16, m: i8, day: i8) -> Option<Date> {
        Some(jiff::civil::date(y, m, day))
    }

    #[test]
    fn iso_8601() {
        assert_eq!(parse_date("1987-02-26"), d(1987, 2, 26));
        assert_eq!(parse_date("1987-02-26T15:01:01"), d(1987, 2, 26));
        assert_eq!(parse_date("1987-02-26T15:01:01Z"), d(1987, 2, 26));
        assert_eq!(parse_date("1987-02-26T15:01:01.79+05:30"), d(1987, 2, 26));
        assert_eq!(parse_date("2024-05-08T23:30:00-04:00"), d(2024, 5, 8));
        assert_eq!(parse_date("1987-02-26 15:01"), d(1987, 2, 26));
        assert_eq!(parse_date("19870226"), d(1987, 2, 26));
        assert_eq!(parse_date("19870226T150101Z"), d(1987, 2, 26));
        assert_eq!(parse_date("  1987-02-26\n"), d(1987, 2, 26));
    }

    #[test]
    fn rfc_2822_and_http() {
        assert_eq!(
            parse_date("Thu, 26 Feb 1987 15:01:01 +0000"),
            d(1987, 2, 26)
        );
        assert_eq!(parse_date("Thu, 26 Feb 1987 15:01:01 GMT"), d(1987, 2, 26));
        assert_eq!(parse_date("26 Feb 1987 15:01:01 -0500"), d(1987, 2, 26));
        assert_eq!(parse_date("Sun, 6 Nov 1994 08:49:37 GMT"), d(1994, 11, 6));
    }

    #[test]
    fn wire_formats() {
        assert_eq!(parse_date("26-FEB-1987 15:01:01.79"), d(1987, 2, 26));
        assert_eq!(parse_date("5-MAR-1987 09:00:00.00"), d(1987, 3, 5));
        assert_eq!(parse_date("3-MAR-1987  09:18:21.26"), d(1987, 3, 3));
        // Reuters-21578 leaves category letters, HTML-escaped tabs or a note after some dates.
        assert_eq!(
            parse_date("19-MAR-1987 12:36:56.91&#9;&#9;&#9;C G"),
            d(1987, 3, 19)
        );
        assert_eq!(
            parse_date("31-MAR-1987 605:12:19.12"),
            d(1987, 3, 31),
            "a broken time does not hide the date"
        );
        assert_eq!(parse_date("26-feb-1987"), d(1987, 2, 26));
    }

    #[test]
    fn written_dates() {
        assert_eq!(parse_date("February 26, 1987"), d(1987, 2, 26));
        assert_eq!(parse_date("Thursday, February 26, 1987"), d(1987, 2, 26));
        assert_eq!(parse_date("Feb 26, 1987"), d(1987, 2, 26));
        assert_eq!(parse_date("Feb. 26, 1987"), d(1987, 2, 26));
        assert_eq!(parse_date("26 Feb 1987"), d(1987, 2, 26));
        assert_eq!(parse_date("26 February 1987"), d(1987, 2, 26));
        assert_eq!(parse_date("26 February, 1987"), d(1987, 2, 26));
        assert_eq!(parse_date("Feb 26 1987"), d(1987, 2, 26));
        assert_eq!(parse_date("May 8, 2024 2:30 PM ET"), d(2024, 5, 8));
        assert_eq!(parse_date("Wednesday 8 May 2024"), d(2024, 5, 8));
    }

    #[test]
    fn ordinals_and_ap_months() {
        assert_eq!(parse_date("February 26th, 1987"), d(1987, 2, 26));
        assert_eq!(parse_date("Thursday, February 26th, 1987"), d(1987, 2, 26));
        assert_eq!(parse_date("1st March 1987"), d(1987, 3, 1));
        assert_eq!(parse_date("March 2nd 1987"), d(1987, 3, 2));
        assert_eq!(parse_date("March 3RD, 1987"), d(1987, 3, 3));
        assert_eq!(parse_date("Sept. 3, 1987"), d(1987, 9, 3));
        assert_eq!(parse_date("3 Sept 1987"), d(1987, 9, 3));
        assert_eq!(parse_date("September 3, 1987"), d(1987, 9, 3));
        assert_eq!(
            parse_date("March 2th 1987"),
            d(1987, 3, 2),
            "any ordinal ending is dropped"
        );
        assert_eq!(parse_date("March 2ndx 1987"), None);
    }

    #[test]
    fn slashed_and_dotted() {
        assert_eq!(parse_date("1987/02/26"), d(1987, 2, 26));
        assert_eq!(parse_date("1987.02.26"), d(1987, 2, 26));
    }

    #[test]
    fn unix_time_in_utc() {
        // 1987-02-26T15:01:01Z
        assert_eq!(parse_date("541350061"), d(1987, 2, 26));
        assert_eq!(parse_date("1715211000"), d(2024, 5, 8));
        assert_eq!(parse_date("1715211000000"), d(2024, 5, 8));
    }

    #[test]
    fn refused() {
        for s in [
            "",
            "   ",
            "yesterday",
            "1987-02-30",
            "1987-13-01",
            "02/03/1987",
            "26/02/1987",
            "1987-02-26x",
            "February 1987",
            "Feb 26 87",
            "Feb 30, 1987",
            "Thu",
            "12345",
        ] {
            assert_eq!(parse_date(s), None, "{s:?}");
        }
    }
}
