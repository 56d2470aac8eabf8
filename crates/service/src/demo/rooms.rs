//! The demo's rooms: Dragør Bibliotek's small meeting room with its own
//! door, which Borgercentret and Socialafdelingen may book (the social
//! department with the library's approval), and a bigger room for all.

use crate::error::Result;
use crate::{Core, ServiceError};
use samvirke_domain::OrgId;
use samvirke_store::{Scope, orgs, rooms as q};

pub async fn seed(core: &Core, scope: Scope) -> Result<()> {
    if !q::rooms(&core.db.read, scope).await?.is_empty() {
        return Ok(());
    }
    let org = |name: &'static str| async move {
        orgs::organisation_by_name(&core.db.read, scope, name)
            .await?
            .ok_or(ServiceError::NotFound)
    };
    let library = org("Dragør Bibliotek").await?;
    let citizen = org("Borgercentret").await?;
    let social = org("Socialafdelingen").await?;
    let house = org("Dragørs Aktivitetshus").await?;
    let site = orgs::site_by_name(&core.db.read, scope, "Dragør Bibliotek")
        .await?
        .ok_or(ServiceError::NotFound)?;
    let now = core.now();
    let small = q::create_room(
        &core.db.write,
        scope,
        q::NewRoom {
            org: OrgId(library.id),
            site_id: site.id,
            name: "Mødelokalet",
            capacity: 4,
            equipment: "Egen indgang fra gården, skærm, lydisoleret",
        },
        now,
    )
    .await?;
    q::set_access(
        &core.db.write,
        scope,
        small.id,
        &[(OrgId(citizen.id), false), (OrgId(social.id), false)],
    )
    .await?;
    let big = q::create_room(
        &core.db.write,
        scope,
        q::NewRoom {
            org: OrgId(library.id),
            site_id: site.id,
            name: "Salen",
            capacity: 40,
            equipment: "Projektor, højttalere, 40 stole",
        },
        now,
    )
    .await?;
    q::set_access(
        &core.db.write,
        scope,
        big.id,
        &[
            (OrgId(citizen.id), false),
            (OrgId(social.id), true),
            (OrgId(house.id), true),
        ],
    )
    .await
    .map_err(Into::into)
}
