//! All integration tests in one binary. They run on in-memory SQLite, and
//! on PostgreSQL when `SAMVIRKE_TEST_PG` holds a URL (each test then gets a
//! database of its own).

mod smtp;
mod spans;
mod support;

mod access;
mod api;
mod api_contract;
mod appointments;
mod appointments_admin;
mod appointments_bench;
mod appointments_pages;
mod auth;
mod availability;
mod bad_input;
mod certificates;
mod classes;
mod csrf;
mod editing;
mod group_commit;
mod hardening;
mod migrations;
mod notice;
mod outbox;
mod pages;
mod planning;
mod quiz;
mod quiz_bank;
mod quiz_live;
mod referrals;
mod rooms;
mod rooms_edit;
mod scoping;
mod seasons;
mod server;
mod sessions;
mod throttling;
mod usable;
mod visit_day;
mod web;
// Ideas, own data and retention settings (issue 13).
mod ideas;
mod own_data;
mod retention_settings;
// The reach report and feedback (issue 13).
mod feedback;
mod reach;
mod reach_bench;
mod reach_data;
