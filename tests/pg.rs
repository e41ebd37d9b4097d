//! Results in a real PostgreSQL server (a throw-away cluster,
//! tests/common/pg.rs): the schema made by the program, the insert by
//! result id that replaces rather than adds, the notification, and the
//! rows read back as the same inputs as folder files.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a panic here is a failed run

mod common;

use careerfit::results::DbUrl;
use careerfit_pg::{Db, Saved};
use common::pg::{Pg, runtime};

fn result(id: &str, answer: usize, name: Option<&str>) -> String {
    let q = common::default_quiz();
    careerfit::core::report::build(&q, &vec![Some(answer); q.questions.len()], name)
        .stamped(id, "2026-12-01T10:00:00Z")
        .to_json()
}

#[test]
fn insert_notifies_and_a_resubmission_replaces_the_row() {
    let Some(pg) = Pg::start("insert_notifies_and_a_resubmission_replaces_the_row") else {
        return;
    };
    let url = DbUrl::parse(&pg.url("postgres")).unwrap();
    runtime().block_on(async {
        let db = Db::open(&url).await.unwrap();
        // Migrations ran once; opening again applies none.
        assert_eq!(db.migrate().await.unwrap(), 0);
        let (listener, mut conn) = db.settings().connect().await.unwrap();
        let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel();
        tokio::spawn(async move {
            while let Some(m) = std::future::poll_fn(|cx| conn.poll_message(cx)).await {
                if let Ok(careerfit_pg::tokio_postgres::AsyncMessage::Notification(n)) = m {
                    let _ = tx.send((n.channel().to_string(), n.payload().to_string()));
                }
            }
        });
        listener
            .batch_execute("LISTEN careerfit_results")
            .await
            .unwrap();

        let first = result("0123abcd", 0, Some("sam"));
        assert_eq!(db.insert(&first, 1_000).await.unwrap(), Saved::Inserted);
        let n = tokio::time::timeout(std::time::Duration::from_secs(10), rx.recv())
            .await
            .unwrap()
            .unwrap();
        assert_eq!(n, ("careerfit_results".to_string(), "0123abcd".to_string()));

        // The same participant again: one row, the newer result.
        let second = result("0123abcd", 2, Some("sam"));
        assert_eq!(db.insert(&second, 2_000).await.unwrap(), Saved::Replaced);
        // The same copy again, or an older one arriving late: nothing changes.
        assert_eq!(db.insert(&second, 2_000).await.unwrap(), Saved::Unchanged);
        assert_eq!(db.insert(&first, 1_500).await.unwrap(), Saved::Unchanged);
        let rows = db.read_all(None).await.unwrap();
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].id, "0123abcd");
        assert_eq!(rows[0].body.as_deref(), Some(second.as_str()));
        assert_eq!(db.read_all(Some("another-quiz")).await.unwrap().len(), 0);
    });
    assert_eq!(
        pg.sql("SELECT count(*), max(revisions), max(nickname), max(quiz) FROM careerfit_results"),
        "1|2|sam|pm-vs-pd"
    );
    assert_eq!(pg.sql("SELECT version FROM careerfit_schema"), "1");
}

fn report(id: &str, name: &str) -> careerfit::core::report::Report {
    let q = common::default_quiz();
    careerfit::core::report::build(&q, &vec![Some(1); q.questions.len()], Some(name))
        .stamped(id, "2026-12-01T10:00:00Z")
}

#[test]
fn the_spool_sends_in_batches_and_rejects_only_what_cannot_go() {
    let Some(pg) = Pg::start("the_spool_sends_in_batches_and_rejects_only_what_cannot_go") else {
        return;
    };
    let url = DbUrl::parse(&pg.url("postgres")).unwrap();
    let d = tempfile::tempdir().unwrap();
    let spool = careerfit_pg::Spool::open(d.path().join("spool")).unwrap();
    // More than a batch, one file that is not a result, and one the
    // database itself refuses (a check the test adds).
    for i in 0..(careerfit_pg::SPOOL_BATCH + 20) {
        spool.put(&report(&format!("{i:032x}"), "ada")).unwrap();
    }
    spool.put(&report("eeee", "eve")).unwrap();
    std::fs::write(spool.dir().join("result-x-junk.json"), "{not json").unwrap();
    runtime().block_on(async {
        let db = Db::open(&url).await.unwrap();
        pg.psql(
            "postgres",
            "ALTER TABLE careerfit_results ADD CONSTRAINT no_eve CHECK (nickname <> 'eve')",
        );
        let pass = spool.send(db.pool(), db.shown()).await.unwrap();
        assert_eq!(pass.sent, careerfit_pg::SPOOL_BATCH + 20);
        let mut rejected: Vec<&str> = pass.rejected.iter().map(|(f, _)| f.as_str()).collect();
        rejected.sort_unstable();
        assert_eq!(
            rejected,
            ["result-pm-vs-pd-eeee.json", "result-x-junk.json"]
        );
        // Sending again finds nothing: the rejected wait in rejected/.
        let again = spool.send(db.pool(), db.shown()).await.unwrap();
        assert_eq!((again.sent, again.rejected.len()), (0, 0));
    });
    assert_eq!(spool.waiting(), 0);
    assert_eq!(
        std::fs::read_dir(spool.dir().join("rejected"))
            .unwrap()
            .count(),
        2
    );
    assert_eq!(
        pg.sql("SELECT count(*) FROM careerfit_results"),
        (careerfit_pg::SPOOL_BATCH + 20).to_string()
    );
}
