//! The municipality's organisations, sites and competences, as the planning
//! forms offer them. Anyone signed in to the municipality may read them.

use crate::error::Result;
use crate::{Core, require, signed_in};
use samvirke_domain::{Action, Actor, Resource};
use samvirke_store::entity::{competence, organisation, site};
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
pub async fn organisations(core: &Core, actor: &Actor) -> Result<Vec<organisation::Model>> {
    let scope = scope(actor)?;
    Ok(orgs::list_organisations(&core.db.read, scope).await?)
}

/// The sites (places) of the actor's municipality, by name.
pub async fn sites(core: &Core, actor: &Actor) -> Result<Vec<site::Model>> {
    let scope = scope(actor)?;
    Ok(orgs::list_sites(&core.db.read, scope).await?)
}

/// The competences of the actor's municipality.
pub async fn competences(core: &Core, actor: &Actor) -> Result<Vec<competence::Model>> {
    let scope = scope(actor)?;
    Ok(orgs::list_competences(&core.db.read, scope).await?)
}
