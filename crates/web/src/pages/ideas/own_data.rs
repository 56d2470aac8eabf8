//! own data
