# careerfit の日本語インターフェース。英語版 (../en/careerfit.ftl) と同じキーと
# 引数を持つこと (テストで確認しています)。

## 共通

count-questions = { $n } 問
minutes-about = 約 { $n } 分
two-sentences = { $first }{ $second }

## ようこそ画面と再開

welcome-measures = この診断でわかること
welcome-not = この診断でわからないこと
welcome-skip-any = 答えにくい質問はスキップできます
privacy-remote-named = 結果はワークショップの進行役のために「{ $name }」(SSH のユーザー名) の名前で保存されます。
privacy-remote-anonymous = 結果はワークショップの進行役のために、名前なしで保存されます。
privacy-folder-named = 終了すると、結果はワークショップのフォルダー { $dir } に「{ $name }」の名前で保存されます。
privacy-folder-anonymous = 終了すると、結果はワークショップのフォルダー { $dir } に名前なしで保存されます。
privacy-local = 回答はこのコンピューターの外には送られません。
privacy-database-named = 終了すると、結果はワークショップのデータベース { $target } に「{ $name }」の名前で保存されます。
privacy-database-anonymous = 終了すると、結果はワークショップのデータベース { $target } に名前なしで保存されます。
resume-title = 前回の続きから再開しますか？
resume-progress = { $total } 問中 { $done } 問に回答済みです。

## フッター: 各キーの働き

key-choose = 選択
key-next = 次へ
key-back = 戻る
key-skip = スキップ
key-all-keys = キー一覧
key-start = 開始
key-help = ヘルプ
key-quit = 終了
key-resume = 再開
key-start-over = 最初から
key-select = 移動
key-change = 変更
key-see-result = 結果を見る
key-scroll = スクロール
key-copy = コピー
key-card = カード
key-save = 保存
key-qr = QR
key-review = 見直し

## 質問画面

prompt-agreement = どのくらい当てはまりますか？
prompt-scenario = あなたの行動に最も近いものを選んでください。
prompt-forced-choice = どちらをより望みますか？
answered-count = { $n } 問回答
choose-first = 先に選択肢を選ぶか (1–9 または ↑ ↓)、s でスキップしてください。

## 見直し

review-header = 見直し · { $total } 問中 { $done } 問に回答
review-intro = 回答を確認してください。選ぶと変更でき、Enter で結果を表示します。
review-skipped = — スキップ

## 結果

results-header = あなたの結果
results-confidence = 確信度 { $confidence } · { $total } 問中 { $done } 問に回答
results-skills = スキル (0–100)
results-about = { $title } について
results-key-questions = この道が答える問い:
results-next-steps = 次の一歩
reason-line = { $sign } 「{ $text }」— 回答: { $answer } ({ $effect })
share-code-label = 共有コード
code-too-long-for-line = { $n } 文字あり、この行には収まりません。r で表示します

## オーバーレイ

help-title = キー操作
help-move = 選択肢の移動 / スクロール
help-number = その選択肢を選ぶ (質問にとどまります)
help-confirm = 確定して次の質問へ
help-back = 1 問戻る
help-skip = この質問をスキップ
help-change = 見直し: 選んでいる回答を変更
help-scroll-results = 長い文をスクロール (PgUp PgDn: 質問)
help-repaint = 画面全体を描き直す
help-copy = 結果: テキストカードをコピー (OSC 52)
help-view-card = 結果: テキストカードを表示
help-write = 結果: 結果とカード画像を保存する
help-write-elsewhere = 結果: 別のフォルダーに書き出す
help-qr = 結果: 共有コードを QR コードで表示
help-title-scroll = キー操作 · ↑↓ スクロール
more-above = ↑ 上にあと { $n } 件
more-below-count = ↓ 下にあと { $n } 件
code-press-r = { $n } 文字: r で表示
help-close = 他のキーで閉じます
help-this = このヘルプ
help-quit = 終了 (回答が失われる場合は先に確認します)
help-suspend = シェルに一時停止。`fg` で戻ります
quit-title = 診断を終了しますか？
quit-answered = { $total } 問中 { $done } 問に回答しました。
quit-saved = 進み具合は保存されています。次回続きから再開できます。
quit-yes = 終了する
quit-no = 続ける
card-title = テキストカード · ↑↓ スクロール · c コピー · 他のキーで閉じる
qr-too-long = このコードは QR コードにするには長すぎます。
qr-long-code = このコードは { $n } 文字あり、QR コードには長すぎます。テキストカード (v) で c を押してコピーするか、ここから写してください:
qr-long-title = 共有コード · ↑↓ スクロール · 他のキーで閉じる
qr-larger = QR コードを表示するには端末を大きくしてください。
qr-title = 共有コードを読み取る
save-prompt = 結果ファイルとカード画像を書き出すフォルダー:
save-keys = Enter 保存 · Esc 取り消し
save-title = 結果を保存

## 端末が小さすぎるとき

small-title = 端末が小さすぎます
small-need = { $w }×{ $h } 以上が必要
small-have = 現在 { $w }×{ $h }
small-quit = q で終了

## 判定、確信度、それを説明する文

headline-best-fit = 最も合う道
headline-leaning = やや向いている道
headline-hybrid = ハイブリッド
headline-no-call = まだはっきりとは言えません
headline-result = 結果
headline-line = { $label }: { $title }
confidence-none = なし
confidence-high = 高
confidence-moderate = 中
confidence-low = 低
confidence-text = { $percent }% ({ $level })
retake-high = もう一度受けても、ほぼ確実に同じ結果になります。
retake-moderate = もう一度受けても、おそらく同じ結果になりますが、確実ではありません。
retake-low = もう一度受けると、違う結果になることも十分ありえます。
note-none = この回答からは判定できないため、確信度は示しません。
note-retest = 確信度は、もう一度回答したときに同じ結果になる見込みを推定したものです。
note-gap = 確信度は、回答がどれだけ正確に測れているかを踏まえて、この診断の基準をどれだけはっきり超えているかを示します。
summary-best = あなたに最も合うのは{ $best } (100 点中 { $bestfit } 点) で、{ $next } ({ $nextfit } 点) を上回っています。
summary-best-well = あなたに最も合うのは{ $best } (100 点中 { $bestfit } 点) で、{ $next } ({ $nextfit } 点) を大きく上回っています。
summary-best-alone = { $best }との適合度は 100 点中 { $bestfit } 点です。
summary-lean = あなたは{ $next } ({ $nextfit } 点) より{ $best } (100 点中 { $bestfit } 点) に傾いています。差は小さいので、結論ではなく傾向として受け取ってください。
summary-lean-alone = あなたは{ $best } (100 点中 { $bestfit } 点) に傾いています。
summary-too-close-hybrid = { $best } ({ $bestfit } 点) と{ $next } ({ $nextfit } 点) はどちらも高く、差が小さすぎて分けられません。両方を組み合わせた役割が合うかもしれません。
summary-too-close-explore = { $best } ({ $bestfit } 点) と{ $next } ({ $nextfit } 点) はどちらも高く、差が小さすぎて分けられません。この診断には両方を組み合わせた役割がないので、両方を探ってみてください。
summary-bridged = { $best } ({ $bestfit } 点) と{ $next } ({ $nextfit } 点) はどちらも高めで、二つの側をつなぐことについての回答も高い ({ $bridge } 点) ので、両方を組み合わせた役割が合うかもしれません。
summary-both-strong = { $best } ({ $bestfit } 点) と{ $next } ({ $nextfit } 点) はどちらも高いので、両方を組み合わせた役割が合うかもしれません。
summary-nothing-answered = プロファイルを測る質問に一つも回答がありませんでした。
summary-below-strong = この診断がはっきり合うとみなす 100 点中 { $strong } 点に届くプロファイルはありません。最も高いのは{ $best }の { $bestfit } 点です。
summary-no-lead = { $best } ({ $bestfit } 点) と{ $next } ({ $nextfit } 点) は差が小さく、傾向も言えません。どちらもまだ高くはありません。
summary-nothing-strong = どちらの側にもまだ強くは惹かれていないようです。最も高いのは{ $best }の 100 点中 { $bestfit } 点です。
summary-flagged = 回答のパターンから点数が信頼できないため、役割はおすすめしません。
flag-straight-lining = 同意の度合いを問う質問の多くに同じ目盛りで答えているため、好みについてあまり多くはわかりません。
flag-acquiescence = 文にもその反対の文にも同じように同意しているため、同意の度合いだけでは役割を区別できません。
flag-nay-saying = 文にもその反対の文にも同じように反対しているため、反対の度合いだけでは役割を区別できません。
flag-too-few = スキップした質問が多すぎて、確信をもって言えることがありません。
flag-inconsistent = 回答に一貫性がないようです。同じ側についての文への回答が大きく食い違っている (ある文にもその反対にも同意しているなど) ため、受け直すと違う結果になる可能性が高いです。
reasons-towards = あなた自身の回答からわかる理由:
reasons-against = 反対の方向に働いた回答:
effect-raised = { $profile }を上げた
effect-lowered = { $profile }を下げた

## テキストカード

card-result-for = { $name } さんの結果
card-confidence = 確信度: { $confidence } · { $total } 問中 { $done } 問に回答
card-reason = { $sign } 「{ $text }」— { $answer } ({ $effect })
card-note = 注意: { $message }
card-skills = スキル (0–100):
card-share-code = 共有コード: { $code }
card-see-again = もう一度見るには: { $command }
quiz-file-placeholder = <診断ファイル>

## Markdown 文書

md-title = { $title } — 結果
md-result-for = **{ $name }** さんの結果。
md-headline = **{ $label }:** { $title } · 確信度 { $confidence } · { $total } 問中 { $done } 問に回答
md-fit-heading = プロファイル別の適合度
md-fit-columns = | プロファイル | 適合度 (0–100) | ± (標準誤差) |
md-skills-heading = スキル
md-skills-columns = | スキル | 点数 (0–100) | 素点 | 範囲 |
md-not-measured = 測定なし
md-reason = - ({ $pull }, { $effect }): 「{ $text }」— 回答: *{ $answer }*
md-pattern-heading = 回答のパターンについて
md-key-questions = この道が答える問い
md-next-steps = 次の一歩
md-share = 共有コード: `{ $code }` · 再現するには `{ $command }`

## 端末を離れるとき

goodbye-result = あなたの結果: { $headline }
goodbye-code = 共有コード: { $code }  (もう一度見るには: { $command })
goodbye-remote = ありがとうございました。いつでも接続し直して診断を受けられます。

## ステータス行

status-progress-failed = 進み具合を保存できませんでした: { $reason }
status-submitted = ワークショップに { $file } として提出しました
status-submit-failed = { $dir } に提出できませんでした: { $reason }
status-submitted-database = ワークショップのデータベース { $target } 用に保存しました
status-copied = テキストカードのコピーを端末に依頼しました (OSC 52)。対応していない端末もあります (tmux では set -g set-clipboard on)。コピーされていなければ、v でカードを表示するか w で保存してください。
status-copied-remote = テキストカードのコピーを端末に依頼しました (OSC 52)。対応していない端末もあります。コピーされていなければ、v でカードを表示してください。
status-saved-with-card = { $json }、.md、.svg、.png を保存しました
status-saved-four = { $json }、{ $markdown }、{ $svg }、{ $png } を保存しました
status-saved-no-card = { $json } と { $markdown } を保存しました。カード画像は保存できませんでした: { $reason }
status-save-failed = { $dir } に保存できませんでした: { $reason }。結果はまだここにあります。W で別のフォルダーを試せます。

## プレーンモード (1 行ずつ、スクリーンリーダー向け)

plain-saved-progress = 保存された進み具合があります: { $total } 問中 { $done } 問に回答済みです。
plain-resume-ask = 前回の続きから再開しますか? (y 再開、n 最初から、q 終了):{" "}
plain-type-ynq = y、n、q のいずれかを入力してください。
plain-your-result = あなたの結果
plain-confidence = 確信度: { $confidence }。{ $total } 問中 { $done } 問に回答。
plain-fit-heading = 適合度 (0 から 100):
plain-not-enough = { $name }: 回答が足りません
plain-reason = 「{ $text }」に「{ $answer }」と回答 ({ $effect })。
plain-skills-heading = スキル (0 から 100):
plain-about = { $title } について:
plain-next-steps = 次の一歩:
plain-title = { $title } (バージョン { $version })
plain-measures = この診断でわかること:
plain-not = この診断でわからないこと:
plain-length = { $questions }、{ $minutes }。答えにくい質問はスキップできます。
plain-saved-each = 進み具合は回答のたびに保存されるので、途中でやめて後から再開できます。
plain-how = 選択肢の番号を入力して Enter を押してください。s でスキップ、b で戻る、q で終了。前に答えた質問では、Enter だけでその回答を残せます。
plain-question = 質問 { $n }/{ $total }: { $text }
plain-answered-before = 前回の回答は { $n }: { $label }。Enter でそのままにします。
plain-answer-prompt = 回答 (1-{ $n }、s、b、q):{" "}
plain-first = これが最初の質問です。
plain-type-number = 1 から { $n } の数字、または s、b、q を入力してください。
plain-stopped = 中断しました。採点はしていません。
plain-kept = 進み具合は保存されています。もう一度起動すると再開できます。
plain-lost = ここでは進み具合を保存できないため、回答は失われます。
plain-quit-ask = 終了しますか? (y 終了、n 続ける):{" "}
plain-last = これが最後の質問でした: { $total } 問中 { $done } 問に回答、{ $skipped } 問スキップ。
plain-last-ask = Enter で結果を表示。r で回答の一覧、b で戻る、q で終了:{" "}
plain-skipped = スキップ
plain-review-line = { $n }. { $text } 回答: { $answer }
plain-type-rbq = Enter を押すか、r、b、q のいずれかを入力してください。
plain-ended = 診断が終わる前に入力が終わりました。採点はしていません。
plain-ended-kept = 進み具合は保存されています。もう一度起動すると再開できます。

## 画像の結果カード

image-confidence = 確信度: { $level } ({ $percent }%)
image-confidence-none = 確信度: なし (回答のパターンに注意が必要です)
image-top-skills = 上位のスキル
image-not-a-test = 自分を振り返るためのツールであり、テストや評価ではありません。
image-title = careerfit の結果カード: { $headline }
