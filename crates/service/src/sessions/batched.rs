//! Online sign-ups through the group-commit writer (SQLite files; see
//! `samvirke_store::signup_writer`). The request does no database round
//! trip of its own: what the e-mail tells (the session, its programme and
//! site) comes from a short-lived cache, and the writer checks, in its own
//! transaction, that sign-up is open and that the session's time and place
//! are still the cached ones (else the facts are read again).

use super::signup::{SignupResult, ValidSignup, signup_notice};
use super::{facts, session_ics};
use crate::error::Result;
use crate::secret::{new_token, token_hash};
use crate::{Core, ServiceError};
use samvirke_domain::signup::{Need, contact_key};
use samvirke_domain::{Channel, Conflict, Language};
use samvirke_store::entity::{event_session, programme, site};
use samvirke_store::sessions as q;
use samvirke_store::signup_writer::{
    MailMaker, NewSignup, QueuedMail, SessionAt, SignupWriter, Written,
};
use samvirke_store::{Scope, orgs};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// How long the e-mail's facts are reused. A moved session is caught by
/// the writer at once; a renamed programme or site shows after this.
const FACTS_TTL: Duration = Duration::from_secs(5);
/// Sessions remembered at once; the cache starts over past this.
const FACTS_MAX: usize = 1_000;

/// What a sign-up's e-mail tells about its session.
struct CachedSession {
    session: event_session::Model,
    programme: programme::Model,
    site: Option<site::Model>,
}

/// When it was read, and what.
type Entry = (Instant, Arc<CachedSession>);

/// The facts of recently signed-up-for sessions, per municipality and session.
#[derive(Default)]
pub struct SignupFactsCache {
    entries: Mutex<HashMap<(Scope, i64), Entry>>,
}

impl SignupFactsCache {
    fn get(&self, scope: Scope, session_id: i64) -> Option<Arc<CachedSession>> {
        let entries = self.entries.lock().ok()?;
        let (at, facts) = entries.get(&(scope, session_id))?;
        (at.elapsed() < FACTS_TTL).then(|| Arc::clone(facts))
    }

    fn put(&self, scope: Scope, session_id: i64, facts: Arc<CachedSession>) {
        if let Ok(mut entries) = self.entries.lock() {
            if entries.len() >= FACTS_MAX {
                entries.clear();
            }
            entries.insert((scope, session_id), (Instant::now(), facts));
        }
    }

    fn forget(&self, scope: Scope, session_id: i64) {
        if let Ok(mut entries) = self.entries.lock() {
            entries.remove(&(scope, session_id));
        }
    }
}

async fn session_facts(core: &Core, scope: Scope, session_id: i64) -> Result<Arc<CachedSession>> {
    if let Some(facts) = core.signup_facts.get(scope, session_id) {
        return Ok(facts);
    }
    let session = q::session(&core.db.read, scope, session_id)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let programme = q::programme(&core.db.read, scope, session.programme_id)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let site = orgs::list_sites(&core.db.read, scope)
        .await?
        .into_iter()
        .find(|x| x.id == session.site_id);
    let facts = Arc::new(CachedSession {
        session,
        programme,
        site,
    });
    core.signup_facts.put(scope, session_id, Arc::clone(&facts));
    Ok(facts)
}

/// A public sign-up through the writer: confirmed while seats are free,
/// otherwise on the waiting list; answered after the commit.
pub(super) async fn sign_up(
    core: &Core,
    writer: &SignupWriter,
    scope: Scope,
    session_id: i64,
    valid: ValidSignup,
    language: Language,
) -> Result<SignupResult> {
    let token = new_token();
    // A session moved between the read and the write is read again; twice
    // in a row is someone editing it right now.
    for _ in 0..3 {
        let facts = session_facts(core, scope, session_id).await?;
        let signup = new_signup(core, scope, &facts, valid.clone(), &token, language)?;
        match writer.write(signup).await.map_err(ServiceError::Internal)? {
            Written::Placed {
                registration,
                position,
            } => {
                return Ok(SignupResult {
                    registration: (*registration).into(),
                    waitlist_position: position,
                    cancel_token: token,
                });
            }
            Written::Duplicate => {
                return Err(ServiceError::Conflict(Conflict::AlreadyRegistered));
            }
            Written::NotOpen => return Err(ServiceError::Conflict(Conflict::RegistrationNotOpen)),
            Written::NotFound => {
                core.signup_facts.forget(scope, session_id);
                return Err(ServiceError::NotFound);
            }
            Written::Stale => core.signup_facts.forget(scope, session_id),
        }
    }
    Err(ServiceError::Internal(
        "the session changed during each try".into(),
    ))
}

/// What to store, and how to make the e-mail once the place is known (in
/// the writer's transaction).
fn new_signup(
    core: &Core,
    scope: Scope,
    f: &CachedSession,
    valid: ValidSignup,
    token: &str,
    language: Language,
) -> Result<NewSignup> {
    let s = &f.session;
    let mail = match valid.email.clone() {
        None => None,
        Some(to) => {
            let text = core.notice_text_shared()?;
            let session = facts(s, &f.programme, f.site.as_ref());
            let ics = session_ics(core, s, &f.programme, f.site.as_ref());
            let org = s.organisation_id;
            let make: MailMaker = Box::new(move |registration, position| {
                let notice = signup_notice(registration, session, position);
                let mail = text.render(&notice, language);
                let secret = notice.link_secret();
                QueuedMail {
                    organisation_id: org,
                    recipient: to,
                    subject: mail.subject,
                    body: mail.body,
                    ics: position.is_none().then_some(ics),
                    secret_kind: secret.map(|x| x.kind().to_string()),
                    secret_ref: secret.map(|x| x.target()),
                }
            });
            Some(make)
        }
    };
    Ok(NewSignup {
        scope,
        session_id: s.id,
        expect: SessionAt {
            starts_at: s.starts_at,
            ends_at: s.ends_at,
            site_id: s.site_id,
        },
        contact_key: contact_key(valid.email.as_deref(), valid.phone.as_deref()),
        needs: Need::join_list(&valid.needs),
        name: valid.name,
        email: valid.email,
        phone: valid.phone,
        needs_other: valid.needs_other,
        cancel_token_hash: token_hash(token),
        channel: Channel::Online,
        language,
        now: core.now(),
        mail,
    })
}
