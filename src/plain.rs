//! `--plain`: the quiz as numbered lines, for screen readers, braille
//! displays and simple terminals. It is the full-screen quiz's flow, not
//! a lesser one (issue 20): the disclaimer and where the answers go come
//! first, progress is saved after every answer and offered for resuming,
//! quitting with answers asks first, a question answered before says what
//! the answer was, a typo repeats only the answer prompt, and the result
//! ends with the next steps and the share code. Same order, same answers,
//! same result as the TUI.
//!
//! Nothing is wrapped: a screen reader or braille display reflows lines
//! itself, and a line broken at 80 columns would be read as two. With
//! `ascii`, every byte written is below 128.

use crate::core::ascii::to_ascii;
use crate::core::i18n::Lang;
use crate::core::model::{Kind, Quiz};
use crate::core::order::order;
use crate::core::report::{self, Report};
use crate::core::sanitize::clean;
use crate::core::scoring::Answers;
use crate::core::tr;
use std::io::{BufRead, Write};

/// Longest answer line looked at; the rest of a longer line is read and
/// dropped, so endless input without a line break costs no memory.
const MAX_ANSWER_LINE: usize = 64;

/// Where progress goes between answers; the command supplies the data
/// folder's progress file, tests can supply anything.
pub trait Keeper {
    /// Whether progress is kept at all (no data folder, or another
    /// instance holds it: then quitting loses the answers, and the
    /// confirmation says so).
    fn keeps(&self) -> bool;
    /// Saves the answers and the display position to come back to; a
    /// message for the person when that failed.
    fn save(&mut self, answers: &Answers, pos: usize) -> Option<String>;
    /// The quiz was finished or started over: the progress is not needed.
    fn clear(&mut self);
}

/// One plain-mode session: the quiz and what the person is told first.
pub struct Session<'a> {
    pub quiz: &'a Quiz,
    pub seed: Option<u64>,
    pub name: Option<&'a str>,
    /// Write nothing but ASCII.
    pub ascii: bool,
    /// Where the answers go, said before the first question.
    pub privacy: String,
    /// Something found at start that must be read (progress set aside).
    pub notice: Option<String>,
    /// Saved progress to offer: answers in file order and the position.
    pub saved: Option<(Answers, usize)>,
}

/// How a plain-mode session ended.
#[derive(Debug)]
pub enum Ended {
    Finished(Box<Report>),
    /// The person quit (after confirming, when there were answers).
    Quit,
    /// Input ended before the result: the caller exits with status 2.
    InputEnded,
}

/// What one answer line said.
enum Reply {
    Text(String),
    End,
}

/// The session's output: everything sanitized, and ASCII when asked.
struct Out<'w> {
    w: &'w mut dyn Write,
    ascii: bool,
}

impl Out<'_> {
    fn say(&mut self, text: &str) -> std::io::Result<()> {
        let text = clean(text);
        if self.ascii {
            self.w.write_all(to_ascii(&text).as_bytes())
        } else {
            self.w.write_all(text.as_bytes())
        }
    }

    fn line(&mut self, text: &str) -> std::io::Result<()> {
        self.say(text)?;
        self.w.write_all(b"\n")
    }

    /// Writes `prompt` without a line break and reads one answer line.
    fn ask(&mut self, prompt: &str, input: &mut dyn BufRead) -> std::io::Result<Reply> {
        self.say(prompt)?;
        self.w.flush()?;
        let mut line = Vec::new();
        let Some(got) = crate::fsread::read_line_capped(input, MAX_ANSWER_LINE, &mut line)? else {
            self.w.write_all(b"\n")?;
            return Ok(Reply::End);
        };
        // An overlong or non-UTF-8 line is a typo like any other.
        Ok(Reply::Text(match std::str::from_utf8(&line) {
            Ok(t) if !got.long => t.trim().to_lowercase(),
            _ => "\u{1}".into(),
        }))
    }
}

/// What to ask for each kind of question, under the question text.
fn prompt_for(kind: Kind, lang: Lang) -> String {
    lang.t(match kind {
        Kind::Agreement => "prompt-agreement",
        Kind::Scenario => "prompt-scenario",
        Kind::ForcedChoice => "prompt-forced-choice",
    })
}

/// Runs the quiz on `input` and `out` until it is finished, quit, or the
/// input ends.
pub fn run(
    s: &Session,
    keeper: &mut dyn Keeper,
    input: &mut dyn BufRead,
    out: &mut dyn Write,
) -> std::io::Result<Ended> {
    let mut o = Out {
        w: out,
        ascii: s.ascii,
    };
    let quiz = s.quiz;
    let l = quiz.lang();
    let ord = order(quiz, s.seed);
    let total = ord.questions.len();
    let mut answers: Answers = vec![None; quiz.questions.len()];
    let mut pos = 0;
    intro(s, keeper, &mut o)?;
    if let Some((saved, at)) = &s.saved {
        let done = saved.iter().filter(|a| a.is_some()).count();
        o.line(&tr!(l, "plain-saved-progress", done = done, total = total))?;
        loop {
            match o.ask(&l.t("plain-resume-ask"), input)? {
                Reply::End => return Ok(Ended::InputEnded),
                Reply::Text(t) if t == "y" || t.is_empty() => {
                    answers.clone_from(saved);
                    pos = (*at).min(total.saturating_sub(1));
                    break;
                }
                Reply::Text(t) if t == "n" => {
                    keeper.clear();
                    break;
                }
                Reply::Text(t) if t == "q" => return Ok(Ended::Quit),
                Reply::Text(_) => o.line(&l.t("plain-type-ynq"))?,
            }
        }
        o.line("")?;
    }
    loop {
        if pos >= total {
            match last_step(s, &ord, &answers, keeper, input, &mut o)? {
                Step::Result => break,
                Step::Back => pos = total.saturating_sub(1),
                Step::Quit => return Ok(Ended::Quit),
            }
            continue;
        }
        match question(s, &ord, pos, &mut answers, keeper, input, &mut o)? {
            Move::Next => pos += 1,
            Move::Back => pos -= 1,
            Move::Quit => return Ok(Ended::Quit),
            Move::End => {
                o.line(&ended_note(l, keeper))?;
                return Ok(Ended::InputEnded);
            }
        }
        o.line("")?;
    }
    let r = report::build(quiz, &answers, s.name);
    keeper.clear();
    for l in result_lines(&r) {
        o.line(&l)?;
    }
    o.w.flush()?;
    Ok(Ended::Finished(Box::new(r)))
}

/// The result as sentences, one a line, for reading aloud: the results
/// screen's content in its order, with numbers instead of bars (a screen
/// reader says "hash hash hash" for an ASCII bar), and the next steps and
/// the share code last, where the reading ends.
pub fn result_lines(r: &Report) -> Vec<String> {
    let lang = r.lang();
    let mut l = vec![
        lang.t("plain-your-result"),
        r.headline(),
        tr!(
            lang,
            "plain-confidence",
            confidence = r.confidence_text(),
            done = r.answered,
            total = r.answers.len()
        ),
    ];
    let push = |l: &mut Vec<String>, s: &str| {
        if !s.is_empty() {
            l.push(s.to_string());
        }
    };
    push(&mut l, &r.recommendation.confidence_note);
    push(&mut l, &r.explanation.summary);
    l.push(String::new());
    l.push(lang.t("plain-fit-heading"));
    for p in &r.profiles {
        l.push(match p.fit {
            Some(f) => format!("{}: {f:.0}", p.name),
            None => tr!(lang, "plain-not-enough", name = &p.name),
        });
    }
    for f in &r.explanation.flags {
        l.push(tr!(lang, "card-note", message = &f.message));
    }
    for (heading, reasons) in crate::core::card::reason_groups(r) {
        l.push(String::new());
        l.push(heading);
        for re in reasons {
            l.push(tr!(
                lang,
                "plain-reason",
                answer = &re.answer,
                text = &re.text,
                effect = crate::core::card::reason_effect(r, re)
            ));
        }
    }
    l.push(String::new());
    l.push(lang.t("plain-skills-heading"));
    for d in &r.dimensions {
        l.push(match d.score {
            Some(s) => format!("{}: {s:.0}", d.name),
            None => tr!(lang, "plain-not-enough", name = &d.name),
        });
    }
    l.push(String::new());
    l.push(tr!(lang, "plain-about", title = &r.recommendation.title));
    push(&mut l, &r.outcome.summary);
    push(&mut l, &r.outcome.day_to_day);
    if !r.outcome.key_questions.is_empty() {
        l.push(lang.t("results-key-questions"));
        l.extend(r.outcome.key_questions.iter().cloned());
    }
    if !r.disclaimer.is_empty() {
        l.push(String::new());
        l.push(r.disclaimer.clone());
    }
    if !r.outcome.next_steps.is_empty() {
        l.push(String::new());
        l.push(lang.t("plain-next-steps"));
        for (i, step) in r.outcome.next_steps.iter().enumerate() {
            l.push(format!("{}. {step}", i + 1));
        }
    }
    l.push(String::new());
    l.push(tr!(lang, "card-share-code", code = &r.share_code));
    l.push(tr!(
        lang,
        "card-see-again",
        command = crate::core::card::show_command(r)
    ));
    l
}

/// What the person reads before the first question: the welcome screen's
/// text, in the same order.
fn intro(s: &Session, keeper: &dyn Keeper, o: &mut Out) -> std::io::Result<()> {
    let q = s.quiz;
    let l = q.lang();
    if let Some(n) = &s.notice {
        o.line(n)?;
        o.line("")?;
    }
    o.line(&tr!(
        l,
        "plain-title",
        title = &q.title,
        version = &q.version
    ))?;
    o.line("")?;
    o.line(&l.t("plain-measures"))?;
    o.line(&q.description)?;
    if !q.disclaimer.is_empty() {
        o.line("")?;
        o.line(&l.t("plain-not"))?;
        o.line(&q.disclaimer)?;
    }
    o.line("")?;
    o.line(&tr!(
        l,
        "plain-length",
        questions = tr!(l, "count-questions", n = q.questions.len()),
        minutes = tr!(l, "minutes-about", n = q.minutes())
    ))?;
    o.line(&s.privacy)?;
    if keeper.keeps() {
        o.line(&l.t("plain-saved-each"))?;
    }
    o.line("")?;
    o.line(&l.t("plain-how"))?;
    o.line("")
}

/// Where a question sends the person next.
enum Move {
    Next,
    Back,
    Quit,
    End,
}

/// Asks the question at display position `pos` until it gets an answer,
/// a skip, a step back or a quit. Only the answer prompt is repeated
/// after a typo.
fn question(
    s: &Session,
    ord: &crate::core::order::Order,
    pos: usize,
    answers: &mut Answers,
    keeper: &mut dyn Keeper,
    input: &mut dyn BufRead,
    o: &mut Out,
) -> std::io::Result<Move> {
    let total = ord.questions.len();
    let qi = ord.questions[pos];
    let q = &s.quiz.questions[qi];
    let l = s.quiz.lang();
    let shown = &ord.options[qi];
    o.line(&tr!(
        l,
        "plain-question",
        n = pos + 1,
        total = total,
        text = &q.text
    ))?;
    o.line(&prompt_for(q.kind, l))?;
    for (n, &c) in shown.iter().enumerate() {
        o.line(&format!("  {}. {}", n + 1, q.choices[c].label))?;
    }
    let before = answers[qi].and_then(|c| shown.iter().position(|&x| x == c));
    if let Some(b) = before {
        o.line(&tr!(
            l,
            "plain-answered-before",
            n = b + 1,
            label = &q.choices[shown[b]].label
        ))?;
    }
    let n = shown.len();
    let prompt = tr!(l, "plain-answer-prompt", n = n);
    loop {
        let t = match o.ask(&prompt, input)? {
            Reply::End => return Ok(Move::End),
            Reply::Text(t) => t,
        };
        let old = answers[qi];
        match t.as_str() {
            "" if before.is_some() => return Ok(Move::Next),
            "s" => {
                answers[qi] = None;
                if old.is_some() {
                    save(keeper, answers, pos + 1, o)?;
                }
                return Ok(Move::Next);
            }
            "b" if pos == 0 => o.line(&l.t("plain-first"))?,
            "b" => return Ok(Move::Back),
            "q" => {
                if confirm_quit(l, answers, keeper, input, o)? {
                    return Ok(Move::Quit);
                }
            }
            t => match t.parse::<usize>() {
                Ok(k) if (1..=n).contains(&k) => {
                    answers[qi] = Some(shown[k - 1]);
                    save(keeper, answers, pos + 1, o)?;
                    return Ok(Move::Next);
                }
                _ => o.line(&tr!(l, "plain-type-number", n = n))?,
            },
        }
    }
}

/// Saves progress, saying so when it failed.
fn save(
    keeper: &mut dyn Keeper,
    answers: &Answers,
    pos: usize,
    o: &mut Out,
) -> std::io::Result<()> {
    match keeper.save(answers, pos) {
        Some(msg) => o.line(&msg),
        None => Ok(()),
    }
}

/// `q` with answers asks first, as the full-screen quiz does. True: quit.
fn confirm_quit(
    l: Lang,
    answers: &Answers,
    keeper: &dyn Keeper,
    input: &mut dyn BufRead,
    o: &mut Out,
) -> std::io::Result<bool> {
    let done = answers.iter().filter(|a| a.is_some()).count();
    if done == 0 {
        o.line(&l.t("plain-stopped"))?;
        return Ok(true);
    }
    let kept = if keeper.keeps() {
        l.t("plain-kept")
    } else {
        l.t("plain-lost")
    };
    o.line(&tr!(
        l,
        "two-sentences",
        first = tr!(l, "quit-answered", done = done, total = answers.len()),
        second = kept
    ))?;
    match o.ask(&l.t("plain-quit-ask"), input)? {
        Reply::Text(t) if t == "y" => {
            o.line(&l.t("plain-stopped"))?;
            Ok(true)
        }
        // End of input is answered by the caller on the next prompt.
        Reply::End => Ok(false),
        Reply::Text(_) => Ok(false),
    }
}

/// What the step after the last question leads to.
enum Step {
    Result,
    Back,
    Quit,
}

/// After the last question: the review's choice (see the result, go
/// back, list the answers).
fn last_step(
    s: &Session,
    ord: &crate::core::order::Order,
    answers: &Answers,
    keeper: &dyn Keeper,
    input: &mut dyn BufRead,
    o: &mut Out,
) -> std::io::Result<Step> {
    let total = ord.questions.len();
    let l = s.quiz.lang();
    let done = answers.iter().filter(|a| a.is_some()).count();
    o.line(&tr!(
        l,
        "plain-last",
        done = done,
        total = total,
        skipped = total - done
    ))?;
    loop {
        let t = match o.ask(&l.t("plain-last-ask"), input)? {
            // Every question was seen: input that ends here (a script of
            // answers) asks for the result.
            Reply::End => return Ok(Step::Result),
            Reply::Text(t) => t,
        };
        match t.as_str() {
            "" => {
                o.line("")?;
                return Ok(Step::Result);
            }
            "b" => {
                o.line("")?;
                return Ok(Step::Back);
            }
            "q" => {
                if confirm_quit(l, answers, keeper, input, o)? {
                    return Ok(Step::Quit);
                }
            }
            "r" => {
                for (pos, &qi) in ord.questions.iter().enumerate() {
                    let q = &s.quiz.questions[qi];
                    let a = match answers[qi] {
                        Some(c) => {
                            let n = ord.options[qi].iter().position(|&x| x == c).unwrap_or(c);
                            format!("{}. {}", n + 1, q.choices[c].label)
                        }
                        None => l.t("plain-skipped"),
                    };
                    o.line(&tr!(
                        l,
                        "plain-review-line",
                        n = pos + 1,
                        text = &q.text,
                        answer = a
                    ))?;
                }
            }
            _ => o.line(&l.t("plain-type-rbq"))?,
        }
    }
}

/// Said when the input ends before the result.
fn ended_note(l: Lang, keeper: &dyn Keeper) -> String {
    if keeper.keeps() {
        tr!(
            l,
            "two-sentences",
            first = l.t("plain-ended"),
            second = l.t("plain-ended-kept")
        )
    } else {
        l.t("plain-ended")
    }
}
