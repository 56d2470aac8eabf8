//! One session's page with its sign-up form.

use super::*;

pub struct AgendaRow {
    pub title: String,
    pub minutes: i32,
    pub org: String,
}

#[derive(Template)]
#[template(path = "event.html")]
struct EventPage {
    c: Chrome,
    card: Card,
    description: String,
    agenda: Vec<AgendaRow>,
    already: bool,
    name: Field,
    email: Field,
    phone: Field,
    no_contact: bool,
    needs: Vec<Choice>,
    needs_other: Field,
    /// Other open dates of the same programme, for signing up to a series at once.
    also: Vec<Choice>,
    also_error: Option<String>,
}

/// The needs a sign-up form offers, ticked as typed.
pub fn need_choices(loc: Loc, ticked: &[String]) -> Vec<Choice> {
    Need::ALL
        .into_iter()
        .map(|n| Choice {
            value: n.as_str().into(),
            label: need_label(loc, n),
            checked: ticked.iter().any(|x| x == n.as_str()),
        })
        .collect()
}

/// The other open public dates of a programme, to sign up for in one go.
pub async fn series_choices(
    ctx: &Ctx,
    m: samvirke_domain::MunicipalityId,
    programme: i64,
    id: i64,
    ticked: &[i64],
) -> Result<Vec<Choice>, ServiceError> {
    let loc = ctx.loc;
    Ok(ctx
        .state
        .public_sessions(m)
        .await?
        .iter()
        .filter(|o| {
            o.programme.id == programme
                && o.session.id != id
                && o.registration == Registration::Open
        })
        .map(|o| {
            let c = card(loc, o);
            Choice {
                value: o.session.id.to_string(),
                label: format!("{} {} – {}", c.day, c.time, c.availability),
                checked: ticked.contains(&o.session.id),
            }
        })
        .collect())
}

pub fn need_label(loc: Loc, n: Need) -> String {
    loc.t(&format!("need-{}", n.as_str().replace('_', "-")))
}

pub(super) async fn event_page(
    ctx: &Ctx,
    id: i64,
    input: &SignupInput,
    errors: &FieldErrors,
    already: bool,
) -> Result<Response, PageError> {
    let loc = ctx.loc;
    let m = ctx.state.public_home().await?;
    let (v, agenda) = ctx.state.public_session(m.id, id).await?;
    let err = |f: &str| errors.get(f).map(|p| loc.problem(p));
    let also = series_choices(ctx, m.id, v.programme.id, id, &input.also).await?;
    let first_also = also.first().map(|a| a.value.clone());
    let mut c = chrome(ctx, "events-heading", "/arrangementer").await?;
    c.title = v.programme.title.clone();
    c.set_errors(
        errors,
        &["name", "email", "phone", "needs", "needs_other", "also"],
        |f| match f {
            "needs" => format!("need-{}", Need::ALL[0].as_str()),
            "also" => first_also
                .as_ref()
                .map_or("also".into(), |id| format!("also-{id}")),
            other => other.to_string(),
        },
    );
    let page = EventPage {
        c,
        card: card(loc, &v),
        description: v.programme.description.clone(),
        agenda: agenda_rows(&agenda),
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
        needs: need_choices(loc, &input.needs),
        needs_other: Field {
            value: input.needs_other.clone(),
            error: err("needs_other"),
        },
        also,
        also_error: err("also"),
    };
    let status = if already {
        StatusCode::CONFLICT
    } else if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    Ok((status, render(&page)).into_response())
}

pub fn agenda_rows(agenda: &[AgendaLine]) -> Vec<AgendaRow> {
    agenda
        .iter()
        .map(|a| AgendaRow {
            title: a.item.title.clone(),
            minutes: a.item.minutes,
            org: a.org_name.clone(),
        })
        .collect()
}

pub async fn show(ctx: Ctx, Path(id): Path<i64>) -> Result<Response, PageError> {
    event_page(
        &ctx,
        id,
        &SignupInput::default(),
        &FieldErrors::default(),
        false,
    )
    .await
}

pub fn signup_input(form: &FormData) -> SignupInput {
    SignupInput {
        name: form.get("name").into(),
        email: form.get("email").into(),
        phone: form.get("phone").into(),
        no_contact: form.get("no_contact") == "yes",
        require_contact: true,
        needs: form.all("needs").into_iter().map(str::to_string).collect(),
        needs_other: form.get("needs_other").into(),
        // Staff may choose it on a phone sign-up; Danish unless chosen.
        language: crate::i18n::Lang::parse(form.get("language")).unwrap_or_default(),
        // An unreadable id is kept as one that is not in the series, so the
        // check refuses it rather than it being dropped silently.
        also: form
            .all("also")
            .into_iter()
            .map(|v| v.parse().unwrap_or(-1))
            .collect(),
    }
}
