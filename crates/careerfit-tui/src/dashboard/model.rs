//! The dashboard's state and its messages. Everything the screen shows is
//! here; the view draws from it alone.

use crate::theme::Theme;
use careerfit_core::aggregate::{Aggregate, Group};
use std::time::Duration;

/// What the facilitator's dashboard knows.
#[derive(Debug, Clone)]
pub struct Model {
    /// Where participants submit to, as they should type it: the workshop
    /// folder, or the database's URL (never with its password).
    pub dir: String,
    /// `--quiz` as given, repeated in the join command.
    pub quiz_arg: Option<String>,
    /// The latest full scan of the folder.
    pub agg: Aggregate,
    /// Distributions are hidden until the facilitator reveals them, so
    /// early finishers do not sway the room.
    pub revealed: bool,
    /// The anonymity threshold, as in `careerfit aggregate`.
    pub min_group: u64,
    /// A one-line message in the footer (export done, watch problems).
    pub status: Option<String>,
    /// How new results reach the dashboard now; the header says it, so a
    /// facilitator can tell a quiet room from a dashboard that hears nothing.
    pub link: Link,
    pub theme: Theme,
}

/// How the dashboard hears of new results.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Link {
    /// Told of each change as it happens: the system's file watch, or the
    /// database's notifications.
    Live,
    /// Looks again this often: `--poll` (a folder on NFS, where the system's
    /// watch misses other machines' writes), or the system's watch failed.
    Polling(Duration),
    /// The folder is gone or cannot be watched.
    NotWatching,
    /// The database does not answer; the dashboard keeps trying and shows
    /// the last results it read.
    Waiting,
}

impl Link {
    /// The header's words for it.
    pub fn label(self) -> String {
        match self {
            Link::Live => "live".into(),
            Link::Polling(d) => format!("live · polling every {}", seconds(d)),
            Link::NotWatching => "not watching".into(),
            Link::Waiting => "waiting for the database".into(),
        }
    }
}

/// `2s`, `1.5s`: a poll interval as the command line spells it.
fn seconds(d: Duration) -> String {
    if d.subsec_millis() == 0 {
        format!("{}s", d.as_secs())
    } else {
        format!("{:.1}s", d.as_secs_f64())
    }
}

/// Everything that can change the model.
#[derive(Debug, Clone)]
pub enum Msg {
    /// `r`: reveal the distributions, or hide them again.
    ToggleReveal,
    /// `e`: export the report as Markdown, CSV and HTML into the folder.
    Export,
    /// `q`, Esc or Ctrl-C.
    Quit,
    /// The results may have changed: files in the folder (debounced), a
    /// notification from the database, or a poll.
    FilesChanged,
    /// A scan finished.
    Scanned(Aggregate),
    /// The runtime reports how an effect went.
    Status(String),
    /// The results' source reports how it is heard from now.
    Link(Link),
}

/// Work with side effects that `update` asks the runtime to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    Rescan,
    Export,
    Quit,
}

impl Model {
    pub fn new(dir: String, quiz_arg: Option<String>, min_group: u64, theme: Theme) -> Self {
        Model {
            dir,
            quiz_arg,
            agg: Aggregate::new(),
            revealed: false,
            min_group,
            status: None,
            link: Link::Live,
            theme,
        }
    }

    /// The files that could not be counted, named, for the footer:
    /// `1 unreadable: a.json (check its permissions) · 1 invalid: b.json`.
    pub fn problems(&self) -> Option<String> {
        let part = |n: u64, names: &[String], what: &str, hint: &str| {
            (n > 0).then(|| {
                let more = if n > names.len() as u64 { ", …" } else { "" };
                let short: Vec<&str> = names
                    .iter()
                    .map(|p| p.rsplit('/').next().unwrap_or(p))
                    .collect();
                format!("{n} {what}: {}{more}{hint}", short.join(", "))
            })
        };
        let parts: Vec<String> = [
            part(
                self.agg.unreadable,
                &self.agg.unreadable_names,
                "unreadable",
                " (check permissions)",
            ),
            part(self.agg.invalid, &self.agg.invalid_names, "invalid", ""),
        ]
        .into_iter()
        .flatten()
        .collect();
        (!parts.is_empty()).then(|| parts.join(" · "))
    }

    /// The group on screen: the quiz most results belong to.
    pub fn main_group(&self) -> Option<&Group> {
        // Only a loaded quiz has distributions to draw; results of any
        // other quiz are counted among the others.
        self.agg.ordered().into_iter().find(|g| g.known)
    }

    /// Results on screen (the main group's).
    pub fn count(&self) -> u64 {
        self.main_group().map_or(0, |g| g.count)
    }

    /// Results of other quizzes or versions in the folder, kept apart.
    pub fn others(&self) -> u64 {
        self.agg.count() - self.count()
    }

    /// Whether the distributions may be drawn now: revealed, and enough
    /// results that no one can be singled out.
    pub fn showing(&self) -> bool {
        self.revealed
            && self
                .main_group()
                .is_some_and(|g| !g.suppressed(self.min_group))
    }

    /// The command participants run to join.
    pub fn join_command(&self) -> String {
        let quiz = self
            .quiz_arg
            .as_deref()
            .map_or(String::new(), |q| format!(" --quiz {}", shell_word(q)));
        format!("careerfit take{quiz} --submit {}", shell_word(&self.dir))
    }
}

/// `s` quoted for a POSIX shell when it needs it, so the join command can
/// be typed as shown.
fn shell_word(s: &str) -> String {
    let plain = !s.is_empty()
        && s.chars()
            .all(|c| c.is_alphanumeric() || "/._-~+,:@%=".contains(c));
    if plain {
        s.to_string()
    } else {
        format!("'{}'", s.replace('\'', r"'\''"))
    }
}
