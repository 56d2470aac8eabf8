//! Input rules shared by the pages and the API. Each rule returns a code
//! that the web layer turns into a message in the user's language.

use serde::Serialize;

/// Why a field was refused. The web layer maps each to a translated text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FieldProblem {
    Required,
    TooLong,
    ControlCharacters,
    InvalidEmail,
    InvalidPhone,
    PasswordTooShort,
    EmailTaken,
    NameTaken,
    InvalidChoice,
    /// Neither e-mail nor phone given, and "I have neither" not ticked.
    ContactRequired,
    InvalidDate,
    InvalidTime,
    InvalidNumber,
    EndBeforeStart,
    InPast,
    /// More choices than allowed.
    TooMany,
    /// A chosen date is not another open date of the same series.
    NotInSeries,
    /// The current password given to change it was not right.
    WrongPassword,
    /// The new password and its repetition differ.
    PasswordMismatch,
    /// A token lifetime outside 1 to 365 days.
    InvalidLifetime,
    /// A date before [`YEAR_MIN`] or after [`YEAR_MAX`].
    DateOutOfRange,
    /// The same choice twice in a list (a partner organisation, …).
    Duplicate,
    /// A number outside its documented bounds.
    OutOfRange,
    /// Every date asked for is a public holiday.
    Holiday,
    /// A parent's e-mail without the parent's consent.
    ConsentRequired,
    /// A MitID status other than unknown before the MitID age.
    MitIdTooYoung,
}

impl FieldProblem {
    pub fn code(self) -> &'static str {
        match self {
            FieldProblem::Required => "required",
            FieldProblem::TooLong => "too_long",
            FieldProblem::ControlCharacters => "control_characters",
            FieldProblem::InvalidEmail => "invalid_email",
            FieldProblem::InvalidPhone => "invalid_phone",
            FieldProblem::PasswordTooShort => "password_too_short",
            FieldProblem::EmailTaken => "email_taken",
            FieldProblem::NameTaken => "name_taken",
            FieldProblem::InvalidChoice => "invalid_choice",
            FieldProblem::ContactRequired => "contact_required",
            FieldProblem::InvalidDate => "invalid_date",
            FieldProblem::InvalidTime => "invalid_time",
            FieldProblem::InvalidNumber => "invalid_number",
            FieldProblem::EndBeforeStart => "end_before_start",
            FieldProblem::InPast => "in_past",
            FieldProblem::TooMany => "too_many",
            FieldProblem::NotInSeries => "not_in_series",
            FieldProblem::WrongPassword => "wrong_password",
            FieldProblem::PasswordMismatch => "password_mismatch",
            FieldProblem::InvalidLifetime => "invalid_lifetime",
            FieldProblem::DateOutOfRange => "date_out_of_range",
            FieldProblem::Duplicate => "duplicate",
            FieldProblem::OutOfRange => "out_of_range",
            FieldProblem::Holiday => "holiday",
            FieldProblem::ConsentRequired => "consent_required",
            FieldProblem::MitIdTooYoung => "mitid_too_young",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldError {
    pub field: &'static str,
    pub problem: FieldProblem,
}

/// Collects the problems of one form so all are shown at once.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct FieldErrors(pub Vec<FieldError>);

impl FieldErrors {
    pub fn add(&mut self, field: &'static str, problem: FieldProblem) {
        self.0.push(FieldError { field, problem });
    }

    /// Runs a check and keeps its value, or records its problem.
    pub fn check<T>(&mut self, field: &'static str, r: Result<T, FieldProblem>) -> Option<T> {
        r.map_err(|p| self.add(field, p)).ok()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn get(&self, field: &str) -> Option<FieldProblem> {
        self.0.iter().find(|e| e.field == field).map(|e| e.problem)
    }
}

pub const NAME_MAX: usize = 120;
pub const EMAIL_MAX: usize = 254;
pub const PASSWORD_MIN: usize = 12;
pub const PASSWORD_MAX: usize = 256;
/// The first year a date may be in. Earlier or later dates are typing
/// errors, and far-off ones would overflow date arithmetic further on.
pub const YEAR_MIN: i32 = 2000;
/// The last year a date may be in.
pub const YEAR_MAX: i32 = 2100;

/// A date's year must lie in [`YEAR_MIN`]..=[`YEAR_MAX`].
pub fn year_in_range(year: i32) -> Result<(), FieldProblem> {
    if (YEAR_MIN..=YEAR_MAX).contains(&year) {
        Ok(())
    } else {
        Err(FieldProblem::DateOutOfRange)
    }
}

/// A time whose year, in Copenhagen, lies in [`YEAR_MIN`]..=[`YEAR_MAX`].
pub fn time_in_range(
    at: chrono::DateTime<chrono::Utc>,
) -> Result<chrono::DateTime<chrono::Utc>, FieldProblem> {
    use chrono::Datelike;
    year_in_range(at.with_timezone(&chrono_tz::Europe::Copenhagen).year()).map(|()| at)
}

/// A required single line of text: trimmed, no control characters, at most `max` characters.
pub fn required_line(input: &str, max: usize) -> Result<String, FieldProblem> {
    let v = optional_line(input, max)?;
    v.ok_or(FieldProblem::Required)
}

/// An optional single line of text; empty becomes `None`.
/// The length counts what was sent, spaces around it too: the API documents
/// `maxLength` of the value as sent.
pub fn optional_line(input: &str, max: usize) -> Result<Option<String>, FieldProblem> {
    if input.chars().count() > max {
        return Err(FieldProblem::TooLong);
    }
    let v = input.trim();
    if v.is_empty() {
        return Ok(None);
    }
    if v.chars().any(char::is_control) {
        return Err(FieldProblem::ControlCharacters);
    }
    Ok(Some(v.to_string()))
}

/// Multi-line text: line breaks and tabs allowed, other control characters not.
pub fn optional_text(input: &str, max: usize) -> Result<Option<String>, FieldProblem> {
    if input.chars().count() > max {
        return Err(FieldProblem::TooLong);
    }
    let v = input.trim();
    if v.is_empty() {
        return Ok(None);
    }
    if v.chars()
        .any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
    {
        return Err(FieldProblem::ControlCharacters);
    }
    Ok(Some(v.replace("\r\n", "\n")))
}

/// An e-mail address, lower-cased. A plain check of its shape; whether it
/// exists is learnt by writing to it.
pub fn email(input: &str) -> Result<String, FieldProblem> {
    let v = required_line(input, EMAIL_MAX)?;
    let v = v.to_lowercase();
    let Some((local, domain)) = v.rsplit_once('@') else {
        return Err(FieldProblem::InvalidEmail);
    };
    let bad_char = |c: char| {
        c.is_whitespace()
            || matches!(
                c,
                '<' | '>' | '(' | ')' | ',' | ';' | ':' | '"' | '[' | ']' | '\\'
            )
    };
    let domain_ok = domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !domain.contains("..")
        && !domain.contains('@')
        && domain
            .chars()
            .all(|c| c.is_alphanumeric() || c == '.' || c == '-');
    if local.is_empty()
        || local.len() > 64
        || local.chars().any(bad_char)
        || local.contains('@')
        || !domain_ok
    {
        return Err(FieldProblem::InvalidEmail);
    }
    Ok(v)
}

/// A phone number: Danish (8 digits, optionally with +45 or 0045) or
/// international (+ and 7 to 15 digits). Returned as `+4512345678`.
pub fn phone(input: &str) -> Result<String, FieldProblem> {
    let v = required_line(input, 30)?;
    let compact: String = v
        .chars()
        .filter(|c| !matches!(c, ' ' | '-' | '.' | '(' | ')'))
        .collect();
    let (international, digits) = if let Some(rest) = compact.strip_prefix('+') {
        (true, rest.to_string())
    } else if let Some(rest) = compact.strip_prefix("00") {
        (true, rest.to_string())
    } else {
        (false, compact.clone())
    };
    if digits.is_empty() || !digits.chars().all(|c| c.is_ascii_digit()) {
        return Err(FieldProblem::InvalidPhone);
    }
    if !international {
        return if digits.len() == 8 && !digits.starts_with('0') {
            Ok(format!("+45{digits}"))
        } else {
            Err(FieldProblem::InvalidPhone)
        };
    }
    if let Some(dk) = digits.strip_prefix("45") {
        return if dk.len() == 8 {
            Ok(format!("+45{dk}"))
        } else {
            Err(FieldProblem::InvalidPhone)
        };
    }
    if (7..=15).contains(&digits.len()) && !digits.starts_with('0') {
        Ok(format!("+{digits}"))
    } else {
        Err(FieldProblem::InvalidPhone)
    }
}

pub fn optional_phone(input: &str) -> Result<Option<String>, FieldProblem> {
    if input.trim().is_empty() {
        Ok(None)
    } else {
        phone(input).map(Some)
    }
}

/// API tokens live 90 days unless asked otherwise, and never more than a year.
pub const TOKEN_LIFETIME_DEFAULT_DAYS: i64 = 90;
pub const TOKEN_LIFETIME_MAX_DAYS: i64 = 365;
pub const TOKEN_NAME_MAX: usize = 120;

/// An API token's lifetime in days: 1 to 365; none given means 90.
pub fn token_lifetime_days(input: Option<i64>) -> Result<i64, FieldProblem> {
    match input {
        None => Ok(TOKEN_LIFETIME_DEFAULT_DAYS),
        Some(d) if (1..=TOKEN_LIFETIME_MAX_DAYS).contains(&d) => Ok(d),
        Some(_) => Err(FieldProblem::InvalidLifetime),
    }
}

pub fn new_password(input: &str) -> Result<String, FieldProblem> {
    let n = input.chars().count();
    if n == 0 {
        Err(FieldProblem::Required)
    } else if n < PASSWORD_MIN {
        Err(FieldProblem::PasswordTooShort)
    } else if n > PASSWORD_MAX {
        Err(FieldProblem::TooLong)
    } else {
        Ok(input.to_string())
    }
}

/// A time of day as staff type it: `14.00`, `14:00`, `9.30`, `09:30`, a
/// whole hour (`14`), with or without a leading `kl.`. Minutes take two digits.
pub fn clock_time(input: &str) -> Result<chrono::NaiveTime, FieldProblem> {
    let s = input.trim();
    if s.is_empty() {
        return Err(FieldProblem::Required);
    }
    if s.chars().count() > 16 {
        return Err(FieldProblem::InvalidTime);
    }
    let s = s.strip_prefix("kl.").unwrap_or(s).trim();
    let (h, m) = match s.split_once(['.', ':']) {
        Some((h, m)) => (h, Some(m)),
        None => (s, None),
    };
    let digits =
        |t: &str, min: usize| (min..=2).contains(&t.len()) && t.bytes().all(|b| b.is_ascii_digit());
    if !digits(h, 1) || m.is_some_and(|m| !digits(m, 2)) {
        return Err(FieldProblem::InvalidTime);
    }
    let h: u32 = h.parse().map_err(|_| FieldProblem::InvalidTime)?;
    let m: u32 = m
        .map_or(Ok(0), str::parse)
        .map_err(|_| FieldProblem::InvalidTime)?;
    chrono::NaiveTime::from_hms_opt(h, m, 0).ok_or(FieldProblem::InvalidTime)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn emails() {
        assert_eq!(email(" Ida@Dragoer.DK "), Ok("ida@dragoer.dk".into()));
        assert_eq!(email(""), Err(FieldProblem::Required));
        for bad in [
            "ikke-en-mail",
            "a@b",
            "@x.dk",
            "a b@x.dk",
            "a@x..dk",
            "a@.x.dk",
            "<a>@x.dk",
        ] {
            assert_eq!(email(bad), Err(FieldProblem::InvalidEmail), "{bad}");
        }
        assert_eq!(
            email(&format!("{}@x.dk", "a".repeat(260))),
            Err(FieldProblem::TooLong)
        );
    }

    #[test]
    fn phones() {
        assert_eq!(phone("32 89 01 00"), Ok("+4532890100".into()));
        assert_eq!(phone("+45 32 89 01 00"), Ok("+4532890100".into()));
        assert_eq!(phone("0045 3289 0100"), Ok("+4532890100".into()));
        assert_eq!(phone("+46 8 123 456 78"), Ok("+46812345678".into()));
        for bad in ["1234", "+45 1234", "telefon", "+1", "0123 4567"] {
            assert_eq!(phone(bad), Err(FieldProblem::InvalidPhone), "{bad}");
        }
    }

    #[test]
    fn lines() {
        assert_eq!(required_line("  Ida  ", 10), Ok("Ida".into()));
        assert_eq!(required_line("   ", 10), Err(FieldProblem::Required));
        assert_eq!(
            required_line("a\u{0007}b", 10),
            Err(FieldProblem::ControlCharacters)
        );
        assert_eq!(required_line("æøåæøåæøåæ", 10), Ok("æøåæøåæøåæ".into()));
        assert_eq!(required_line("æøåæøåæøåæø", 10), Err(FieldProblem::TooLong));
        assert_eq!(optional_text("a\r\nb", 10), Ok(Some("a\nb".into())));
        // The length is that of what was sent, as the API documents it.
        assert_eq!(required_line(" æøåæøåæøåæ", 10), Err(FieldProblem::TooLong));
    }

    #[test]
    fn years() {
        assert_eq!(year_in_range(1999), Err(FieldProblem::DateOutOfRange));
        assert_eq!(year_in_range(2000), Ok(()));
        assert_eq!(year_in_range(2100), Ok(()));
        assert_eq!(year_in_range(2101), Err(FieldProblem::DateOutOfRange));
        let t = chrono::DateTime::parse_from_rfc3339("1970-01-01T00:00:00Z")
            .unwrap()
            .with_timezone(&chrono::Utc);
        assert_eq!(time_in_range(t), Err(FieldProblem::DateOutOfRange));
        // New Year's night 2101 in Copenhagen is still 2100 in UTC.
        let t = chrono::DateTime::parse_from_rfc3339("2101-01-01T00:30:00+01:00")
            .unwrap()
            .with_timezone(&chrono::Utc);
        assert_eq!(time_in_range(t), Err(FieldProblem::DateOutOfRange));
    }

    #[test]
    fn token_lifetimes() {
        assert_eq!(token_lifetime_days(None), Ok(90));
        assert_eq!(token_lifetime_days(Some(1)), Ok(1));
        assert_eq!(token_lifetime_days(Some(365)), Ok(365));
        for bad in [0, -1, 366, i64::MAX, i64::MIN] {
            assert_eq!(
                token_lifetime_days(Some(bad)),
                Err(FieldProblem::InvalidLifetime)
            );
        }
    }

    #[test]
    fn passwords() {
        assert_eq!(new_password(""), Err(FieldProblem::Required));
        assert_eq!(new_password("kort"), Err(FieldProblem::PasswordTooShort));
        assert!(new_password("en-lang-adgangskode").is_ok());
    }

    proptest! {
        #[test]
        fn accepted_lines_are_clean(s in ".{0,200}") {
            if let Ok(v) = required_line(&s, 120) {
                prop_assert!(!v.is_empty());
                prop_assert!(v.chars().count() <= 120);
                prop_assert!(!v.chars().any(char::is_control));
            }
        }

        #[test]
        fn accepted_phones_are_normalised(s in "[0-9 +]{0,20}") {
            if let Ok(p) = phone(&s) {
                prop_assert!(p.starts_with('+'));
                prop_assert!(p[1..].chars().all(|c| c.is_ascii_digit()));
            }
        }
    }

    #[test]
    fn clock_time_takes_dot_and_colon() {
        let t = |h, m| Ok(chrono::NaiveTime::from_hms_opt(h, m, 0).unwrap());
        assert_eq!(clock_time("14.00"), t(14, 0));
        assert_eq!(clock_time("14:00"), t(14, 0));
        assert_eq!(clock_time("9.30"), t(9, 30));
        assert_eq!(clock_time("09:30"), t(9, 30));
        assert_eq!(clock_time(" kl. 17.30 "), t(17, 30));
        assert_eq!(clock_time("8"), t(8, 0));
        assert_eq!(clock_time("0.00"), t(0, 0));
        assert_eq!(clock_time("23:59"), t(23, 59));
    }

    #[test]
    fn clock_time_refuses_what_is_no_time() {
        assert_eq!(clock_time(""), Err(FieldProblem::Required));
        for bad in [
            "24.00", "14.60", "14.5", "14.000", "140", "-1.00", "14,00", "14.00.00", "a.b",
            "1 4.00", ".30", "14.", "+9.30",
        ] {
            assert_eq!(clock_time(bad), Err(FieldProblem::InvalidTime), "{bad}");
        }
    }
}
