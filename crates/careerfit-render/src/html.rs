//! The group report as one self-contained HTML file: charts inline as SVG
//! ([`crate::charts`]), the font and styles inline, a Content Security
//! Policy that forbids fetching anything, so it opens offline, projects
//! and prints (A4 and Letter) the same everywhere. Every chart has a text
//! alternative: an `aria-label` summary and a table of its numbers. The
//! anonymity rule is the other formats': a group below `min_group`, or of
//! a quiz careerfit does not know, shows its count and nothing else.

use crate::RenderError;
use crate::charts::{self, BANDS};
use crate::font;
use crate::strings as s;
use careerfit_core::aggregate::{
    Aggregate, Group, answer_counts, fmt1, groups_note, problem_notes, suppressed_note,
    unknown_note,
};
use careerfit_core::sanitize::{clean, clean_line};
use maud::{DOCTYPE, Markup, PreEscaped, html};

/// Colours for both schemes, print, and the charts' re-theming: plotters
/// draws text and axes in black, which the page turns into its own ink.
const CSS: &str = r##"
:root{color-scheme:light dark;--bg:#ffffff;--fg:#1f2328;--muted:#57606a;--rule:#d0d7de;--card:#f6f8fa}
@media (prefers-color-scheme:dark){:root{--bg:#0d1117;--fg:#e6edf3;--muted:#9da7b3;--rule:#30363d;--card:#161b22}}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--fg);font:16px/1.5 FONTS}
main{max-width:60rem;margin:0 auto;padding:1.5rem}
h1{font-size:1.8rem;margin:0 0 .25rem}h2{font-size:1.4rem;margin:2rem 0 .25rem}h3{font-size:1.1rem;margin:1.5rem 0 .5rem}
.meta,.note{color:var(--muted)}.note{border-left:4px solid var(--rule);padding:.25rem .75rem}
figure{margin:0 0 .5rem;background:var(--card);border-radius:8px;padding:.5rem}
figure svg{display:block;width:100%;height:auto}
figcaption{color:var(--muted);font-size:.9rem;padding:.25rem .5rem}
.chart svg text{fill:var(--fg);font-family:FONTS}
.chart svg [stroke="#000000"]{stroke:var(--fg)}
table{border-collapse:collapse;margin:.5rem 0 1rem;font-variant-numeric:tabular-nums}
th,td{border-bottom:1px solid var(--rule);padding:.2rem .75rem;text-align:left}
td.num,th.num{text-align:right}
details{margin:0 0 1rem}summary{cursor:pointer;color:var(--muted)}
ol li{margin:.25rem 0}
@page{margin:14mm}
@media print{
:root{--bg:#ffffff;--fg:#000000;--muted:#333333;--rule:#999999;--card:#ffffff}
body{font-size:11pt}main{max-width:none;padding:0}
section.group+section.group{break-before:page}
figure,table,h3{break-inside:avoid}h3{break-after:avoid}
}
"##;

/// The policy: no scripts, no connections, no frames; only the inline
/// styles and the `data:` font this page carries.
const CSP: &str = "default-src 'none'; style-src 'unsafe-inline'; font-src data:; img-src data:";

fn figure(id: &str, alt: &str, svg: &str, caption: &str) -> Markup {
    html! {
        figure class="chart" id=(id) {
            div role="img" aria-label=(alt) { (PreEscaped(svg)) }
            figcaption { (caption) }
        }
    }
}

fn outcomes(g: &Group, slug: &str) -> Result<Markup, RenderError> {
    let list = g.ordered_outcomes();
    let titles: Vec<String> = list.iter().map(|o| clean_line(&o.title)).collect();
    let counts: Vec<u64> = list.iter().map(|o| o.count).collect();
    let svg = charts::outcomes(&titles, &counts, g.count)?;
    let parts: Vec<String> = list
        .iter()
        .map(|o| {
            format!(
                "{} {} ({}%)",
                clean_line(&o.title),
                o.count,
                g.percent(o.count)
            )
        })
        .collect();
    Ok(html! {
        h3 { (s::OUTCOMES) }
        (figure(&format!("{slug}-outcomes"), &s::outcomes_alt(&parts), &svg, &s::outcomes_caption(g.count)))
        table class="outcomes" {
            thead { tr { th scope="col" { (s::OUTCOME) } th.num scope="col" { (s::RESULTS) } th.num scope="col" { (s::SHARE) } } }
            tbody {
                @for o in &list {
                    tr data-outcome=(clean_line(&o.id)) {
                        th scope="row" { (clean_line(&o.title)) }
                        td.num.count { (o.count) }
                        td.num.share { (g.percent(o.count)) "%" }
                    }
                }
            }
        }
    })
}

fn profiles(g: &Group, slug: &str) -> Result<Markup, RenderError> {
    let strong = g.model.as_ref().map_or(60.0, |q| q.rules.strong);
    let mut figures = Vec::new();
    for (k, p) in g.profiles.iter().enumerate() {
        let bands = charts::bands_of(p.hist.bins());
        let svg = charts::histogram(&bands, strong, &s::strong_line(strong))?;
        let above: u64 = p
            .hist
            .bins()
            .iter()
            .enumerate()
            .filter(|(i, _)| *i as f64 / 10.0 >= strong)
            .map(|(_, c)| c)
            .sum();
        let name = clean_line(&p.name);
        let alt = s::histogram_alt(&name, strong, p.fit.n, above);
        figures.push(html! {
            (figure(&format!("{slug}-fit-{k}"), &alt, &svg, &s::histogram_caption(&name, strong)))
            details {
                summary { (s::bands_summary(&name)) }
                table class="bands" data-profile=(clean_line(&p.id)) {
                    thead { tr { th scope="col" { (s::BIN) } th.num scope="col" { (s::COUNT) } } }
                    tbody {
                        @for (i, c) in bands.iter().enumerate() {
                            tr { td { (i * 100 / BANDS) "–" ((i + 1) * 100 / BANDS) } td.num { (c) } }
                        }
                    }
                }
            }
        });
    }
    Ok(html! {
        h3 { (s::PROFILE_FIT) }
        table class="profiles" {
            thead { tr {
                th scope="col" { (s::PROFILE) } th.num scope="col" { (s::MEAN) }
                th.num scope="col" { (s::MEDIAN) } th.num scope="col" { (s::STDEV) }
            } }
            tbody {
                @for p in &g.profiles {
                    tr data-profile=(clean_line(&p.id)) {
                        th scope="row" { (clean_line(&p.name)) }
                        td.num.mean { (fmt1(p.fit.mean())) }
                        td.num.median { (fmt1(p.hist.median())) }
                        td.num.stdev { (fmt1(p.fit.stdev())) }
                    }
                }
            }
        }
        @for f in &figures { (f) }
    })
}

fn skills(g: &Group, slug: &str) -> Result<Markup, RenderError> {
    let measured: Vec<_> = g.dimensions.iter().filter(|d| d.score.n > 0).collect();
    let names: Vec<String> = measured.iter().map(|d| clean_line(&d.name)).collect();
    let means: Vec<f64> = measured.iter().map(|d| d.score.mean).collect();
    let sds: Vec<f64> = measured
        .iter()
        .map(|d| d.score.stdev().unwrap_or(0.0))
        .collect();
    let chart = if measured.is_empty() {
        html! {}
    } else {
        let svg = charts::skills(&names, &means, &sds)?;
        let parts: Vec<String> = names
            .iter()
            .zip(means.iter().zip(&sds))
            .map(|(n, (m, sd))| format!("{n} {m:.1} ± {sd:.1}"))
            .collect();
        figure(
            &format!("{slug}-skills"),
            &s::skills_alt(&parts),
            &svg,
            s::SKILLS_CAPTION,
        )
    };
    Ok(html! {
        h3 { (s::SKILLS) }
        (chart)
        table class="dimensions" {
            thead { tr { th scope="col" { (s::SKILL) } th.num scope="col" { (s::MEAN) } th.num scope="col" { (s::STDEV) } } }
            tbody {
                @for d in &g.dimensions {
                    tr data-dimension=(clean_line(&d.id)) {
                        th scope="row" { (clean_line(&d.name)) }
                        td.num.mean { (fmt1(d.score.mean())) }
                        td.num.stdev { (fmt1(d.score.stdev())) }
                    }
                }
            }
        }
    })
}

fn questions(g: &Group) -> Markup {
    html! {
        h3 { (s::QUESTIONS) }
        ol.questions {
            @for (i, q) in g.questions.iter().enumerate() {
                li {
                    strong { (q.text.as_deref().map_or_else(|| format!("#{}", i + 1), clean_line)) }
                    br;
                    span.meta { (clean_line(&answer_counts(q))) }
                }
            }
        }
    }
}

fn group(g: &Group, n: usize, min_group: u64) -> Result<Markup, RenderError> {
    let slug = format!("g{n}");
    let lang = g.model.as_ref().map_or("", |q| q.language.as_str());
    let details = if !g.known {
        html! { p.note { (unknown_note()) } }
    } else if g.suppressed(min_group) {
        html! { p.note { (suppressed_note(min_group)) } }
    } else {
        html! {
            (outcomes(g, &slug)?)
            (profiles(g, &slug)?)
            (skills(g, &slug)?)
            (questions(g))
        }
    };
    Ok(html! {
        section.group id=(slug) lang=[(!lang.is_empty()).then(|| clean_line(lang))]
            data-quiz=(clean_line(&g.quiz.id)) data-count=(g.count) {
            h2 { (clean_line(&g.quiz.title)) }
            p.meta {
                (s::report_quiz(&clean_line(&g.quiz.id), &clean_line(&g.quiz.version), &clean_line(&g.quiz.fingerprint)))
                " · " strong.count { (s::report_results(g.count)) }
            }
            (details)
        }
    })
}

/// The whole report. `date` is when it was made, as the caller's clock
/// says (this crate reads none).
pub fn report(a: &Aggregate, min_group: u64, date: &str) -> Result<String, RenderError> {
    let groups = a.ordered();
    let mut sections = Vec::new();
    for (i, g) in groups.iter().enumerate() {
        sections.push(group(g, i + 1, min_group)?);
    }
    let css = format!(
        "{}{}",
        font::css_font_faces(),
        CSS.replace("FONTS", font::STACK)
    );
    let page = html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                meta http-equiv="Content-Security-Policy" content=(CSP);
                meta name="generator" content="careerfit";
                title { (s::REPORT_TITLE) }
                style { (PreEscaped(css)) }
            }
            body {
                main {
                    header {
                        h1 { (s::REPORT_TITLE) }
                        p.meta { (s::report_read(a.count(), a.skipped, &clean_line(date))) }
                        @for note in problem_notes(a) { p.note { (clean_line(&note)) } }
                        @if groups.len() > 1 { p.note { (groups_note(groups.len())) } }
                    }
                    @for sec in &sections { (sec) }
                }
            }
        }
    };
    Ok(clean(&page.into_string()))
}
