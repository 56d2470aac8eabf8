//! One session for staff: its run sheet, participants, waiting list, staffing and the sign-up form.

use super::*;
use samvirke_domain::RegistrationStatus;

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
    /// The language of the citizen's e-mails (Danish unless chosen).
    languages: Vec<Choice>,
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

pub(super) async fn session_page(
    ctx: &crate::http::Ctx,
    me: &samvirke_service::auth::SignedIn,
    id: i64,
    input: &SignupInput,
    errors: &FieldErrors,
    walk_in_error: Option<String>,
    already: bool,
) -> Result<Response, PageError> {
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
pub(super) fn first_pages() -> People {
    People::Pages {
        confirmed_after: None,
        waiting_after: None,
        limit: PAGE_SIZE,
    }
}

#[allow(clippy::too_many_arguments)]
pub(super) async fn session_page_full(
    ctx: &crate::http::Ctx,
    me: &samvirke_service::auth::SignedIn,
    id: i64,
    input: &SignupInput,
    errors: &FieldErrors,
    walk_in_error: Option<String>,
    already: bool,
    clashes: Vec<Card>,
    query: Option<&str>,
) -> Result<Response, PageError> {
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
    let view = svc::staff_session(&ctx.state.core, &me.as_actor(), id, people).await?;
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
                Err(e) => return Err(e.into()),
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
            .await?
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
    let also = series_choices(
        ctx,
        me.actor.municipality,
        view.view.programme.id,
        id,
        &input.also,
    )
    .await?;
    let mut c = chrome(ctx, "nav-sessions", "/sessions").await?;
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
        languages: crate::notices::language_choices(loc, input.language),
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
    Ok((status, render(&page)).into_response())
}

pub async fn show(
    StaffCtx { ctx, me }: StaffCtx,
    Path(id): Path<i64>,
    RawQuery(query): RawQuery,
) -> Result<Response, PageError> {
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
