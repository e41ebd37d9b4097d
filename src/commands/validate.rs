//! `careerfit validate`: every problem and lint of quiz files, with positions.

use super::inspect::InspectFormat;
use crate::core::diag::Severity;
use crate::core::sanitize::clean_path;
use crate::edge::Failure;
use clap::Args;
use std::path::PathBuf;

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
        .map(crate::authoring::Finding::render)
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
