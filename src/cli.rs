//! The command line: argument definitions and the thin I/O edge around the
//! pure core. Every command returns a [`Failure`] instead of exiting, so
//! `main` alone decides exit codes.

use crate::bundled;
use crate::core::sanitize::clean_path;
use crate::core::{answers, card, code, diag::Severity, load, model::Quiz, report};
use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::{Path, PathBuf};

#[derive(Parser, Debug)]
#[command(
    name = "careerfit",
    version,
    about = "Product Management or Product Development? A quiz that explains its answer.",
    long_about = "careerfit asks weighted questions, scores them against skill profiles and \
                  explains which path fits you better: Product Management (what to build and why), \
                  Product Development (how to build it), or a hybrid. With no command it runs the quiz.",
    args_conflicts_with_subcommands = true,
    propagate_version = true
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    #[command(flatten)]
    pub take: TakeArgs,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Take the quiz (the default when no command is given).
    Take(TakeArgs),
    /// Score a complete answer sheet without the interactive quiz.
    Score(ScoreArgs),
    /// Show the result behind a share code.
    Show(ShowArgs),
    /// Print a quiz as the engine understood it.
    Inspect(InspectArgs),
    /// Check quiz files and report every problem with its position.
    Validate(ValidateArgs),
    /// Write a small starter quiz to edit (never overwrites a file).
    New(crate::authoring::NewArgs),
    /// List the bundled quizzes (their ids work with --quiz).
    List,
    /// Run the quiz over SSH for a workshop: participants just `ssh` in.
    Serve(crate::serve::ServeArgs),
    /// List your past results (or delete them with --clear).
    History(crate::history_cmd::HistoryArgs),
    /// One report for a group: result files, folders, or share codes.
    Aggregate(crate::workshop::aggregate_cmd::AggregateArgs),
    /// A live dashboard of a workshop folder for the facilitator's projector.
    Workshop(crate::workshop::dashboard::WorkshopArgs),
    /// How a quiz's recommendation behaves on simulated respondents.
    Simulate(crate::simulate_cmd::SimulateArgs),
    /// Print the manual page (roff), or write every page with --dir.
    Man(crate::man_cmd::ManArgs),
    /// Print shell completions.
    Completions {
        /// The shell to complete for.
        shell: clap_complete::Shell,
    },
}

/// Which quiz to use: a bundled id or a file path.
#[derive(Args, Debug, Clone, Default)]
pub struct QuizArg {
    /// A bundled quiz id or a quiz file (default: the built-in PM-vs-PD quiz).
    #[arg(long, value_name = "ID|FILE")]
    pub quiz: Option<String>,
}

#[derive(Args, Debug, Clone, Default)]
pub struct TakeArgs {
    #[command(flatten)]
    pub quiz: QuizArg,
    /// Repeat a question order.
    #[arg(long, value_name = "N", conflicts_with = "no_shuffle")]
    pub seed: Option<u64>,
    /// Keep the questions and options in file order.
    #[arg(long)]
    pub no_shuffle: bool,
    /// Line-by-line mode for screen readers and simple terminals.
    #[arg(long)]
    pub plain: bool,
    /// An optional nickname stored with saved results.
    #[arg(long, value_name = "NAME")]
    pub name: Option<String>,
    /// Folder where `w` on the results screen writes JSON and Markdown (default: here).
    #[arg(long, value_name = "DIR")]
    pub save_dir: Option<PathBuf>,
    /// Workshop folder: write the finished result there, anonymously unless --name is given.
    #[arg(long, value_name = "DIR")]
    pub submit: Option<PathBuf>,
}

#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Format {
    #[default]
    Text,
    Markdown,
    Json,
}

#[derive(Args, Debug)]
pub struct ScoreArgs {
    /// One entry per question in file order: the option number, or `-` to skip.
    #[arg(long, value_name = "SPEC", allow_hyphen_values = true)]
    pub answers: String,
    #[command(flatten)]
    pub quiz: QuizArg,
    #[arg(long, value_enum, default_value_t)]
    pub format: Format,
    /// Plain ASCII bars in the text card.
    #[arg(long)]
    pub ascii: bool,
    /// An optional nickname to include in the result.
    #[arg(long, value_name = "NAME")]
    pub name: Option<String>,
}

#[derive(Args, Debug)]
pub struct ShowArgs {
    /// The share code (dashes, spaces and letter case do not matter).
    pub code: String,
    #[command(flatten)]
    pub quiz: QuizArg,
    #[arg(long, value_enum, default_value_t)]
    pub format: Format,
    /// Plain ASCII bars in the text card.
    #[arg(long)]
    pub ascii: bool,
}

#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum InspectFormat {
    #[default]
    Text,
    Json,
}

#[derive(Args, Debug)]
pub struct InspectArgs {
    #[command(flatten)]
    pub quiz: QuizArg,
    #[arg(long, value_enum, default_value_t)]
    pub format: InspectFormat,
}

#[derive(Args, Debug)]
pub struct ValidateArgs {
    /// Quiz files to check.
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// Treat warnings (lints) as errors: exit 2 if there are any.
    #[arg(long)]
    pub strict: bool,
    /// `text` for people, `json` (an array of findings on stdout) for editors and CI.
    #[arg(long, value_enum, default_value_t)]
    pub format: InspectFormat,
}

/// A failed command: what to print on stderr and the exit code (2 for bad
/// input, 1 for everything else).
#[derive(Debug)]
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

/// Renders a report in the chosen format.
pub fn render(r: &report::Report, format: Format, ascii: bool) -> String {
    match format {
        Format::Text => card::text_card(r, ascii),
        Format::Markdown => card::markdown(r),
        Format::Json => r.to_json(),
    }
}

pub fn score(a: &ScoreArgs) -> Result<String, Failure> {
    let quiz = load_quiz(&a.quiz)?;
    let answers = answers::parse_spec(&quiz, &a.answers)
        .map_err(|e| Failure::input(format!("error: --answers: {e}")))?;
    let r = report::build(&quiz, &answers, a.name.as_deref());
    Ok(render(&r, a.format, a.ascii))
}

pub fn show(a: &ShowArgs) -> Result<String, Failure> {
    let quiz = load_quiz(&a.quiz)?;
    let (quiz, answers) = match code::decode(&quiz, &a.code, &bundled::fingerprints()) {
        Ok(answers) => (quiz, answers),
        // Without --quiz, a code from another bundled quiz (such as version 1
        // of the default one) is shown against the quiz it was made with.
        Err(e @ code::CodeError::OtherQuiz(_)) if a.quiz.quiz.is_none() => bundled::BUNDLED
            .iter()
            .filter_map(|(_, _, src)| load::load(src.as_bytes()).ok())
            .find_map(|q| code::decode(&q, &a.code, &[]).ok().map(|ans| (q, ans)))
            .ok_or_else(|| Failure::input(format!("error: {e}")))?,
        Err(e) => return Err(Failure::input(format!("error: {e}"))),
    };
    let r = report::build(&quiz, &answers, None);
    Ok(render(&r, a.format, a.ascii))
}

pub fn inspect(a: &InspectArgs) -> Result<String, Failure> {
    let quiz = load_quiz(&a.quiz)?;
    Ok(match a.format {
        InspectFormat::Text => card::inspect_text(&quiz),
        InspectFormat::Json => card::inspect_json(&quiz),
    })
}

/// Validates and lints every file. Errors fail (exit 2); warnings are
/// printed on stderr and fail only with `--strict`. With `--format json`
/// every finding goes to stdout as one array, whatever the exit code.
pub fn validate(a: &ValidateArgs) -> Result<String, Failure> {
    let mut ok = Vec::new();
    let mut findings = Vec::new();
    for path in &a.files {
        let checked = crate::authoring::check_file(path);
        let warnings = checked.findings.len();
        if let Some((questions, profiles)) = checked.loaded {
            let name = clean_path(path);
            let extra = match warnings {
                0 => String::new(),
                1 => ", 1 warning".to_string(),
                n => format!(", {n} warnings"),
            };
            ok.push(format!(
                "{name}: ok ({questions} questions, {profiles} profiles{extra})"
            ));
        }
        findings.extend(checked.findings);
    }
    let errors = findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .count();
    let warnings = findings.len() - errors;
    let failed = errors > 0 || (a.strict && warnings > 0);
    if a.format == InspectFormat::Json {
        let json = crate::authoring::findings_json(&findings);
        if !failed {
            return Ok(json);
        }
        use std::io::Write;
        let _ = std::io::stdout().lock().write_all(json.as_bytes());
        return Err(Failure::input(""));
    }
    let mut lines: Vec<String> = findings
        .iter()
        .map(super::authoring::Finding::render)
        .collect();
    if failed {
        if errors == 0 {
            lines.push(format!(
                "error: --strict: {warnings} warning(s) count as errors"
            ));
        }
        return Err(Failure::input(lines.join("\n")));
    }
    if !lines.is_empty() {
        use std::io::Write;
        // Like stdout in `main`, a closed stderr is no reason to fail.
        let _ = writeln!(std::io::stderr(), "{}", lines.join("\n"));
    }
    Ok(ok.join("\n") + "\n")
}

pub fn completions(shell: clap_complete::Shell) -> String {
    use clap::CommandFactory;
    let mut cmd = Cli::command();
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut cmd, "careerfit", &mut out);
    String::from_utf8_lossy(&out).into_owned()
}
