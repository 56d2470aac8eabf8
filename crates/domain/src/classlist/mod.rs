//! A class list file as schools and spreadsheets write it, read from bytes:
//! the pupils' names and birth dates, and the lines in error as codes.
//!
//! A CPR number in the file gives the birth date and is then dropped: it is
//! never in the result, and no error repeats it or its digits. Names with
//! digits are refused for the same reason (a CPR number in the wrong column).

mod decode;
mod records;
#[cfg(test)]
mod tests;

use std::fmt;

use chrono::{Datelike, NaiveDate};

pub use decode::Encoding;
use records::Record;

use crate::codes::code_enum;
use crate::cpr::{self, CprProblem};
use crate::validate::{self, FieldProblem, NAME_MAX, YEAR_MAX, YEAR_MIN};

/// The largest file read (2 MB); larger ones are refused unread.
pub const MAX_BYTES: usize = 2 * 1024 * 1024;

/// How many non-empty lines are searched for the header.
const HEADER_SEARCH: usize = 5;

/// Why a whole file was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileProblem {
    TooLarge,
    /// NUL bytes, control characters, or bytes no encoding reads.
    Binary,
    /// No line with a known column name among the first five.
    NoHeader,
    NoNameColumn,
    /// Neither a birth date nor a CPR column.
    NoBirthDateColumn,
}

code_enum!(FileProblem {
    TooLarge => "too_large",
    Binary => "binary",
    NoHeader => "no_header",
    NoNameColumn => "no_name_column",
    NoBirthDateColumn => "no_birth_date_column",
});

impl std::error::Error for FileProblem {}

/// Why one line was not accepted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum LineProblem {
    /// More or fewer fields than the header.
    FieldCount,
    /// A quoted field runs to the end of the file.
    UnclosedQuote,
    NameMissing,
    NameTooLong,
    /// Control characters or digits in the name.
    NameInvalid,
    BirthDateMissing,
    /// Not a date in a known format, or no such day (30 February).
    BirthDateInvalid,
    /// A year outside 2000–2100.
    BirthDateOutOfRange,
    /// A CPR number that is not ten digits.
    CprInvalid,
    /// A CPR number whose first six digits are no date.
    CprDateInvalid,
    /// The same name and birth date as an earlier line.
    Duplicate,
}

code_enum!(LineProblem {
    FieldCount => "field_count",
    UnclosedQuote => "unclosed_quote",
    NameMissing => "name_missing",
    NameTooLong => "name_too_long",
    NameInvalid => "name_invalid",
    BirthDateMissing => "birth_date_missing",
    BirthDateInvalid => "birth_date_invalid",
    BirthDateOutOfRange => "birth_date_out_of_range",
    CprInvalid => "cpr_invalid",
    CprDateInvalid => "cpr_date_invalid",
    Duplicate => "duplicate",
});

/// A problem and the line (1-based, of the file) it is on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LineError {
    pub line: usize,
    pub problem: LineProblem,
}

impl fmt::Display for LineError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: {}", self.line, self.problem)
    }
}

/// An accepted line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportedPupil {
    pub line: usize,
    pub name: String,
    pub birth_date: NaiveDate,
}

/// The result of reading a file: accepted pupils and lines in error, each
/// in file order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClassList {
    pub encoding: Encoding,
    pub separator: char,
    pub pupils: Vec<ImportedPupil>,
    pub errors: Vec<LineError>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Column {
    Name,
    FirstName,
    LastName,
    BirthDate,
    Cpr,
}

/// Lower case, Danish and accented letters folded, only letters and digits.
fn fold(header: &str) -> String {
    let mut out = String::new();
    for c in header
        .trim_start_matches('\u{FEFF}')
        .chars()
        .flat_map(char::to_lowercase)
    {
        match c {
            'æ' | 'ä' => out.push_str("ae"),
            'ø' | 'ö' | 'ó' | 'ò' | 'ô' => out.push('o'),
            'å' | 'á' | 'à' | 'â' => out.push('a'),
            'é' | 'è' | 'ê' | 'ë' => out.push('e'),
            'ü' | 'ú' | 'ù' | 'û' => out.push('u'),
            'í' | 'ì' | 'î' | 'ï' => out.push('i'),
            c if c.is_ascii_alphanumeric() => out.push(c),
            _ => {}
        }
    }
    out
}

fn column(header: &str) -> Option<Column> {
    Some(match fold(header).as_str() {
        "navn" | "name" | "fuldtnavn" | "fuldenavn" | "fullname" | "elevnavn" | "elevensnavn"
        | "elev" | "pupil" | "pupilname" | "student" | "studentname" => Column::Name,
        "fornavn" | "fornavne" | "firstname" | "firstnames" | "givenname" => Column::FirstName,
        "efternavn" | "lastname" | "surname" | "familyname" => Column::LastName,
        "fodselsdato" | "foedselsdato" | "fodselsdag" | "fodt" | "foedt" | "birthdate"
        | "dateofbirth" | "dob" | "birthday" | "born" => Column::BirthDate,
        "cpr" | "cprnr" | "cprnummer" | "cprno" | "cprnumber" | "personnummer" => Column::Cpr,
        _ => return None,
    })
}

/// `d.m.yyyy`, `dd.mm.yyyy`, `dd-mm-yyyy`, `dd/mm/yyyy` or `yyyy-mm-dd`.
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    let sep = s.chars().find(|c| matches!(c, '.' | '-' | '/'))?;
    let parts: Vec<&str> = s.split(sep).collect();
    let [a, b, c] = parts.as_slice() else {
        return None;
    };
    let num = |t: &str, lens: &[usize]| -> Option<u32> {
        (lens.contains(&t.len()) && t.bytes().all(|x| x.is_ascii_digit()))
            .then(|| t.parse().ok())
            .flatten()
    };
    let (y, m, d) = if a.len() == 4 && sep == '-' {
        (num(a, &[4])?, num(b, &[1, 2])?, num(c, &[1, 2])?)
    } else {
        (num(c, &[4])?, num(b, &[1, 2])?, num(a, &[1, 2])?)
    };
    NaiveDate::from_ymd_opt(i32::try_from(y).ok()?, m, d)
}

fn in_range(date: NaiveDate) -> Result<NaiveDate, LineProblem> {
    if (YEAR_MIN..=YEAR_MAX).contains(&date.year()) {
        Ok(date)
    } else {
        Err(LineProblem::BirthDateOutOfRange)
    }
}

fn name_of(raw: &str) -> Result<String, LineProblem> {
    let name = validate::required_line(raw, NAME_MAX).map_err(|p| match p {
        FieldProblem::Required => LineProblem::NameMissing,
        FieldProblem::TooLong => LineProblem::NameTooLong,
        _ => LineProblem::NameInvalid,
    })?;
    if name.chars().any(|c| c.is_ascii_digit()) {
        return Err(LineProblem::NameInvalid);
    }
    Ok(name.split_whitespace().collect::<Vec<_>>().join(" "))
}

/// Checks a pupil sent back from a preview (a name and a birth date) by the
/// same rules as a line of a file, so a changed form saves nothing odd.
pub fn check_pupil(name: &str, birth_date: NaiveDate) -> Result<(String, NaiveDate), LineProblem> {
    Ok((name_of(name)?, in_range(birth_date)?))
}

fn looks_like_cpr(s: &str) -> bool {
    let digits = s.trim().chars().filter(|c| *c != '-' && *c != ' ');
    digits.clone().count() == 10 && digits.into_iter().all(|c| c.is_ascii_digit())
}

fn birth_date_of(date: Option<&str>, cpr: Option<&str>) -> Result<NaiveDate, LineProblem> {
    let filled = |s: &&str| !s.trim().is_empty();
    // A CPR number in the birth date column is read as one.
    let (date, cpr) = match date.filter(filled) {
        Some(s) if parse_date(s).is_none() && looks_like_cpr(s) => (None, Some(s)),
        d => (d, cpr),
    };
    if let Some(s) = date {
        return in_range(parse_date(s).ok_or(LineProblem::BirthDateInvalid)?);
    }
    if let Some(s) = cpr.filter(filled) {
        return in_range(cpr::birth_date(s.trim()).map_err(|p| match p {
            CprProblem::Format => LineProblem::CprInvalid,
            CprProblem::Date => LineProblem::CprDateInvalid,
        })?);
    }
    Err(LineProblem::BirthDateMissing)
}

/// Reads a class list file. Refuses the whole file only when it cannot be
/// read as a list at all; otherwise each line is accepted or in error.
pub fn parse(bytes: &[u8]) -> Result<ClassList, FileProblem> {
    if bytes.len() > MAX_BYTES {
        return Err(FileProblem::TooLarge);
    }
    let (text, encoding) = decode::decode(bytes).ok_or(FileProblem::Binary)?;
    // The separator and header line that show the most known column names
    // soonest; lines before the header (a title such as "9.A") are skipped.
    let (separator, recs, at) = [';', '\t', ',']
        .into_iter()
        .filter_map(|sep| {
            let recs: Vec<Record> = records::records(&text, sep)
                .into_iter()
                .filter(|r| !r.is_empty())
                .collect();
            let (at, known) = recs
                .iter()
                .take(HEADER_SEARCH)
                .map(|r| r.fields.iter().filter(|f| column(f).is_some()).count())
                .enumerate()
                .find(|(_, n)| *n > 0)?;
            Some((sep, recs, at, known))
        })
        .min_by_key(|(_, _, at, known)| (*at, std::cmp::Reverse(*known)))
        .map(|(sep, recs, at, _)| (sep, recs, at))
        .ok_or(FileProblem::NoHeader)?;
    let mut recs = recs.into_iter().skip(at);
    let header = recs.next().ok_or(FileProblem::NoHeader)?;
    let columns: Vec<Option<Column>> = header.fields.iter().map(|h| column(h)).collect();
    let find = |c: Column| columns.iter().position(|x| *x == Some(c));
    if columns.iter().all(Option::is_none) {
        return Err(FileProblem::NoHeader);
    }
    let (name, first, last) = (
        find(Column::Name),
        find(Column::FirstName),
        find(Column::LastName),
    );
    if name.is_none() && first.is_none() && last.is_none() {
        return Err(FileProblem::NoNameColumn);
    }
    let (birth, cpr_col) = (find(Column::BirthDate), find(Column::Cpr));
    if birth.is_none() && cpr_col.is_none() {
        return Err(FileProblem::NoBirthDateColumn);
    }

    let width = columns.len();
    let mut pupils: Vec<ImportedPupil> = Vec::new();
    let mut errors = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for rec in recs {
        let line = rec.line;
        let mut fail = |problem| errors.push(LineError { line, problem });
        if rec.unclosed {
            fail(LineProblem::UnclosedQuote);
            continue;
        }
        let extra_filled = rec.fields.iter().skip(width).any(|f| !f.trim().is_empty());
        if rec.fields.len() < width || extra_filled {
            fail(LineProblem::FieldCount);
            continue;
        }
        let get = |i: Option<usize>| i.map(|i| rec.fields[i].as_str());
        let full = get(name).filter(|s| !s.trim().is_empty());
        let raw_name = match full {
            Some(n) => n.to_owned(),
            None => [get(first), get(last)]
                .into_iter()
                .flatten()
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .collect::<Vec<_>>()
                .join(" "),
        };
        let name = name_of(&raw_name);
        let born = birth_date_of(get(birth), get(cpr_col));
        match (name, born) {
            (Ok(name), Ok(birth_date)) => {
                if seen.insert((name.to_lowercase(), birth_date)) {
                    pupils.push(ImportedPupil {
                        line,
                        name,
                        birth_date,
                    });
                } else {
                    fail(LineProblem::Duplicate);
                }
            }
            (name, born) => {
                if let Err(p) = name {
                    fail(p);
                }
                if let Err(p) = born {
                    fail(p);
                }
            }
        }
    }
    Ok(ClassList {
        encoding,
        separator,
        pupils,
        errors,
    })
}
