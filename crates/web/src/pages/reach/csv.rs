//! CSV for spreadsheets: `;` between fields (what Danish Excel expects),
//! quotes where needed, a UTF-8 byte order mark so æøå show, and text that
//! a spreadsheet would take for a formula made plain.

use super::Table;
use axum::http::header;
use axum::response::{IntoResponse, Response};

fn cell(s: &str) -> String {
    // "=1+2" in a programme's title must stay text in a spreadsheet.
    let s = match s.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') if s.parse::<f64>().is_err() => format!("'{s}"),
        _ => s.to_string(),
    };
    if s.contains([';', '"', '\n', '\r', ',']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s
    }
}

/// The table as CSV text, with its header row and a BOM.
pub fn text(table: &Table) -> String {
    let mut out = String::from("\u{feff}");
    for row in std::iter::once(&table.head).chain(table.rows.iter()) {
        let line: Vec<String> = row.iter().map(|c| cell(c)).collect();
        out.push_str(&line.join(";"));
        out.push_str("\r\n");
    }
    out
}

/// The table as a file to download, named `name`.
pub fn download(table: &Table, name: &str) -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{name}.csv\""),
            ),
        ],
        text(table),
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_quoted_and_formulas_made_plain() {
        let t = Table {
            id: "x",
            caption: String::new(),
            head: vec!["Titel".into(), "Antal".into()],
            rows: vec![
                vec!["Kaffe; kage og \"kryds\"".into(), "3".into()],
                vec!["=HYPERLINK(1)".into(), "-2".into()],
                vec!["Æbler, pærer".into(), "0".into()],
            ],
            chart: None,
            csv_href: String::new(),
        };
        assert_eq!(
            text(&t),
            "\u{feff}Titel;Antal\r\n\"Kaffe; kage og \"\"kryds\"\"\";3\r\n'=HYPERLINK(1);-2\r\n\
             \"Æbler, pærer\";0\r\n"
        );
    }
}
