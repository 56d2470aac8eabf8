//! The quiz's pages: participants join and play on `/quiz` (no account),
//! the presenter's big screen and the staff pages (question bank, paper
//! sheets, typing grid, results) under `/quiz-koersel` and `/programmes`.
//! Every page works without JavaScript; `quiz.js` only listens to the
//! server-sent events and fetches the page again when something changed.

pub mod bank;
pub mod live;
pub mod paper;
pub mod play;
pub mod present;
mod stream;

use crate::AppState;

/// The quiz's public calls, counted per run (its join code) and per player
/// token, never per address; `Err(seconds to wait)` when over a limit.
pub(crate) fn limit(state: &AppState, code: &str, token: Option<&str>) -> Result<(), u64> {
    let now = state.core.now();
    let code: String = code.chars().take(12).collect();
    state.quiz_live.per_run.hit(&format!("run:{code}"), now)?;
    if let Some(token) = token {
        let token: String = token.chars().take(100).collect();
        state
            .quiz_live
            .per_player
            .hit(&format!("player:{token}"), now)?;
    }
    Ok(())
}

/// The player cookie of a run: one per join code, so a phone can take part
/// in two runs a day.
pub(crate) fn player_cookie(code: &str) -> String {
    format!("samvirke_quiz_{code}")
}

/// The QR code of an address as inline SVG (no XML declaration), drawn by
/// the `qrcode` crate.
pub(crate) fn qr_svg(url: &str) -> String {
    use qrcode::QrCode;
    use qrcode::render::svg;
    let Ok(code) = QrCode::new(url.as_bytes()) else {
        return String::new();
    };
    let svg = code
        .render::<svg::Color<'_>>()
        .min_dimensions(240, 240)
        .quiet_zone(true)
        .build();
    match svg.find("<svg") {
        Some(i) => svg[i..].replacen(
            "<svg",
            "<svg role=\"img\" aria-labelledby=\"quiz-qr-title\"",
            1,
        ),
        None => String::new(),
    }
}
