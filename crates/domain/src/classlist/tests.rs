use super::*;
use proptest::prelude::*;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn utf16(s: &str, le: bool) -> Vec<u8> {
    let mut out = if le {
        vec![0xFF, 0xFE]
    } else {
        vec![0xFE, 0xFF]
    };
    for u in s.encode_utf16() {
        out.extend_from_slice(&if le { u.to_le_bytes() } else { u.to_be_bytes() });
    }
    out
}

fn cp1252(s: &str) -> Vec<u8> {
    s.chars()
        .map(|c| u8::try_from(u32::from(c)).expect("Latin-1 only"))
        .collect()
}

fn names(l: &ClassList) -> Vec<(&str, NaiveDate)> {
    l.pupils
        .iter()
        .map(|p| (p.name.as_str(), p.birth_date))
        .collect()
}

fn problems(l: &ClassList) -> Vec<(usize, LineProblem)> {
    l.errors.iter().map(|e| (e.line, e.problem)).collect()
}

const DANISH: &str =
    "Fornavn;Efternavn;Fødselsdato\r\nÅse;Ærø;3.5.2012\r\nSøren;Østergård;17-11-2011\r\n";

#[test]
fn every_encoding_and_bom() {
    let want = vec![
        ("Åse Ærø", d(2012, 5, 3)),
        ("Søren Østergård", d(2011, 11, 17)),
    ];
    let mut bom = vec![0xEF, 0xBB, 0xBF];
    bom.extend_from_slice(DANISH.as_bytes());
    for (bytes, enc) in [
        (DANISH.as_bytes().to_vec(), Encoding::Utf8),
        (bom, Encoding::Utf8),
        (utf16(DANISH, true), Encoding::Utf16Le),
        (utf16(DANISH, false), Encoding::Utf16Be),
        (cp1252(DANISH), Encoding::Windows1252),
    ] {
        let l = parse(&bytes).unwrap();
        assert_eq!(l.encoding, enc);
        assert_eq!(names(&l), want, "{enc:?}");
        assert!(l.errors.is_empty());
    }
}

#[test]
fn every_separator_and_english_headers() {
    for sep in [";", ",", "\t"] {
        let text = ["First name", "Surname", "Date of birth"].join(sep)
            + "\n"
            + &["Ann", "Lee", "2012-01-31"].join(sep)
            + "\n";
        let l = parse(text.as_bytes()).unwrap();
        assert_eq!(l.separator, sep.chars().next().unwrap());
        assert_eq!(names(&l), vec![("Ann Lee", d(2012, 1, 31))]);
    }
    // Excel's "Unicode text": UTF-16 LE with tabs.
    let l = parse(&utf16("Name\tBirth date\nBo Ek\t1.2.2012\n", true)).unwrap();
    assert_eq!(
        (l.separator, names(&l)),
        ('\t', vec![("Bo Ek", d(2012, 2, 1))])
    );
}

#[test]
fn every_date_format() {
    for s in [
        "3.5.2012",
        "03.05.2012",
        "03-05-2012",
        "3-5-2012",
        "03/05/2012",
        "2012-05-03",
    ] {
        assert_eq!(parse_date(s), Some(d(2012, 5, 3)), "{s}");
    }
    for s in [
        "2012.05.03",
        "3.5.12",
        "3.5",
        "x.5.2012",
        "3.5.2012.1",
        "",
        "30.2.2012",
        "3,5,2012",
    ] {
        assert_eq!(parse_date(s), None, "{s}");
    }
}

#[test]
fn cpr_lines_keep_only_the_birth_date() {
    let text = "Navn;CPR-nummer\nAnna;010112-4321\nBo;6101124321\nCarl;0101124000\n";
    let l = parse(text.as_bytes()).unwrap();
    // A substitute number (day + 60) and one failing modulus 11 are accepted.
    assert_eq!(
        names(&l),
        vec![
            ("Anna", d(2012, 1, 1)),
            ("Bo", d(2012, 1, 1)),
            ("Carl", d(2012, 1, 1))
        ]
    );
    assert!(!format!("{l:?}").contains("4321"));
    // A CPR number in the birth date column is read as one.
    let l = parse("Navn;Fødselsdato\nDan;020212-4321\nEva;0202124321 \n".as_bytes()).unwrap();
    assert_eq!(
        names(&l),
        vec![("Dan", d(2012, 2, 2)), ("Eva", d(2012, 2, 2))]
    );
}

#[test]
fn line_errors_carry_codes_and_line_numbers() {
    let long = "x".repeat(NAME_MAX + 1);
    let text = format!(
        "Navn;Fødselsdato;CPR\n\
         Anna;30.2.2012;\n\
         Bo;29.2.2011;\n\
         ;1.1.2012;\n\
         \n\
         Dan;;\n\
         Eva;1.1.2012\n\
         Finn;1.1.2012;;extra\n\
         Gro;;3002114321\n\
         Hans;;12345\n\
         {long};1.1.1990;\n\
         Ida 0101124321;1.1.2012;\n\
         Jens;1.1.2012;;\n\
         jens;1.1.2012;\n\
         Kim;;290211-4321\n\
         Liv;;290212-4321\n\
         Mo;\"1.1.2012\n"
    );
    let l = parse(text.as_bytes()).unwrap();
    use LineProblem::*;
    assert_eq!(
        problems(&l),
        vec![
            (2, BirthDateInvalid),
            (3, BirthDateInvalid),
            (4, NameMissing),
            (6, BirthDateMissing),
            (7, FieldCount),
            (8, FieldCount),
            (9, CprDateInvalid),
            (10, CprInvalid),
            (11, NameTooLong),
            (11, BirthDateOutOfRange),
            (12, NameInvalid),
            (14, Duplicate),
            (15, CprDateInvalid),
            (17, UnclosedQuote),
        ]
    );
    assert_eq!(
        names(&l),
        vec![("Jens", d(2012, 1, 1)), ("Liv", d(2012, 2, 29))]
    );
    assert_eq!(l.errors[0].to_string(), "line 2: birth_date_invalid");
}

#[test]
fn a_title_before_the_header_is_skipped() {
    let text = "Klasseliste 9.A;;\n\nElevens navn;Fødselsdato;Klasse\nAnna Holm;1.2.2012;9.A\n";
    let l = parse(text.as_bytes()).unwrap();
    assert_eq!(names(&l), vec![("Anna Holm", d(2012, 2, 1))]);
    // A comma inside a field does not beat the real separator.
    let text = "Efternavn, fornavn;Navn;Født\nx;Bo;1.2.2012\n";
    assert_eq!(parse(text.as_bytes()).unwrap().separator, ';');
}

#[test]
fn quoted_fields_and_spaces() {
    let text = "\"Efternavn, fornavn\",Navn,Født\n\"x\",\"  Maja   Berg \",\"1.6.2012\"\n";
    let l = parse(text.as_bytes()).unwrap();
    assert_eq!(names(&l), vec![("Maja Berg", d(2012, 6, 1))]);
}

#[test]
fn whole_file_refusals() {
    assert_eq!(
        parse(&vec![b'a'; 10 * 1024 * 1024]),
        Err(FileProblem::TooLarge)
    );
    assert_eq!(
        parse(&vec![b'a'; MAX_BYTES + 1]),
        Err(FileProblem::TooLarge)
    );
    assert_eq!(parse(b"Navn;F\xf8dt\n\0\0\x01"), Err(FileProblem::Binary));
    assert_eq!(
        parse(&[0x50, 0x4B, 0x03, 0x04, 0x14, 0x00]),
        Err(FileProblem::Binary)
    );
    assert_eq!(parse(b""), Err(FileProblem::NoHeader));
    assert_eq!(parse(b"\r\n;;\n"), Err(FileProblem::NoHeader));
    assert_eq!(parse(b"Anna;1.1.2012\n"), Err(FileProblem::NoHeader));
    assert_eq!(
        parse(b"a\nb\nc\nd\ne\nNavn;CPR\n"),
        Err(FileProblem::NoHeader)
    );
    assert_eq!(
        parse(b"Klasse;Fodselsdato\n"),
        Err(FileProblem::NoNameColumn)
    );
    assert_eq!(parse(b"NAVN;Klasse\n"), Err(FileProblem::NoBirthDateColumn));
    // A header alone is a list of no pupils.
    let l = parse("\n\nFØDSELSDATO;Elevnavn\n".as_bytes()).unwrap();
    assert!(l.pupils.is_empty() && l.errors.is_empty());
    for p in FileProblem::ALL {
        assert_eq!(p.as_str().parse(), Ok(*p));
    }
    for p in LineProblem::ALL {
        assert_eq!(p.to_string().parse(), Ok(*p));
    }
}

/// A 1,000-line file (real classes hold about 25); the timing is printed
/// (`cargo test --release -p samvirke-domain classlist -- --nocapture`).
#[test]
fn a_thousand_lines() {
    let mut text = String::from("Navn;CPR\n");
    for i in 0..1000u32 {
        let name: String = [i / 100, i / 10 % 10, i % 10]
            .iter()
            .map(|d| char::from_u32(u32::from(b'a') + d).unwrap())
            .collect();
        text.push_str(&format!("Elev {name};{:02}0112-4{:03}\n", i % 28 + 1, i));
    }
    let started = std::time::Instant::now();
    let l = parse(text.as_bytes()).unwrap();
    println!(
        "classlist: 1,000 lines ({} bytes) read in {:?}",
        text.len(),
        started.elapsed()
    );
    assert_eq!((l.pupils.len(), l.errors.len()), (1000, 0));
    assert_eq!(l.pupils[999].birth_date, d(2012, 1, 20));
}

fn cpr_strategy() -> impl Strategy<Value = String> {
    (
        0u32..100,
        1u32..=13,
        0u32..100,
        0u32..10,
        0u32..1000,
        any::<bool>(),
    )
        .prop_map(|(day, month, yy, seventh, rest, dash)| {
            format!(
                "{day:02}{month:02}{yy:02}{}{seventh}{rest:03}",
                if dash { "-" } else { "" }
            )
        })
}

proptest! {
    #[test]
    fn no_error_repeats_a_cpr_number(
        cprs in proptest::collection::vec(cpr_strategy(), 1..20),
        in_name in proptest::collection::vec(any::<bool>(), 20),
    ) {
        let mut text = String::from("Navn;CPR\n");
        for (i, c) in cprs.iter().enumerate() {
            if in_name[i] {
                text.push_str(&format!("{c};{c}\n"));
            } else {
                text.push_str(&format!("Elev;{c}\n"));
            }
        }
        let l = parse(text.as_bytes()).unwrap();
        let shown = format!(
            "{:?}{}",
            l.errors,
            l.errors.iter().map(|e| e.to_string()).collect::<String>()
        );
        let pupils = format!("{:?}", l.pupils);
        for c in &cprs {
            let digits: String = c.chars().filter(char::is_ascii_digit).collect();
            prop_assert!(!shown.contains(&digits) && !shown.contains(c.as_str()));
            prop_assert!(!pupils.contains(&digits) && !pupils.contains(c.as_str()));
        }
        prop_assert_eq!(l.pupils.len() + l.errors.iter().map(|e| e.line).collect::<std::collections::HashSet<_>>().len(), cprs.len());
    }

    #[test]
    fn any_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
        let _ = parse(&bytes);
    }
}
