//! The "Digital dåbsattest": a certificate per pupil who took part in a
//! class visit, for the school to hand out. The use case returns the data;
//! the web layer draws it as a page and as a PDF.

use super::{ClassSummary, class_for};
use crate::error::Result;
use crate::{Core, audit, signed_in};
use chrono::NaiveDate;
use chrono_tz::Europe::Copenhagen;
use samvirke_domain::{Action, Actor, Attendance, OrgId, OrgKind};
use samvirke_store::classes as q;
use samvirke_store::sessions as sq;
use samvirke_store::{Scope, orgs};

/// Who gets a certificate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Recipients {
    /// The pupils marked attended on the visit day.
    Attended,
    /// Nobody is marked yet: every pupil, so a school can print in advance.
    WholeClass,
}

/// The certificates of a class: one per recipient, with what they all share.
#[derive(Debug, Clone)]
pub struct Certificates {
    pub class: ClassSummary,
    /// The visit's day in Copenhagen, or `None` while no visit is planned.
    pub visit_day: Option<NaiveDate>,
    /// The title of the visit's programme; `None` while no visit is
    /// planned (the web layer then names the offer itself).
    pub programme: Option<String>,
    pub library: Option<String>,
    pub citizen_service: Option<String>,
    pub recipients: Recipients,
    /// The pupils' names, by name.
    pub pupils: Vec<String>,
}

/// The certificates of a class, for the school's staff and those who run
/// the visit; another school's class is not found. The read is in the
/// school's audit log: it holds the pupils' names.
pub async fn certificates(core: &Core, actor: &Actor, class_id: i64) -> Result<Certificates> {
    let (class, _) = class_for(core, actor, class_id, Action::ReadPersonal).await?;
    let me = signed_in(actor)?;
    let scope = Scope::new(me.municipality);
    let rows = q::pupils(&core.db.read, scope, class_id).await?;
    audit::record_read_of(
        core,
        me,
        OrgId(class.school_id),
        "certificates",
        "class",
        class_id,
    )
    .await?;
    let (recipients, pupils) =
        recipients(rows.into_iter().map(|p| (p.attendance(), p.name)).collect());
    let programme = match class.visit {
        Some(v) => match sq::session(&core.db.read, scope, v.session_id).await? {
            Some(s) => sq::programme(&core.db.read, scope, s.programme_id)
                .await?
                .map(|p| p.title),
            None => None,
        },
        None => None,
    };
    let organisations = orgs::list_organisations(&core.db.read, scope).await?;
    let first_of = |kind: OrgKind| {
        organisations
            .iter()
            .find(|o| o.active && o.kind == kind.as_str())
            .map(|o| o.name.clone())
    };
    Ok(Certificates {
        visit_day: class
            .visit
            .map(|v| v.starts_at.with_timezone(&Copenhagen).date_naive()),
        programme,
        library: first_of(OrgKind::Library),
        citizen_service: first_of(OrgKind::CitizenService),
        recipients,
        pupils,
        class,
    })
}

/// The pupils marked attended; every pupil while nobody is marked at all
/// (a pupil marked absent keeps the class out of "nobody marked").
fn recipients(pupils: Vec<(Option<Attendance>, String)>) -> (Recipients, Vec<String>) {
    if pupils.iter().all(|(a, _)| a.is_none()) {
        return (
            Recipients::WholeClass,
            pupils.into_iter().map(|(_, name)| name).collect(),
        );
    }
    let attended = pupils
        .into_iter()
        .filter(|(a, _)| *a == Some(Attendance::Attended))
        .map(|(_, name)| name)
        .collect();
    (Recipients::Attended, attended)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(list: &[(Option<Attendance>, &str)]) -> Vec<(Option<Attendance>, String)> {
        list.iter().map(|(a, n)| (*a, (*n).to_string())).collect()
    }

    #[test]
    fn before_anyone_is_marked_the_whole_class_gets_one() {
        let (who, pupils) = recipients(names(&[(None, "Ada"), (None, "Bo")]));
        assert_eq!(who, Recipients::WholeClass);
        assert_eq!(pupils, ["Ada", "Bo"]);
    }

    #[test]
    fn once_marked_only_those_who_attended() {
        let (who, pupils) = recipients(names(&[
            (Some(Attendance::Attended), "Ada"),
            (Some(Attendance::NoShow), "Bo"),
            (None, "Cai"),
        ]));
        assert_eq!(who, Recipients::Attended);
        assert_eq!(pupils, ["Ada"]);
        let (who, pupils) = recipients(names(&[(Some(Attendance::NoShow), "Bo")]));
        assert_eq!(who, Recipients::Attended);
        assert!(pupils.is_empty(), "all absent: nobody gets one");
    }

    #[test]
    fn an_empty_class_has_none() {
        let (who, pupils) = recipients(Vec::new());
        assert_eq!(who, Recipients::WholeClass);
        assert!(pupils.is_empty());
    }
}
