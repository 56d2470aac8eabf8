//! What public pages and the page frame show of a municipality: its name,
//! contact details, citizen service and mark. All of it is public.

use crate::error::Result;
use crate::{Core, require, signed_in};
use samvirke_domain::{Action, Actor, MunicipalityId, OrgKind, Resource};
use samvirke_store::entity::municipality;
use samvirke_store::{Scope, orgs};

/// A municipality as its pages present it.
#[derive(Debug, Clone)]
pub struct Branding {
    pub id: MunicipalityId,
    pub name: String,
    pub phone: Option<String>,
    /// The name of its citizen service organisation, if it has one.
    pub citizen_service: Option<String>,
    pub address: Option<String>,
    pub dpo_email: Option<String>,
    pub accessibility_url: Option<String>,
    /// It has a mark of its own (see [`logo`]).
    pub has_logo: bool,
}

async fn branding(core: &Core, m: municipality::Model) -> Result<Branding> {
    let id = MunicipalityId(m.id);
    let citizen_service = orgs::list_organisations(&core.db.read, Scope::new(id))
        .await?
        .into_iter()
        .find(|o| o.kind == OrgKind::CitizenService.as_str())
        .map(|o| o.name);
    Ok(Branding {
        id,
        citizen_service,
        name: m.name,
        phone: m.phone,
        address: m.address,
        dpo_email: m.dpo_email,
        accessibility_url: m.accessibility_url,
        has_logo: m.logo_svg.is_some(),
    })
}

/// The signed-in staff member's own municipality.
pub async fn own(core: &Core, actor: &Actor) -> Result<Option<Branding>> {
    let me = signed_in(actor)?;
    require(
        actor,
        Action::Read,
        Resource::Organisations {
            municipality: me.municipality,
        },
    )?;
    match orgs::municipality(&core.db.read, Scope::new(me.municipality)).await? {
        Some(m) => Ok(Some(branding(core, m).await?)),
        None => Ok(None),
    }
}

/// The municipality public pages show: the installation's first one (the
/// single-municipality default).
pub async fn public(core: &Core) -> Result<Option<Branding>> {
    require(&Actor::Anonymous, Action::Read, Resource::Public)?;
    match orgs::first_municipality(&core.db.read).await? {
        Some(m) => Ok(Some(branding(core, m).await?)),
        None => Ok(None),
    }
}

/// A municipality's mark (SVG), public like its name.
pub async fn logo(core: &Core, m: MunicipalityId) -> Result<Option<String>> {
    require(&Actor::Anonymous, Action::Read, Resource::Public)?;
    Ok(orgs::municipality(&core.db.read, Scope::new(m))
        .await?
        .and_then(|m| m.logo_svg))
}
