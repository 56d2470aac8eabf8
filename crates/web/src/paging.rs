//! Pagination of lists that grow with use: opaque cursors for the API, the
//! RFC 8288 `Link` header, and the "next page" links of the pages.
//!
//! Every list is in a stable order (a start time then an id, or an id), and
//! a cursor names the last item of the page before, so a page never repeats
//! or skips a row, whatever is added meanwhile.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::{DateTime, Utc};
use samvirke_service::SessionKey;

/// Items on an API page when the caller does not say.
pub const API_DEFAULT_LIMIT: u64 = 100;
/// The most items on an API page.
pub const API_MAX_LIMIT: u64 = samvirke_service::PAGE_MAX;
/// Items on one page of a staff page's list.
pub const PAGE_SIZE: u64 = 50;

/// A session's place in a list, as an opaque cursor.
pub fn session_cursor(key: SessionKey) -> String {
    let (at, id) = key;
    let nanos = at.timestamp_nanos_opt().unwrap_or_default();
    URL_SAFE_NO_PAD.encode(format!("s{nanos}.{id}"))
}

pub fn parse_session_cursor(s: &str) -> Option<SessionKey> {
    let raw = decode(s)?;
    let (nanos, id) = raw.strip_prefix('s')?.split_once('.')?;
    let at = DateTime::<Utc>::from_timestamp_nanos(nanos.parse().ok()?);
    Some((at, id.parse().ok()?))
}

/// A place in a list ordered by a number (an id), as an opaque cursor.
pub fn id_cursor(id: i64) -> String {
    URL_SAFE_NO_PAD.encode(format!("i{id}"))
}

pub fn parse_id_cursor(s: &str) -> Option<i64> {
    decode(s)?.strip_prefix('i')?.parse().ok()
}

fn decode(s: &str) -> Option<String> {
    if s.is_empty() || s.len() > 100 {
        return None;
    }
    String::from_utf8(URL_SAFE_NO_PAD.decode(s).ok()?).ok()
}

/// This address with `name` set to `value` (and every other parameter kept,
/// `notice` left out): the link to the next page.
pub fn with_param(path: &str, query: Option<&str>, name: &str, value: &str) -> String {
    let mut q = form_urlencoded::Serializer::new(String::new());
    for (k, v) in form_urlencoded::parse(query.unwrap_or("").as_bytes()) {
        if k != name && k != "notice" {
            q.append_pair(&k, &v);
        }
    }
    q.append_pair(name, value);
    format!("{path}?{}", q.finish())
}

/// This address without `name` (and `notice`): back to the first page.
pub fn without_param(path: &str, query: Option<&str>, name: &str) -> String {
    let mut q = form_urlencoded::Serializer::new(String::new());
    let mut any = false;
    for (k, v) in form_urlencoded::parse(query.unwrap_or("").as_bytes()) {
        if k != name && k != "notice" {
            q.append_pair(&k, &v);
            any = true;
        }
    }
    if any {
        format!("{path}?{}", q.finish())
    } else {
        path.to_string()
    }
}

/// The first value of a query parameter.
pub fn param(query: Option<&str>, name: &str) -> Option<String> {
    form_urlencoded::parse(query?.as_bytes())
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.into_owned())
}

/// The value of an RFC 8288 `Link` header pointing at the next page.
pub fn link_next(path: &str, query: Option<&str>, cursor: &str) -> String {
    format!(
        "<{}>; rel=\"next\"",
        with_param(path, query, "after", cursor)
    )
}

/// "First page" and "next page" links under a list on a page.
pub struct Pager {
    /// What the list is, for screen readers: "Sider i deltagerlisten".
    pub label: String,
    /// Back to the first page, when this is not it.
    pub first: Option<String>,
    /// The next page, when more follow.
    pub next: Option<String>,
}

impl Pager {
    pub fn is_empty(&self) -> bool {
        self.first.is_none() && self.next.is_none()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursors_round_trip_and_refuse_garbage() {
        let at = DateTime::parse_from_rfc3339("2026-12-03T13:00:00.123456789Z")
            .unwrap()
            .with_timezone(&Utc);
        let c = session_cursor((at, 42));
        assert_eq!(parse_session_cursor(&c), Some((at, 42)));
        assert_eq!(parse_id_cursor(&id_cursor(7)), Some(7));
        for bad in ["", "!!", "aGVq", &id_cursor(7), &"A".repeat(200)] {
            assert_eq!(parse_session_cursor(bad), None, "{bad}");
        }
        assert_eq!(parse_id_cursor(&c), None);
    }

    #[test]
    fn next_links_keep_the_other_parameters() {
        assert_eq!(
            link_next("/api/v1/sessions", Some("limit=2&after=x&programme=3"), "Y"),
            "</api/v1/sessions?limit=2&programme=3&after=Y>; rel=\"next\""
        );
        assert_eq!(
            with_param("/audit", Some("notice=x"), "efter", "5"),
            "/audit?efter=5"
        );
    }
}
