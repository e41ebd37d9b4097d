//! The checker that collects every error with its position while a quiz
//! is built, so an author sees all problems at once.

use super::{MAX_LINE, MAX_LIST, MAX_TEXT, MAX_WEIGHT};
use crate::diag::{Diagnostic, Locator, Severity};
use crate::sanitize::{clean, clean_line, is_plain_id};
use std::collections::HashMap;

/// Collects errors with positions while a quiz is built.
pub(super) struct Checker<'a> {
    pub(super) loc: Locator<'a>,
    pub(super) diags: Vec<Diagnostic>,
}

impl Checker<'_> {
    pub(super) fn err_at(&mut self, at: Option<usize>, message: String) {
        let (line, col) = at.map_or((1, 1), |o| self.loc.line_col(o));
        self.diags.push(Diagnostic {
            severity: Severity::Error,
            line,
            col,
            message,
        });
    }

    pub(super) fn line(&mut self, at: Option<usize>, what: &str, s: &str) -> String {
        let s = clean_line(s);
        if s.is_empty() {
            self.err_at(at, format!("{what} is empty"));
        } else if s.chars().count() > MAX_LINE {
            self.err_at(at, format!("{what} is longer than {MAX_LINE} characters"));
        }
        s
    }

    pub(super) fn text(
        &mut self,
        at: Option<usize>,
        what: &str,
        s: &str,
        required: bool,
    ) -> String {
        let s = clean(s).trim().to_string();
        if required && s.is_empty() {
            self.err_at(at, format!("{what} is empty"));
        } else if s.chars().count() > MAX_TEXT {
            self.err_at(at, format!("{what} is longer than {MAX_TEXT} characters"));
        }
        s
    }

    pub(super) fn list(&mut self, at: Option<usize>, what: &str, items: &[String]) -> Vec<String> {
        if items.len() > MAX_LIST {
            self.err_at(at, format!("{what} has more than {MAX_LIST} entries"));
        }
        items
            .iter()
            .take(MAX_LIST)
            .map(|s| self.line(at, what, s))
            .collect()
    }

    pub(super) fn weight(&mut self, at: Option<usize>, w: f64) -> f64 {
        if !w.is_finite() || w.abs() > MAX_WEIGHT {
            self.err_at(
                at,
                format!("weight must be a finite number between -{MAX_WEIGHT} and {MAX_WEIGHT}, found {w}"),
            );
            return 0.0;
        }
        w
    }

    pub(super) fn count(
        &mut self,
        at: Option<usize>,
        what: &str,
        n: usize,
        min: usize,
        max: usize,
    ) {
        if n < min {
            let one = what.strip_suffix('s').unwrap_or(what);
            self.err_at(at, format!("a quiz needs at least one {one}"));
        } else if n > max {
            self.err_at(at, format!("too many {what} ({n}; the limit is {max})"));
        }
    }

    /// Checks ids are plain and unique; returns id → index and each item's offset.
    pub(super) fn ids<'s>(
        &mut self,
        kind: &str,
        section: &str,
        ids: impl Iterator<Item = &'s str>,
    ) -> (HashMap<String, usize>, Vec<Option<usize>>) {
        // Count occurrences from the section's own field, so an id shared by
        // a dimension and a profile points at the right one.
        let from = self.loc.find_field_after(0, section);
        let mut map = HashMap::new();
        let mut seen: HashMap<String, usize> = HashMap::new();
        let mut at = Vec::new();
        for (i, id) in ids.enumerate() {
            let n = seen.entry(id.to_string()).or_insert(0);
            let pos = self.loc.find_id_after(id, from.unwrap_or(0), *n).or(from);
            *n += 1;
            at.push(pos);
            if !is_plain_id(id) {
                self.err_at(
                    pos,
                    format!(
                        "{kind} id {:?} is not a plain identifier (lowercase letters, digits, `_` or `-`, starting with a letter, at most 64 characters)",
                        clean_line(id)
                    ),
                );
            } else if map.contains_key(id) {
                self.err_at(pos, format!("duplicate {kind} id `{id}`"));
            } else {
                map.insert(id.to_string(), i);
            }
        }
        (map, at)
    }

    pub(super) fn resolve(
        &mut self,
        map: &HashMap<String, usize>,
        kind: &str,
        from: Option<usize>,
        id: &str,
    ) -> Option<usize> {
        let r = map.get(id).copied();
        if r.is_none() {
            let at = self.loc.find_quoted_after(from.unwrap_or(0), id).or(from);
            self.err_at(at, format!("unknown {kind} `{}`", clean_line(id)));
        }
        r
    }
}
