//! Danish public holidays and repeating series of dates. Pure functions of
//! the dates given: no clock.

use chrono::{Datelike, Duration, NaiveDate};

/// A day on which no sessions are held.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Holiday {
    NewYear,
    MaundyThursday,
    GoodFriday,
    EasterSunday,
    EasterMonday,
    Ascension,
    Whitsunday,
    WhitMonday,
    ConstitutionDay,
    ChristmasEve,
    ChristmasDay,
    BoxingDay,
}

impl Holiday {
    /// A stable code the web layer turns into a name ("juledag").
    pub fn code(self) -> &'static str {
        match self {
            Holiday::NewYear => "new-year",
            Holiday::MaundyThursday => "maundy-thursday",
            Holiday::GoodFriday => "good-friday",
            Holiday::EasterSunday => "easter-sunday",
            Holiday::EasterMonday => "easter-monday",
            Holiday::Ascension => "ascension",
            Holiday::Whitsunday => "whitsunday",
            Holiday::WhitMonday => "whit-monday",
            Holiday::ConstitutionDay => "constitution-day",
            Holiday::ChristmasEve => "christmas-eve",
            Holiday::ChristmasDay => "christmas-day",
            Holiday::BoxingDay => "boxing-day",
        }
    }

    pub const ALL: [Holiday; 12] = [
        Holiday::NewYear,
        Holiday::MaundyThursday,
        Holiday::GoodFriday,
        Holiday::EasterSunday,
        Holiday::EasterMonday,
        Holiday::Ascension,
        Holiday::Whitsunday,
        Holiday::WhitMonday,
        Holiday::ConstitutionDay,
        Holiday::ChristmasEve,
        Holiday::ChristmasDay,
        Holiday::BoxingDay,
    ];
}

/// Easter Sunday of a Gregorian year (the anonymous Gregorian algorithm,
/// "Meeus/Jones/Butcher"). `None` only for years chrono cannot hold.
pub fn easter_sunday(year: i32) -> Option<NaiveDate> {
    let a = year.rem_euclid(19);
    let b = year.div_euclid(100);
    let c = year.rem_euclid(100);
    let d = b.div_euclid(4);
    let e = b.rem_euclid(4);
    let f = (b + 8).div_euclid(25);
    let g = (b - f + 1).div_euclid(3);
    let h = (19 * a + b - d - g + 15).rem_euclid(30);
    let i = c.div_euclid(4);
    let k = c.rem_euclid(4);
    let l = (32 + 2 * e + 2 * i - h - k).rem_euclid(7);
    let m = (a + 11 * h + 22 * l).div_euclid(451);
    let month = (h + l - 7 * m + 114).div_euclid(31);
    let day = (h + l - 7 * m + 114).rem_euclid(31) + 1;
    NaiveDate::from_ymd_opt(year, month as u32, day as u32)
}

/// The Danish public holiday on `date`, if any. Store Bededag is not one
/// (abolished from 2024); Grundlovsdag (5 June) and juleaftensdag (24
/// December) are off in practice and count here.
pub fn holiday(date: NaiveDate) -> Option<Holiday> {
    match (date.month(), date.day()) {
        (1, 1) => return Some(Holiday::NewYear),
        (6, 5) => return Some(Holiday::ConstitutionDay),
        (12, 24) => return Some(Holiday::ChristmasEve),
        (12, 25) => return Some(Holiday::ChristmasDay),
        (12, 26) => return Some(Holiday::BoxingDay),
        _ => {}
    }
    let easter = easter_sunday(date.year())?;
    match (date - easter).num_days() {
        -3 => Some(Holiday::MaundyThursday),
        -2 => Some(Holiday::GoodFriday),
        0 => Some(Holiday::EasterSunday),
        1 => Some(Holiday::EasterMonday),
        39 => Some(Holiday::Ascension),
        49 => Some(Holiday::Whitsunday),
        50 => Some(Holiday::WhitMonday),
        _ => None,
    }
}

/// The most dates one series may have.
pub const SERIES_MAX: u32 = 52;

/// The dates of a series: `count` dates from `first`, every `every_weeks`
/// weeks (so on `first`'s weekday), split into those to hold and those that
/// fall on a holiday and are skipped. A skipped date still counts: "4 weeks"
/// means four weeks of the calendar.
pub fn series(
    first: NaiveDate,
    every_weeks: u32,
    count: u32,
) -> (Vec<NaiveDate>, Vec<(NaiveDate, Holiday)>) {
    let (mut held, mut skipped) = (Vec::new(), Vec::new());
    for n in 0..count.min(SERIES_MAX) {
        let Some(date) =
            first.checked_add_signed(Duration::weeks(i64::from(n) * i64::from(every_weeks)))
        else {
            break;
        };
        match holiday(date) {
            Some(h) => skipped.push((date, h)),
            None => held.push(date),
        }
    }
    (held, skipped)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn easter_in_known_years() {
        for (y, m, day) in [
            (2000, 4, 23),
            (2008, 3, 23),
            (2011, 4, 24),
            (2019, 4, 21),
            (2024, 3, 31),
            (2025, 4, 20),
            (2026, 4, 5),
            (2027, 3, 28),
            (2028, 4, 16),
            (2038, 4, 25),
            (2100, 3, 28),
        ] {
            assert_eq!(easter_sunday(y), Some(d(y, m, day)), "{y}");
        }
    }

    #[test]
    fn danish_holidays_2026() {
        for (date, h) in [
            (d(2026, 1, 1), Holiday::NewYear),
            (d(2026, 4, 2), Holiday::MaundyThursday),
            (d(2026, 4, 3), Holiday::GoodFriday),
            (d(2026, 4, 5), Holiday::EasterSunday),
            (d(2026, 4, 6), Holiday::EasterMonday),
            (d(2026, 5, 14), Holiday::Ascension),
            (d(2026, 5, 24), Holiday::Whitsunday),
            (d(2026, 5, 25), Holiday::WhitMonday),
            (d(2026, 6, 5), Holiday::ConstitutionDay),
            (d(2026, 12, 24), Holiday::ChristmasEve),
            (d(2026, 12, 25), Holiday::ChristmasDay),
            (d(2026, 12, 26), Holiday::BoxingDay),
        ] {
            assert_eq!(holiday(date), Some(h), "{date}");
        }
        // Store Bededag (the fourth Friday after Easter) is a working day since 2024.
        assert_eq!(holiday(d(2026, 5, 1)), None);
        assert_eq!(holiday(d(2026, 4, 7)), None);
        assert_eq!(holiday(d(2026, 12, 27)), None);
    }

    #[test]
    fn a_series_skips_holidays_and_keeps_the_weekday() {
        // Fridays from 11.12.2026: 25.12 is juledag, 1.1.2027 nytårsdag.
        let (held, skipped) = series(d(2026, 12, 11), 1, 5);
        assert_eq!(held, vec![d(2026, 12, 11), d(2026, 12, 18), d(2027, 1, 8)]);
        assert_eq!(
            skipped,
            vec![
                (d(2026, 12, 25), Holiday::ChristmasDay),
                (d(2027, 1, 1), Holiday::NewYear)
            ]
        );
        let (held, skipped) = series(d(2027, 3, 15), 2, 3);
        assert_eq!(held, vec![d(2027, 3, 15), d(2027, 4, 12)]);
        assert_eq!(skipped, vec![(d(2027, 3, 29), Holiday::EasterMonday)]);
        let (held, skipped) = series(d(2027, 1, 4), 1, 100);
        assert_eq!((held.len(), skipped.len()), (50, 2), "at most 52 dates");
        assert_eq!(series(d(2027, 1, 4), 1, 0).0.len(), 0);
    }
}
