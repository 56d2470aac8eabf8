//! Danish first, English too: texts from Fluent files, dates and times
//! as Danes write them, in Europe/Copenhagen.

use chrono::{DateTime, Datelike, Utc};
use chrono_tz::Europe::Copenhagen;
use fluent_templates::fluent_bundle::FluentValue;
use fluent_templates::{LanguageIdentifier, Loader, langid};
use samvirke_domain::validate::FieldProblem;
use std::borrow::Cow;
use std::collections::HashMap;

fluent_templates::static_loader! {
    static LOCALES = {
        locales: "./locales",
        fallback_language: "da",
        // Direction marks around inserted values only get in the way of a left-to-right UI.
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

static DA: LanguageIdentifier = langid!("da");
static EN: LanguageIdentifier = langid!("en");

/// The language of a page, and of the e-mails to a citizen who used it.
pub type Lang = samvirke_domain::Language;

fn id(lang: Lang) -> &'static LanguageIdentifier {
    match lang {
        Lang::Da => &DA,
        Lang::En => &EN,
    }
}

const DA_DAYS: [&str; 7] = [
    "mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag",
];
const EN_DAYS: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];
const DA_MONTHS: [&str; 12] = [
    "januar",
    "februar",
    "marts",
    "april",
    "maj",
    "juni",
    "juli",
    "august",
    "september",
    "oktober",
    "november",
    "december",
];
const EN_MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// The texts and formats of one language; every page holds one.
#[derive(Debug, Clone, Copy, Default)]
pub struct Loc {
    pub lang: Lang,
}

impl Loc {
    pub fn new(lang: Lang) -> Self {
        Self { lang }
    }

    pub fn t(&self, key: &str) -> String {
        LOCALES.lookup(id(self.lang), key)
    }

    /// The text of `key`, or `None` when no language file has it.
    pub fn try_t(&self, key: &str) -> Option<String> {
        LOCALES.try_lookup(id(self.lang), key)
    }

    /// A text with one inserted value, e.g. `t1("greeting", "name", "Ida")`.
    pub fn t1(&self, key: &str, name: &'static str, value: &str) -> String {
        let mut args: HashMap<Cow<'static, str>, FluentValue> = HashMap::new();
        args.insert(Cow::Borrowed(name), FluentValue::from(value.to_string()));
        LOCALES.lookup_with_args(id(self.lang), key, &args)
    }

    /// A text about a number of things, in the right plural form.
    pub fn t_count(&self, key: &str, name: &'static str, n: usize) -> String {
        let mut args: HashMap<Cow<'static, str>, FluentValue> = HashMap::new();
        args.insert(Cow::Borrowed(name), FluentValue::from(n));
        LOCALES.lookup_with_args(id(self.lang), key, &args)
    }

    /// A text with several inserted values.
    pub fn tn(&self, key: &str, values: &[(&'static str, String)]) -> String {
        let mut args: HashMap<Cow<'static, str>, FluentValue> = HashMap::new();
        for (name, value) in values {
            args.insert(Cow::Borrowed(name), FluentValue::from(value.clone()));
        }
        LOCALES.lookup_with_args(id(self.lang), key, &args)
    }

    /// Like [`Loc::tn`], or `None` when no language file has `key`.
    pub fn try_tn(&self, key: &str, values: &[(&'static str, String)]) -> Option<String> {
        let mut args: HashMap<Cow<'static, str>, FluentValue> = HashMap::new();
        for (name, value) in values {
            args.insert(Cow::Borrowed(name), FluentValue::from(value.clone()));
        }
        LOCALES.try_lookup_with_args(id(self.lang), key, &args)
    }

    /// A problem as staff read it, about the citizen they help ("Skriv
    /// borgerens e-mail"), where it differs from the citizen's own wording.
    pub fn problem_for_staff(&self, p: FieldProblem) -> String {
        let code = p.code().replace('_', "-");
        self.try_t(&format!("problem-staff-{code}"))
            .unwrap_or_else(|| self.t(&format!("problem-{code}")))
    }

    pub fn problem(&self, p: FieldProblem) -> String {
        self.t(&format!("problem-{}", p.code().replace('_', "-")))
    }

    /// `29.11.2026`
    pub fn date(&self, at: DateTime<Utc>) -> String {
        let local = at.with_timezone(&Copenhagen);
        format!("{}.{}.{}", local.day(), local.month(), local.year())
    }

    /// `kl. 17.30` in Danish, `17:30` in English.
    pub fn time(&self, at: DateTime<Utc>) -> String {
        let local = at.with_timezone(&Copenhagen);
        match self.lang {
            Lang::Da => local.format("kl. %H.%M").to_string(),
            Lang::En => local.format("%H:%M").to_string(),
        }
    }

    pub fn date_time(&self, at: DateTime<Utc>) -> String {
        format!("{} {}", self.date(at), self.time(at))
    }

    /// `tirsdag 8.12.2026` / `Tuesday 8.12.2026`.
    pub fn day(&self, at: DateTime<Utc>) -> String {
        let local = at.with_timezone(&Copenhagen);
        let names = match self.lang {
            Lang::Da => DA_DAYS,
            Lang::En => EN_DAYS,
        };
        format!(
            "{} {}",
            names[local.weekday().num_days_from_monday() as usize],
            self.date(at)
        )
    }

    /// `tirsdag 8. december` / `Tuesday 8 December`: the day of a coming
    /// session, as a letter names it.
    pub fn long_date(&self, at: DateTime<Utc>) -> String {
        let local = at.with_timezone(&Copenhagen);
        let weekday = local.weekday().num_days_from_monday() as usize;
        let month = local.month0() as usize;
        match self.lang {
            Lang::Da => format!("{} {}. {}", DA_DAYS[weekday], local.day(), DA_MONTHS[month]),
            Lang::En => format!("{} {} {}", EN_DAYS[weekday], local.day(), EN_MONTHS[month]),
        }
    }

    /// `kl. 14.00–16.00` / `14:00–16:00`.
    pub fn time_span(&self, from: DateTime<Utc>, to: DateTime<Utc>) -> String {
        let (a, b) = (
            from.with_timezone(&Copenhagen),
            to.with_timezone(&Copenhagen),
        );
        match self.lang {
            Lang::Da => format!("kl. {}–{}", a.format("%H.%M"), b.format("%H.%M")),
            Lang::En => format!("{}–{}", a.format("%H:%M"), b.format("%H:%M")),
        }
    }

    /// ISO 8601 week number; weeks start on Monday.
    pub fn week(&self, at: DateTime<Utc>) -> u32 {
        at.with_timezone(&Copenhagen).iso_week().week()
    }

    /// A text with several inserted values.
    pub fn t_args(&self, key: &str, values: &[(&'static str, &str)]) -> String {
        let args: HashMap<Cow<'static, str>, FluentValue> = values
            .iter()
            .map(|(k, v)| (Cow::Borrowed(*k), FluentValue::from(v.to_string())))
            .collect();
        LOCALES.lookup_with_args(id(self.lang), key, &args)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utc(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    #[test]
    fn danish_dates_and_times_in_copenhagen() {
        let da = Loc::new(Lang::Da);
        // Winter time: UTC+1.
        assert_eq!(
            da.date_time(utc("2026-11-29T16:30:00Z")),
            "29.11.2026 kl. 17.30"
        );
        // Summer time: UTC+2, and the date moves with it.
        assert_eq!(
            da.date_time(utc("2026-06-30T22:15:00Z")),
            "1.7.2026 kl. 00.15"
        );
        assert_eq!(
            Loc::new(Lang::En).time(utc("2026-11-29T16:30:00Z")),
            "17:30"
        );
        assert_eq!(da.week(utc("2026-11-29T12:00:00Z")), 48);
    }

    #[test]
    fn a_letter_names_the_day_and_month() {
        let at = utc("2026-12-08T13:00:00Z");
        assert_eq!(Loc::new(Lang::Da).long_date(at), "tirsdag 8. december");
        assert_eq!(Loc::new(Lang::En).long_date(at), "Tuesday 8 December");
    }

    #[test]
    fn every_key_exists_in_both_languages() {
        let read = |lang: &str| {
            let dir = format!("{}/locales/{lang}", env!("CARGO_MANIFEST_DIR"));
            let mut files: Vec<_> = std::fs::read_dir(dir)
                .unwrap()
                .map(|e| e.unwrap().path())
                .collect();
            files.sort();
            let names: Vec<_> = files
                .iter()
                .map(|f| f.file_name().unwrap().to_owned())
                .collect();
            let text: String = files
                .iter()
                .map(|f| std::fs::read_to_string(f).unwrap())
                .collect::<Vec<_>>()
                .join("\n");
            (names, text)
        };
        let ((da_files, da), (en_files, en)) = (read("da"), read("en"));
        assert_eq!(da_files, en_files, "the same files in both languages");
        let keys = |s: &str| {
            let mut k: Vec<String> = s
                .lines()
                .filter(|l| !l.starts_with('#') && !l.starts_with(' ') && l.contains(" ="))
                .map(|l| l.split(" =").next().unwrap().trim().to_string())
                .collect();
            k.sort();
            k
        };
        assert_eq!(keys(&da), keys(&en));
        assert!(keys(&da).len() > 20);
    }

    #[test]
    fn every_language_file_has_its_twin_with_the_same_keys() {
        let dir = |lang: &str| format!("{}/locales/{lang}", env!("CARGO_MANIFEST_DIR"));
        let keys = |path: String| {
            let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
            let mut k: Vec<String> = text
                .lines()
                .filter(|l| !l.starts_with('#') && !l.starts_with(' ') && l.contains(" ="))
                .map(|l| l.split(" =").next().unwrap().trim().to_string())
                .collect();
            k.sort();
            k
        };
        let mut files = 0;
        for entry in std::fs::read_dir(dir("da")).unwrap() {
            let name = entry.unwrap().file_name().into_string().unwrap();
            if name.ends_with(".ftl") {
                files += 1;
                assert_eq!(
                    keys(format!("{}/{name}", dir("da"))),
                    keys(format!("{}/{name}", dir("en"))),
                    "{name}"
                );
            }
        }
        assert!(files >= 2);
    }

    #[test]
    fn a_missing_key_is_noticed() {
        assert!(Loc::new(Lang::Da).try_t("findes-ikke").is_none());
        assert!(Loc::new(Lang::Da).try_t("login").is_some());
    }

    #[test]
    fn every_api_error_code_has_a_text() {
        let codes = [
            "unauthorized",
            "forbidden",
            "not_found",
            "invalid",
            "too_many_requests",
            "internal",
            "unsupported_media_type",
            "invalid_json",
            "malformed_json",
            "too_large",
            "gone",
            "registration_not_open",
            "already_registered",
            "full",
            "bad_request",
        ];
        for code in codes {
            for lang in [Lang::Da, Lang::En] {
                let key = format!("api-{}", code.replace('_', "-"));
                assert!(Loc::new(lang).try_t(&key).is_some(), "{lang:?} {code}");
            }
        }
    }

    #[test]
    fn every_field_problem_has_a_text() {
        use FieldProblem::*;
        for p in [
            Required,
            TooLong,
            ControlCharacters,
            InvalidEmail,
            InvalidPhone,
            PasswordTooShort,
            EmailTaken,
            NameTaken,
            InvalidChoice,
            ContactRequired,
            InvalidDate,
            InvalidTime,
            InvalidNumber,
            EndBeforeStart,
            InPast,
            WrongPassword,
            PasswordMismatch,
            InvalidLifetime,
            Holiday,
            ConsentRequired,
            MitIdTooYoung,
        ] {
            for lang in [Lang::Da, Lang::En] {
                let key = format!("problem-{}", p.code().replace('_', "-"));
                assert!(Loc::new(lang).try_t(&key).is_some(), "{p:?} {lang:?}");
            }
        }
    }
}
