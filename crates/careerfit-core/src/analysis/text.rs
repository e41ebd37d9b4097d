//! The item analysis as plain text for the terminal.

use super::{Analysis, Body, Figure, MIN_SHEETS, Report, Scale, ScaleKind, Section};
use crate::model::Quiz;
use crate::sanitize::clean;
use crate::text::{pad, truncate, width, wrap};
use std::fmt::Write;

const WIDTH: usize = 78;
/// Widest scale or question name in a table.
const NAME: usize = 30;

/// A scale's name as reports show it.
pub(super) fn scale_name(quiz: &Quiz, s: &Scale) -> String {
    match s.kind {
        ScaleKind::Dimension => quiz.dimensions[s.index].name.clone(),
        ScaleKind::Profile => format!("{} (profile)", quiz.profiles[s.index].name),
    }
}

/// Three decimals with a true minus sign.
pub(super) fn f3(x: f64) -> String {
    super::flags::signed(x)
}

/// Points with at most two decimals (`12`, `12.5`, `12.25`).
pub(super) fn num(x: f64) -> String {
    let s = format!("{x:.2}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" { "0".into() } else { s.to_string() }
}

fn fig<T>(f: &Figure<T>, show: impl Fn(&T) -> String) -> String {
    match f {
        Ok(v) => show(v),
        Err(w) => w.to_string(),
    }
}

fn line(o: &mut String, s: &str) {
    for l in wrap(s, WIDTH) {
        let _ = writeln!(o, "{l}");
    }
}

/// `s` wrapped, its first line indented by two and the rest by four.
fn hanging(o: &mut String, s: &str) {
    for (i, l) in wrap(s, WIDTH - 4).iter().enumerate() {
        let _ = writeln!(o, "{}{l}", if i == 0 { "  " } else { "    " });
    }
}

fn scales(o: &mut String, quiz: &Quiz, a: &Analysis) {
    let _ = writeln!(
        o,
        "\nScales: Cronbach's alpha with its 95% interval (Feldt), over the\n\
         sheets that answered every item of the scale"
    );
    let _ = writeln!(o, "  {}items sheets  alpha  95% interval", pad("", NAME));
    for s in &a.scales {
        let name = pad(&truncate(&scale_name(quiz, s), NAME - 1), NAME);
        let head = format!("  {name}{:>5} {:>6}", s.items.len(), s.sheets);
        match &s.alpha {
            Ok(al) => {
                let ci = al
                    .interval
                    .map_or("–".into(), |(lo, hi)| format!("{} to {}", f3(lo), f3(hi)));
                let _ = writeln!(o, "{head}  {:>5}  {ci}", f3(al.value));
            }
            Err(w) => {
                let _ = writeln!(o, "{head}      –\n    {w}");
            }
        }
    }
}

fn items(o: &mut String, quiz: &Quiz, a: &Analysis) {
    let _ = writeln!(
        o,
        "\nItems by scale: corrected item–total correlation (r) and alpha\n\
         if the item were deleted; the score's mean, standard deviation and range"
    );
    for s in &a.scales {
        let score = match &s.mean_sd {
            Ok((m, sd)) => format!(
                ": mean {m:.1}, sd {sd:.1}, range {}–{}",
                num(s.range.0),
                num(s.range.1)
            ),
            Err(_) => format!(": range {}–{}", num(s.range.0), num(s.range.1)),
        };
        let _ = writeln!(
            o,
            "  {} ({} sheets, {} items){score}",
            scale_name(quiz, s),
            s.sheets,
            s.items.len()
        );
        if let Err(w) = &s.alpha
            && s.items.iter().all(|i| i.item_rest.is_err())
        {
            let _ = writeln!(o, "    {w}");
            continue;
        }
        for it in &s.items {
            let id = pad(&truncate(&quiz.questions[it.question].id, NAME - 1), NAME);
            // Without one of two items, one is left: no alpha, and no
            // need to say so on every line.
            let without = match &it.alpha_without {
                Err(super::Withheld::OneItem) => "–".to_string(),
                f => fig(f, |x| f3(*x)),
            };
            let _ = writeln!(
                o,
                "    {id}r {:>6}   alpha without {without}",
                fig(&it.item_rest, |r| f3(*r)),
            );
        }
    }
}

fn answers(o: &mut String, quiz: &Quiz, a: &Analysis) {
    let _ = writeln!(
        o,
        "\nAnswers: how many chose each option (1, 2, …) and how many skipped"
    );
    for (q, ans) in quiz.questions.iter().zip(&a.answers) {
        let counts: Vec<String> = ans
            .counts
            .iter()
            .enumerate()
            .map(|(k, c)| format!("{}:{c}", k + 1))
            .collect();
        let share = if a.sheets == 0 {
            0.0
        } else {
            100.0 * ans.skipped as f64 / a.sheets as f64
        };
        let id = pad(&truncate(&q.id, NAME - 1), NAME);
        let _ = writeln!(
            o,
            "  {id}{}  skipped {} ({share:.1}%)",
            counts.join(" "),
            ans.skipped
        );
    }
}

fn flagged(o: &mut String, quiz: &Quiz, a: &Analysis) {
    let _ = writeln!(o, "\nFlagged items ({})", a.flags.len());
    if a.flags.is_empty() {
        let _ = writeln!(o, "  none");
    }
    for f in &a.flags {
        let q = &quiz.questions[f.question];
        let text = truncate(&q.text, 50);
        let reason = f.concern.describe(quiz, a, f.question);
        hanging(o, &format!("{} (“{text}”): {reason}", q.id));
    }
}

fn fits_and_outcomes(o: &mut String, quiz: &Quiz, a: &Analysis) {
    if !a.correlations.is_empty() {
        let _ = writeln!(
            o,
            "\nFit correlations (Pearson's r, 95% interval by Fisher's z)"
        );
    }
    for c in &a.correlations {
        let names = format!("{} – {}", quiz.profiles[c.a].name, quiz.profiles[c.b].name);
        let r = fig(&c.r, |(r, ci)| match ci {
            Some((lo, hi)) => format!("r = {} ({} to {})", f3(*r), f3(*lo), f3(*hi)),
            None => format!("r = {}", f3(*r)),
        });
        let _ = writeln!(o, "  {names} ({} sheets): {r}", c.sheets);
    }
    let _ = writeln!(o, "\nOutcomes ({} sheets)", a.sheets);
    let col = quiz
        .outcomes
        .iter()
        .map(|x| width(&x.title))
        .max()
        .unwrap_or(0)
        .clamp(8, NAME)
        + 2;
    for (x, n) in quiz.outcomes.iter().zip(&a.outcomes) {
        let pct = if a.sheets == 0 {
            0.0
        } else {
            100.0 * *n as f64 / a.sheets as f64
        };
        let _ = writeln!(
            o,
            "  {}{n:>6} {pct:>5.1}%",
            pad(&truncate(&x.title, col - 2), col)
        );
    }
}

fn section(o: &mut String, s: &Section) {
    let _ = writeln!(o, "{}\nfingerprint {}", s.label, s.fingerprint);
    let (quiz, a) = match &s.body {
        Body::CountOnly(why) => {
            let _ = writeln!(o, "Results: {}", s.results);
            line(o, why);
            return;
        }
        Body::Analysed(q, a) => (*q, a),
    };
    let _ = writeln!(
        o,
        "Sheets: {} ({} complete, {} partial)",
        a.sheets,
        a.complete,
        a.partial()
    );
    scales(o, quiz, a);
    items(o, quiz, a);
    answers(o, quiz, a);
    flagged(o, quiz, a);
    fits_and_outcomes(o, quiz, a);
}

/// The whole report: what was read, then each quiz version, largest first.
pub fn text(r: &Report) -> String {
    let mut o = String::new();
    let rule = "─".repeat(WIDTH);
    let _ = writeln!(o, "careerfit · item analysis\n{rule}");
    let _ = writeln!(
        o,
        "Results read: {} · inputs skipped: {}",
        r.read, r.skipped
    );
    line(
        &mut o,
        &format!(
            "Each figure rests on the sheets stated next to it; one resting on fewer than {MIN_SHEETS} is withheld."
        ),
    );
    for s in &r.sections {
        let _ = writeln!(o, "{rule}");
        section(&mut o, s);
    }
    let _ = writeln!(o, "{rule}");
    clean(&o)
}
