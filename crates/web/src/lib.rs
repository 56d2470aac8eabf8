//! The web layer: HTML pages, the JSON API, assets. The only crate that
//! knows HTTP, HTML and JSON.

pub mod api;
pub mod assets;
pub mod http;
pub mod i18n;
pub mod metrics;
pub mod multipart;
pub mod notices;
pub mod pages;
pub mod paging;
pub mod pdf;
mod public_cache;
mod router;
pub mod server;
mod state;

pub use public_cache::{PUBLIC_CACHE_FOR, PublicMunicipality};
pub use router::app;
pub use state::{AppState, PUBLIC_ACTIONS_PER_ADDRESS, WebConfig};
