//! The "Digital dåbsattest" of a class: a printable page (one certificate
//! per printed sheet) and the same certificates as one PDF.

use super::super::errors::PageError;
use super::super::{Chrome, chrome, render};
use crate::http::StaffCtx;
use crate::pdf::certificates::{self as pdf, Certificate};
use askama::Template;
use axum::extract::Path;
use axum::response::{IntoResponse, Redirect, Response};
use samvirke_service::classes::{self as svc, Recipients};

#[derive(Template)]
#[template(path = "class_certificates.html")]
struct CertificatesPage {
    c: Chrome,
    id: i64,
    heading: String,
    /// Who gets one: those marked present, or the whole class in advance.
    note: String,
    count: String,
    certificates: Vec<Certificate>,
}

pub async fn page(
    StaffCtx { ctx, me }: StaffCtx,
    Path(id): Path<i64>,
) -> Result<Response, PageError> {
    let certs = svc::certificates(&ctx.state.core, &me.as_actor(), id).await?;
    let loc = ctx.loc;
    let certificates = pdf::texts(loc, &certs);
    let note = match (
        certs.recipients,
        certs.class.pupil_count,
        certificates.is_empty(),
    ) {
        (_, 0, _) => loc.t("certificates-no-pupils"),
        (Recipients::Attended, _, true) => loc.t("certificates-none-attended"),
        (Recipients::Attended, _, false) => loc.t("certificates-attended"),
        (Recipients::WholeClass, _, _) => loc.t("certificates-in-advance"),
    };
    let heading = format!(
        "{} – {} {}",
        loc.t("certificates-heading"),
        certs.class.name,
        certs.class.school
    );
    let mut c = chrome(&ctx, "certificates-heading", "/klasser").await?;
    c.title = heading.clone();
    Ok(render(&CertificatesPage {
        c,
        id,
        heading,
        note,
        count: loc.t_count("certificates-count", "count", certificates.len()),
        certificates,
    }))
}

/// The certificates as one PDF. A class with no one to give one to has
/// no PDF: the page says why.
pub async fn pdf(
    StaffCtx { ctx, me }: StaffCtx,
    Path(id): Path<i64>,
) -> Result<Response, PageError> {
    let certs = svc::certificates(&ctx.state.core, &me.as_actor(), id).await?;
    if certs.pupils.is_empty() {
        return Ok(Redirect::to(&format!("/klasser/{id}/beviser")).into_response());
    }
    Ok(pdf::download(ctx.loc, certs).await?)
}
