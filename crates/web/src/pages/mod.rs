//! Server-rendered pages. Each handler authorizes through a use case and
//! renders an askama template; every page works without JavaScript.

pub mod account;
pub mod admin;
pub mod appointments;
pub mod auth;
pub mod availability;
pub mod calendar;
pub mod classes;
pub mod errors;
pub mod events;
pub mod feedback;
pub mod programmes;
pub mod public;
pub mod quiz;
pub mod reach;
pub mod referrals;
pub mod rooms;
pub mod season_settings;
pub mod seasons;
pub mod session_edit;
pub mod sessions;
pub mod staff;
// Ideas and own data (issue 13).
pub mod ideas;

use crate::assets::asset_url;
use crate::http::Ctx;
use crate::i18n::{Lang, Loc};
use askama::Template;
use axum::response::{Html, IntoResponse, Response};
use samvirke_domain::OrgKind;
use samvirke_service::auth::SignedIn;

pub use errors::PageError;

pub struct NavItem {
    pub href: &'static str,
    pub label: String,
    pub current: bool,
}

pub struct UserBar {
    pub name: String,
    pub org_name: String,
    /// On one's own account pages, whose link sits by the name.
    pub on_account: bool,
}

/// The frame around every page: header, navigation, footer, language switch.
pub struct Chrome {
    pub loc: Loc,
    pub title: String,
    pub csrf: String,
    pub municipality: String,
    pub phone: Option<String>,
    /// The citizen service's own name ("Borgercentret"), the one name the
    /// public sees for it.
    pub citizen_service: String,
    /// The address of the municipality's mark, when it has one.
    pub logo: Option<String>,
    pub user: Option<UserBar>,
    pub nav: Vec<NavItem>,
    pub other_lang_href: String,
    pub other_lang_label: &'static str,
    pub other_lang_code: &'static str,
    /// A one-line confirmation shown after a change ("Medarbejderen er oprettet.").
    pub notice: Option<String>,
    /// The problems of a form sent with errors, for the error summary at
    /// its top; when there are any, the title starts "Fejl:".
    pub errors: Vec<SummaryItem>,
}

/// One line of a form's error summary: a link to the field and what is wrong.
pub struct SummaryItem {
    /// The id of the field (or of the first control of a group).
    pub field: String,
    pub message: String,
}

impl Chrome {
    /// Lists a form's field errors for the summary, in the order of `fields`
    /// (the order they appear on the page); `anchor` maps a field name to the
    /// id of the element its link should focus.
    pub fn set_errors(
        &mut self,
        errors: &samvirke_domain::validate::FieldErrors,
        fields: &[&str],
        anchor: impl Fn(&str) -> String,
    ) {
        self.set_errors_worded(errors, fields, anchor, |loc, p| loc.problem(p));
    }

    /// As [`Chrome::set_errors`], in staff's words about the citizen.
    pub fn set_staff_errors(
        &mut self,
        errors: &samvirke_domain::validate::FieldErrors,
        fields: &[&str],
        anchor: impl Fn(&str) -> String,
    ) {
        self.set_errors_worded(errors, fields, anchor, |loc, p| loc.problem_for_staff(p));
    }

    /// The label of the field an error summary links to, when the language
    /// files have one (`field-` and the field's id with `-` for `_`): the
    /// summary then says which field each message is about.
    pub fn field_label(&self, field: &str) -> Option<String> {
        let label = self
            .loc
            .try_t(&format!("field-{}", field.replace('_', "-")))?;
        // "Beskrivelse (valgfri)" is named without its note.
        Some(match label.find(" (") {
            Some(i) => label[..i].to_string(),
            None => label,
        })
    }

    fn set_errors_worded(
        &mut self,
        errors: &samvirke_domain::validate::FieldErrors,
        fields: &[&str],
        anchor: impl Fn(&str) -> String,
        word: impl Fn(&Loc, samvirke_domain::validate::FieldProblem) -> String,
    ) {
        self.errors = fields
            .iter()
            .filter_map(|f| {
                errors.get(f).map(|p| SummaryItem {
                    field: anchor(f),
                    message: word(&self.loc, p),
                })
            })
            .collect();
    }
}

impl Chrome {
    /// A frame that needs no database, for error pages.
    pub fn basic(loc: Loc, title: String, here: &str) -> Chrome {
        let (other_code, other_label) = match loc.lang {
            Lang::Da => ("en", "English"),
            Lang::En => ("da", "Dansk"),
        };
        let next: String = form_urlencoded::byte_serialize(here.as_bytes()).collect();
        Chrome {
            loc,
            title,
            csrf: String::new(),
            municipality: String::new(),
            phone: None,
            citizen_service: loc.t("kind-citizen-service"),
            logo: None,
            user: None,
            nav: vec![],
            other_lang_href: format!("/sprog/{other_code}?tilbage={next}"),
            other_lang_label: other_label,
            other_lang_code: other_code,
            notice: None,
            errors: vec![],
        }
    }

    pub fn asset(&self, path: &str) -> String {
        asset_url(path)
    }

    pub fn t(&self, key: &str) -> String {
        self.loc.t(key)
    }

    pub fn t1(&self, key: &str, name: &'static str, value: &str) -> String {
        self.loc.t1(key, name, value)
    }

    /// A text that names the citizen service.
    pub fn tc(&self, key: &str) -> String {
        self.loc.t1(key, "citizen_service", &self.citizen_service)
    }

    pub fn lang(&self) -> &'static str {
        self.loc.lang.code()
    }

    /// The phone number as people read it: `32 89 01 00`.
    pub fn phone_display(&self) -> Option<String> {
        self.phone.as_deref().map(display_phone)
    }
}

pub fn display_phone(p: &str) -> String {
    match p.strip_prefix("+45") {
        Some(dk) if dk.len() == 8 => {
            format!("{} {} {} {}", &dk[0..2], &dk[2..4], &dk[4..6], &dk[6..8])
        }
        _ => p.to_string(),
    }
}

/// Builds the frame for a page, with the staff menu when someone is signed in.
pub async fn chrome(ctx: &Ctx, title_key: &str, current: &str) -> Result<Chrome, PageError> {
    let mut c = Chrome::basic(ctx.loc, ctx.loc.t(title_key), &ctx.here);
    c.csrf = ctx.csrf.clone();
    if let Some(m) = ctx.state.municipality_for(ctx.user.as_ref()).await? {
        c.municipality = m.name;
        c.phone = m.phone;
        if let Some(name) = m.citizen_service {
            c.citizen_service = name;
        }
        c.logo = m.has_logo.then(|| format!("/logo/{}.svg", m.id.0));
    }
    if let Some(me) = &ctx.user {
        c.user = Some(UserBar {
            name: me.name.clone(),
            org_name: me.org_name.clone(),
            on_account: current == "/account",
        });
        c.nav = staff_nav(ctx.loc, me, current);
    } else {
        c.nav = [
            ("/", "front-title"),
            ("/arrangementer", "nav-events"),
            ("/bestil-tid", "nav-appointments-public"),
        ]
        .into_iter()
        .map(|(href, key)| NavItem {
            href,
            label: ctx.loc.t(key),
            current: href == current,
        })
        .collect();
    }
    if let Some(notice) = ctx
        .here
        .split_once("notice=")
        .map(|(_, n)| n.split('&').next().unwrap_or(""))
    {
        // Only known notices are shown; the text comes from the language file.
        if !notice.is_empty()
            && notice
                .chars()
                .all(|ch| ch.is_ascii_lowercase() || ch == '-')
        {
            c.notice = ctx.loc.try_t(&format!("notice-{notice}"));
        }
    }
    Ok(c)
}

fn staff_nav(loc: Loc, me: &SignedIn, current: &str) -> Vec<NavItem> {
    // The daily work; the rest is under "Administration", and one's own
    // account is by one's name at the top, so the menu fits on one line.
    let mut items = vec![
        ("/dashboard", "nav-dashboard"),
        ("/sessions", "nav-sessions"),
        ("/programmes", "nav-programmes"),
    ];
    // Class visits: the schools, and the two who run the visits.
    if matches!(
        me.org_kind,
        OrgKind::School | OrgKind::Library | OrgKind::CitizenService | OrgKind::Administration
    ) {
        items.push(("/klasser", "nav-classes"));
    }
    items.push(("/min-tid", "nav-availability"));
    if matches!(me.org_kind, OrgKind::Library | OrgKind::CitizenService) {
        items.push(("/aftaler", "nav-appointments"));
    }
    // Rooms and referrals are daily work at the desk (issue 10).
    items.push(("/lokaler", "nav-rooms"));
    if matches!(me.org_kind, OrgKind::Library | OrgKind::CitizenService) {
        items.push(("/henvisninger", "nav-referrals"));
    }
    // Citizens' ideas, for the whole partnership (issue 13).
    items.push(("/ideer", "nav-ideas"));
    items.push(("/administration", "nav-administration"));
    // The reach report: coordinators and the municipality's administrators.
    if me.actor.has(samvirke_domain::Role::Coordinator)
        || me.actor.has(samvirke_domain::Role::MunicipalityAdmin)
    {
        items.push(("/rapporter", "nav-reports"));
    }
    let current = if admin::ADMINISTRATION_PAGES.contains(&current) {
        "/administration"
    } else {
        current
    };
    items
        .into_iter()
        .map(|(href, key)| NavItem {
            href,
            label: loc.t(key),
            current: href == current,
        })
        .collect()
}

pub fn render<T: Template>(t: &T) -> Response {
    match t.render() {
        Ok(html) => Html(html).into_response(),
        Err(e) => {
            tracing::error!("template failed: {e}");
            (
                axum::http::StatusCode::INTERNAL_SERVER_ERROR,
                "Internal error",
            )
                .into_response()
        }
    }
}

/// One form field's value and error, ready for the template.
#[derive(Default, Clone)]
pub struct Field {
    pub value: String,
    pub error: Option<String>,
}

impl Field {
    pub fn new(value: &str) -> Self {
        Field {
            value: value.to_string(),
            error: None,
        }
    }
}
