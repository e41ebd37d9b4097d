# careerfit's interface in English: every sentence the quiz, its cards and
# reports show a person. The quiz's own texts (questions, outcomes) live in
# the quiz file. See docs/i18n.md for how to add a language.

## Shared words

count-questions = { $n ->
    [one] 1 question
   *[other] { $n } questions
}
minutes-about = about { $n ->
    [one] 1 minute
   *[other] { $n } minutes
}
# Two sentences one after the other (languages differ in the space between).
two-sentences = { $first } { $second }

## Welcome and resume

welcome-measures = What it measures
welcome-not = What it is not
welcome-skip-any = skip any you cannot answer
privacy-remote-named = Your result is saved for the workshop facilitator, under the name “{ $name }” (your SSH user name).
privacy-remote-anonymous = Your result is saved for the workshop facilitator, without a name.
privacy-folder-named = When you finish, your result is saved in the workshop folder { $dir }, under the name “{ $name }”.
privacy-folder-anonymous = When you finish, your result is saved in the workshop folder { $dir }, without your name.
privacy-local = Your answers stay on this machine.
privacy-database-named = When you finish, your result is saved in the workshop database { $target }, under the name “{ $name }”.
privacy-database-anonymous = When you finish, your result is saved in the workshop database { $target }, without your name.
resume-title = Resume where you left off?
resume-progress = You had answered { $done } of { $total } questions.

## Footers: what each key does, in a word or two

key-choose = choose
key-next = next
key-back = back
key-skip = skip
key-all-keys = all keys
key-start = start
key-help = help
key-quit = quit
key-resume = resume
key-start-over = start over
key-select = select
key-change = change
key-see-result = see result
key-scroll = scroll
key-copy = copy
key-card = card
key-save = save
key-qr = QR
key-review = review

## The question screen

prompt-agreement = How much do you agree?
prompt-scenario = Pick the option closest to what you would do.
prompt-forced-choice = Which of the two would you rather?
answered-count = { $n } answered
choose-first = Choose an option first (1–9 or ↑ ↓), or press s to skip.

## Review

review-header = review · { $done } of { $total } answered
review-intro = Check your answers. Pick one to change it, or press Enter for your result.
review-skipped = — skipped

## Results

results-header = your result
results-confidence = Confidence { $confidence } · { $done } of { $total } answered
results-skills = Skills (0–100)
results-about = About: { $title }
results-key-questions = Questions this path answers:
results-next-steps = Next steps
reason-line = { $sign } “{ $text }” — you answered { $answer } ({ $effect })
share-code-label = Share code
code-too-long-for-line = { $n } characters, too long for this line: press r to see it

## Overlays

help-title = Keys
help-move = move between options / scroll
help-number = choose that option (stays on the question)
help-confirm = confirm and go to the next question
help-back = back one question
help-skip = skip this question
help-change = review: change the highlighted answer
help-scroll-results = scroll a long text (PgUp PgDn: the question)
help-repaint = repaint the whole screen
help-copy = results: copy the text card (OSC 52)
help-view-card = results: view the text card
help-write = results: save result and card image
help-write-elsewhere = results: write them into another folder
help-qr = results: show the share code as a QR code
help-title-scroll = Keys · ↑↓ scroll
more-above = ↑ { $n } more above
more-below-count = ↓ { $n } more below
code-press-r = { $n } characters: press r to see it
help-close = any other key closes this help
help-this = this help
help-quit = quit (asks first if answers would be lost)
help-suspend = suspend to the shell; `fg` to come back
quit-title = Quit the quiz?
quit-answered = You have answered { $done } of { $total } questions.
quit-saved = Your progress is saved; you can resume next time.
quit-yes = quit
quit-no = keep going
card-title = Text card · ↑↓ scroll · c copy · any other key closes
qr-too-long = This code is too long for a QR code.
qr-long-code = This code has { $n } characters, too many for a QR code. Copy it with c on the text card (v), or from here:
qr-long-title = Share code · ↑↓ scroll · any other key closes
qr-larger = Make the terminal larger to show the QR code.
qr-title = Scan the share code
save-prompt = Folder to write the result files and card image into:
save-keys = Enter save · Esc cancel
save-title = Save result

## Terminal too small

small-title = Terminal too small
small-need = need { $w }×{ $h }
small-have = have { $w }×{ $h }
small-quit = q quits

## The call, its confidence and the sentences around it

headline-best-fit = Best fit
headline-leaning = Leaning towards
headline-hybrid = Hybrid
headline-no-call = No clear call yet
headline-result = Result
headline-line = { $label }: { $title }
confidence-none = none
confidence-high = high
confidence-moderate = moderate
confidence-low = low
confidence-text = { $percent }% ({ $level })
retake-high = A retake would very likely give the same answer.
retake-moderate = A retake would probably give the same answer, though not certainly.
retake-low = A retake could well come out differently, so treat this as a first reading.
note-none = No confidence is given: these answers cannot support a call.
note-retest = Confidence is the estimated chance that answering again would give the same result.
note-gap = Confidence says how clearly your fits clear this quiz's lines, given how precisely your answers measure them.
summary-best = { $best } fits you best ({ $bestfit } out of 100), ahead of { $next } ({ $nextfit }).
summary-best-well = { $best } fits you best ({ $bestfit } out of 100), well ahead of { $next } ({ $nextfit }).
summary-best-alone = { $best } fits you with { $bestfit } out of 100.
summary-lean = You lean towards { $best } ({ $bestfit } out of 100) over { $next } ({ $nextfit }). The lead is modest, so read it as a tendency rather than a verdict.
summary-lean-alone = You lean towards { $best } ({ $bestfit } out of 100).
summary-too-close-hybrid = { $best } ({ $bestfit }) and { $next } ({ $nextfit }) are both strong and too close to separate, so a role that combines them may suit you.
summary-too-close-explore = { $best } ({ $bestfit }) and { $next } ({ $nextfit }) are both strong and too close to separate, and this quiz has no combined role for them, so explore both.
summary-bridged = { $best } ({ $bestfit }) and { $next } ({ $nextfit }) are both close to strong, and your answers about linking the two sides are strong ({ $bridge }), so a role that combines them may suit you.
summary-both-strong = { $best } ({ $bestfit }) and { $next } ({ $nextfit }) are both strong, so a role that combines them may suit you.
summary-nothing-answered = None of the questions that measure a profile were answered.
summary-below-strong = No profile reaches { $strong } out of 100, the level this quiz treats as a clear fit; your highest is { $best } at { $bestfit }.
summary-no-lead = { $best } ({ $bestfit }) and { $next } ({ $nextfit }) are too close to call even a lean, and neither is strong yet.
summary-nothing-strong = Neither side draws you strongly yet: your highest fit is { $best } at { $bestfit } out of 100.
summary-flagged = Your answer pattern makes the scores unreliable, so no role is recommended.
flag-straight-lining = Most of your agreement answers were the same point of the scale, so they say little about your preferences.
flag-acquiescence = You agreed with statements and with their opposites alike, so agreement alone cannot separate the roles.
flag-nay-saying = You disagreed with statements and with their opposites alike, so disagreement alone cannot separate the roles.
flag-too-few = Too many questions were skipped to say anything with confidence.
flag-inconsistent = Your answers look inconsistent: statements about the same side got very different answers (for example agreeing with one and with its opposite), so a retake would probably come out differently.
reasons-towards = Why, in your own answers:
reasons-against = What pulled the other way:
effect-raised = raised { $profile }
effect-lowered = lowered { $profile }

## The text card

card-result-for = Result for { $name }
card-confidence = Confidence: { $confidence } · { $done } of { $total } questions answered
card-reason = { $sign } “{ $text }” — { $answer } ({ $effect })
card-note = Note: { $message }
card-skills = Skills (0–100):
card-share-code = Share code: { $code }
card-see-again = See it again: { $command }
quiz-file-placeholder = <quiz file>

## The Markdown document

md-title = { $title } — result
md-result-for = Result for **{ $name }**.
md-headline = **{ $label }:** { $title } · confidence { $confidence } · { $done } of { $total } questions answered
md-fit-heading = Fit by profile
md-fit-columns = | Profile | Fit (0–100) | ± (std. error) |
md-skills-heading = Skills
md-skills-columns = | Skill | Score (0–100) | Raw | Range |
md-not-measured = not measured
md-reason = - ({ $pull }, { $effect }): “{ $text }” — you answered *{ $answer }*
md-pattern-heading = About your answer pattern
md-key-questions = Questions this path answers
md-next-steps = Next steps
md-share = Share code: `{ $code }` · reproduce with `{ $command }`

## Leaving the terminal

goodbye-result = Your result: { $headline }
goodbye-code = Share code: { $code }  (see it again: { $command })
goodbye-remote = Bye! Connect again any time to take the quiz.

## Status lines

status-progress-failed = Could not save progress: { $reason }
status-submitted = Submitted to the workshop as { $file }
status-submit-failed = Could not submit to { $dir }: { $reason }
status-submitted-database = Saved for the workshop database { $target }
status-copied = Asked your terminal to copy the text card (OSC 52). Not every terminal allows that (in tmux: set -g set-clipboard on): if nothing was copied, press v to see the card or w to save it.
status-copied-remote = Asked your terminal to copy the text card (OSC 52). Not every terminal allows that: if nothing was copied, press v to see the card.
# `w` also saves the card as SVG and PNG; when all four share one name.
status-saved-with-card = Saved { $json }, .md, .svg and .png
status-saved-four = Saved { $json }, { $markdown }, { $svg } and { $png }
status-saved-no-card = Saved { $json } and { $markdown }; the card image could not be saved: { $reason }
status-save-failed = Could not save in { $dir }: { $reason }. Your result is still here; press W to try another folder.

## Plain mode (line by line, for screen readers)

plain-saved-progress = You have saved progress: { $done } of { $total } questions answered.
plain-resume-ask = Resume where you left off? (y resumes, n starts over, q quits):{" "}
plain-type-ynq = Please type y, n or q.
plain-your-result = Your result
plain-confidence = Confidence: { $confidence }. { $done } of { $total } questions answered.
plain-fit-heading = Fit, from 0 to 100:
plain-not-enough = { $name }: not enough answers
plain-reason = You answered { $answer } to “{ $text }” ({ $effect }).
plain-skills-heading = Skills, from 0 to 100:
plain-about = About { $title }:
plain-next-steps = Next steps:
plain-title = { $title } (version { $version })
plain-measures = What it measures:
plain-not = What it is not:
plain-length = { $questions }, { $minutes }. Skip any you cannot answer.
plain-saved-each = Your progress is saved after every answer, so you can stop and resume later.
plain-how = Type the number of an option and press Enter. s skips, b goes back, q quits. On a question you answered before, Enter alone keeps that answer.
plain-question = Question { $n } of { $total }: { $text }
plain-answered-before = You answered { $n }: { $label }. Enter keeps it.
plain-answer-prompt = Your answer (1-{ $n }, s, b, q):{" "}
plain-first = This is the first question.
plain-type-number = Please type a number from 1 to { $n }, or s, b or q.
plain-stopped = Stopped; nothing was scored.
plain-kept = Your progress is saved; run the quiz again to resume.
plain-lost = Your answers will be lost: progress cannot be saved here.
plain-quit-ask = Quit now? (y quits, n goes on):{" "}
plain-last = That was the last question: { $done } of { $total } answered, { $skipped } skipped.
plain-last-ask = Enter shows your result; r lists your answers, b goes back, q quits:{" "}
plain-skipped = skipped
plain-review-line = { $n }. { $text } Your answer: { $answer }
plain-type-rbq = Please press Enter, or type r, b or q.
plain-ended = Input ended before the quiz was finished; nothing was scored.
plain-ended-kept = Your progress is saved: run the quiz again to resume.

## The result card as an image

image-confidence = Confidence: { $level } ({ $percent }%)
image-confidence-none = Confidence: none (the answers were flagged)
image-top-skills = Top skills
image-not-a-test = A tool for self-reflection, not a test or an assessment.
image-title = careerfit result card: { $headline }
