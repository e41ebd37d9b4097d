//! Results in and out of `careerfit_results`.
//!
//! In: one row per result id. A re-submission of the same id replaces the
//! row (never a second one), unless the row already holds a later
//! submission, so an older copy sent late (two servers, a retry) cannot
//! overwrite a newer one. The trigger of [`crate::schema`] notifies
//! `careerfit_results` in the same transaction.
//!
//! Out: rows are untrusted (anyone with the database's password may write
//! them), so they come back as raw bytes for the reader of folder files
//! ([`careerfit::workshop::inputs::Item::Data`]), which parses and
//! sanitizes them exactly as it does a file; a row too large to be a
//! result is not even fetched.

use crate::Error;
use careerfit::workshop::inputs::{Item, MAX_RESULT_BYTES};
use careerfit_core::report::Report;
use careerfit_core::sanitize::clean_line;
use tokio_postgres::GenericClient;

/// Longest id kept (the schema's check); careerfit's are 32 hex digits.
pub const MAX_ID: usize = 128;

/// What an insert did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Saved {
    /// A new participant's result.
    Inserted,
    /// That participant's row now holds this submission.
    Replaced,
    /// The row already held this submission or a later one.
    Unchanged,
}

/// The columns of one result, taken from its JSON.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fields {
    pub id: String,
    pub quiz: String,
    pub quiz_version: String,
    pub fingerprint: String,
    pub nickname: Option<String>,
    pub outcome: String,
    /// RFC 3339 UTC, or empty when the result does not say.
    pub finished: String,
}

/// The columns of a result file's text; `Err` says why it is not one
/// careerfit can store (it must parse as a result and carry an id).
pub fn fields(body: &str) -> Result<Fields, String> {
    let r: Report =
        serde_json::from_str(body).map_err(|e| format!("not a careerfit result: {e}"))?;
    let id =
        r.id.as_deref()
            .map(clean_line)
            .filter(|i| !i.is_empty() && i.len() <= MAX_ID)
            .ok_or("the result has no usable id")?;
    let finished = r
        .finished
        .as_deref()
        .filter(|f| is_rfc3339_utc(f))
        .unwrap_or("")
        .to_string();
    Ok(Fields {
        id,
        quiz: clean_line(&r.quiz.id),
        quiz_version: clean_line(&r.quiz.version),
        fingerprint: clean_line(&r.quiz.fingerprint),
        nickname: r.name.as_deref().map(clean_line),
        outcome: clean_line(&r.recommendation.outcome),
        finished,
    })
}

/// `YYYY-MM-DDTHH:MM:SSZ`, as careerfit writes `finished`.
fn is_rfc3339_utc(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 20
        && b.iter().enumerate().all(|(i, c)| match i {
            4 | 7 => *c == b'-',
            10 => *c == b'T',
            13 | 16 => *c == b':',
            19 => *c == b'Z',
            _ => c.is_ascii_digit(),
        })
}

/// Stores one result (`body`, its JSON text) submitted at
/// `submitted_us` (microseconds since the epoch).
pub async fn insert(
    client: &impl GenericClient,
    url: &str,
    body: &str,
    submitted_us: i64,
) -> Result<Saved, Error> {
    let f = fields(body).map_err(|why| Error::Query {
        url: url.to_string(),
        why,
    })?;
    let rows = client
        .query(
            "INSERT INTO careerfit_results AS r
                 (id, quiz, quiz_version, fingerprint, nickname, outcome, finished,
                  submitted_at, body)
             VALUES ($1, $2, $3, $4, $5, $6, NULLIF($7, '')::timestamptz,
                     timestamptz 'epoch' + $8::int8 * interval '1 microsecond', $9)
             ON CONFLICT (id) DO UPDATE SET
                 quiz = EXCLUDED.quiz, quiz_version = EXCLUDED.quiz_version,
                 fingerprint = EXCLUDED.fingerprint, nickname = EXCLUDED.nickname,
                 outcome = EXCLUDED.outcome, finished = EXCLUDED.finished,
                 submitted_at = EXCLUDED.submitted_at, received_at = now(),
                 revisions = r.revisions + 1, body = EXCLUDED.body
             WHERE r.submitted_at <= EXCLUDED.submitted_at
               AND (r.submitted_at, r.body) IS DISTINCT FROM (EXCLUDED.submitted_at, EXCLUDED.body)
             RETURNING (xmax = 0)",
            &[
                &f.id,
                &f.quiz,
                &f.quiz_version,
                &f.fingerprint,
                &f.nickname,
                &f.outcome,
                &f.finished,
                &submitted_us,
                &body,
            ],
        )
        .await
        .map_err(|e| Error::from_driver(url, &e))?;
    Ok(match rows.first().map(|r| r.get::<_, bool>(0)) {
        Some(true) => Saved::Inserted,
        Some(false) => Saved::Replaced,
        None => Saved::Unchanged,
    })
}

/// One row as read back: its id (cut to [`MAX_ID`]) and its text, or
/// `None` when it is larger than a result can be (then only its size).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stored {
    pub id: String,
    pub body: Option<String>,
    pub bytes: i64,
}

/// Rows fetched at a time by [`read_all`] and by readers that page
/// ([`read_page`]): a few megabytes at most.
pub const PAGE: i64 = 500;

/// Every result, or those of quiz `quiz`, in id order.
pub async fn read_all(
    client: &impl GenericClient,
    url: &str,
    quiz: Option<&str>,
) -> Result<Vec<Stored>, Error> {
    let mut all = Vec::new();
    let mut after: Option<String> = None;
    loop {
        let page = read_page(client, url, quiz, after.as_deref(), PAGE).await?;
        let full = page.len() as i64 == PAGE;
        after = page.last().map(|r| r.id.clone());
        all.extend(page);
        if !full {
            return Ok(all);
        }
    }
}

/// Up to `limit` results (of quiz `quiz`) whose id comes after `after`,
/// in id order, so a reader can go through any number of rows in bounded
/// memory. A database without the results table is [`Error::NoResults`].
pub async fn read_page(
    client: &impl GenericClient,
    url: &str,
    quiz: Option<&str>,
    after: Option<&str>,
    limit: i64,
) -> Result<Vec<Stored>, Error> {
    if after.is_none() {
        let exists = client
            .query_one("SELECT to_regclass('careerfit_results') IS NOT NULL", &[])
            .await
            .map_err(|e| Error::from_driver(url, &e))?;
        if !exists.get::<_, bool>(0) {
            return Err(Error::NoResults {
                url: url.to_string(),
            });
        }
    }
    let max = MAX_RESULT_BYTES as i64;
    let rows = client
        .query(
            "SELECT id,
                    CASE WHEN octet_length(body)::int8 <= $1 THEN body END,
                    octet_length(body)::int8
             FROM careerfit_results
             WHERE ($2::text IS NULL OR quiz = $2) AND ($3::text IS NULL OR id > $3)
             ORDER BY id
             LIMIT $4",
            &[&max, &quiz, &after, &limit],
        )
        .await
        .map_err(|e| Error::from_driver(url, &e))?;
    Ok(rows
        .iter()
        .map(|r| Stored {
            id: r.get(0),
            body: r.get(1),
            bytes: r.get(2),
        })
        .collect())
}

/// The rows as inputs for `aggregate`, `analyze` and the dashboard, named
/// `URL#id` in their messages.
pub fn items(shown: &str, rows: Vec<Stored>) -> impl Iterator<Item = Item> {
    let shown = shown.to_string();
    rows.into_iter().map(move |r| item(&shown, r))
}

/// One row as an input (see [`items`]).
pub fn item(shown: &str, r: Stored) -> Item {
    let mut id = clean_line(&r.id);
    if let Some((i, _)) = id.char_indices().nth(40) {
        id.truncate(i);
    }
    Item::Data {
        what: format!("{shown}#{id}"),
        bytes: r.body.map(String::into_bytes),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_come_from_the_result_and_need_an_id() {
        let q =
            careerfit_core::load::load(careerfit_core::bundled::BUNDLED[0].2.as_bytes()).unwrap();
        let r = careerfit_core::report::build(&q, &vec![Some(0); q.questions.len()], Some("sam"));
        assert_eq!(
            fields(&r.to_json()).unwrap_err(),
            "the result has no usable id"
        );
        let r = r.stamped("abc123", "2026-12-01T10:00:00Z");
        let f = fields(&r.to_json()).unwrap();
        assert_eq!(f.id, "abc123");
        assert_eq!(f.quiz, "pm-vs-pd");
        assert_eq!(f.nickname.as_deref(), Some("sam"));
        assert_eq!(f.finished, "2026-12-01T10:00:00Z");
        assert!(
            fields("{}")
                .unwrap_err()
                .starts_with("not a careerfit result")
        );
        assert!(!is_rfc3339_utc("2026-12-01 10:00:00Z"));
    }
}
