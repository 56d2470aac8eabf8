//! The "Digital dåbsattest" as a PDF: one A4 page per pupil, the same
//! text as the printable page, in the same order.

use super::{A4, Align, DocumentInfo, Face, PageWriter, Style, colour, drawable};
use crate::i18n::{Lang, Loc};
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use chrono::{Datelike, NaiveDate};
use krilla::geom::{PathBuilder, Rect};
use krilla::paint::{Fill, Stroke};
use krilla::surface::Surface;
use krilla::tagging::{Tag, TagGroup};
use samvirke_service::ServiceError;
use samvirke_service::classes::Certificates;
use std::num::NonZeroU16;

/// One certificate's text in reading order: what the page shows and the
/// PDF draws.
#[derive(Debug, Clone)]
pub struct Certificate {
    pub title: String,
    pub given_to: String,
    pub name: String,
    /// "for taking part in", the programme's name, "with 9.A at …": one
    /// sentence, the programme set apart.
    pub took_part: String,
    pub programme: String,
    pub with_class: String,
    pub learned: String,
    pub date: String,
    pub regards: String,
    pub library: String,
    pub citizen_service: String,
}

/// A date as the certificate writes it: 12.1.2027, or 12 January 2027.
fn date_text(loc: Loc, d: NaiveDate) -> String {
    match loc.lang {
        Lang::Da => format!("{}.{}.{}", d.day(), d.month(), d.year()),
        Lang::En => d.format("%-d %B %Y").to_string(),
    }
}

/// Each recipient's certificate, in `loc`'s language.
pub fn texts(loc: Loc, c: &Certificates) -> Vec<Certificate> {
    let programme = c
        .programme
        .clone()
        .unwrap_or_else(|| loc.t("certificate-programme"));
    let with_class = loc.t_args(
        "certificate-with-class",
        &[("class", &c.class.name), ("school", &c.class.school)],
    );
    let date = c.visit_day.map_or_else(
        || loc.t("certificate-date-blank"),
        |d| loc.t_args("certificate-date", &[("date", &date_text(loc, d))]),
    );
    c.pupils
        .iter()
        .map(|name| Certificate {
            title: loc.t("certificate-title"),
            given_to: loc.t("certificate-given-to"),
            name: name.clone(),
            took_part: loc.t("certificate-took-part"),
            programme: programme.clone(),
            with_class: with_class.clone(),
            learned: loc.t("certificate-learned"),
            date: date.clone(),
            regards: loc.t("certificate-regards"),
            library: c.library.clone().unwrap_or_default(),
            citizen_service: c.citizen_service.clone().unwrap_or_default(),
        })
        .collect()
}

/// A file name of plain letters, digits and hyphens: æ, ø and å written
/// ae, oe and aa, anything else a hyphen.
pub fn file_name(loc: Loc, c: &Certificates) -> String {
    let raw = format!(
        "{} {} {}",
        loc.t("certificates-file-name"),
        c.class.name,
        c.class.school
    );
    let mut out = String::new();
    for ch in raw.to_lowercase().chars() {
        match ch {
            'a'..='z' | '0'..='9' => out.push(ch),
            'æ' | 'ä' => out.push_str("ae"),
            'ø' | 'ö' => out.push_str("oe"),
            'å' => out.push_str("aa"),
            _ if !out.is_empty() && !out.ends_with('-') => out.push('-'),
            _ => {}
        }
    }
    let name = out.trim_end_matches('-');
    format!(
        "{}.pdf",
        if name.is_empty() {
            "certificates"
        } else {
            name
        }
    )
}

/// The class's certificates as a PDF download. Drawing a large class takes
/// a while, so it runs off the async workers.
pub async fn download(loc: Loc, c: Certificates) -> Result<Response, ServiceError> {
    let info = DocumentInfo {
        title: loc.t_args(
            "certificates-pdf-title",
            &[("class", &c.class.name), ("school", &c.class.school)],
        ),
        lang: match loc.lang {
            Lang::Da => "da",
            Lang::En => "en",
        },
    };
    let file = file_name(loc, &c);
    let certificates = texts(loc, &c);
    let pdf = tokio::task::spawn_blocking(move || render(&info, &certificates))
        .await
        .map_err(|e| ServiceError::Internal(format!("certificate task: {e}")))?
        .map_err(|e| ServiceError::Internal(format!("certificate PDF: {e}")))?;
    let disposition = HeaderValue::from_str(&format!("attachment; filename=\"{file}\""))
        .map_err(|e| ServiceError::Internal(format!("file name: {e}")))?;
    Ok((
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static("application/pdf"),
            ),
            (header::CONTENT_DISPOSITION, disposition),
        ],
        pdf,
    )
        .into_response())
}

/// The design system's blue and its near-black text.
const BLUE: u32 = 0x0059b3;
const INK: u32 = 0x1a1a1a;
const SOFT: u32 = 0x454545;
const CENTRE: f32 = A4.0 / 2.0;
/// The widest a line of text may be.
const MEASURE: f32 = 430.0;

/// The class's certificates as one tagged PDF.
pub fn render(info: &DocumentInfo, certificates: &[Certificate]) -> Result<Vec<u8>, String> {
    super::document(info, certificates, draw)
}

/// The largest size from `largest` down to `smallest` at which the name
/// fits on one line; at the smallest it wraps.
fn name_size(name: &str, largest: f32, smallest: f32) -> f32 {
    let mut size = largest;
    while size > smallest && super::width(name, Face::Bold, size) > MEASURE {
        size -= 2.0;
    }
    size.max(smallest)
}

fn frame(surface: &mut Surface<'_>) {
    let stroke = |width: f32, hex: u32| Stroke {
        paint: colour(hex).into(),
        width,
        ..Stroke::default()
    };
    surface.set_fill(None);
    for (inset, width, hex) in [(28.0, 4.0, BLUE), (40.0, 0.75, BLUE)] {
        let mut pb = PathBuilder::new();
        if let Some(rect) = Rect::from_xywh(inset, inset, A4.0 - 2.0 * inset, A4.1 - 2.0 * inset) {
            pb.push_rect(rect);
        }
        if let Some(path) = pb.finish() {
            surface.set_stroke(Some(stroke(width, hex)));
            surface.draw_path(&path);
        }
    }
    surface.set_stroke(None);
}

/// A short rule, or a line to sign on: decoration.
fn rule(surface: &mut Surface<'_>, x: f32, y: f32, length: f32, thickness: f32, hex: u32) {
    let mut pb = PathBuilder::new();
    if let Some(rect) = Rect::from_xywh(x, y, length, thickness) {
        pb.push_rect(rect);
    }
    if let Some(path) = pb.finish() {
        surface.set_fill(Some(Fill {
            paint: colour(hex).into(),
            ..Fill::default()
        }));
        surface.draw_path(&path);
    }
}

const fn style(face: Face, size: f32, leading: f32, colour: u32) -> Style {
    Style {
        face,
        size,
        leading,
        colour,
    }
}

const TITLE: Style = style(Face::Bold, 42.0, 50.0, BLUE);
const LEAD: Style = style(Face::Regular, 17.0, 24.0, SOFT);
const BODY: Style = style(Face::Regular, 16.0, 24.0, INK);
const PROGRAMME: Style = style(Face::Bold, 22.0, 32.0, BLUE);
const SMALL: Style = style(Face::Regular, 14.0, 20.0, SOFT);
const SIGNED: Style = style(Face::Bold, 14.0, 18.0, BLUE);

fn draw(surface: &mut Surface<'_>, c: &Certificate) -> (String, TagGroup) {
    let name = drawable(&c.name);
    let mut page = PageWriter::new(surface, Tag::Section);
    page.decoration(frame);
    let centre = Align::Centre(CENTRE);
    let line = |text: &str, style: Style| (vec![drawable(text)], style);
    let para = |text: &str, style: Style| (style.wrap(text, MEASURE), style);

    let h1 = Tag::Hn(NonZeroU16::MIN, Some(c.title.clone()));
    page.text(h1, &[line(&c.title, TITLE)], centre, 190.0);
    page.decoration(|s| rule(s, CENTRE - 60.0, 212.0, 120.0, 3.0, BLUE));

    page.text(Tag::P, &[line(&c.given_to, LEAD)], centre, 290.0);
    let size = name_size(&name, 44.0, 24.0);
    let name_style = style(Face::Bold, size, size * 1.2, INK);
    let mut y = page.text(Tag::P, &[para(&name, name_style)], centre, 358.0);
    page.decoration(|s| rule(s, CENTRE - 150.0, y - size * 1.2 + 16.0, 300.0, 0.75, SOFT));

    y += 36.0;
    // What they took part in: one sentence, the programme's name set apart.
    y = page.text(
        Tag::P,
        &[
            para(&c.took_part, BODY),
            (PROGRAMME.wrap(&c.programme, MEASURE), PROGRAMME),
            para(&c.with_class, BODY),
        ],
        centre,
        y + 4.0,
    );
    y += 14.0;
    page.text(Tag::P, &[para(&c.learned, BODY)], centre, y);

    page.text(Tag::P, &[line(&c.date, BODY)], centre, 664.0);
    page.text(Tag::P, &[line(&c.regards, SMALL)], centre, 712.0);
    // Both organisations side by side, each over a line.
    for (x, org) in [
        (CENTRE - 125.0, &c.library),
        (CENTRE + 125.0, &c.citizen_service),
    ] {
        page.decoration(|s| rule(s, x - 100.0, 748.0, 200.0, 0.75, SOFT));
        page.text(
            Tag::P,
            &[(SIGNED.wrap(org, 200.0), SIGNED)],
            Align::Centre(x),
            770.0,
        );
    }
    (name, page.finish())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_file_name_is_plain() {
        let c = Certificates {
            class: samvirke_service::classes::ClassSummary {
                id: 1,
                school_id: 2,
                school: "Dragør Skole / \"Nord\"".into(),
                name: "9.A".into(),
                school_year: "2026-27".parse().unwrap(),
                pupil_count: 0,
                visit: None,
            },
            visit_day: None,
            programme: None,
            library: None,
            citizen_service: None,
            recipients: samvirke_service::classes::Recipients::WholeClass,
            pupils: vec![],
        };
        assert_eq!(
            file_name(Loc::new(Lang::Da), &c),
            "digitale-daabsattester-9-a-dragoer-skole-nord.pdf"
        );
        assert_eq!(
            file_name(Loc::new(Lang::En), &c),
            "digital-certificates-9-a-dragoer-skole-nord.pdf"
        );
    }

    #[test]
    fn a_long_name_is_set_smaller() {
        assert_eq!(name_size("Ida", 44.0, 24.0), 44.0);
        let long = "Ida-Marie Christiansen-Kristoffersen Østergaard";
        let size = name_size(long, 44.0, 24.0);
        assert!((24.0..44.0).contains(&size));
        assert_eq!(name_size(&"x".repeat(300), 44.0, 24.0), 24.0);
    }
}
