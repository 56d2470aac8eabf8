//! The parent letter and the citizen service's text on what to bring.

use super::{ClassSummary, class_for, viewer};
use crate::error::Result;
use crate::{Core, ServiceError, require, signed_in};
use samvirke_domain::validate::FieldProblem;
use samvirke_domain::{Action, Actor, OrgKind, Resource, StaffActor};
use samvirke_store::classes as q;
use samvirke_store::{Scope, orgs};

/// The longest text on what to bring for MitID.
pub const GUIDANCE_MAX: usize = 1_000;

/// What a parent letter says beyond the fixed texts: the class, its visit,
/// who comes, and the citizen service's text on what to bring for MitID
/// (`None` while it has written none: the letter then uses its default).
#[derive(Debug, Clone)]
pub struct ParentLetter {
    pub class: ClassSummary,
    pub library: Option<String>,
    pub citizen_service: Option<String>,
    pub phone: Option<String>,
    pub bring_da: Option<String>,
    pub bring_en: Option<String>,
}

/// The parent letter of a class: for the school and those who run the
/// visit. It holds no pupil's data.
pub async fn parent_letter(core: &Core, actor: &Actor, class_id: i64) -> Result<ParentLetter> {
    let (class, _) = class_for(core, actor, class_id, Action::Read).await?;
    let me = signed_in(actor)?;
    let scope = Scope::new(me.municipality);
    let orgs_all = orgs::list_organisations(&core.db.read, scope).await?;
    let first_of = |kind: OrgKind| {
        orgs_all
            .iter()
            .find(|o| o.active && o.kind == kind.as_str())
            .map(|o| o.name.clone())
    };
    let municipality = orgs::municipality(&core.db.read, scope).await?;
    let guidance = q::mitid_guidance(&core.db.read, scope).await?;
    Ok(ParentLetter {
        library: first_of(OrgKind::Library),
        citizen_service: first_of(OrgKind::CitizenService),
        phone: municipality.and_then(|m| m.phone),
        bring_da: guidance.as_ref().map(|g| g.text_da.clone()),
        bring_en: guidance.map(|g| g.text_en),
        class,
    })
}

/// A coordinator of a citizen service: who writes the text on what to
/// bring for MitID (it issues MitID; no one else's text is printed).
async fn guidance_writer<'a>(core: &Core, actor: &'a Actor) -> Result<&'a StaffActor> {
    let me = signed_in(actor)?;
    require(
        actor,
        Action::Update,
        Resource::OrgTexts {
            municipality: me.municipality,
            org: me.org,
        },
    )?;
    if viewer(core, me).await? != OrgKind::CitizenService {
        return Err(ServiceError::Denied(
            samvirke_domain::DenyReason::OtherOrganisation,
        ));
    }
    Ok(me)
}

/// The actor's organisation's text on what to bring for MitID, for its
/// coordinators to edit: (Danish, English), empty while none is written.
pub async fn own_guidance(core: &Core, actor: &Actor) -> Result<(String, String)> {
    let me = guidance_writer(core, actor).await?;
    let scope = Scope::new(me.municipality);
    Ok(q::mitid_guidance(&core.db.read, scope)
        .await?
        .filter(|g| g.organisation_id == me.org.0)
        .map(|g| (g.text_da, g.text_en))
        .unwrap_or_default())
}

/// Saves the actor's organisation's text on what to bring for MitID.
pub async fn set_guidance(core: &Core, actor: &Actor, text_da: &str, text_en: &str) -> Result<()> {
    let me = guidance_writer(core, actor).await?;
    let mut errors = samvirke_domain::validate::FieldErrors::default();
    let mut check = |field: &'static str, text: &str| match samvirke_domain::validate::optional_text(
        text,
        GUIDANCE_MAX,
    ) {
        Ok(Some(t)) => Some(t),
        Ok(None) => {
            errors.add(field, FieldProblem::Required);
            None
        }
        Err(p) => {
            errors.add(field, p);
            None
        }
    };
    let (da, en) = (check("text_da", text_da), check("text_en", text_en));
    let (Some(da), Some(en)) = (da, en) else {
        return Err(ServiceError::Invalid(errors));
    };
    let scope = Scope::new(me.municipality);
    q::set_mitid_guidance(&core.db.write, scope, me.org, &da, &en, core.now()).await?;
    Ok(())
}
