//! CSV output that streams: rows go to one anonymous temporary file per
//! group as results are read, so memory stays flat; at the end the header
//! row is written once, then the rows of each group large enough to show
//! (the anonymity rule). The table is long-format
//! ([`crate::core::aggregate::CSV_COLUMNS`]): groups of different quizzes
//! or versions add rows, never columns, so it stays one rectangular table.

use crate::core::aggregate::{Group, csv_header};
use std::io::{BufWriter, Seek, Write};

struct Sink {
    id: String,
    fingerprint: String,
    label: String,
    results: u64,
    file: BufWriter<std::fs::File>,
}

/// Per-group row files and the first write error, if any.
#[derive(Default)]
pub struct CsvSinks {
    sinks: Vec<Sink>,
    error: Option<std::io::Error>,
}

impl CsvSinks {
    /// Files the rows of one result (already formatted for group `g`) under its group.
    pub fn push(&mut self, g: &Group, rows: &str) {
        if self.error.is_some() {
            return;
        }
        let found = self
            .sinks
            .iter()
            .position(|s| s.id == g.quiz.id && s.fingerprint == g.quiz.fingerprint);
        let i = match found {
            Some(i) => i,
            None => match tempfile::tempfile() {
                Ok(f) => {
                    self.sinks.push(Sink {
                        id: g.quiz.id.clone(),
                        fingerprint: g.quiz.fingerprint.clone(),
                        label: g.quiz.label(),
                        results: 0,
                        file: BufWriter::new(f),
                    });
                    self.sinks.len() - 1
                }
                Err(e) => {
                    self.error = Some(e);
                    return;
                }
            },
        };
        let s = &mut self.sinks[i];
        s.results += 1;
        if let Err(e) = s.file.write_all(rows.as_bytes()) {
            self.error = Some(e);
        }
    }

    /// Writes the header and the rows of every group of at least
    /// `min_group` results to `out`, largest first; nothing at all when no
    /// group is large enough. Returns a note for each group left out for
    /// anonymity.
    pub fn finish(self, min_group: u64, out: &mut impl Write) -> std::io::Result<Vec<String>> {
        if let Some(e) = self.error {
            return Err(e);
        }
        let mut sinks = self.sinks;
        sinks.sort_by(|a, b| {
            b.results
                .cmp(&a.results)
                .then_with(|| a.label.cmp(&b.label))
        });
        let mut notes = Vec::new();
        let mut first = true;
        for s in sinks {
            if s.results < min_group {
                notes.push(format!(
                    "note: the {} results of {} are left out of the CSV: fewer than {min_group}, \
                     so they could be traced back to people",
                    s.results, s.label
                ));
                continue;
            }
            if first {
                out.write_all(csv_header().as_bytes())?;
                first = false;
            }
            let mut f = s
                .file
                .into_inner()
                .map_err(std::io::IntoInnerError::into_error)?;
            f.rewind()?;
            std::io::copy(&mut f, out)?;
        }
        Ok(notes)
    }
}
