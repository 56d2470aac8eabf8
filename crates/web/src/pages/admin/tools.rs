//! "Administration": the tools one needs now and then, kept out of the
//! menu so that the menu holds the daily work and fits on one line.

use super::*;

/// The pages under "Administration"; the menu marks it current on each.
pub const ADMINISTRATION_PAGES: [&str; 9] = [
    "/administration",
    "/staff",
    "/organisations",
    "/outbox",
    "/audit",
    // Appointments: the services and the guided question's mapping.
    "/aftaler/ydelser",
    "/aftaler/emner",
    // A citizen's own data at the desk, the retention periods (issue 13).
    "/borgerdata",
    "/indstillinger/opbevaring",
];

#[derive(Template)]
#[template(path = "administration.html")]
struct AdministrationPage {
    c: Chrome,
    may_read_audit: bool,
}

pub async fn administration(StaffCtx { ctx, me }: StaffCtx) -> Result<Response, PageError> {
    let page = AdministrationPage {
        c: chrome(&ctx, "nav-administration", "/administration").await?,
        may_read_audit: me.actor.has(Role::Coordinator) || me.actor.has(Role::MunicipalityAdmin),
    };
    Ok(render(&page))
}
