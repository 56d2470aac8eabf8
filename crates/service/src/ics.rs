//! iCalendar (RFC 5545) for confirmation e-mails and calendar feeds:
//! CRLF line ends, lines folded at 75 octets, text escaped, times in UTC.

use chrono::{DateTime, Utc};

pub struct IcsEvent<'a> {
    /// Globally unique and stable, e.g. `session-12@dragoer.samvirke`.
    pub uid: String,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub summary: &'a str,
    pub location: &'a str,
    pub description: &'a str,
    pub url: Option<String>,
    pub cancelled: bool,
}

fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        match ch {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Folds a content line at 75 octets without splitting a UTF-8 character.
fn fold(line: &str, out: &mut String) {
    let mut width = 0;
    for ch in line.chars() {
        let len = ch.len_utf8();
        if width + len > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(ch);
        width += len;
    }
    out.push_str("\r\n");
}

fn stamp(t: DateTime<Utc>) -> String {
    t.format("%Y%m%dT%H%M%SZ").to_string()
}

/// A calendar with the given events. `now` is the DTSTAMP.
pub fn calendar(name: &str, events: &[IcsEvent<'_>], now: DateTime<Utc>) -> String {
    let mut out = String::new();
    let mut line = |s: String| fold(&s, &mut out);
    line("BEGIN:VCALENDAR".into());
    line("VERSION:2.0".into());
    line("PRODID:-//Samvirke//Samvirke//DA".into());
    line("CALSCALE:GREGORIAN".into());
    line("METHOD:PUBLISH".into());
    line(format!("X-WR-CALNAME:{}", escape(name)));
    line("X-WR-TIMEZONE:Europe/Copenhagen".into());
    for e in events {
        line("BEGIN:VEVENT".into());
        line(format!("UID:{}", e.uid));
        line(format!("DTSTAMP:{}", stamp(now)));
        line(format!("DTSTART:{}", stamp(e.starts_at)));
        line(format!("DTEND:{}", stamp(e.ends_at)));
        line(format!("SUMMARY:{}", escape(e.summary)));
        if !e.location.is_empty() {
            line(format!("LOCATION:{}", escape(e.location)));
        }
        if !e.description.is_empty() {
            line(format!("DESCRIPTION:{}", escape(e.description)));
        }
        if let Some(url) = &e.url {
            line(format!("URL:{url}"));
        }
        line(format!(
            "STATUS:{}",
            if e.cancelled {
                "CANCELLED"
            } else {
                "CONFIRMED"
            }
        ));
        line("END:VEVENT".into());
    }
    line("END:VCALENDAR".into());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn valid_lines_escaping_and_folding() {
        let t = DateTime::parse_from_rfc3339("2026-12-03T13:00:00Z")
            .unwrap()
            .with_timezone(&Utc);
        let description = "Oplæg; samtale, quiz\nog kaffe. ".repeat(5);
        let ics = calendar(
            "Dragør",
            &[IcsEvent {
                uid: "session-1@dragoer.samvirke".into(),
                starts_at: t,
                ends_at: t + chrono::Duration::hours(2),
                summary: "010101 Dit digitale liv",
                location: "Wiedergården, Dragør",
                description: &description,
                url: None,
                cancelled: false,
            }],
            t,
        );
        assert!(ics.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"));
        assert!(ics.ends_with("END:VCALENDAR\r\n"));
        assert!(ics.contains("DTSTART:20261203T130000Z\r\n"));
        assert!(ics.contains("LOCATION:Wiedergården\\, Dragør"));
        assert!(ics.contains("Oplæg\\; samtale\\, quiz\\nog"));
        for line in ics.split("\r\n") {
            assert!(line.len() <= 75, "{line}");
            assert!(!line.contains('\n'));
        }
        // Unfolding gives back the escaped text.
        let unfolded = ics.replace("\r\n ", "");
        assert!(unfolded.contains(&format!("DESCRIPTION:{}", escape(&description))));
    }
}
