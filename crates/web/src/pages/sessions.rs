//! Staff pages for sessions: the list, one session with its participants,
//! check-in, phone sign-up and walk-ins, the printable list and run sheet.

use super::events::{Card, Choice, card, need_choices, need_label, series_choices, signup_input};
use super::{Chrome, Field, chrome, display_phone, render};
use crate::http::{FormData, StaffCtx};
use crate::i18n::Loc;
use crate::paging::{self, PAGE_SIZE, Pager};
use askama::Template;
use axum::extract::{Path, RawQuery};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use samvirke_domain::signup::Need;
use samvirke_domain::validate::FieldErrors;
use samvirke_domain::{Attendance, Conflict, RegistrationStatus};
use samvirke_service::ServiceError;
use samvirke_service::sessions::{self as svc, People, SignupInput, StaffSessionView};

#[derive(Template)]
#[template(path = "staff_sessions.html")]
struct ListPage {
    c: Chrome,
    /// Each session with its seats taken, waiting list and capacity.
    cards: Vec<(Card, String)>,
    pager: Pager,
}

/// The sessions, by start time, [`PAGE_SIZE`] at a time (`?efter=` the last one before).
pub async fn list(StaffCtx { ctx, me }: StaffCtx, RawQuery(query): RawQuery) -> Response {
    let after = paging::param(query.as_deref(), "efter")
        .as_deref()
        .and_then(paging::parse_session_cursor);
    match svc::staff_sessions(&ctx.state.core, &me.as_actor(), after, PAGE_SIZE).await {
        Ok(page) => {
            let cards = page
                .items
                .iter()
                .map(|v| {
                    let s = &v.session;
                    let seats =
                        super::admin::seats_text(ctx.loc, s.taken, s.capacity, v.waitlist_length);
                    (card(ctx.loc, v), seats)
                })
                .collect();
            let next = page.more.then(|| page.items.last()).flatten().map(|v| {
                let cursor = paging::session_cursor((v.session.starts_at, v.session.id));
                paging::with_param("/sessions", query.as_deref(), "efter", &cursor)
            });
            render(&ListPage {
                c: chrome(&ctx, "nav-sessions", "/sessions").await,
                cards,
                pager: Pager {
                    label: ctx.loc.t("pages-sessions"),
                    first: after.map(|_| "/sessions".to_string()),
                    next,
                },
            })
        }
        Err(e) => super::errors::service_error_page(ctx.loc, e),
    }
}

pub struct Participant {
    pub id: i64,
    pub name: String,
    pub contact: String,
    pub phone: String,
    pub needs: String,
    pub status: RegistrationStatus,
    pub status_label: String,
    pub attendance: String,
    pub channel: String,
    /// Gets reminders by e-mail; those without are on the call list.
    pub has_email: bool,
    /// The place in its list: the id with a seat, the number on the waiting list.
    pub order: i64,
    /// Place on the waiting list now (1 is next), for those waiting.
    pub place: u64,
    /// Neither e-mail nor phone, and the same name as another on the list:
    /// maybe signed up twice (staff decide; nobody is refused).
    pub maybe_twice: bool,
}

/// Everyone in the view who has not cancelled: those with a seat first, by
/// id, then the waiting list in its order.
fn participants(loc: Loc, view: &StaffSessionView) -> Vec<Participant> {
    let mut list: Vec<Participant> = view
        .registrations
        .iter()
        .flatten()
        .filter(|r| r.status != RegistrationStatus::Cancelled)
        .map(|r| {
            let mut needs: Vec<String> = r.needs.iter().map(|n| need_label(loc, *n)).collect();
            needs.extend(r.needs_other.clone());
            let phone = r.phone.as_deref().map(display_phone).unwrap_or_default();
            Participant {
                id: r.id,
                name: r.name.clone(),
                contact: [r.email.clone().unwrap_or_default(), phone.clone()]
                    .into_iter()
                    .filter(|x| !x.is_empty())
                    .collect::<Vec<_>>()
                    .join(", "),
                phone,
                needs: needs.join(", "),
                status: r.status,
                status_label: loc.t(&format!("reg-status-{}", r.status)),
                attendance: r.attendance.map(|a| a.as_str()).unwrap_or_default().into(),
                channel: loc.t(&format!(
                    "reg-channel-{}",
                    r.channel.as_str().replace('_', "-")
                )),
                has_email: r.email.is_some(),
                order: if r.status == RegistrationStatus::Waitlisted {
                    r.waitlist_seq.map(i64::from).unwrap_or(r.id)
                } else {
                    r.id
                },
                place: 0,
                maybe_twice: false,
            }
        })
        .collect();
    let regs: Vec<_> = view.registrations.iter().flatten().collect();
    for p in &mut list {
        let without_contact = |id: i64| {
            regs.iter()
                .any(|r| r.id == id && r.email.is_none() && r.phone.is_none())
        };
        let key = p.name.trim().to_lowercase();
        p.maybe_twice = !key.is_empty()
            && regs.iter().any(|r| {
                r.id != p.id
                    && r.status != RegistrationStatus::Cancelled
                    && r.name.trim().to_lowercase() == key
                    && (without_contact(r.id) || without_contact(p.id))
            });
    }
    // Confirmed first, then the waiting list in its order (the order they came in).
    list.sort_by_key(|p| (p.status != RegistrationStatus::Confirmed, p.order));
    list
}

pub struct RunLine {
    pub time: String,
    pub title: String,
    pub minutes: i32,
    pub org: String,
    pub staff: String,
}

fn run_sheet(loc: Loc, view: &StaffSessionView) -> Vec<RunLine> {
    // Stored minutes are added with a check: a far-off start or an odd
    // length leaves the time blank rather than failing the page.
    let mut at = Some(view.view.session.starts_at);
    view.agenda
        .iter()
        .map(|a| {
            let staff: Vec<String> = view
                .assignments
                .iter()
                .filter(|(item, _, _)| *item == a.item.id)
                .map(|(_, name, org)| format!("{name} ({org})"))
                .collect();
            let line = RunLine {
                time: at.map(|t| loc.time(t)).unwrap_or_default(),
                title: a.item.title.clone(),
                minutes: a.item.minutes,
                org: a.org_name.clone(),
                staff: staff.join(", "),
            };
            at = at.and_then(|t| {
                chrono::Duration::try_minutes(i64::from(a.item.minutes))
                    .and_then(|d| t.checked_add_signed(d))
            });
            line
        })
        .collect()
}

#[derive(Template)]
#[template(path = "staff_session.html")]
struct SessionPage {
    c: Chrome,
    card: Card,
    run: Vec<RunLine>,
    can_see_people: bool,
    can_manage: bool,
    /// This page of those with a seat.
    people: Vec<Participant>,
    /// This page of the waiting list.
    waiting_people: Vec<Participant>,
    people_pager: Pager,
    waiting_pager: Pager,
    /// Where this page of the participants starts, for the check-in forms.
    confirmed_after: Option<i64>,
    confirmed: usize,
    waiting: usize,
    already: bool,
    name: Field,
    email: Field,
    phone: Field,
    no_contact: bool,
    /// The name searched for, when the list shows a search.
    search: Option<String>,
    /// The search found more than it shows.
    search_more: bool,
    needs: Vec<Choice>,
    needs_other: Field,
    /// The programme's other open dates, to sign the caller up for too.
    also: Vec<Choice>,
    also_error: Option<String>,
    walk_in: Field,
    staffing: Vec<StaffingRow>,
    /// Other sessions the person just assigned is on at the same time.
    clashes: Vec<Card>,
}

pub struct StaffingRow {
    pub item_id: i64,
    pub title: String,
    pub assigned: Vec<(i64, String)>,
    pub eligible: Vec<(i64, String)>,
}

async fn session_page(
    ctx: &crate::http::Ctx,
    me: &samvirke_service::auth::SignedIn,
    id: i64,
    input: &SignupInput,
    errors: &FieldErrors,
    walk_in_error: Option<String>,
    already: bool,
) -> Response {
    session_page_full(
        ctx,
        me,
        id,
        input,
        errors,
        walk_in_error,
        already,
        vec![],
        None,
    )
    .await
}

/// The first pages of the participants and the waiting list.
fn first_pages() -> People {
    People::Pages {
        confirmed_after: None,
        waiting_after: None,
        limit: PAGE_SIZE,
    }
}

#[allow(clippy::too_many_arguments)]
async fn session_page_full(
    ctx: &crate::http::Ctx,
    me: &samvirke_service::auth::SignedIn,
    id: i64,
    input: &SignupInput,
    errors: &FieldErrors,
    walk_in_error: Option<String>,
    already: bool,
    clashes: Vec<Card>,
    query: Option<&str>,
) -> Response {
    let loc = ctx.loc;
    // `?deltagere=` and `?venteliste=`: where this page of each list starts.
    let cursor = |name: &str| paging::param(query, name).and_then(|v| v.parse::<i64>().ok());
    let (confirmed_after, waiting_after) = (cursor("deltagere"), cursor("venteliste"));
    // `?navn=`: finding someone at the door, on a phone.
    let search = paging::param(query, "navn")
        .map(|n| n.trim().chars().take(100).collect::<String>())
        .filter(|n| !n.is_empty());
    let people = match &search {
        Some(name) => People::Named(name.clone()),
        None => People::Pages {
            confirmed_after,
            waiting_after,
            limit: PAGE_SIZE,
        },
    };
    let view = match svc::staff_session(&ctx.state.core, &me.as_actor(), id, people).await {
        Ok(v) => v,
        Err(e) => return super::errors::service_error_page(loc, e),
    };
    let err = |f: &str| errors.get(f).map(|p| loc.problem_for_staff(p));
    let (people, mut waiting_people): (Vec<Participant>, Vec<Participant>) =
        participants(loc, &view)
            .into_iter()
            .partition(|p| p.status == RegistrationStatus::Confirmed);
    for p in &mut waiting_people {
        let reg = view.registrations.iter().flatten().find(|r| r.id == p.id);
        if let Some(reg) = reg {
            p.place = match svc::waitlist_place(&ctx.state.core, reg).await {
                Ok(place) => place.unwrap_or(0),
                Err(e) => return super::errors::service_error_page(loc, e),
            };
        }
    }
    let here = format!("/sessions/{id}");
    let pager = |name: &str, after: Option<i64>, more: bool, last: Option<i64>, label: &str| {
        let link = |value: Option<String>| {
            let mut url = match value {
                Some(v) => paging::with_param(&here, query, name, &v),
                None => paging::without_param(&here, query, name),
            };
            url.push_str(if name == "deltagere" {
                "#deltagere"
            } else {
                "#venteliste"
            });
            url
        };
        Pager {
            label: loc.t(label),
            first: after.map(|_| link(None)),
            next: more
                .then_some(last)
                .flatten()
                .map(|l| link(Some(l.to_string()))),
        }
    };
    let people_pager = pager(
        "deltagere",
        confirmed_after,
        view.more_confirmed && search.is_none(),
        people.last().map(|p| p.order),
        "pages-participants",
    );
    let waiting_pager = pager(
        "venteliste",
        waiting_after,
        view.more_waiting && search.is_none(),
        waiting_people.last().map(|p| p.order),
        "pages-waiting",
    );
    let staffing = if view.can_manage {
        svc::staffing(&ctx.state.core, &me.as_actor(), id)
            .await
            .unwrap_or_default()
            .into_iter()
            .map(|st| StaffingRow {
                item_id: st.item.id,
                title: st.item.title,
                assigned: st
                    .assigned
                    .into_iter()
                    .map(|(pid, name, org)| (pid, format!("{name} ({org})")))
                    .collect(),
                eligible: st
                    .eligible
                    .into_iter()
                    .map(|(pid, name, org)| (pid, format!("{name} ({org})")))
                    .collect(),
            })
            .collect()
    } else {
        vec![]
    };
    let also = match series_choices(
        ctx,
        me.actor.municipality,
        view.view.programme.id,
        id,
        &input.also,
    )
    .await
    {
        Ok(a) => a,
        Err(e) => return super::errors::service_error_page(loc, e),
    };
    let mut c = chrome(ctx, "nav-sessions", "/sessions").await;
    c.title = view.view.programme.title.clone();
    let first_also = also.first().map(|a| a.value.clone());
    c.set_staff_errors(
        errors,
        &["name", "phone", "email", "needs", "needs_other", "also"],
        |f| match f {
            "needs" => format!("need-{}", Need::ALL[0].as_str()),
            "also" => first_also
                .as_ref()
                .map_or("also".into(), |id| format!("also-{id}")),
            other => other.to_string(),
        },
    );
    let page = SessionPage {
        c,
        card: card(loc, &view.view),
        run: run_sheet(loc, &view),
        can_see_people: view.registrations.is_some(),
        can_manage: view.can_manage,
        // The counts come from the session's counters, not from one page.
        confirmed: usize::try_from(view.view.session.taken).unwrap_or(0),
        waiting: usize::try_from(view.view.waitlist_length).unwrap_or(0),
        people,
        waiting_people,
        people_pager,
        waiting_pager,
        confirmed_after,
        already,
        name: Field {
            value: input.name.clone(),
            error: err("name"),
        },
        email: Field {
            value: input.email.clone(),
            error: err("email"),
        },
        phone: Field {
            value: input.phone.clone(),
            error: err("phone"),
        },
        no_contact: input.no_contact,
        search_more: search.is_some() && view.more_confirmed,
        search,
        needs: need_choices(loc, &input.needs),
        needs_other: Field {
            value: input.needs_other.clone(),
            error: err("needs_other"),
        },
        also,
        also_error: err("also"),
        staffing,
        clashes,
        walk_in: Field {
            value: String::new(),
            error: walk_in_error,
        },
    };
    let status = if errors.is_empty() && !already {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    (status, render(&page)).into_response()
}

pub async fn show(
    StaffCtx { ctx, me }: StaffCtx,
    Path(id): Path<i64>,
    RawQuery(query): RawQuery,
) -> Response {
    session_page_full(
        &ctx,
        &me,
        id,
        &SignupInput::default(),
        &FieldErrors::default(),
        None,
        false,
        vec![],
        query.as_deref(),
    )
    .await
}

/// A citizen who phoned in, signed up by staff with the same rules.
pub async fn phone_sign_up(
    StaffCtx { ctx, me }: StaffCtx,
    Path(id): Path<i64>,
    form: FormData,
) -> Response {
    // Seats may change: public pages must not show an old count.
    ctx.state.public_changed().await;
    let input = signup_input(&form);
    match svc::sign_up_series(
        &ctx.state.core,
        me.actor.municipality,
        id,
        &input,
        Some(&me.actor),
    )
    .await
    {
        Ok(series) => {
            let r = series.first;
            let notice = if !series.more.is_empty() {
                "signed-up-series"
            } else if r.registration.status == RegistrationStatus::Confirmed {
                "signed-up"
            } else {
                "waitlisted"
            };
            Redirect::to(&format!("/sessions/{id}?notice={notice}")).into_response()
        }
        Err(ServiceError::Invalid(errors)) => {
            session_page(&ctx, &me, id, &input, &errors, None, false).await
        }
        Err(ServiceError::Conflict(Conflict::AlreadyRegistered)) => {
            session_page(&ctx, &me, id, &input, &FieldErrors::default(), None, true).await
        }
        Err(e) => super::errors::service_error_page(ctx.loc, e),
    }
}

pub async fn check_in(
    StaffCtx { ctx, me }: StaffCtx,
    Path((id, reg)): Path<(i64, i64)>,
    form: FormData,
) -> Response {
    // Seats may change: public pages must not show an old count.
    ctx.state.public_changed().await;
    let attendance = Attendance::parse(form.get("attendance"));
    // Back to the page of the list the person is on.
    let page = match form.get("deltagere").parse::<i64>() {
        Ok(after) => format!("?deltagere={after}"),
        Err(_) => String::new(),
    };
    match svc::set_attendance(&ctx.state.core, &me.as_actor(), reg, attendance).await {
        Ok(()) => Redirect::to(&format!("/sessions/{id}{page}#deltager-{reg}")).into_response(),
        Err(e) => super::errors::service_error_page(ctx.loc, e),
    }
}

pub async fn walk_in(
    StaffCtx { ctx, me }: StaffCtx,
    Path(id): Path<i64>,
    form: FormData,
) -> Response {
    // Seats may change: public pages must not show an old count.
    ctx.state.public_changed().await;
    let error = match svc::walk_in(&ctx.state.core, &me.as_actor(), id, form.get("walk_in")).await {
        Ok(_) => return Redirect::to(&format!("/sessions/{id}?notice=walk-in")).into_response(),
        Err(ServiceError::Invalid(errors)) => errors.0.first().map(|f| ctx.loc.problem(f.problem)),
        Err(ServiceError::Conflict(Conflict::Full)) => Some(ctx.loc.t("walk-in-full")),
        Err(e) => return super::errors::service_error_page(ctx.loc, e),
    };
    let (input, errors) = (SignupInput::default(), FieldErrors::default());
    session_page(&ctx, &me, id, &input, &errors, error, false).await
}

#[derive(Template)]
#[template(path = "cancel_session.html")]
struct CancelConfirmPage {
    c: Chrome,
    card: Card,
    by_email: String,
    to_phone: String,
    any_to_phone: bool,
}

/// `key-one` for one, `key` with `$count` otherwise.
fn counted(loc: Loc, key: &str, n: usize) -> String {
    if n == 1 {
        loc.t(&format!("{key}-one"))
    } else {
        loc.t1(key, "count", &n.to_string())
    }
}

/// Asks before cancelling: how many get an e-mail, how many must be phoned.
pub async fn cancel_confirm(StaffCtx { ctx, me }: StaffCtx, Path(id): Path<i64>) -> Response {
    match svc::cancel_preview(&ctx.state.core, &me.as_actor(), id).await {
        Ok(p) => {
            let mut c = chrome(&ctx, "cancel-confirm-title", "/sessions").await;
            let card = card(ctx.loc, &p.view);
            c.title = format!("{}: {}", c.title, card.title);
            render(&CancelConfirmPage {
                c,
                card,
                by_email: counted(ctx.loc, "cancel-confirm-email", p.by_email),
                to_phone: counted(ctx.loc, "cancel-confirm-phone", p.to_phone),
                any_to_phone: p.to_phone > 0,
            })
        }
        // Already cancelled: the session page says so.
        Err(ServiceError::Gone) => Redirect::to(&format!("/sessions/{id}")).into_response(),
        Err(e) => super::errors::service_error_page(ctx.loc, e),
    }
}

pub async fn cancel_session(StaffCtx { ctx, me }: StaffCtx, Path(id): Path<i64>) -> Response {
    // Seats may change: public pages must not show an old count.
    ctx.state.public_changed().await;
    match svc::cancel_session(&ctx.state.core, &me.as_actor(), id).await {
        Ok(_) => Redirect::to(&format!("/sessions/{id}?notice=session-cancelled")).into_response(),
        Err(e) => super::errors::service_error_page(ctx.loc, e),
    }
}

#[derive(Template)]
#[template(path = "print_participants.html")]
struct PrintPage {
    c: Chrome,
    card: Card,
    people: Vec<Participant>,
}

/// A session for a printed list: only for staff who may see its participants.
async fn session_with_people(
    ctx: &crate::http::Ctx,
    me: &samvirke_service::auth::SignedIn,
    id: i64,
) -> Result<StaffSessionView, Response> {
    let view = svc::staff_session(&ctx.state.core, &me.as_actor(), id, People::All)
        .await
        .map_err(|e| super::errors::service_error_page(ctx.loc, e))?;
    if view.registrations.is_none() {
        let denied = ServiceError::Denied(samvirke_domain::DenyReason::OtherOrganisation);
        return Err(super::errors::service_error_page(ctx.loc, denied));
    }
    Ok(view)
}

pub async fn print_participants(StaffCtx { ctx, me }: StaffCtx, Path(id): Path<i64>) -> Response {
    let view = match session_with_people(&ctx, &me, id).await {
        Ok(v) => v,
        Err(page) => return page,
    };
    let people = participants(ctx.loc, &view)
        .into_iter()
        .filter(|p| p.status == RegistrationStatus::Confirmed)
        .collect();
    render(&PrintPage {
        c: chrome(&ctx, "print-participants", "/sessions").await,
        card: card(ctx.loc, &view.view),
        people,
    })
}

#[derive(Template)]
#[template(path = "print_runsheet.html")]
struct RunSheetPage {
    c: Chrome,
    card: Card,
    run: Vec<RunLine>,
}

pub async fn print_run_sheet(StaffCtx { ctx, me }: StaffCtx, Path(id): Path<i64>) -> Response {
    let view = match svc::staff_session(&ctx.state.core, &me.as_actor(), id, first_pages()).await {
        Ok(v) => v,
        Err(e) => return super::errors::service_error_page(ctx.loc, e),
    };
    render(&RunSheetPage {
        c: chrome(&ctx, "print-runsheet", "/sessions").await,
        card: card(ctx.loc, &view.view),
        run: run_sheet(ctx.loc, &view),
    })
}

#[derive(Template)]
#[template(path = "print_calls.html")]
struct CallListPage {
    c: Chrome,
    card: Card,
    people: Vec<Participant>,
}

/// Those who get no e-mail reminder: staff call them, or tell them in person.
pub async fn print_call_list(StaffCtx { ctx, me }: StaffCtx, Path(id): Path<i64>) -> Response {
    let view = match session_with_people(&ctx, &me, id).await {
        Ok(v) => v,
        Err(page) => return page,
    };
    let people = participants(ctx.loc, &view)
        .into_iter()
        .filter(|p| p.status == RegistrationStatus::Confirmed && !p.has_email)
        .collect();
    render(&CallListPage {
        c: chrome(&ctx, "print-calls", "/sessions").await,
        card: card(ctx.loc, &view.view),
        people,
    })
}

/// The agenda item and staff member an assignment form names.
fn assignment_of(form: &FormData) -> (i64, i64) {
    (
        form.get("item").parse().unwrap_or(0),
        form.get("staff").parse().unwrap_or(0),
    )
}

/// Puts a person on an agenda item; warns when they are elsewhere at the same time.
pub async fn assign(
    StaffCtx { ctx, me }: StaffCtx,
    Path(id): Path<i64>,
    form: FormData,
) -> Response {
    let (item, person) = assignment_of(&form);
    match svc::assign(&ctx.state.core, &me.as_actor(), id, item, person).await {
        Ok(clashes) if clashes.is_empty() => {
            Redirect::to(&format!("/sessions/{id}?notice=assigned#bemanding")).into_response()
        }
        Ok(clashes) => {
            // The assignment stands; the page says where else they are, and the coordinator decides.
            let cards: Vec<Card> = clashes.iter().map(|v| card(ctx.loc, v)).collect();
            let (input, errors) = (SignupInput::default(), FieldErrors::default());
            session_page_full(&ctx, &me, id, &input, &errors, None, false, cards, None).await
        }
        Err(e) => super::errors::service_error_page(ctx.loc, e),
    }
}

pub async fn unassign(
    StaffCtx { ctx, me }: StaffCtx,
    Path(id): Path<i64>,
    form: FormData,
) -> Response {
    let (item, person) = assignment_of(&form);
    match svc::unassign(&ctx.state.core, &me.as_actor(), id, item, person).await {
        Ok(()) => {
            Redirect::to(&format!("/sessions/{id}?notice=unassigned#bemanding")).into_response()
        }
        Err(e) => super::errors::service_error_page(ctx.loc, e),
    }
}
