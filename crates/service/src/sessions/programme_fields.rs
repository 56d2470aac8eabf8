//! The checks a programme's fields pass, whether it is created or edited:
//! its texts, its partners and its agenda items.

use samvirke_domain::validate::{self, FieldErrors, FieldProblem};
use samvirke_domain::{OrgId, PartnerLevel};
use samvirke_store::entity::{competence, organisation};

/// The most partners, and the most agenda items, a programme has.
pub const PROGRAMME_LIST_MAX: usize = 50;

/// The longest agenda item, in minutes.
const AGENDA_MINUTES_MAX: i32 = 600;

/// A programme's title, description and target group, checked.
pub(crate) struct Texts {
    pub title: String,
    pub description: String,
    pub target_group: String,
}

/// Checks the texts; `None` when one failed (its error is in `errors`).
pub(crate) fn texts(
    errors: &mut FieldErrors,
    title: &str,
    description: &str,
    target_group: &str,
) -> Option<Texts> {
    let title = errors.check("title", validate::required_line(title, 200));
    let description = errors.check("description", validate::optional_text(description, 5000));
    let target_group = errors.check("target_group", validate::required_line(target_group, 200));
    Some(Texts {
        title: title?,
        description: description?.unwrap_or_default(),
        target_group: target_group?,
    })
}

/// The partners asked for: other organisations of the municipality, each
/// once, at a level the policy knows. At most [`PROGRAMME_LIST_MAX`] are read.
pub(crate) fn partners(
    errors: &mut FieldErrors,
    asked: &[(i64, String)],
    all_orgs: &[organisation::Model],
    owner: i64,
) -> Vec<(OrgId, PartnerLevel)> {
    if asked.len() > PROGRAMME_LIST_MAX {
        errors.add("partners", FieldProblem::OutOfRange);
    }
    let mut partners: Vec<(OrgId, PartnerLevel)> = Vec::new();
    for (org, level) in asked.iter().take(PROGRAMME_LIST_MAX) {
        let known = all_orgs.iter().any(|o| o.id == *org && *org != owner);
        match (known, PartnerLevel::parse(level)) {
            // An organisation is a partner once, at one level.
            (true, Some(_)) if partners.iter().any(|(o, _)| o.0 == *org) => {
                errors.add("partners", FieldProblem::Duplicate)
            }
            (true, Some(l)) => partners.push((OrgId(*org), l)),
            _ => errors.add("partners", FieldProblem::InvalidChoice),
        }
    }
    partners
}

/// A programme has at least one agenda item and at most
/// [`PROGRAMME_LIST_MAX`].
pub(crate) fn agenda_length(errors: &mut FieldErrors, items: usize) {
    if items == 0 {
        errors.add("agenda", FieldProblem::Required);
    } else if items > PROGRAMME_LIST_MAX {
        errors.add("agenda", FieldProblem::OutOfRange);
    }
}

/// What an agenda item says of itself.
pub(crate) struct AgendaFields<'a> {
    pub title: &'a str,
    pub minutes: i32,
    pub org: i64,
    pub competence_id: Option<i64>,
}

/// Checks one agenda item: owned by the owner or a partner, needing a
/// competence of the municipality (or none), a length within bounds and a
/// title.
pub(crate) fn agenda_item(
    errors: &mut FieldErrors,
    item: AgendaFields<'_>,
    owner: i64,
    partners: &[(OrgId, PartnerLevel)],
    competences: &[competence::Model],
) {
    let org_ok = item.org == owner || partners.iter().any(|(o, _)| o.0 == item.org);
    let competence_ok = item
        .competence_id
        .is_none_or(|c| competences.iter().any(|k| k.id == c));
    if !org_ok || !competence_ok || !(1..=AGENDA_MINUTES_MAX).contains(&item.minutes) {
        errors.add("agenda", FieldProblem::InvalidChoice);
    }
    if let Err(p) = validate::required_line(item.title, 200) {
        errors.add("agenda", p);
    }
}
