//! Importing a class list: a preview, then saving the accepted lines.

use super::{ImportOutcome, class_for};
use crate::error::Result;
use crate::{Core, ServiceError, signed_in};
use chrono::NaiveDate;
use samvirke_domain::Action;
use samvirke_domain::Actor;
use samvirke_domain::classlist;
use samvirke_domain::validate::FieldProblem;
use samvirke_store::Scope;
use samvirke_store::classes::{self as q, NewPupil};

/// Reads a class list and, unless `dry_run`, saves the accepted lines in
/// one transaction (replacing the class's pupils when `replace`). A file
/// refused as a whole saves nothing.
pub async fn import_pupils(
    core: &Core,
    actor: &Actor,
    class_id: i64,
    file: &[u8],
    dry_run: bool,
    replace: bool,
) -> Result<ImportOutcome> {
    class_for(core, actor, class_id, Action::Update).await?;
    let me = signed_in(actor)?;
    let list = match classlist::parse(file) {
        Ok(list) => list,
        Err(problem) => {
            return Ok(ImportOutcome {
                refused: Some(problem),
                accepted: Vec::new(),
                errors: Vec::new(),
                imported: 0,
            });
        }
    };
    let mut imported = 0;
    if !dry_run {
        let new: Vec<NewPupil<'_>> = list
            .pupils
            .iter()
            .map(|p| NewPupil {
                name: &p.name,
                birth_date: p.birth_date,
            })
            .collect();
        let txn = core.db.begin_write().await?;
        let scope = Scope::new(me.municipality);
        imported = q::add_pupils(&txn, scope, class_id, &new, replace, core.now()).await?;
        txn.commit().await?;
    }
    Ok(ImportOutcome {
        refused: None,
        accepted: list.pupils,
        errors: list.errors,
        imported,
    })
}

/// The most pupils one confirmed class list saves.
pub const PUPILS_MAX: usize = 2_000;

/// Saves the pupils a preview showed (name and birth date, as the preview
/// page sends them back), checked again by the rules of the import; the
/// class's pupils are replaced when `replace`. A line that fails saves
/// nothing and is named by its position.
pub async fn save_pupils(
    core: &Core,
    actor: &Actor,
    class_id: i64,
    pupils: &[(String, NaiveDate)],
    replace: bool,
) -> Result<u64> {
    class_for(core, actor, class_id, Action::Update).await?;
    let me = signed_in(actor)?;
    if pupils.len() > PUPILS_MAX {
        return Err(ServiceError::invalid("pupils", FieldProblem::TooLong));
    }
    let checked = pupils
        .iter()
        .map(|(name, born)| classlist::check_pupil(name, *born))
        .collect::<std::result::Result<Vec<_>, _>>()
        .map_err(|_| ServiceError::invalid("pupils", FieldProblem::InvalidChoice))?;
    let new: Vec<NewPupil<'_>> = checked
        .iter()
        .map(|(name, birth_date)| NewPupil {
            name,
            birth_date: *birth_date,
        })
        .collect();
    let txn = core.db.begin_write().await?;
    let scope = Scope::new(me.municipality);
    let saved = q::add_pupils(&txn, scope, class_id, &new, replace, core.now()).await?;
    txn.commit().await?;
    Ok(saved)
}
