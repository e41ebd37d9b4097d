//! Carrying out [`Effect`]s: the only place the TUI touches files. The
//! local runtime and the SSH server share it, with different settings.

use crate::core::report::Report;
use crate::core::tr;
use crate::store;
use crate::tui::model::Model;
use crate::tui::msg::Effect;
use base64::Engine;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::Ordering;

/// Where things go for this session.
#[derive(Debug, Clone, Default)]
pub struct Settings {
    /// Folder for saved progress and history (`None` disables both).
    pub data_dir: Option<PathBuf>,
    /// Folder where `w` writes JSON and Markdown.
    pub save_dir: PathBuf,
    /// Where a finished result is submitted (workshops).
    pub submit: Option<SubmitTo>,
    /// The shuffle seed, stored with progress so a resume keeps the order.
    pub seed: Option<u64>,
    /// Whether this instance holds the quiz's progress lock, so it may save
    /// and clear progress (a second instance on the same folder may not).
    pub progress: bool,
    /// This participant's result id ([`store::new_result_id`]), one per
    /// quiz session: every time the quiz is finished the result keeps it,
    /// so submitting again replaces the result. Empty: a new id per result.
    pub result_id: String,
    /// When the quiz was last finished (seconds since the epoch; 0: not yet),
    /// so a result saved later with `w` says when it was finished.
    pub finished_at: std::sync::Arc<std::sync::atomic::AtomicU64>,
}

impl Settings {
    /// The session's result as this participant's: its id and the time the
    /// quiz was finished.
    fn stamp(&self, r: &Report) -> Report {
        let id = if self.result_id.is_empty() {
            store::new_result_id()
        } else {
            self.result_id.clone()
        };
        let at = match self.finished_at.load(Ordering::Relaxed) {
            0 => store::now_secs(),
            t => t,
        };
        r.stamped(&id, &store::utc_rfc3339(at))
    }
}

/// Where a finished result is written.
#[derive(Clone)]
pub struct SubmitTo {
    /// The workshop folder, or the database's spool folder.
    pub dir: PathBuf,
    /// A database, shown as its URL without a password: the folder is
    /// where the result waits until it is sent.
    pub database: Option<String>,
    /// Called after each result is written ([`apply`] and the plain mode
    /// call it), so a database's sender can send it at once.
    pub saved: Option<Arc<dyn Fn() + Send + Sync>>,
}

impl std::fmt::Debug for SubmitTo {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SubmitTo")
            .field("dir", &self.dir)
            .field("database", &self.database)
            .finish_non_exhaustive()
    }
}

impl SubmitTo {
    /// A workshop folder.
    pub fn folder(dir: PathBuf) -> Self {
        SubmitTo {
            dir,
            database: None,
            saved: None,
        }
    }

    /// Says a result was written (see the field).
    pub(crate) fn saved(&self) {
        if let Some(f) = &self.saved {
            f();
        }
    }
}

/// What the runtime must do after effects ran.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Outcome {
    /// Bytes to write to the terminal (OSC 52 clipboard requests).
    pub terminal: Vec<u8>,
    /// A message for the footer.
    pub status: Option<String>,
    pub quit: bool,
    /// A finished result was submitted (`Some(true)`) or could not be
    /// (`Some(false)`); `None` when nothing was submitted.
    pub submitted: Option<bool>,
}

/// The OSC 52 sequence asking the terminal to put `text` on the clipboard.
pub fn osc52(text: &str) -> Vec<u8> {
    let b64 = base64::engine::general_purpose::STANDARD.encode(text.as_bytes());
    format!("\x1b]52;c;{b64}\x07").into_bytes()
}

/// Runs effects in order and collects what the runtime must show or send.
pub fn apply(m: &Model, effects: Vec<Effect>, s: &Settings) -> Outcome {
    let mut out = Outcome::default();
    for e in effects {
        match e {
            Effect::Quit => out.quit = true,
            Effect::SaveProgress => {
                if let Some(dir) = s.data_dir.as_ref().filter(|_| s.progress) {
                    let p = store::Progress {
                        quiz: m.quiz().id.clone(),
                        fingerprint: m.quiz().fingerprint.clone(),
                        answers: m.answers().clone(),
                        pos: m.pos(),
                        seed: s.seed,
                        saved_at: store::now_secs(),
                    };
                    if let Err(e) = store::save_progress(dir, &p) {
                        out.status = Some(tr!(
                            m.lang(),
                            "status-progress-failed",
                            reason = crate::edge::io_reason(&e)
                        ));
                    }
                }
            }
            Effect::ClearProgress => {
                if let Some(dir) = s.data_dir.as_ref().filter(|_| s.progress) {
                    store::clear_progress(dir, &m.quiz().id);
                }
            }
            Effect::Finished => {
                let Some(r) = m.report() else { continue };
                s.finished_at.store(store::now_secs(), Ordering::Relaxed);
                let r = &s.stamp(r);
                if let Some(dir) = &s.data_dir {
                    let _ = store::add_history(dir, r);
                }
                if let Some(to) = &s.submit {
                    let dir = &to.dir;
                    let saved = store::submit(dir, r);
                    out.submitted = Some(saved.is_ok());
                    if saved.is_ok() {
                        to.saved();
                    }
                    out.status = Some(match saved {
                        Ok(_) if let Some(db) = &to.database => {
                            tr!(m.lang(), "status-submitted-database", target = db.as_str())
                        }
                        Ok(p) => tr!(
                            m.lang(),
                            "status-submitted",
                            file = crate::core::sanitize::clean_path(&p)
                        ),
                        Err(e) => tr!(
                            m.lang(),
                            "status-submit-failed",
                            dir = crate::core::sanitize::clean_path(dir),
                            reason = crate::edge::io_reason(&e)
                        ),
                    });
                }
            }
            Effect::Copy(text) => {
                out.terminal.extend(osc52(&text));
                // Nothing tells whether the terminal did it (tmux's default
                // ignores the request), so say what else there is.
                out.status = Some(if m.is_remote() {
                    m.lang().t("status-copied-remote")
                } else {
                    m.lang().t("status-copied")
                });
            }
            Effect::WriteResult(dir) => {
                let Some(r) = m.report() else { continue };
                let r = &s.stamp(r);
                let dir = dir
                    .as_deref()
                    .map_or_else(|| s.save_dir.clone(), expand_home);
                let dir = &dir;
                out.status = Some(match store::save_result(dir, r) {
                    Ok((j, md)) => saved_message(m.lang(), dir, &j, &md, r),
                    Err(e) => tr!(
                        m.lang(),
                        "status-save-failed",
                        dir = crate::core::sanitize::clean_path(dir),
                        reason = crate::edge::io_reason(&e)
                    ),
                });
            }
        }
    }
    out
}

/// What `w` says after the result was saved as `j` and `md`; it saves the
/// card images beside them too, and says so (or why it could not).
fn saved_message(
    lang: crate::core::i18n::Lang,
    dir: &std::path::Path,
    j: &std::path::Path,
    md: &std::path::Path,
    r: &Report,
) -> String {
    use crate::core::sanitize::clean_path;
    let stem = j
        .file_stem()
        .map_or_else(String::new, |s| s.to_string_lossy().into_owned());
    let same = |p: &std::path::Path| p.file_stem() == j.file_stem();
    match store::save_card(dir, &stem, r) {
        Ok((svg, png)) if same(md) && same(&svg) && same(&png) => {
            tr!(lang, "status-saved-with-card", json = clean_path(j))
        }
        Ok((svg, png)) => tr!(
            lang,
            "status-saved-four",
            json = clean_path(j),
            markdown = clean_path(md),
            svg = clean_path(&svg),
            png = clean_path(&png)
        ),
        Err(e) => tr!(
            lang,
            "status-saved-no-card",
            json = clean_path(j),
            markdown = clean_path(md),
            reason = crate::edge::io_reason(&e)
        ),
    }
}

/// `~/x` as typed into the save prompt means the home folder, as in a shell.
fn expand_home(p: &std::path::Path) -> PathBuf {
    match (p.strip_prefix("~"), std::env::var_os("HOME")) {
        (Ok(rest), Some(home)) => PathBuf::from(home).join(rest),
        _ => p.to_path_buf(),
    }
}
