//! The municipality's organisations, sites and competences, as the planning
//! forms offer them. Anyone signed in to the municipality may read them.

use crate::error::Result;
use crate::orgs::{Competence, Organisation};
use crate::sessions::Site;
use crate::{Core, require, signed_in};
use samvirke_domain::{Action, Actor, Resource};
use samvirke_store::{Scope, orgs};

fn scope(actor: &Actor) -> Result<Scope> {
    let me = signed_in(actor)?;
    require(
        actor,
        Action::Read,
        Resource::Organisations {
            municipality: me.municipality,
        },
    )?;
    Ok(Scope::new(me.municipality))
}

/// The organisations of the actor's municipality, by name.
pub async fn organisations(core: &Core, actor: &Actor) -> Result<Vec<Organisation>> {
    let scope = scope(actor)?;
    let all = orgs::list_organisations(&core.db.read, scope).await?;
    Ok(all.into_iter().map(Into::into).collect())
}

/// The sites (places) of the actor's municipality, by name.
pub async fn sites(core: &Core, actor: &Actor) -> Result<Vec<Site>> {
    let scope = scope(actor)?;
    let all = orgs::list_sites(&core.db.read, scope).await?;
    Ok(all.into_iter().map(Into::into).collect())
}

/// The competences of the actor's municipality.
pub async fn competences(core: &Core, actor: &Actor) -> Result<Vec<Competence>> {
    let scope = scope(actor)?;
    let all = orgs::list_competences(&core.db.read, scope).await?;
    Ok(all.into_iter().map(Into::into).collect())
}
