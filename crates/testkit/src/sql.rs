//! Plain SQL for tests: to set up rows as an older schema had them, and to
//! look at what is stored without going through the code under test.
//! `$1`, `$2`, … placeholders work on both databases.

use samvirke_store::sea_orm::{ConnectionTrait, QueryResult, Statement, TryGetable, Value};

/// Runs one statement; returns the rows it affected.
pub async fn exec(db: &impl ConnectionTrait, sql: &str, values: Vec<Value>) -> u64 {
    let stmt = Statement::from_sql_and_values(db.get_database_backend(), sql, values);
    db.execute_raw(stmt)
        .await
        .unwrap_or_else(|e| panic!("{sql}: {e}"))
        .rows_affected()
}

/// The rows of a query.
pub async fn rows(db: &impl ConnectionTrait, sql: &str, values: Vec<Value>) -> Vec<QueryResult> {
    let stmt = Statement::from_sql_and_values(db.get_database_backend(), sql, values);
    db.query_all_raw(stmt)
        .await
        .unwrap_or_else(|e| panic!("{sql}: {e}"))
}

/// The first column of every row of a query.
pub async fn column<T: TryGetable>(
    db: &impl ConnectionTrait,
    sql: &str,
    values: Vec<Value>,
) -> Vec<T> {
    rows(db, sql, values)
        .await
        .iter()
        .map(|r| {
            r.try_get_by_index::<T>(0)
                .unwrap_or_else(|e| panic!("{sql}: {e}"))
        })
        .collect()
}

/// The one value a query answers.
pub async fn one<T: TryGetable>(db: &impl ConnectionTrait, sql: &str, values: Vec<Value>) -> T {
    let mut all = column::<T>(db, sql, values).await;
    assert_eq!(all.len(), 1, "one row from {sql}");
    all.remove(0)
}
