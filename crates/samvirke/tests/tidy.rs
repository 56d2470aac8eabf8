//! The tidy test: reads the source tree and fails when an invariant of
//! ARCHITECTURE.md ("Invariants") is broken. Each rule is a function over
//! one file's text, unit-tested below on small strings that break it.
//!
//! Allow-lists name a file (or `file::function`) and say why. An entry that
//! no longer matches a breach fails too, so a temporary one cannot outlive
//! its reason.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// A file may be this long, tests in `tests/` folders aside.
const MAX_LINES: usize = 600;

/// Files of `web` that still read the store directly.
const WEB_STORE_ALLOWED: &[(&str, &str)] = &[];

/// Public functions of `store::queries` without a `Scope`: how the scope is
/// found, or work for every municipality at once.
const UNSCOPED_QUERIES: &[(&str, &str)] = &[
    (
        "staff.rs::by_email_for_login",
        "a login names an e-mail, not a municipality: it is how the scope is found",
    ),
    (
        "auth.rs::staff_for_session",
        "the session cookie's hash is how the scope is found",
    ),
    (
        "auth.rs::delete_session",
        "logging out by the session cookie's hash, which names no municipality",
    ),
    (
        "auth.rs::staff_for_token",
        "the API token's hash is how the scope is found",
    ),
    (
        "auth.rs::live_password_link",
        "the set-password link's hash is how the scope is found",
    ),
    (
        "sessions/registrations.rs::registration_by_token_hash",
        "the cancel link's hash is how the scope is found",
    ),
    (
        "sessions/feeds.rs::calendar_feed_owner",
        "the calendar link's hash is how the scope is found",
    ),
    (
        "orgs.rs::municipality_by_slug",
        "the municipality named in an address or on the command line: how the scope is found",
    ),
    (
        "orgs.rs::first_municipality",
        "the installation's default municipality for public pages: how the scope is found",
    ),
    ("orgs.rs::create_municipality", "makes a new scope"),
    (
        "outbox.rs::claim_due",
        "the outbox worker claims due e-mail of every municipality",
    ),
    (
        "outbox.rs::mark_sent",
        "the outbox worker, by the id it claimed",
    ),
    (
        "outbox.rs::mark_attempt_failed",
        "the outbox worker, by the id it claimed",
    ),
    ("outbox.rs::link_secret", "reads a loaded row: not a query"),
    (
        "outbox.rs::backlog",
        "the operator's metrics: counts of every municipality's waiting e-mail, no content",
    ),
    (
        "sessions/feeds.rs::due_for_reminder",
        "the reminder job looks at every municipality; each session then goes on in its own scope",
    ),
    (
        "auth.rs::delete_expired_sessions",
        "retention: every municipality's expired sessions",
    ),
    (
        "classes.rs::classes_to_forget",
        "retention: the pupils to forget, across municipalities (each class then in its scope)",
    ),
    (
        "class_day.rs::parents_to_tell",
        "the follow-up job: parents to write to, across municipalities (each pupil then in its class's scope)",
    ),
    ("mod.rs::is_unique_violation", "reads an error: not a query"),
    // Rooms and referrals (issue 10).
    (
        "rooms.rs::room_feed_owner",
        "the room calendar link's hash is how the scope is found",
    ),
    (
        "rooms.rs::purge_discreet_titles_ended_before",
        "retention: every municipality's discreet bookings after the meeting",
    ),
    (
        "appointments/booking.rs::appointment_by_token_hash",
        "the appointment's cancel token or link hash is how the scope is found",
    ),
    (
        "appointments/booking.rs::due_for_reminder",
        "the appointment reminder job looks at every municipality; each then goes on in its own scope",
    ),
    (
        "quiz.rs::run_by_join_code",
        "a quiz's join code is how a participant's scope is found",
    ),
    // Ideas, own data and retention settings (issue 13).
    (
        "own_data.rs::live_request",
        "the own-data link's hash is how the scope is found",
    ),
    (
        "retention.rs::municipalities",
        "retention: the municipalities, each then deleted by its own periods in its scope",
    ),
    // The reach report and feedback (issue 13).
    (
        "reach.rs::keep_unique_citizens_before",
        "retention: every municipality's ended sessions, counted before their contacts go",
    ),
    (
        "reach.rs::oldest_session_with_contacts",
        "retention: every municipality's ended sessions",
    ),
    (
        "feedback.rs::due_for_thanks",
        "the feedback job: every municipality's sessions that ended yesterday",
    ),
    (
        "feedback.rs::invite_by_token_hash",
        "look-up by the hash of a feedback link's secret",
    ),
    (
        "feedback.rs::session_by_room_code",
        "look-up by the room sheet's code (how the scope is found)",
    ),
];

/// A call of one of these asks the policy (`domain::authorize`).
/// Helpers that call one of these (e.g. `session_in_scope`) count too.
const CHECKS: &[&str] = &["require", "authorize"];

/// Public async functions of `service` that ask no policy: they are not
/// reached by a signed-in actor, or the secret they are given is the right.
const UNCHECKED_USE_CASES: &[(&str, &str)] = &[
    ("auth.rs::login", "login: checks the password, not a policy"),
    (
        "auth.rs::token_for_credentials",
        "login for the API: checks the password",
    ),
    (
        "auth.rs::resolve_session",
        "finds the actor behind a session cookie",
    ),
    (
        "auth.rs::resolve_bearer",
        "finds the actor behind an API token",
    ),
    (
        "auth.rs::logout",
        "ends the caller's own session, by its cookie",
    ),
    (
        "passwords.rs::link_for",
        "a set-password link: the secret is the right",
    ),
    (
        "passwords.rs::set_with_link",
        "a set-password link: the secret is the right",
    ),
    (
        "sessions/signup.rs::cancel",
        "a cancel link: the secret is the right",
    ),
    (
        "sessions/signup.rs::registration_for_token",
        "a cancel link: the secret is the right",
    ),
    (
        "sessions/signup.rs::waitlist_place",
        "a place number for a registration the caller already holds",
    ),
    (
        "sessions/signup.rs::sign_up_series",
        "public sign-up; a staff member's entry is checked in sign_up, date by date",
    ),
    (
        "sessions/feeds.rs::staff_feed",
        "a calendar link: the secret is the right",
    ),
    (
        "sessions/feeds.rs::public_feed",
        "public: published sessions only",
    ),
    (
        "sessions/public.rs::list_public",
        "public: published sessions only",
    ),
    (
        "sessions/public.rs::list_public_page",
        "public: published sessions only",
    ),
    (
        "sessions/public.rs::get_public",
        "public: published sessions only",
    ),
    ("sessions/reminders.rs::send_due_reminders", "the worker"),
    ("mail.rs::deliver_due", "the worker"),
    ("mail.rs::prune_files", "the worker"),
    (
        "mail.rs::backlog",
        "the operator's metrics: counts only, on a listener of its own",
    ),
    (
        "mail.rs::enqueue_welcome",
        "queues an e-mail in the transaction of a checked use case",
    ),
    ("retention.rs::run", "the worker: the retention rules"),
    (
        "staff.rs::end_expired_logins",
        "the worker: expired logins of every municipality",
    ),
    (
        "staff.rs::create_by_operator",
        "the command line: the server's operator, who signs in as nobody",
    ),
    (
        "staff.rs::create_municipality_by_operator",
        "the command line: the server's operator, who signs in as nobody",
    ),
    (
        "classes/followup.rs::tell_parents_before_15",
        "the follow-up job: writes to parents who consented, across municipalities",
    ),
    (
        "classes/retention.rs::forget_finished_school_years",
        "the worker: pupils' data deleted after their school year",
    ),
    ("demo/mod.rs::seed", "the demo data, from the command line"),
    (
        "secret.rs::hash_password_blocking",
        "not a use case: hashes a password off the async threads",
    ),
    (
        "throttle.rs::check_permit",
        "not a use case: the login throttle",
    ),
    (
        "throttle.rs::verify_password",
        "not a use case: the login throttle",
    ),
    (
        "throttle.rs::hash_password",
        "not a use case: the bound on hashing",
    ),
    // Rooms and referrals (issue 10).
    (
        "rooms/booking.rs::forget_discreet_titles",
        "the worker: discreet bookings' text after the meeting",
    ),
    (
        "referrals.rs::forget_done",
        "the worker: done referrals' personal data",
    ),
    // The reach report (issue 13).
    (
        "reach/kept.rs::keep_unique_citizens",
        "the worker: unique citizens kept as totals before retention",
    ),
    (
        "feedback.rs::send_thanks",
        "the worker: thank-you e-mails the day after a session",
    ),
    (
        "feedback.rs::invite_form",
        "a link secret: the e-mailed feedback link",
    ),
    (
        "feedback.rs::answer_invite",
        "a link secret: the e-mailed feedback link",
    ),
    (
        "feedback.rs::room_form",
        "a public page: the room sheet's anonymous form",
    ),
    (
        "feedback.rs::answer_room",
        "a public page: the room sheet's anonymous form (throttled by the web layer)",
    ),
    (
        "demo/rooms.rs::seed",
        "the demo data, from the command line",
    ),
    (
        "appointments/services.rs::public_services",
        "public: the services citizens may book",
    ),
    (
        "appointments/services.rs::public_service",
        "public: a service citizens may book",
    ),
    (
        "appointments/services.rs::triage",
        "public: the guided question and where it leads",
    ),
    (
        "appointments/slots.rs::free_times",
        "public: a bookable service's free times",
    ),
    (
        "appointments/booking.rs::appointment_for_secret",
        "a cancel link: the secret is the right",
    ),
    (
        "appointments/booking.rs::cancel_appointment",
        "a cancel link: the secret is the right",
    ),
    (
        "appointments/booking.rs::move_appointment",
        "a cancel link: the secret is the right",
    ),
    (
        "appointments/worker.rs::send_appointment_reminders",
        "the worker",
    ),
    (
        "appointments/worker.rs::forget_ended_appointments",
        "the worker: the retention rule",
    ),
    (
        "quiz/play.rs::public_run",
        "a quiz participant: the join code is the right",
    ),
    (
        "quiz/play.rs::join",
        "a quiz participant: the join code is the right",
    ),
    (
        "quiz/play.rs::player_view",
        "a quiz player: the player token is the right",
    ),
    (
        "quiz/play.rs::answer",
        "a quiz player: the player token is the right",
    ),
    (
        "quiz/run.rs::live_fingerprint",
        "the live pages' change check: counts only, after the page authorized",
    ),
    // Ideas and own data (issue 13).
    ("ideas/mod.rs::submit", "a citizen sends an idea: public"),
    (
        "ideas/own_data.rs::request",
        "a citizen asks for their own data: public, answered alike, the link goes to the address",
    ),
    (
        "ideas/own_data.rs::link_works",
        "an own-data link: the secret is the right",
    ),
    (
        "ideas/own_data.rs::answer",
        "an own-data link: the secret is the right",
    ),
    (
        "retention.rs::periods_of",
        "the retention periods are public (the privacy notice) and the worker's",
    ),
];

/// Files of `service` that still hold sentences or addresses.
const SERVICE_TEXT_ALLOWED: &[(&str, &str)] = &[
    (
        "demo/mod.rs",
        "the demo's data: names of people, places and programmes, not messages",
    ),
    (
        "demo/classes.rs",
        "the demo's data: names of pupils, classes and schools, not messages",
    ),
    (
        "demo/visits.rs",
        "the demo's data: the class visits' programme and its parts, not messages",
    ),
    (
        "demo/rooms.rs",
        "the demo's data: names of rooms and their equipment, not messages",
    ),
    (
        "demo/appointments.rs",
        "the demo's data: the appointment services and their questions, not messages",
    ),
    (
        "demo/quiz.rs",
        "the demo's data: the quiz's questions, options and explanations",
    ),
    (
        "lib.rs",
        "the default public address (`Core::new`), which the binary's settings replace",
    ),
];

/// Files longer than [`MAX_LINES`].
const LONG_FILES_ALLOWED: &[(&str, &str)] = &[];

// ---------------------------------------------------------------- the rules

/// True when code (not a comment or a string) names the store crate.
fn uses_store(text: &str) -> bool {
    contains_word(&code_only(text), "samvirke_store")
}

/// The public functions (outside `#[cfg(test)]`) whose parameters name no `Scope`.
fn unscoped_functions(text: &str) -> Vec<String> {
    let code = code_only(without_tests(text));
    fns(&code)
        .into_iter()
        .filter(|f| f.public && !f.params.contains("Scope"))
        .map(|f| f.name)
        .collect()
}

/// The public async functions (outside `#[cfg(test)]`) that call none of
/// `checks` (see [`checking_names`]).
fn unchecked_functions(text: &str, checks: &BTreeSet<String>) -> Vec<String> {
    let code = code_only(without_tests(text));
    fns(&code)
        .into_iter()
        .filter(|f| f.public && f.is_async && !checks.iter().any(|c| calls(&f.body, c)))
        .map(|f| f.name)
        .collect()
}

/// String literals (outside comments and `#[cfg(test)]`) that are an
/// address or a sentence a person reads.
fn texts_for_people(text: &str) -> Vec<String> {
    literals(without_tests(text))
        .into_iter()
        .filter(|s| is_address(s) || is_sentence(s))
        .collect()
}

/// `db.write.begin()` starts a deferred transaction: on SQLite, one that
/// reads before it writes fails at once when the sign-up writer committed
/// in between. `Db::begin_write` begins IMMEDIATE.
fn begins_deferred_write(text: &str) -> bool {
    let code = code_only(text);
    code.contains("write.begin()") || code.contains("write.transaction(")
}

fn too_long(text: &str) -> bool {
    text.lines().count() > MAX_LINES
}

/// `/path`, `{}/path` (an address after an inserted base) or `http(s)://`.
fn is_address(s: &str) -> bool {
    let path_at = |i: usize| s[i..].starts_with('/') && s[i + 1..].starts_with(char::is_alphabetic);
    path_at(0)
        || s.match_indices("}/").any(|(i, _)| path_at(i + 1))
        || s.contains("http://")
        || s.contains("https://")
}

/// Words with a space between them, and a greeting, a Danish letter, or a
/// word of three letters or more ending in `.`, `!` or `?`.
fn is_sentence(s: &str) -> bool {
    if !s.contains(' ') {
        return false;
    }
    let danish = s.chars().any(|c| "æøåÆØÅ".contains(c));
    let ends_a_sentence = s.char_indices().any(|(i, c)| {
        matches!(c, '.' | '!' | '?')
            && s[..i]
                .chars()
                .rev()
                .take_while(|c| c.is_alphabetic())
                .count()
                >= 3
    });
    danish || s.contains("Hej") || ends_a_sentence
}

// ------------------------------------------------------- reading Rust source

/// The text with comments and the insides of string and char literals
/// blanked (newlines kept), so only code is searched.
fn code_only(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    scan(text, &mut |piece, kind| match kind {
        Kind::Code => out.push_str(piece),
        Kind::Comment | Kind::Literal => {
            out.extend(piece.chars().map(|c| if c == '\n' { '\n' } else { ' ' }))
        }
    });
    out
}

/// The string literals outside comments, without their quotes.
fn literals(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    scan(text, &mut |piece, kind| {
        if kind == Kind::Literal && piece.ends_with('"') {
            let start = piece.find('"').unwrap_or(0) + 1;
            let end = piece.trim_end_matches('#').len().saturating_sub(1);
            out.push(piece[start.min(end)..end].to_string());
        }
    });
    out
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Code,
    Comment,
    Literal,
}

/// Splits Rust source into code, comments and literals.
fn scan(text: &str, f: &mut dyn FnMut(&str, Kind)) {
    let b = text.as_bytes();
    let (mut i, mut code_from) = (0, 0);
    while i < b.len() {
        let prev_ident = i > 0 && (b[i - 1].is_ascii_alphanumeric() || b[i - 1] == b'_');
        let (kind, end) = if b[i..].starts_with(b"//") {
            let end = text[i..].find('\n').map_or(b.len(), |n| i + n);
            (Kind::Comment, end)
        } else if b[i..].starts_with(b"/*") {
            let end = text[i + 2..].find("*/").map_or(b.len(), |n| i + n + 4);
            (Kind::Comment, end)
        } else if !prev_ident && (b[i] == b'r' || b[i..].starts_with(b"br")) && {
            let j = i + if b[i] == b'b' { 2 } else { 1 };
            let hashes = b[j..].iter().take_while(|&&c| c == b'#').count();
            b.get(j + hashes) == Some(&b'"')
        } {
            let j = i + if b[i] == b'b' { 2 } else { 1 };
            let hashes = b[j..].iter().take_while(|&&c| c == b'#').count();
            let close = format!("\"{}", "#".repeat(hashes));
            let body = j + hashes + 1;
            let end = text[body..]
                .find(&close)
                .map_or(b.len(), |n| body + n + close.len());
            (Kind::Literal, end)
        } else if b[i] == b'"' || (!prev_ident && b[i..].starts_with(b"b\"")) {
            let mut j = i + if b[i] == b'b' { 2 } else { 1 };
            while j < b.len() && b[j] != b'"' {
                j += if b[j] == b'\\' { 2 } else { 1 };
            }
            (Kind::Literal, (j + 1).min(b.len()))
        } else if b[i] == b'\'' {
            // A char literal ('x', '\n', 'ø'); otherwise a lifetime.
            let rest = &text[i + 1..];
            let mut chars = rest.char_indices();
            match (chars.next(), chars.next()) {
                (Some((_, '\\')), _) => {
                    let end = rest[1..].find('\'').map_or(b.len(), |n| i + n + 3);
                    (Kind::Literal, end)
                }
                (Some(_), Some((n, '\''))) => (Kind::Literal, i + 1 + n + 1),
                _ => (Kind::Code, i + 1),
            }
        } else {
            i += 1;
            continue;
        };
        if kind == Kind::Code {
            i = end;
            continue;
        }
        f(&text[code_from..i], Kind::Code);
        f(&text[i..end], kind);
        (i, code_from) = (end, end);
    }
    f(&text[code_from..], Kind::Code);
}

/// The text before the first `#[cfg(test)]`: test modules sit at the end.
fn without_tests(text: &str) -> &str {
    text.find("#[cfg(test)]").map_or(text, |i| &text[..i])
}

struct FnItem {
    name: String,
    public: bool,
    is_async: bool,
    params: String,
    body: String,
}

/// Every `fn` in code: `pub` (not `pub(crate)`) or not, async or not.
fn fns(code: &str) -> Vec<FnItem> {
    let mut out = Vec::new();
    for (at, _) in code.match_indices("fn ") {
        if at > 0 && !code[..at].ends_with(char::is_whitespace) {
            continue;
        }
        let line_start = code[..at].rfind('\n').map_or(0, |i| i + 1);
        let before = code[line_start..at].trim();
        let is_async = before.ends_with("async");
        let vis = before.trim_end_matches("async").trim();
        let public = vis == "pub";
        let rest = &code[at + 3..];
        let name: String = rest
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect();
        if name.is_empty() {
            continue;
        }
        let Some(open) = rest.find('(') else { continue };
        let params = balanced(&rest[open..], '(', ')');
        let after = &rest[open + params.len()..];
        let body = after
            .find(['{', ';'])
            .filter(|&i| after.as_bytes()[i] == b'{')
            .map(|i| balanced(&after[i..], '{', '}'))
            .unwrap_or_default();
        out.push(FnItem {
            name,
            public,
            is_async,
            params: params.to_string(),
            body: body.to_string(),
        });
    }
    out
}

/// The names of the functions among `texts` that ask the policy: those in
/// [`CHECKS`], and any helper (not `pub`) that calls one of them, at any depth.
fn checking_names(texts: &[&str]) -> BTreeSet<String> {
    let all: Vec<FnItem> = texts
        .iter()
        .flat_map(|t| fns(&code_only(without_tests(t))))
        .collect();
    let mut names: BTreeSet<String> = CHECKS.iter().map(|c| c.to_string()).collect();
    loop {
        let before = names.len();
        // Helpers only: a use case calling another use case is no check.
        for f in all.iter().filter(|f| !f.public) {
            if names.iter().any(|c| calls(&f.body, c)) {
                names.insert(f.name.clone());
            }
        }
        if names.len() == before {
            return names;
        }
    }
}

/// The text from the opening bracket at the start to its match.
fn balanced(s: &str, open: char, close: char) -> &str {
    let mut depth = 0;
    for (i, c) in s.char_indices() {
        if c == open {
            depth += 1;
        } else if c == close {
            depth -= 1;
            if depth == 0 {
                return &s[..=i];
            }
        }
    }
    s
}

fn is_ident(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

fn contains_word(code: &str, word: &str) -> bool {
    code.match_indices(word).any(|(i, _)| {
        !code[..i].ends_with(is_ident) && !code[i + word.len()..].starts_with(is_ident)
    })
}

/// `name(` as a call, not the end of a longer name.
fn calls(code: &str, name: &str) -> bool {
    code.match_indices(name).any(|(i, _)| {
        !code[..i].ends_with(is_ident) && code[i + name.len()..].trim_start().starts_with('(')
    })
}

// ------------------------------------------------------------- the tree

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Every `.rs` file under `crates/*/src`, as (path from the root, text).
fn sources() -> Vec<(String, String)> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        for entry in std::fs::read_dir(dir).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }
    let root = root();
    let mut files = Vec::new();
    for krate in std::fs::read_dir(root.join("crates")).unwrap().flatten() {
        let src = krate.path().join("src");
        if src.is_dir() {
            walk(&src, &mut files);
        }
    }
    files.sort();
    let out: Vec<(String, String)> = files
        .into_iter()
        .map(|p| {
            let rel = p
                .strip_prefix(&root)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            (rel, std::fs::read_to_string(&p).unwrap())
        })
        .collect();
    assert!(out.len() > 50, "the tree was found");
    out
}

/// Compares what was found with what is allowed: a breach not allowed,
/// and an allowance no longer needed, both fail.
fn judge(rule: &str, found: BTreeSet<String>, allowed: &[(&str, &str)]) -> Vec<String> {
    let allowed: BTreeSet<String> = allowed.iter().map(|(k, _)| k.to_string()).collect();
    let mut problems: Vec<String> = found
        .difference(&allowed)
        .map(|k| format!("{rule}: {k}"))
        .collect();
    problems.extend(
        allowed.difference(&found).map(|k| {
            format!("{rule}: {k} is allowed but no longer needed: remove it from the list")
        }),
    );
    problems
}

#[test]
fn the_tree_keeps_the_invariants() {
    let files = sources();
    let under = |prefix: &'static str| {
        files
            .iter()
            .filter_map(move |(p, t)| p.strip_prefix(prefix).map(|rel| (rel, t.as_str())))
    };
    let mut problems = Vec::new();

    let found = under("crates/web/src/")
        .filter(|(_, t)| uses_store(t))
        .map(|(p, _)| p.to_string())
        .collect();
    problems.extend(judge(
        "web reads the store (samvirke_store) outside its tests",
        found,
        WEB_STORE_ALLOWED,
    ));

    let found = under("crates/store/src/queries/")
        .flat_map(|(p, t)| {
            unscoped_functions(t)
                .into_iter()
                .map(move |f| format!("{p}::{f}"))
        })
        .collect();
    problems.extend(judge(
        "a store query takes no Scope",
        found,
        UNSCOPED_QUERIES,
    ));

    let service: Vec<&str> = under("crates/service/src/").map(|(_, t)| t).collect();
    let checks = checking_names(&service);
    let found = under("crates/service/src/")
        .flat_map(|(p, t)| {
            unchecked_functions(t, &checks)
                .into_iter()
                .map(move |f| format!("{p}::{f}"))
        })
        .collect();
    problems.extend(judge(
        "a service use case asks no policy (require, authorize, or a helper calling them)",
        found,
        UNCHECKED_USE_CASES,
    ));

    let mut found = BTreeSet::new();
    for (p, t) in under("crates/service/src/") {
        let texts = texts_for_people(t);
        if !texts.is_empty() {
            if !SERVICE_TEXT_ALLOWED.iter().any(|(k, _)| *k == p) {
                eprintln!("{p}: {texts:?}");
            }
            found.insert(p.to_string());
        }
    }
    problems.extend(judge(
        "service holds an address or a sentence (they belong in web and the language files)",
        found,
        SERVICE_TEXT_ALLOWED,
    ));

    let found = under("crates/service/src/")
        .filter(|(_, t)| begins_deferred_write(t))
        .map(|(p, _)| p.to_string())
        .collect();
    problems.extend(judge(
        "a write transaction begins without Db::begin_write (on SQLite it must take the write lock at BEGIN)",
        found,
        &[],
    ));

    let found = files
        .iter()
        .filter(|(_, t)| too_long(t))
        .map(|(p, _)| p.clone())
        .collect();
    problems.extend(judge(
        &format!("a file passes {MAX_LINES} lines"),
        found,
        LONG_FILES_ALLOWED,
    ));

    assert!(problems.is_empty(), "\n{}\n", problems.join("\n"));
}

// ------------------------------------------- each rule catches its breach

#[test]
fn web_reading_the_store_is_caught() {
    assert!(uses_store("use samvirke_store::orgs;\n"));
    assert!(uses_store(
        "let m = samvirke_store::orgs::municipality(db, s);"
    ));
    assert!(!uses_store(
        "// samvirke_store is for tests only\nuse samvirke_service;"
    ));
    assert!(!uses_store(r#"let s = "samvirke_store";"#));
}

#[test]
fn an_unscoped_query_is_caught() {
    let src = r#"
pub async fn take_seat(db: &impl ConnectionTrait, session_id: i64) -> Result<bool, DbErr> {
    todo!()
}
pub async fn session(db: &impl ConnectionTrait, scope: Scope, id: i64) -> Result<(), DbErr> {
    todo!()
}
pub fn pure(
    m: &Model,
) -> Option<(i64, i64)> { None }
pub(crate) fn helper(id: i64) {}
#[cfg(test)]
mod tests { pub fn in_a_test(id: i64) {} }
"#;
    assert_eq!(unscoped_functions(src), ["take_seat", "pure"]);
}

#[test]
fn a_use_case_without_the_policy_is_caught() {
    let src = r#"
pub async fn set_attendance(core: &Core, actor: &Actor, id: i64) -> Result<()> {
    let me = signed_in(actor)?;
    let s = "require(";
    // require(actor, Action::Update, r)?;
    q::set_attendance(&core.db.write, scope, id, None).await?;
    Ok(())
}
pub async fn walk_in(core: &Core, actor: &Actor, id: i64) -> Result<()> {
    let ok = samvirke_domain::authorize(actor, Action::Update, r).is_allowed();
    Ok(())
}
pub async fn create(core: &Core, actor: &Actor) -> Result<()> {
    require (actor, Action::Create, r)?;
    Ok(())
}
pub async fn sneaky(core: &Core) -> Result<()> {
    not_require(x);
    Ok(())
}
pub async fn through_a_helper(core: &Core, actor: &Actor) -> Result<()> {
    class_for(core, actor, 1).await?;
    Ok(())
}
async fn class_for(core: &Core, actor: &Actor, id: i64) -> Result<()> {
    require(actor, Action::Read, r)
}
"#;
    let checks = checking_names(&[src]);
    assert!(checks.contains("class_for") && !checks.contains("sneaky"));
    assert_eq!(
        unchecked_functions(src, &checks),
        ["set_attendance", "sneaky"]
    );
}

#[test]
fn addresses_and_sentences_in_service_are_caught() {
    // Today's breaches, one of each kind.
    let breaches = [
        r#"let url = format!("{}/afmeld/{}", core.public_url, t);"#,
        r#"let url = format!("{}/arrangementer/{}", core.public_url, s.id);"#,
        r#"let to = "/sessions";"#,
        r#"let doc = "https://samvirke.example/help";"#,
        r#"let b = format!("Hej {name}\n\nDu er tilmeldt {title}.\n");"#,
        r#"let s = format!("Påmindelse: {}", p.title);"#,
        r#"let s = "Your seat is confirmed.";"#,
        r#"let s = "Are you coming?";"#,
    ];
    for b in breaches {
        assert_eq!(texts_for_people(b).len(), 1, "not caught: {b}");
    }
    // Codes, formats and messages for the log are not for people.
    let fine = [
        r#"#[error("too many attempts; retry in {retry_after_secs} s")]"#,
        r#"let k = "participant_list"; let f = "%H.%M"; let d = "{}.{}.{} kl. {}-{}";"#,
        r#"let uid = format!("session-{}-m{}@samvirke", s.id, m);"#,
        r#"let mime = "text/calendar"; let e = "e-mail not delivered: {error}";"#,
        r#"// See https://example.org/ or "/sessions". Hej!"#,
        r#"let lifetime: &'static str = "ok"; let c = '"';"#,
    ];
    for f in fine {
        assert!(texts_for_people(f).is_empty(), "wrongly caught: {f}");
    }
    let in_test = "fn a() {}\n#[cfg(test)]\nmod tests { const S: &str = \"Hej med dig.\"; }\n";
    assert!(texts_for_people(in_test).is_empty());
}

#[test]
fn a_deferred_write_transaction_is_caught() {
    assert!(begins_deferred_write(
        "async fn f(core: &Core) { let txn = core.db.write.begin().await?; }"
    ));
    assert!(!begins_deferred_write(
        "async fn f(core: &Core) { let txn = core.db.begin_write().await?; }"
    ));
}

#[test]
fn a_long_file_is_caught() {
    assert!(!too_long(&"x\n".repeat(MAX_LINES)));
    assert!(too_long(&"x\n".repeat(MAX_LINES + 1)));
}

#[test]
fn a_stale_allowance_fails_too() {
    let found = BTreeSet::from(["a.rs::f".to_string()]);
    assert!(judge("rule", found.clone(), &[("a.rs::f", "why")]).is_empty());
    assert_eq!(judge("rule", found.clone(), &[]).len(), 1);
    assert_eq!(
        judge("rule", BTreeSet::new(), &[("a.rs::f", "why")]).len(),
        1,
        "an allowance without its breach"
    );
}
