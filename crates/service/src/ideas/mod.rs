//! Citizens' ideas ("Har du en idé?"). Anyone may send one, with an e-mail
//! only when they agree to be contacted. Ideas are addressed to the
//! partnership, so they belong to the municipality: all its staff read
//! them; coordinators and the administrator triage them (a change of
//! status is made only at the version the person saw, so two at once
//! cannot both win) and read the contact, each read audit-logged. An idea
//! can become a programme draft of the coordinator's organisation; the
//! link is kept both ways.

pub mod own_data;

use crate::error::Result;
use crate::{Core, ServiceError, require, signed_in};
use chrono::{DateTime, Utc};
use samvirke_domain::ideas::{IDEA_NOTE_MAX, IDEA_TEXT_MAX, IdeaStatus, TargetGroup};
use samvirke_domain::validate::{self, FieldErrors, FieldProblem};
use samvirke_domain::{Action, Actor, Conflict, MunicipalityId, Resource};
use samvirke_store::entity::idea;
use samvirke_store::{Page, Scope, ideas as q, sessions};

/// The most ideas one page of a list shows.
pub const LIST_MAX: u64 = 200;

/// An idea as a citizen sends it.
#[derive(Debug, Clone, Default)]
pub struct IdeaInput {
    pub target_group: String,
    pub text: String,
    pub email: String,
    /// The citizen agreed to be contacted at the e-mail.
    pub consent: bool,
}

/// The checked idea: (target group, text, e-mail).
fn check(
    input: &IdeaInput,
) -> std::result::Result<(TargetGroup, String, Option<String>), FieldErrors> {
    let mut errors = FieldErrors::default();
    let group = match input.target_group.trim() {
        "" => {
            errors.add("target_group", FieldProblem::Required);
            None
        }
        g => match g.parse::<TargetGroup>() {
            Ok(g) => Some(g),
            Err(_) => {
                errors.add("target_group", FieldProblem::InvalidChoice);
                None
            }
        },
    };
    let text = errors.check(
        "text",
        validate::optional_text(&input.text, IDEA_TEXT_MAX)
            .and_then(|t| t.ok_or(FieldProblem::Required)),
    );
    let email = if input.email.trim().is_empty() {
        Some(None)
    } else {
        let e = errors
            .check("email", validate::email(&input.email))
            .map(Some);
        if e.is_some() && !input.consent {
            errors.add("consent", FieldProblem::ConsentRequired);
        }
        e
    };
    match (group, text, email) {
        (Some(g), Some(t), Some(e)) if errors.is_empty() => Ok((g, t, e)),
        _ => Err(errors),
    }
}

/// A citizen sends an idea to the municipality; returns its id.
#[tracing::instrument(skip_all, fields(municipality = m.0, resource = "idea"))]
pub async fn submit(core: &Core, m: MunicipalityId, input: &IdeaInput) -> Result<i64> {
    let (group, text, email) = check(input).map_err(ServiceError::Invalid)?;
    let row = q::create(
        &core.db.write,
        Scope::new(m),
        q::NewIdea {
            target_group: group,
            text: &text,
            email: email.as_deref(),
        },
        core.now(),
    )
    .await?;
    Ok(row.id)
}

/// An idea in a list: no personal data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IdeaRow {
    pub id: i64,
    pub target_group: TargetGroup,
    pub text: String,
    pub status: IdeaStatus,
    pub note: Option<String>,
    pub version: i64,
    pub has_contact: bool,
    pub programme_id: Option<i64>,
    pub created_at: DateTime<Utc>,
    pub status_at: DateTime<Utc>,
}

impl From<idea::Model> for IdeaRow {
    fn from(r: idea::Model) -> Self {
        IdeaRow {
            id: r.id,
            target_group: r.target_group(),
            status: r.status(),
            has_contact: r.email.is_some(),
            text: r.text,
            note: r.note,
            version: r.version,
            programme_id: r.programme_id,
            created_at: r.created_at,
            status_at: r.status_at,
        }
    }
}

fn ideas_of(me: &samvirke_domain::StaffActor) -> Resource {
    Resource::Ideas {
        municipality: me.municipality,
    }
}

/// One page of the municipality's ideas, newest first, of one status or
/// all, after the idea `after` of the page before.
#[tracing::instrument(skip_all, fields(org = crate::org_of(actor), resource = "ideas"))]
pub async fn list(
    core: &Core,
    actor: &Actor,
    status: Option<IdeaStatus>,
    after: Option<i64>,
    limit: u64,
) -> Result<Page<IdeaRow>> {
    let me = signed_in(actor)?;
    require(actor, Action::Read, ideas_of(me))?;
    let page = q::list(
        &core.db.read,
        Scope::new(me.municipality),
        status,
        after,
        limit.min(LIST_MAX),
    )
    .await?;
    Ok(page.map(IdeaRow::from))
}

/// One idea, with the contact for those who triage (each read of a
/// contact audit-logged).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IdeaDetail {
    pub idea: IdeaRow,
    /// The e-mail, shown to those who triage; None otherwise or when none.
    pub email: Option<String>,
    pub consent_at: Option<DateTime<Utc>>,
    pub may_triage: bool,
    /// The programme made from it: (id, title).
    pub programme: Option<(i64, String)>,
}

#[tracing::instrument(skip_all, fields(org = crate::org_of(actor), resource = "idea", resource_id = id))]
pub async fn idea(core: &Core, actor: &Actor, id: i64) -> Result<IdeaDetail> {
    let me = signed_in(actor)?;
    require(actor, Action::Read, ideas_of(me))?;
    let scope = Scope::new(me.municipality);
    let row = q::get(&core.db.read, scope, id)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let may_triage =
        samvirke_domain::authorize(actor, Action::ReadPersonal, ideas_of(me)).is_allowed();
    let email = if may_triage { row.email.clone() } else { None };
    if email.is_some() {
        crate::audit::record_read(core, me, "idea_contact", "idea", id).await?;
    }
    let programme = match row.programme_id {
        Some(p) => sessions::programme(&core.db.read, scope, p)
            .await?
            .map(|p| (p.id, p.title)),
        None => None,
    };
    Ok(IdeaDetail {
        consent_at: row.consent_at.filter(|_| email.is_some()),
        email,
        may_triage,
        programme,
        idea: row.into(),
    })
}

/// Sets an idea's status and note, if it is still at `seen_version`;
/// `Conflict::ChangedMeanwhile` when someone changed it first.
#[tracing::instrument(skip_all, fields(org = crate::org_of(actor), resource = "idea", resource_id = id))]
pub async fn set_status(
    core: &Core,
    actor: &Actor,
    id: i64,
    seen_version: i64,
    status: IdeaStatus,
    note: &str,
) -> Result<()> {
    let me = signed_in(actor)?;
    require(actor, Action::Update, ideas_of(me))?;
    let note = validate::optional_text(note, IDEA_NOTE_MAX)
        .map_err(|p| ServiceError::invalid("note", p))?;
    let scope = Scope::new(me.municipality);
    let changed = q::set_status(
        &core.db.write,
        scope,
        id,
        seen_version,
        status,
        note.as_deref(),
        core.now(),
    )
    .await?;
    if changed {
        return Ok(());
    }
    match q::get(&core.db.read, scope, id).await? {
        Some(_) => Err(ServiceError::Conflict(Conflict::ChangedMeanwhile)),
        None => Err(ServiceError::NotFound),
    }
}

/// The longest programme title made from an idea.
const DRAFT_TITLE_MAX: usize = 80;

/// A programme title from an idea's first line, cut at a word.
fn draft_title(text: &str) -> String {
    let line = text
        .lines()
        .find(|l| !l.trim().is_empty())
        .unwrap_or("")
        .trim();
    if line.chars().count() <= DRAFT_TITLE_MAX {
        return line.to_string();
    }
    let cut: String = line.chars().take(DRAFT_TITLE_MAX).collect();
    let cut = match cut.rfind(' ') {
        Some(i) if i > DRAFT_TITLE_MAX / 2 => cut[..i].to_string(),
        _ => cut,
    };
    format!("{}…", cut.trim_end())
}

/// A coordinator turns an idea into a programme draft of their
/// organisation (title and description from the idea, no sessions, so
/// nothing is public); the idea keeps the link. One idea, one programme:
/// the link is set in the same transaction, only where none is.
/// `target_group` is the group's name in the coordinator's language.
#[tracing::instrument(skip_all, fields(org = crate::org_of(actor), resource = "idea", resource_id = id))]
pub async fn make_programme(
    core: &Core,
    actor: &Actor,
    id: i64,
    target_group: &str,
) -> Result<i64> {
    let me = signed_in(actor)?;
    require(actor, Action::Update, ideas_of(me))?;
    require(
        actor,
        Action::Create,
        Resource::Joint {
            municipality: me.municipality,
            owner: me.org,
            partner: None,
        },
    )?;
    let scope = Scope::new(me.municipality);
    let row = q::get(&core.db.read, scope, id)
        .await?
        .ok_or(ServiceError::NotFound)?;
    if row.programme_id.is_some() {
        return Err(ServiceError::Conflict(Conflict::ChangedMeanwhile));
    }
    let title = draft_title(&row.text);
    let txn = core.db.begin_write().await?;
    let p = sessions::create_programme(
        &txn,
        scope,
        sessions::NewProgramme {
            org: me.org,
            title: &title,
            description: &row.text,
            target_group,
        },
        core.now(),
    )
    .await?;
    if !q::link_programme(&txn, scope, id, p.id).await? {
        txn.rollback().await?;
        return Err(ServiceError::Conflict(Conflict::ChangedMeanwhile));
    }
    txn.commit().await?;
    Ok(p.id)
}

/// The idea a programme was made from, for the programme's page: (id, its
/// first line). Staff who may read the programme see it.
#[tracing::instrument(skip_all, fields(org = crate::org_of(actor), resource = "programme", resource_id = programme_id))]
pub async fn idea_of_programme(
    core: &Core,
    actor: &Actor,
    programme_id: i64,
) -> Result<Option<(i64, String)>> {
    let me = signed_in(actor)?;
    require(actor, Action::Read, ideas_of(me))?;
    Ok(
        q::of_programme(&core.db.read, Scope::new(me.municipality), programme_id)
            .await?
            .map(|r| (r.id, draft_title(&r.text))),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_draft_title_is_the_first_line_cut_at_a_word() {
        assert_eq!(draft_title("\n  Strikkecafé  \nmed kaffe"), "Strikkecafé");
        let long = "ord ".repeat(40);
        let t = draft_title(&long);
        assert!(t.chars().count() <= DRAFT_TITLE_MAX + 1, "{t}");
        assert!(t.ends_with("ord…"), "{t}");
    }

    #[test]
    fn an_email_needs_consent_and_a_group_must_be_known() {
        let input = |g: &str, e: &str, consent| IdeaInput {
            target_group: g.into(),
            text: "Strikkecafé".into(),
            email: e.into(),
            consent,
        };
        assert!(check(&input("seniors", "", false)).is_ok());
        let e = check(&input("seniors", "ida@example.dk", false)).unwrap_err();
        assert_eq!(e.get("consent"), Some(FieldProblem::ConsentRequired));
        let (_, _, email) = check(&input("seniors", "Ida@Example.DK", true)).unwrap();
        assert_eq!(email.as_deref(), Some("ida@example.dk"));
        let e = check(&input("martians", "", false)).unwrap_err();
        assert_eq!(e.get("target_group"), Some(FieldProblem::InvalidChoice));
    }
}
