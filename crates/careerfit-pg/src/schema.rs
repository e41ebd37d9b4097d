//! The schema, created and upgraded by the program itself (docs/results-db.md).
//!
//! `careerfit_schema` records each migration applied (version, what it
//! did, when). [`migrate`] runs the missing ones in order, in one
//! transaction, under an advisory lock, so two servers starting at the
//! same moment do not both apply them; a database whose schema is newer
//! than this program is refused rather than written to.

use crate::Error;
use tokio_postgres::Client;

/// The advisory lock every migration holds ("careerfi" in ASCII).
const LOCK: i64 = 0x6361_7265_6572_6669;

/// Every migration, oldest first: (version, description, SQL). Never
/// edit one that has shipped; add the next.
pub const MIGRATIONS: &[(i32, &str, &str)] = &[(
    1,
    "careerfit_results table, NOTIFY careerfit_results on insert and update",
    r"
CREATE TABLE careerfit_results (
    id           text PRIMARY KEY CHECK (length(id) BETWEEN 1 AND 128),
    quiz         text NOT NULL,
    quiz_version text NOT NULL,
    fingerprint  text NOT NULL,
    nickname     text,
    outcome      text NOT NULL,
    finished     timestamptz,
    submitted_at timestamptz NOT NULL,
    received_at  timestamptz NOT NULL DEFAULT now(),
    revisions    integer NOT NULL DEFAULT 1,
    body         text NOT NULL
);
CREATE INDEX careerfit_results_quiz ON careerfit_results (quiz, quiz_version);
CREATE FUNCTION careerfit_results_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('careerfit_results', NEW.id);
    RETURN NEW;
END
$$;
CREATE TRIGGER careerfit_results_notify
    AFTER INSERT OR UPDATE ON careerfit_results
    FOR EACH ROW EXECUTE FUNCTION careerfit_results_notify();
",
)];

/// The schema version this program writes and reads.
pub fn latest() -> i32 {
    MIGRATIONS.last().map_or(0, |m| m.0)
}

/// Brings the database's schema up to [`latest`]; returns how many
/// migrations were applied (0 when it was already there).
pub async fn migrate(client: &mut Client, url: &str) -> Result<usize, Error> {
    let q = |e: tokio_postgres::Error| Error::from_driver(url, &e);
    let tx = client.transaction().await.map_err(q)?;
    tx.execute("SELECT pg_advisory_xact_lock($1)", &[&LOCK])
        .await
        .map_err(q)?;
    tx.batch_execute(
        "CREATE TABLE IF NOT EXISTS careerfit_schema (
             version     integer PRIMARY KEY,
             description text NOT NULL,
             applied_at  timestamptz NOT NULL DEFAULT now()
         )",
    )
    .await
    .map_err(q)?;
    let row = tx
        .query_one(
            "SELECT coalesce(max(version), 0) FROM careerfit_schema",
            &[],
        )
        .await
        .map_err(q)?;
    let have: i32 = row.get(0);
    if have > latest() {
        return Err(Error::Schema {
            url: url.to_string(),
            why: format!(
                "its careerfit schema is version {have}, newer than this program knows ({}); \
                 use a newer careerfit",
                latest()
            ),
        });
    }
    let mut applied = 0;
    for (version, description, sql) in MIGRATIONS.iter().filter(|m| m.0 > have) {
        tx.batch_execute(sql).await.map_err(q)?;
        tx.execute(
            "INSERT INTO careerfit_schema (version, description) VALUES ($1, $2)",
            &[version, description],
        )
        .await
        .map_err(q)?;
        applied += 1;
    }
    tx.commit().await.map_err(q)?;
    Ok(applied)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_count_up_from_one() {
        for (i, m) in MIGRATIONS.iter().enumerate() {
            assert_eq!(m.0 as usize, i + 1);
        }
        assert_eq!(latest(), 1);
    }
}
