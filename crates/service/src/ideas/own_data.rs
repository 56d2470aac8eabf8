//! (own data)
