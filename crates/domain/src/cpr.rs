//! CPR numbers: only the birth date is ever taken from one.
//!
//! The number itself is never stored, logged or shown: the functions here
//! take it, return the birth date, and drop it. Modulus 11 is not checked,
//! since numbers failing it are issued.

use chrono::{Datelike, NaiveDate};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CprProblem {
    /// Not ten digits in the form DDMMYY-SSSS.
    Format,
    /// The digits do not make a real date.
    Date,
}

/// The birth date encoded in a CPR number (`DDMMYY-SSSS`, hyphen optional,
/// spaces ignored). Substitute numbers (day + 60) are understood.
pub fn birth_date(cpr: &str) -> Result<NaiveDate, CprProblem> {
    let digits: Vec<u32> = cpr
        .chars()
        .filter(|c| !matches!(c, '-' | ' '))
        .map(|c| c.to_digit(10).ok_or(CprProblem::Format))
        .collect::<Result<_, _>>()?;
    if digits.len() != 10 {
        return Err(CprProblem::Format);
    }
    let mut day = digits[0] * 10 + digits[1];
    if day > 60 {
        day -= 60;
    }
    let month = digits[2] * 10 + digits[3];
    let yy = (digits[4] * 10 + digits[5]) as i32;
    let century = century(digits[6], yy);
    NaiveDate::from_ymd_opt(century + yy, month, day).ok_or(CprProblem::Date)
}

/// The century from the 7th digit and the two-digit year.
fn century(seventh: u32, yy: i32) -> i32 {
    match seventh {
        0..=3 => 1900,
        4 | 9 => {
            if yy <= 36 {
                2000
            } else {
                1900
            }
        }
        _ => {
            if yy <= 57 {
                2000
            } else {
                1800
            }
        }
    }
}

/// Whole years of age on `on` for someone born on `born`. Someone born on
/// 29 February turns a year older on 1 March in common years.
pub fn age_on(born: NaiveDate, on: NaiveDate) -> i32 {
    let mut age = on.year() - born.year();
    if (on.month(), on.day()) < (born.month(), born.day()) {
        age -= 1;
    }
    age
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn century_table() {
        assert_eq!(birth_date("010170-1234"), Ok(d(1970, 1, 1)));
        assert_eq!(birth_date("0101703234"), Ok(d(1970, 1, 1)));
        assert_eq!(birth_date("010111-4234"), Ok(d(2011, 1, 1)));
        assert_eq!(birth_date("010136-9234"), Ok(d(2036, 1, 1)));
        assert_eq!(birth_date("010137-4234"), Ok(d(1937, 1, 1)));
        assert_eq!(birth_date("010157-5234"), Ok(d(2057, 1, 1)));
        assert_eq!(birth_date("010158-8234"), Ok(d(1858, 1, 1)));
        assert_eq!(birth_date("010111-5234"), Ok(d(2011, 1, 1)));
    }

    #[test]
    fn substitute_and_bad_numbers() {
        assert_eq!(birth_date("610111-4234"), Ok(d(2011, 1, 1)));
        assert_eq!(birth_date("300211-4234"), Err(CprProblem::Date));
        assert_eq!(birth_date("01011-4234"), Err(CprProblem::Format));
        assert_eq!(birth_date("0101x1-4234"), Err(CprProblem::Format));
        // Fails modulus 11, yet is accepted.
        assert!(birth_date("010111-4000").is_ok());
    }

    #[test]
    fn leap_day_birthdays() {
        let born = d(2012, 2, 29);
        assert_eq!(age_on(born, d(2027, 2, 28)), 14);
        assert_eq!(age_on(born, d(2027, 3, 1)), 15);
        assert_eq!(age_on(born, d(2028, 2, 29)), 16);
    }

    proptest! {
        #[test]
        fn age_grows_by_one_each_birthday(y in 1990i32..2020, m in 1u32..=12, day in 1u32..=28, k in 0i32..80) {
            let born = d(y, m, day);
            let birthday = d(y + k, m, day);
            prop_assert_eq!(age_on(born, birthday), k);
            prop_assert_eq!(age_on(born, birthday.pred_opt().unwrap()), k - 1);
        }
    }
}
