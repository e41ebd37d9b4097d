//! The edge every command shares: how a command fails ([`Failure`], turned
//! into stderr and an exit code in one place), reading a named file, and
//! resolving `--quiz`. Commands live in `commands/`, one module each with
//! its own arguments; nothing here knows about any one command.

use crate::bundled;
use crate::core::i18n::Lang;
use crate::core::sanitize::clean_path;
use crate::core::{card, load, model::Quiz, report};
use clap::{Args, ValueEnum};
use std::path::Path;

/// A failed command: what to print on stderr and the exit code (2 for bad
/// input, 1 for everything else).
#[derive(Debug, thiserror::Error)]
#[error("{message}")]
pub struct Failure {
    pub code: u8,
    pub message: String,
}

impl Failure {
    pub fn input(message: impl Into<String>) -> Self {
        Failure {
            code: 2,
            message: message.into(),
        }
    }
    pub fn other(message: impl Into<String>) -> Self {
        Failure {
            code: 1,
            message: message.into(),
        }
    }
}

/// Prints a command's output (or its failure, sanitized, on stderr) and
/// turns it into the exit code: the one place both programs end.
pub fn finish(result: Result<String, Failure>) -> std::process::ExitCode {
    use std::io::Write;
    match result {
        Ok(out) => {
            let mut stdout = std::io::stdout().lock();
            // A closed pipe (`careerfit score … | head`) is not an error worth a message.
            let _ = stdout
                .write_all(out.as_bytes())
                .and_then(|()| stdout.flush());
            std::process::ExitCode::SUCCESS
        }
        Err(Failure { code, message }) => {
            if !message.is_empty() {
                let _ = writeln!(
                    std::io::stderr(),
                    "{}",
                    crate::core::sanitize::clean(&message)
                );
            }
            std::process::ExitCode::from(code)
        }
    }
}

/// Reads at most `limit + 1` bytes of a regular file, so huge files are
/// refused (by the loader's own size check) without being read whole, and
/// FIFOs, devices and sockets are refused without blocking.
pub fn read_capped(path: &Path, limit: usize) -> Result<Vec<u8>, Failure> {
    let shown = clean_path(path);
    let cannot =
        |e: crate::fsread::ReadError| Failure::input(format!("error: cannot read {shown}: {e}"));
    let f = crate::fsread::open_regular(path).map_err(cannot)?;
    let mut buf = Vec::new();
    match crate::fsread::read_capped_from(f, limit, &mut buf) {
        Ok(()) | Err(crate::fsread::ReadError::TooLarge(_)) => Ok(buf),
        Err(e) => Err(cannot(e)),
    }
}

/// An I/O error without the "(os error N)" noise.
pub fn io_reason(e: &std::io::Error) -> String {
    let s = e.to_string();
    match s.find(" (os error") {
        Some(i) => s[..i].to_string(),
        None => s,
    }
}

/// Writes a command's `--output` file atomically (readers never see half
/// a file) with the usual permissions, replacing an older file of that
/// name as `>` would; returns the line saying where it went. A folder that
/// is missing or not writable is the caller's input, so exit 2.
pub fn write_output(path: &Path, bytes: &[u8]) -> Result<String, Failure> {
    let shown = clean_path(path);
    if path.is_dir() {
        return Err(Failure::input(format!(
            "error: cannot write {shown}: it is a folder"
        )));
    }
    crate::store::write_atomic_as(path, bytes, false, crate::store::Access::Shared)
        .map_err(|e| Failure::input(format!("error: cannot write {shown}: {}", io_reason(&e))))?;
    Ok(format!("Wrote {shown}\n"))
}

/// Refuses an `--output` name whose extension says another format than
/// `--format` (`card.svg` with `--format png`), which would leave a file
/// no program opens; a name without an extension is fine.
pub fn check_extension(path: &Path, format: &str, allowed: &[&str]) -> Result<(), Failure> {
    let Some(ext) = path.extension().map(|e| e.to_string_lossy().to_lowercase()) else {
        return Ok(());
    };
    if allowed.contains(&ext.as_str()) {
        return Ok(());
    }
    Err(Failure::input(format!(
        "error: --output {} ends in .{ext}, but --format is {format} (use a name ending in .{})",
        clean_path(path),
        allowed.first().copied().unwrap_or(format)
    )))
}

/// Loads a quiz from bytes, naming `file` in every error.
pub fn load_bytes(file: &str, bytes: &[u8]) -> Result<Quiz, Failure> {
    load::load(bytes).map_err(|e| Failure::input(e.render(file)))
}

/// Resolves `--quiz`: a bundled id, else a file path; default the bundled default.
pub fn load_quiz(arg: &QuizArg) -> Result<Quiz, Failure> {
    let name = arg.quiz.as_deref().unwrap_or(card::DEFAULT_QUIZ_ID);
    if let Some((file, src)) = bundled::find(name) {
        return load_bytes(file, src.as_bytes());
    }
    let path = Path::new(name);
    if !path.exists() {
        let ids: Vec<&str> = bundled::BUNDLED.iter().map(|(id, _, _)| *id).collect();
        return Err(Failure::input(format!(
            "error: cannot read {name}: No such file or directory (bundled quizzes: {})",
            ids.join(", ")
        )));
    }
    let bytes = read_capped(path, load::MAX_BYTES)?;
    load_bytes(&clean_path(path), &bytes)
}

/// The quiz a person is offered: `--quiz` when given, else the default
/// quiz in the language their locale asks for (`LANG=ja_JP.UTF-8` opens
/// `pm-vs-pd-ja`) when it has been translated, else the default quiz.
pub fn load_quiz_for(arg: &QuizArg, locale: Option<Lang>) -> Result<Quiz, Failure> {
    let translated = locale.and_then(|l| bundled::translation(card::DEFAULT_QUIZ_ID, l));
    match (&arg.quiz, translated) {
        (None, Some(id)) => load_quiz(&QuizArg {
            quiz: Some(id.to_owned()),
        }),
        _ => load_quiz(arg),
    }
}

/// The interface language this process's locale asks for (`LC_ALL`, then
/// `LC_MESSAGES`, then `LANG`), if it is one with a catalogue.
pub fn locale_lang() -> Option<Lang> {
    let var = |k: &str| std::env::var(k).ok();
    Lang::from_locale_vars(
        var("LC_ALL").as_deref(),
        var("LC_MESSAGES").as_deref(),
        var("LANG").as_deref(),
    )
}

/// Which quiz to use: a bundled id or a file path.
#[derive(Args, Debug, Clone, Default)]
pub struct QuizArg {
    /// A bundled quiz id or a quiz file (default: the built-in PM-vs-PD quiz).
    #[arg(long, value_name = "ID|FILE")]
    pub quiz: Option<String>,
}

#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Format {
    #[default]
    Text,
    Markdown,
    Json,
}

/// Renders a report in the chosen format.
pub fn render(r: &report::Report, format: Format, ascii: bool) -> String {
    use crate::core::ascii::{json_escaped, to_ascii};
    match (format, ascii) {
        (Format::Text, _) => card::text_card(r, ascii),
        (Format::Markdown, false) => card::markdown(r),
        (Format::Markdown, true) => to_ascii(&card::markdown(r)).into_owned(),
        (Format::Json, false) => r.to_json(),
        // The same document, every non-ASCII character escaped.
        (Format::Json, true) => json_escaped(&r.to_json()).into_owned(),
    }
}
