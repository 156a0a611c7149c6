//! Calendar dates in ISO `YYYY-MM-DD` form, without a clock or a time zone.
//!
//! The engine needs only whole days: "was this collected before the assessment?" and "how many
//! days old is it?". A small proleptic Gregorian date keeps the core free of a date library.

use std::fmt;
use std::str::FromStr;

use schemars::JsonSchema;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A calendar date (`YYYY-MM-DD`, years 0001 to 9999).
///
/// ```
/// use chime_standards::Date;
/// let a: Date = "2024-02-28".parse().unwrap();
/// let b: Date = "2024-03-01".parse().unwrap();
/// assert_eq!(b.days_since(a), 2); // 2024 is a leap year
/// assert!("2026-02-30".parse::<Date>().is_err());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify), tsify(type = "string"))]
pub struct Date {
    year: u16,
    month: u8,
    day: u8,
}

/// Why a text is not a date.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{text}` is not a calendar date in YYYY-MM-DD form ({reason})")]
pub struct DateError {
    text: String,
    reason: &'static str,
}

/// Dates compare as their parts would, year first, but as one number: a derived order takes
/// a branch per part, and whether two dates share a year or a month follows no pattern the
/// processor predicts (evidence currency compares several dates per item).
impl Ord for Date {
    fn cmp(&self, other: &Date) -> std::cmp::Ordering {
        self.key().cmp(&other.key())
    }
}

impl PartialOrd for Date {
    fn partial_cmp(&self, other: &Date) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Date {
    /// The date as one number ordered as the dates are.
    fn key(self) -> u32 {
        u32::from(self.year) << 16 | u32::from(self.month) << 8 | u32::from(self.day)
    }

    /// The earliest date, 0001-01-01.
    pub const MIN: Date = Date {
        year: 1,
        month: 1,
        day: 1,
    };

    /// A date from its parts, or `None` when no such day exists.
    pub fn new(year: u16, month: u8, day: u8) -> Option<Date> {
        let valid = (1..=9999).contains(&year)
            && (1..=12).contains(&month)
            && day >= 1
            && day <= days_in_month(year, month);
        valid.then_some(Date { year, month, day })
    }

    /// The year.
    pub fn year(self) -> u16 {
        self.year
    }

    /// The month, 1 to 12.
    pub fn month(self) -> u8 {
        self.month
    }

    /// The day of the month, 1 to 31.
    pub fn day(self) -> u8 {
        self.day
    }

    /// Whole days from `earlier` to `self` (negative when `self` comes first).
    pub fn days_since(self, earlier: Date) -> i64 {
        self.day_number() - earlier.day_number()
    }

    /// The date `days` days after this one (before it when negative), if within years 1 to 9999.
    ///
    /// ```
    /// use chime_standards::Date;
    /// let day: Date = "2024-02-28".parse().unwrap();
    /// assert_eq!(day.add_days(2).unwrap().to_string(), "2024-03-01");
    /// assert_eq!(day.add_days(-59).unwrap().to_string(), "2023-12-31");
    /// ```
    pub fn add_days(self, days: i64) -> Option<Date> {
        Date::from_day_number(self.day_number().checked_add(days)?)
    }

    /// The inverse of [`Date::day_number`].
    fn from_day_number(number: i64) -> Option<Date> {
        let era = number.div_euclid(146_097);
        let day_of_era = number - era * 146_097;
        let year_of_era =
            (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
        let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
        let shifted_month = (5 * day_of_year + 2) / 153; // March = 0
        let day = day_of_year - (153 * shifted_month + 2) / 5 + 1;
        let month = if shifted_month < 10 {
            shifted_month + 3
        } else {
            shifted_month - 9
        };
        let year = year_of_era + era * 400 + i64::from(month <= 2);
        Date::new(
            u16::try_from(year).ok()?,
            u8::try_from(month).ok()?,
            u8::try_from(day).ok()?,
        )
    }

    /// Days since 0000-03-01 in the proleptic Gregorian calendar (H. Hinnant's civil algorithm).
    fn day_number(self) -> i64 {
        let month = i64::from(self.month);
        let year = i64::from(self.year) - i64::from(month <= 2);
        let era = year.div_euclid(400);
        let year_of_era = year - era * 400;
        let shifted_month = (month + 9) % 12; // March = 0
        let day_of_year = (153 * shifted_month + 2) / 5 + i64::from(self.day) - 1;
        let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
        era * 146_097 + day_of_era
    }
}

fn is_leap(year: u16) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

impl FromStr for Date {
    type Err = DateError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let fail = |reason| DateError {
            text: text.chars().take(40).collect(),
            reason,
        };
        let bytes = text.as_bytes();
        let shape_ok = bytes.len() == 10
            && bytes.iter().enumerate().all(|(i, b)| match i {
                4 | 7 => *b == b'-',
                _ => b.is_ascii_digit(),
            });
        if !shape_ok {
            return Err(fail("expected four-digit year, two-digit month and day"));
        }
        let number = |range: std::ops::Range<usize>| {
            text.get(range)
                .and_then(|part| part.parse::<u16>().ok())
                .ok_or_else(|| fail("expected digits"))
        };
        let (year, month, day) = (number(0..4)?, number(5..7)?, number(8..10)?);
        let month = u8::try_from(month).map_err(|_| fail("no such month"))?;
        let day = u8::try_from(day).map_err(|_| fail("no such day"))?;
        Date::new(year, month, day).ok_or_else(|| fail("no such day in the calendar"))
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = std::borrow::Cow::<str>::deserialize(deserializer)?;
        text.parse().map_err(|error: DateError| {
            serde::de::Error::invalid_value(serde::de::Unexpected::Str(&text), &error.reason)
        })
    }
}

impl JsonSchema for Date {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Date".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "format": "date",
            "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
            "description": "A calendar date, YYYY-MM-DD."
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> Date {
        text.parse().unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn rejects_impossible_and_malformed_dates() {
        for text in [
            "2026-02-29",
            "2026-02-30",
            "2025-13-01",
            "2025-00-10",
            "2025-04-31",
            "0000-01-01",
            "2025-1-01",
            "25-01-01",
            "2025/01/01",
            "",
            "２０２５-01-01",
        ] {
            assert!(text.parse::<Date>().is_err(), "{text} should be rejected");
        }
        assert_eq!(date("2024-02-29").to_string(), "2024-02-29");
        assert_eq!(date("2000-02-29").day(), 29);
        assert!("1900-02-29".parse::<Date>().is_err());
    }

    #[test]
    fn counts_days_across_years_and_leap_days() {
        assert_eq!(date("2025-06-30").days_since(date("2022-07-01")), 1095);
        assert_eq!(date("2025-01-01").days_since(date("2024-01-01")), 366);
        assert_eq!(date("2024-01-01").days_since(date("2025-01-01")), -366);
        assert_eq!(date("2001-03-01").days_since(date("2001-02-28")), 1);
        assert_eq!(date("0001-01-01").days_since(date("0001-01-01")), 0);
    }

    #[test]
    fn adding_days_inverts_counting_them() {
        let start = date("1999-12-25");
        for offset in [
            -800_000, -366, -1, 0, 1, 59, 60, 365, 366, 10_000, 2_000_000,
        ] {
            match start.add_days(offset) {
                Some(later) => assert_eq!(later.days_since(start), offset, "{offset}"),
                None => assert!(offset.abs() > 700_000, "{offset} is within the calendar"),
            }
        }
        assert_eq!(date("0001-01-01").add_days(-1), None);
        assert_eq!(date("9999-12-31").add_days(1), None);
    }

    #[test]
    fn orders_chronologically() {
        assert!(date("2024-12-31") < date("2025-01-01"));
        assert!(date("2025-02-01") > date("2025-01-31"));
        // Every pair of days across two years and their month and year ends, and the ends
        // of the calendar: the order is the order of their day counts.
        let start = date("2023-11-15");
        let days: Vec<Date> = (0..800)
            .step_by(7)
            .chain([1, 2, 45, 46, 411, 412])
            .filter_map(|offset| start.add_days(offset))
            .chain([Date::MIN, date("9999-12-31")])
            .collect();
        for a in &days {
            for b in &days {
                assert_eq!(a.cmp(b), a.day_number().cmp(&b.day_number()), "{a} {b}");
            }
        }
    }
}
