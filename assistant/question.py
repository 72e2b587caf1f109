"""Read a question once: what it is about, what it asks for, and what only describes the asker.

Staff type 「OODAループって何？新人向けの説明に使いたい」 or 「うちの町（人口8千人）だと、
CIO補佐官の募集費って国が出してくれる？」. Three kinds of words are in such a question:

- **topic terms** — what the documents must talk about (OODAループ, CIO補佐官, 募集, 費用);
- the **slot** — the kind of thing asked for: an amount, a rate, a deadline, a count, who
  does it, where, a definition, a list, steps, an article (第8条), or yes/no;
- **asker words** — who asks, why, and how politely (新人向けの説明に使いたい, うちの町,
  教えてください). They count neither for nor against the evidence: a clause about the
  asker's purpose cannot make the documents silent, nor make them answer.

Retrieval searches the question without the asker words, the answer's evidence is weighed
on the topic terms, the answer's first line states a value of the slot's kind, and a
follow-up keeps the previous topic with its own slot. One reading serves all of them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import cached_property

from assistant.synonyms import variants
from core.japanese import (
    DESIGNATED_CITIES,
    ERA,
    ERA_YEARS,
    KANA_MUNICIPALITIES,
    MUNICIPALITY,
    NOT_DONE,
    PREFECTURES,
    ROW_LABEL,
    YEAR,
    doc_references,
    names_document,
    negations_at,
    numbers_in,
    people_as_figures,
    qualifies_by_negation,
    years_in,
)
from core.text import compact, normalize
from core.tokenize_ja import (
    content_words,
    last_word_pos,
    noun_compounds,
    tokenize,
    verbal_nouns,
    written_as,
    written_forms,
)
from core.tuning import current

# --- what only describes the asker, the purpose or the politeness ---------------------
# Each pattern is a span of Japanese that says nothing about the documents' content; spans
# are removed before the question is searched or weighed. General phrasing, not questions.
_PURPOSE_STEM = (
    r"(?:使い|説明し|紹介し|共有し|伝え|話し|載せ|まとめ|配り|見せ|提案し|報告し|相談し|"
    r"引用し|掲載し|書き|入れ|触れ|比べ|比較し|勧め|薦め|すすめ|案内し|周知し|展開し)"
)
_PURPOSE_VERB = _PURPOSE_STEM + "たい"
# 「話かわるけど」「それとは関係なくて」「ところで」「別件で」「それはそうと」: the asker says a new topic begins.
# (「じゃあ話変わって」「それとは別件で」「話それるけど」: an opening word, a topic drifting or set aside)
_NEW_TOPIC = (
    r"(?:(?:あ|じゃあ|じゃ|では|それでは|で|えっと|さて|あと|ちょっと)[、。]?)?"
    r"(?:話(?:は|が)?(?:変わ|かわ|それ|逸れ|ずれ)(?:る|って|ります|りますが|ますが|ます|で)(?:けど|けれど|んですが|が)?"
    r"|(?:それ|前の(?:話|質問))とは(?:関係|別件?)(?:なく(?:て)?|に|の話(?:で|だけど|ですが)?|で(?:すが)?)"
    r"|ところで|それはそうと|そういえば|別件(?:で|です|ですが|なんですが|だけど)?|(?:全然|まったく)(?:違う|別の)話(?:で|だけど|ですが)?)[、。]?"
)
# 「…って認識で合ってる？」「…という理解でいいですか」「…って思ってて大丈夫？」: the asker states what they
# believe and asks whether it holds, whatever the statement names (a place, an actor, a definition).
_CONFIRMING = (
    r"(?:って|と|という|との)(?:いう)?(?:認識|理解|解釈|考え|捉え方|ことで|思って)(?:で|て)?(?:も)?"
    r"(?:合って|あって|いい|よい|良い|OK|大丈夫|間違いな|正しい)[^?？。、]{0,8}(?=[?？]|$)"
)
_CONFIRMS = re.compile(_CONFIRMING)
_KNOW_VERB = r"(?:知り|確認し|聞き|教え|調べ|把握し|理解し|勉強し|整理し)たい"
_POLITE_TAIL = r"(?:んです|のです|です|んだ)?(?:ので|から|けれど|けど|が|の)?[、。!！]?"
ASKER_PATTERNS: tuple[re.Pattern, ...] = tuple(
    re.compile(p)
    for p in (
        rf"^{_NEW_TOPIC}",
        # a sentence after the question saying what the answer is for: 「…どのくらい？上司に採用の
        # 難しさを説明したい」「…使ってる？研修スライドに注釈つけたい」 (whatever they will do with it is theirs;
        # only a wish to know more — 「…も知りたい」 — asks something, and stays)
        rf"(?<=[?？])(?![^?？。]*(?:{_KNOW_VERB}|見たい|読みたい))[^?？。]{{1,40}}た(?:い|くて)い?{_POLITE_TAIL}[?？]?$",
        # purpose clauses: 「研修で使いたいので」「新人向けの説明に使いたい」「課長に説明したい」 — the span
        # before the verb names an audience or use (に/で/向け), never the topic (を/は/が end it).
        # (「…の特交使いたいんですが」, with を left out, wants the 特交: only the verb goes)
        # (「AI-OCRも一緒に入れたいんだけど」: も marks what is asked about, as は and が do)
        rf"(?:[^、。?？!！をはがも「」『』]{{0,16}}(?:に|で|へ|として|向けに?|用に))?{_PURPOSE_VERB}{_POLITE_TAIL}",
        # 「FAQにしたい」「研修資料にしたいので」: what the asker will make of the answer; a name in
        # brackets is the topic (「『DX推進監』にしたいんだけど」: the post's name they want)
        rf"[^、。?？!！をはが「」『』]{{1,16}}にしたい{_POLITE_TAIL}",
        r"[^、。?？!！をはが]{0,16}(?:必要があって|必要があり|必要があるので|予定なので|ことになって|ことになり)(?=[、。]|ので|から)[、。]?",
        rf"(?:を|について|に関して|って)?{_KNOW_VERB}{_POLITE_TAIL}",
        r"[^、。?？!！をは]{0,16}(?:の者|担当者?)(?:なんですが|ですが|なんです|です|だけど)[、。]?",
        # a self-introduction before the question: 「小さい町のひとり情シスです。」「村の職員ですが、」
        r"^[^、。?？!！をはが]{0,20}(?:情シス|情報担当|職員|係長|課長|主査|主事)(?:なんですが|ですが|なんです|です|でして|だけど)[、。]",
        # what the asker is in the middle of: 「研修のネタ探し中。」「FAQの資料作り中なんですが、」
        r"^[^、。?？!！をはが]{0,16}(?:ネタ|ねた|資料|材料|題材)(?:探し|さがし|集め|作り|づくり|作成|準備)"
        r"(?:の)?(?:中|最中)(?:で|なんですが|ですが|です|なんだけど|だけど)?[、。]",
        # the asker's own body: 「うちの町（人口8千人）」「当市では」 (sizes stay readable for case questions)
        # (not 「そのうち町村は」, "of which")
        r"(?:(?<!その)(?<!この)うち|我が|わが|弊|当)(?:の)?(?:小さい|小さな|小規模な|田舎の)?(?:町|市|村|区|県|役場|役所|自治体|団体)(?:[(（][^)）]{0,20}[)）])?(?:は|では|でも|だと|で|が|も|の場合|みたいな(?:ところ|とこ)|のような(?:ところ|小さい(?:町|市|村)))?[、]?",
        # 「うちに合いそうな」「うちでも使える？」: the asker's own body, written alone (after の, うち is
        # "among": 「未導入のうち検討中は？」)
        r"(?<![ぁ-んァ-ヶ一-龥])うち(?:に|で|も|は)(?:も)?(?=[ぁ-んァ-ヶ一-龥])",
        # the asker's size as the question opens: 「人口8千人の村で、」「うち人口7千人の町で、」
        r"^(?:うち|うちは|うちの|当|我が)?人口\s?\d[\d,.]*\s?[千万]?人?(?:くらい|程度|ほど)?の(?:小さな|小さい)?(?:町|村|市|自治体|団体)"
        r"(?:で|です|なんですが|ですが|だけど|なんだけど)?[、。]",
        # asking politely or casually: 「教えていただけますか」「ざっくりでいいので」「資料の文言どおりに」
        r"(?:を|について|に関して|って)?(?:教えて|お教え|おしえて)(?:く[だた]さ+[いぃ]|下さい|ほしい|欲しい|もらえ(?:ます|ません)?か|いただけ(?:ます|ません)?か|くれ|頂け(?:ます|ません)?か)?(?:です|ね|な)?",
        r"お願い(?:します|いたします|できますか)",
        r"(?:ざっくり|簡単に|手短に|わかりやすく|分かりやすく|ざっと)(?:で)?(?:いい|良い|よい|構わない)?(?:ので|から|です)?[、。]?",
        # the asker's liking: 「良さげなセミナー」「よさそうな講座」 (what is liked stays)
        r"(?:良|よ)さ(?:げ|そう)な",
        # how exactly to put it, before the question word: 「厳密にはどういう状態？」「具体的に何をやる人？」
        r"(?:厳密|正確|具体的|端的)に(?:は|言うと|いうと|言えば|いえば)?、?"
        r"(?=[^、。?？]{0,12}(?:何|なに|どう|どんな|どこ|誰|だれ|いつ|いくら|いくつ))",
        r"(?:資料|原文|文書)の(?:文言|言葉|表現|記載)(?:どおり|通り|のまま)(?:に|で)?",
        # how typical an answer is wanted: 「CIOって普通は誰がなってるの？」「一般的にはどうする？」 (not the
        # 普通 of 普通交付税, run into a noun, nor 「通常の業務」)
        r"(?<![一-龥ァ-ヶー])(?:(?:普通|ふつう|通常|大抵|たいてい|だいたい)(?:は|って)|(?:一般的|基本的)に(?:は)?)、?"
        r"(?=[^、。?？])",
        r"(?:原文|原典|資料)(?:どおり|通り|のまま)(?:に|で)?",
        r"(?:正確な|そのままの|元の|原文の)(?:文言|言葉|表現|記載)(?:で|のまま|どおり|通り)?",
        r"(?:すみません|すいません|恐れ入りますが|恐縮ですが|ちなみに|念のため)[、。]?",
        # the asker's intention: 「運用ルールも作るつもり。」 (what they will do stays; つもり names nothing)
        r"(?<=[るたい])つもり(?:です|だ|でいる|でいます|なんです)?(?:が|けど|けれど|だけど|なんだけど|なので|ので)?(?=[、。]|$)",
        # what the answer is for, said as a use: 「研修資料用にちゃんとした定義がほしい」
        r"[^、。?？!！をはが「」『』]{0,10}(?:資料|研修|説明|FAQ|配布)用に",
        # 「勉強会用にメモりたい」「朝礼用にまとめたい」: whatever the use, when the asker goes on to want something
        r"[^、。?？!！をはが「」『』]{1,10}用に(?=[^、。?？!！]{0,10}たい)",
        # 「…入れろって話、期限いつ？」: the asker recalls something said; what it was stays
        r"(?<=[^、。?？])って話[、,]",
        # who asked the asker: 「課長に『…』って聞かれて」「議会で質問されたので」 (the quoted question stays)
        r"(?:上司|課長|部長|係長|局長|首長|町長|市長|村長|副市長|知事|議員|議会|住民|同僚|先輩|研修|会議|説明会|窓口)(?:から|に|で)"
        r"(?=(?:「[^」]{0,60}」|[^?？「]){0,60}(?:聞かれ|言われ|頼まれ|質問され))",
        r"(?:って|と)?(?:聞かれ|言われ|頼まれ|質問され)(?:て|た|そう(?:で|なので|だから))(?:んだけど|んですが|ので|から|けど|んで)?[、。]?",
        r"(?:って|という)(?:こと|感じ|話)(?:ですか|でしょうか|なの|なん|かな)?(?=[?？]|$)",
        # 「…って認識で合ってる？」: the asker's belief put up for checking (slot_of reads it as a yes/no)
        _CONFIRMING,
        # (not 「ますか」 after a kanji: 「特交出ますか」 left as 「特交出」 reads 出 as a noun, a term of the question)
        r"(?:でしたっけ|だっけ|なんですか|なのでしょうか|でしょうか|ですかね|ですか|(?<![一-龥])ますか|なの|かな)(?=[?？]|$)",
    )
)

# --- the slot: what kind of thing is asked for ------------------------------------------
# 「いつ」 as a word, not the kana of two words run together: 「予算ってどのくらいついてる？」 (くらい + ついてる)
# asks an amount, 「何か思いつく？」 nothing of a date.
_ITSU = r"(?<!くら)(?<!ぐら)(?<!思)(?<!追)いつ"
SLOTS = (
    "article",
    "definition",
    "actor",
    "deadline",
    "when",
    "period",
    "rate",
    "amount",
    "count",
    "number",
    "steps",
    "place",
    "list",
    "yesno",
    "other",
)
# Counters of kinds and parts (何段階, 何項目): the question's word for the unit, not what the documents
# must name — 「何段階」 is answered by ステップ0〜3, which no 段階 names.
_KIND_COUNTERS = "段階|項目|種類|箇条|ステップ|パターン|類型|区分|観点|分類"
_SLOT_PATTERNS: tuple[tuple[str, re.Pattern], ...] = (
    # 「第8条は？」 asks that article; 「根拠条文って何法の何条？」 asks which provision a rule rests on
    ("article", re.compile(r"第\s?\d+\s?条|\d+条目|何条|根拠(?:条文|法令|規定)")),
    (
        "definition",
        re.compile(
            r"(?<!こ)とは(?!別|関係|限|言|いえ|違|異な)|って(?:そもそも)?(?:何|なに|なん)(?:[?？]|$|です|なの|のこと|\s)|意味|定義|どういうもの|どういう意味|"
            # 「DX推進リーダーって？」 asks what it is; 「…どのくらいあるって？」 asks what was said
            r"(?<=[一-龥ァ-ヶーA-Za-z0-9」』）)])って[?？]?$|"
            r"の略|略称|どう違|(?:何|なに|どこ)が違|違いは|の違い|のことを(?:言|い)う|を指す|って、?どういう[^?？、]{0,6}(?:の|こと)|"
            r"(?:何|なん)のこと|ってどういう[一-龥ァ-ン]{1,4}(?:[?？]|$)|"
            # 「…って、ひとことで言うとどういう考え方？」「『標準準拠システム』ってどう説明すればいい？」
            r"どういう(?:考え方|概念)|どう説明(?:すれば|したら|する)"
        ),
    ),
    (
        "actor",
        # 「県がやるの？国がやるの？」: who does it, asked by naming the candidates
        re.compile(
            r"誰|だれ|どなた|どこが|どの(?:機関|組織|省|部署)|どこの(?:局|部局|部署|課|省|省庁|機関|組織)|所管|"
            r"(?:部署|部局|担当課|担当部署|担当|窓口|問い?合わ?せ先|連絡先)(?:って|は)?どこ|"
            r"(?:どんな|どういう|どの)(?:人|方|者)(?!材)|(?:どんな|どういう|どの)(?:役職|ポスト|立場|職位)|実施主体|主体は|任命する|決める(?:の|のは)|"
            r"が(?:やる|する|決める|任命する)(?:の|ん)?(?:[?？]|$)"
        ),
    ),
    (
        "deadline",
        # 「令和7年度で終わり？」「来年度以降も使える？」 ask until when, whatever the asker believes
        re.compile(
            # (「年何回まで使える？」 counts: a counter before まで bounds a number, not a date)
            r"いつまで|期限|締め?切|しめきり|〆切|いつ終わ|(?<![回人件名個日間])まで(?:続|延長|使え|もら)|延長|で終わ|で終了|打ち切|以降も(?:使え|続|あ)"
        ),
    ),
    # 「何年度から何年度まで？」 asks a period; 「それ何年度から？」 asks when it began
    (
        "period",
        re.compile(r"期間|何年(?:分|間)|何か月|何ヶ月|何日間|いつからいつ|何年度から(?=[^?？]*(?:何年度|いつ)まで)"),
    ),
    ("when", re.compile(rf"{_ITSU}|何年度|時期|何月|何年に|日程|開催日")),
    # 「合格率ってどのくらい？」「利用率どのくらい？」「率いくつ？」: a noun in 率 asks a rate (倍率: 何倍, a number)
    (
        "rate",
        re.compile(
            r"何割|割合|措置率|(?<!倍)率(?:は|って|が|を|も|、|[?？]|$|どの|どれ|いくつ|いくら|なんぼ|何)|何%|何パーセント|補助率|負担率"
        ),
    ),
    (
        "amount",
        re.compile(
            # (「費用はかかる？」 asks whether it costs: yes or no; 「対象になる経費は？」 which costs)
            r"いくら|金額|上限額|(?<!人数の)(?<!人数)(?<!回数の)(?<!件数の)(?<!年齢の)(?<!年齢)(?<!派遣の)(?<!派遣)上限(?!回数|人数|件数|日数|時間|年数)|何円|何万円|予算|単価|報酬額|(?<!対象)(?<!対象の)(?<!対象になる)(?<!対象となる)(?<!対象外)(?<!対象外の)(?<!対象外になる)(?<!対象外となる)(?:費用|経費)は(?!かか|発生|必要|要る|いる|出る|ある|あり)|額は|料金|月額|年額|"
            r"(?:年収|月収|給与|給料|年俸|日当|謝金|報酬)(?:は|って|が|を)?(?:どのくらい|どれくらい|どの程度|いくら|[?？]|$)|"
            # 「講習の費用どれくらいかかる？」「予算ってどのくらい？」「構築費はどれくらい？」: how much of a sum of
            # money, not any number
            # (「削減時間と費用ってどのくらい？」 asks two things: the number of each, not one sum)
            r"(?<![一-龥ァ-ヶー]と)(?:費用|経費|予算|コスト|受験料|手数料|受講料|利用料|料金|(?<=[一-龥])費)(?:は|って|が|も)?(?:どのくらい|どれくらい|どれぐらい|どのぐらい|どの程度)"
        ),
    ),
    # 「ステップって何段階？」「12箇条って何項目？」: how many kinds or parts is answered by listing them
    ("list", _KINDS_COUNTED := re.compile(rf"(?:何|いくつの)({_KIND_COUNTERS})")),
    (
        "count",
        re.compile(
            r"何人|何[万千]人|何名|何団体|何回|何件|何か所|何箇所|何市|何町|何業務|何手続|いくつ|何個|何項目|何つ|人数|件数|回数|団体数|"
            r"何事例|何分野|何社|何種類|何か国|何カ国|何ヶ国|何枚|定員|何[ァ-ヶ][ァ-ヶー]{1,7}|何(?:都道府県|府県|県|施設|機関|部署|校)|"
            # 「…市区町村の数、令和4年度の数字ってあります？」 asks the figure, not whether one exists
            r"(?:の数|数字)(?:って|は|が|も)?(?:ある|あります|出て(?:る|ます)|載って|わか|分か)"
        ),
    ),
    (
        "number",
        re.compile(
            r"どれくらい|どのくらい|どれぐらい|どのぐらい|どの程度|何倍|倍率|規模は|何時間|何時限|何日|何年|何歳|何分(?!野)|"
            r"人口(?:は|って)?[?？]|人口(?:は|って)$|"
            # 「…できてる県って、年度ごとにどう増えた？」: how far a count went up or down
            r"(?:どう|どれだけ|どのように|どんなふうに)(?:増え|減っ|伸び|推移)"
        ),
    ),
    # 「入札の公平性ってどう担保すればいい？」 asks how, not yes or no
    (
        "steps",
        re.compile(
            r"手順|ステップ|何から|どうすれば|どうやって|進め方|流れ|やり方|始め方|どう進め|どう[^?？、。]{0,8}(?:すれば|したら)"
        ),
    ),
    # 「協定を結んでる企業ってどこ？」「どこの企業と結んでる？」: the companies a document lists, not a
    # place (slot_of: asked of a place named, 「天理市にはどこの会社から来てた？」, it is that row's one)
    ("list", _WHICH_COMPANIES := re.compile(r"(?:企業|会社|事業者)(?:って|は|が)?(?:どこ|どれ)|どこの(?:企業|会社)")),
    (
        "place",
        re.compile(
            # (a 事例集 is a document: 「事例集の…章ってどういう分類？」 asks no case)
            # (「どこまで進んでる？」「どこまで対象？」 ask how far, not where)
            r"どこ(?!まで)|どの(?:県|市|町|村|自治体|団体)|事例(?!集)|取組例|例は|例を|やっている(?:自治体|ところ)|他の県|ほかの県|"
            r"(?:県|府|市町村|市区町村|自治体|団体|市|町|村)(?:は|って)(?:どこ)?(?:[?？]|$)"
        ),
    ),
    (
        "list",
        re.compile(
            r"どんな|何がある|どういう|項目|要件|条件|ポイント|視点|機能|内容|役割|種類|構成|チェック|人材像|メリット|効果|"
            # 「「重点テーマ」を全部挙げて」: every item of something, named one by one
            r"(?:全部|すべて|全て|ぜんぶ)(?:挙げ|あげ|教え|書き出|並べ)|列挙|"
            # 「対象になる経費は？」「対象外になる経費は？」: which costs, not how much
            r"対象外?(?:になる|となる|の)?(?:経費|費用)(?:は|って)|"
            # 「要綱に何を書いとけばいい？」「何見て決めればいい？」: the things to write or weigh
            r"(?:何|なに)(?!か)を?[^、。?？]{0,10}(?:ば|たら)(?:いい|よい|良い)"
        ),
    ),
    (
        "yesno",
        re.compile(
            r"(?:でき|使え|もらえ|出せ|認められ|含まれ|対象にな|対象と|なれ|受けられ|使っていい|して(?:も)?いい|でもいい|てもいい)(?:る|ます|たりする|たりします)?(?:の)?(?:か|？|\?)|"
            r"(?:対象|可能|必要|出る|出ます|出して|(?<![まな])でる|でます|ある|あります|いい|OK|オッケー|大丈夫)(?:なの|なもの|です|でしょう)?(?:か)?(?:[?？]|$)|"
            r"(?:くれる|くれます|もらえる|もらえます|みてもらえる|見てもらえる)(?:の)?(?:か)?(?:[?？]|$)"
        ),
    ),
)
# Words that say how to set the answer out (「違いを表にして」「比較して」「箇条書きで」): they count
# where a passage uses them (a comparison table headed 「違い」), never against one that does not.
# Words that say what form the answer takes (「どういう流れ？」「文言を正確に」「町の例ある？」), not what about.
_FORM_WORDS = frozenset(
    {
        "違い",
        "差",
        "差異",
        "比較",
        "対比",
        "表",
        "箇条",
        "書き",
        "流れ",
        "文言",
        "正確",
        "一覧",
        "例",
        "名前",
        "最初",
        "最後",
        "纏め",  # 「まとめとしては何て言ってる？」: the summing-up of what was just asked about
        "要約",
        "話",  # 「デンマークの話が入ってる研修」: what a passage is about, said of it
        "種類",  # 「派遣の種類って何がある？」: the kinds are the items listed, not a word they are listed under
    }
)
# A lone kana left by the tokenizer (いくつ → 幾 + つ) names nothing.
_KANA = re.compile(r"^[ぁ-んァ-ン]$")
# Parts of speech that say what is done or how, not what about: an unknown one is the asker's wording.
VERBAL_POS = frozenset({"動詞", "形容詞", "副詞", "感動詞"})
# Words that only say *what kind* of answer is wanted: never topic terms.
SLOT_LEMMAS = frozenset(
    {
        "誰",
        "だれ",
        "何処",
        "どこ",
        "幾ら",
        "いくら",
        "幾つ",
        "幾",
        "名前",
        "名称",
        "感じ",
        "何時",
        # 「日程と定員どうなってた？」: when, asked with a noun (a table's header may say it, a course's row does not)
        "日程",
        "日時",
        "開催日",
        # 「今何人？」「応募は何人いた？」: the dictionary reads 何人 (なんにん) as one word, which no
        # document uses; as a topic term it had weighed the most of all
        "何人",
        "いつ",
        "如何",
        "どう",
        "どの",
        "どんな",
        "何れ",
        "意味",
        "定義",
        "略",
        "略称",
        "正式",
        "一覧",
        "リスト",
        "数字",
        "数値",
        "順番",
        "順序",
        # 「令和7年度で終わり？」「来年度以降も」「今後も」: asking until when, not about what
        "終わり",
        "終了",
        "打ち切り",
        "来",
        "今後",
        "何方",
        "どなた",
        "可能",
        "大丈夫",
        "オッケー",
        "ok",
        "良い",
    }
)

# What the documents count in (人, 団体, 回 …): a count is a number with one of these.
_COUNT_UNITS = "人|名|団体|回|件|か所|箇所|市町村|市町|自治体|業務|手続|項目|つ|チーム|社|事例|分野|種類|枚"
# Values of each slot's kind, as the documents write them (used to check and state the answer).
VALUE_PATTERNS: dict[str, re.Pattern] = {
    "amount": re.compile(r"\d[\d,.]*\s*(?:[万億千百]+)?\s*円|[\d,.]+\s*百万円"),
    "rate": re.compile(
        r"(?<![\d.\-])0\.\d+|(?<![\d.])\d+(?:\.\d+)?\s*(?:割|%|パーセント)|[一二三四五六七八九十]割|\d+分の\d+"
    ),
    "deadline": re.compile(
        r"(?:令和|平成|R|H)\s?\d{1,2}\s?年度?(?:末|中)?\s?まで|\d{4}\s?年度?(?:末|中)?まで|"
        r"[~〜～]\s?(?:令和|R)\s?\d{1,2}(?:年度?(?:\d{1,2}月)?)?|(?:令和|R)\s?\d{1,2}\s?年度まで|"
        # 「年内を目途に結論を得る」「年内に策定」: the year the document speaks in (not 「過去2年内」)
        r"(?<![\d年])年内(?=に|を目途|まで|目途)|"
        # 「令和4年度末を目指して」「令和7年度中を目処」「令和7年度中にすべての都道府県で」: a target date
        r"(?:令和|平成|R|H)\s?\d{1,2}\s?年度(?:末|中)(?=を目[指途処]|目[途処]|に)"
    ),
    "period": re.compile(
        # 「R4~ R7年度」: an opening year without 年度 when the closing one has its era
        r"(?:令和|平成|R|H)\s?\d{1,2}\s?(?:年度?(?:\d{1,2}月)?\s?(?:[~〜～]|から)\s?(?:令和|平成|R|H)?|(?:[~〜～]|から)\s?(?:令和|平成|R|H))"
        r"\s?\d{1,2}\s?年度?"
        r"(?:\d{1,2}月)?(?:まで)?(?:の\d+年間)?|\d+\s?(?:年間|か月間?|ヶ月間?|カ月間?|週間|日間|時間)|"
        # 「半年以上2年以下(原則)」「任期は3年以内」: a length bounded in years
        r"半年(?:以上|以下|以内|程度)(?:\s?[~〜～]?\s?\d+年(?:以上|以下|以内|程度))?|\d+年(?:以上|以下|以内)(?!度)"
    ),
    # 「約7万件/日」「151.8万人」: a count in ten thousands; not 「1回」 of 「1回3時間以上、年5回まで」, which says
    # per what the figure after it is (per visit), not how many
    "count": re.compile(
        rf"(?<![\d,.])(?!1\s*(?:回|人|名|件|団体|社)\s*\d)\d[\d,.]*\s*(?:[万千億]\s*)?(?:{_COUNT_UNITS})|(?<=「)\d[\d,]*(?=」)"
    ),
    # 「デジタル庁設置法(令和3年法律第36号)」: a law's number names no date
    "when": re.compile(
        # 「0.7(令和5~7年度)」: the years a figure held, written under one era
        r"(?:令和|平成|R|H)\s?\d{1,2}\s?[~〜～]\s?\d{1,2}\s?年度|"
        r"(?:令和|平成|R|H)\s?(?:\d{1,2}|元)\s?年度?(?!法律|政令|省令|条例|告示)"
        r"(?:\d{1,2}月(?:\d{1,2}日)?)?(?:末|中)?(?:まで)?"
        r"|\d{4}\s?年度?(?:\d{1,2}月(?:\d{1,2}日)?)?(?:末|中)?(?:まで)?"
        r"|\d{1,2}月\d{1,2}日(?:\([月火水木金土日]\))?(?:\s?[~〜～]\s?\d{1,2}月\d{1,2}日(?:\([月火水木金土日]\))?)?"
        # slides write dates short: 「R3.1」「H31. 1」「R2.10.8」「(2021.7策定)」「(10/13開催)」
        # (not 「(2/5時点)」, the date a count was taken)
        r"|(?<![A-Za-z\d])[RH]\s?\d{1,2}\s?\.\s?(?:1[0-2]|0?[1-9])(?:\s?\.\s?\d{1,2})?(?![\d.])"
        r"|(?<![\d.])(?:19|20)\d\d\.(?:1[0-2]|0?[1-9])(?=[^\d.]|$)"
        r"|(?<=[(（])(?:1[0-2]|[1-9])/(?:[12]\d|3[01]|[1-9])(?=[)）]|開催)"
        # what recurs every year: 「毎年4月・10月に試験実施」
        r"|毎年\s?(?:1[0-2]|[1-9])月(?:[・、](?:1[0-2]|[1-9])月)*"
    ),
    "number": re.compile(
        r"\d+分の\d+|"  # 約3分の2, a share, not 3 minutes
        r"\d[\d,.]*\s*(?:[万億千百]+)?\s*(?:円|人|名|団体|%|倍|年(?!度)|か月|ヶ月|回|日|時間|時限|件|市町村|市町|割|分)"
    ),
}
# The unit a question counts in (「派遣件数は」→ 件): a value in another unit does not answer it.
_RATE_UNITS = r"%|割|パーセント|分の\d+"  # 約3分の2 is a share too
_ASKED_UNITS = (
    (re.compile(r"何件|件数"), "件"),
    (re.compile(r"何万人"), "万人"),  # 「人口何万人くらい？」: not 計10名
    # 「そこの人口は？」: persons, not 県と7市町 (「人口5万人以下の団体で…」 asks no population)
    (re.compile(r"人口(?=は|って|が|どれ|どの|何(?!万人)|[?？]|$)"), "万人|人"),
    (re.compile(r"何人|何名|人数|定員"), "人|名"),
    # 「ひとり情シス状態の団体ってどれくらい？」 counts 団体 (「…した市区町村ってどのくらい？」 is as
    # often answered by a share: 95.7%)
    (
        # (「市区町村の数」「導入してる団体の数字ってある？」 too: not a course's 定員40名)
        re.compile(
            r"何団体|団体数|いくつの(?:団体|自治体)|団体(?:って|は|が|の数は?)?(?:どれ|どの)[くぐ]らい|"
            # 「…使ってる団体って、令和6年度にはどのくらいに増えた？」: the theme counted, a time between
            r"団体(?:って|は)、?[^。、?？]{0,12}?(?:どれ|どの)[くぐ]らい|"
            r"(?:団体|自治体|市区町村|市町村|都道府県)の数字?"
        ),
        "団体|市町村|自治体",
    ),
    (re.compile(r"何回|回数"), "回"),
    # 「県内に市町村っていくつ？」「市町村数いくつ？」: the counted noun before いくつ is the unit
    (
        re.compile(r"何(?:市区町村|市町村|市町)|(?:市区町村|市町村|市町)(?:の?数)?(?:って|は|が)?いくつ"),
        "市町村|市区町村|市町",
    ),
    # 「最長何年まで？」「任期何年？」: years, not 「年560万円」
    (re.compile(r"何年(?!度|に|前|頃|ごろ)"), "年(?:間)?(?:以上|以下|以内|未満|程度)?"),
    (re.compile(r"何か所|何箇所"), "か所|箇所"),
    (re.compile(r"何倍|倍率"), "倍"),
    # 「どのくらいの時間やってるの？」「時間ってどれくらい？」: hours, not the 20名 of the same course
    (
        re.compile(r"何時間|時間数|(?:どの|どれ)[くぐ]らいの時間|時間(?:って|は|が)?(?:どの|どれ)[くぐ]らい"),
        "時間(?:以上|以下|以内|程度)?",
    ),
    (re.compile(r"何日|日数"), "日(?:間)?(?:以上|以下|以内|程度)?"),
    (re.compile(r"何時限"), "時限"),
    (re.compile(r"何事例|事例数"), "事例"),
    (re.compile(r"何分野|分野数"), "分野"),
    (re.compile(r"割合|何%|何パーセント"), _RATE_UNITS),
)
VALUE_SLOTS = frozenset(VALUE_PATTERNS)
# What the first line calls each value.
SLOT_LABELS = {
    "amount": "金額",
    "rate": "率",
    "deadline": "期限",
    "when": "時期",
    "period": "期間",
    "count": "数",
    "number": "数値",
    "place": "自治体名",
    "venue": "開催場所",  # not a slot: the place a question asks is where something is held (asks_venue)
    "actor": "主体",
    "yesno": "判断の根拠",  # the words that settle a yes/no, quoted (no はい／いいえ is composed)
}
_OTHER_WHERE = re.compile(r"どこ(?:の(?!自治体|都道府県|県|市|町|村|団体)|と|に|へ|から)")
# 「…した自治体ってどこ？」「どの県？」: the answer must name a municipality or prefecture.
_ASKS_MUNICIPALITY = re.compile(
    r"どの(?:都道府県|県|市町村|市区町村|市|町|村|自治体|団体)|(?:都道府県|県|市町村|市区町村|市|町|村|自治体|団体|ところ)(?:は|って|が)?どこ|どこの(?:自治体|県|市|町|村|団体)|"
    # 「…受ける県って、もう決まってる？どこ？」: the body named, then どこ asked on its own
    r"(?:都道府県|県|市町村|市区町村|自治体|団体)(?:は|って)、?[^?？]{0,20}[?？]\s?どこ"
)
# A clause that gives the asker's reason or situation, not the question: it ends in a reason, a
# concession or an ongoing act (「研修資料に書きたいので、」「住民に聞かれたので」「研修の導入で話したくて」).
_CONTEXT_CLAUSE = re.compile(
    # (「新人向けの用語集を作ってて、」: what the asker is making, not what to do about the topic:
    # 「CIO補佐官を4人入れようか迷ってて、」 asks about CIO補佐官)
    r"[^、。?？!！]+(?:ので|から|けど|けれど|けれども|くて|のに|ため|"
    r"(?:作っ|つくっ|まとめ|書い|用意し|準備し)(?:てて|ていて|てまして))(?:[、。!！]|$)"
    # a sentence about the asker before the question: 「人口8千人の町でひとり情シスやってます。」, or
    # about what the asker is making: 「FAQ作成中です。」「研修資料を作っています。」
    r"|[^。?？!！]*(?:やって(?:ます|る|い)|担当(?:して|で|です)|勤めて|働いて|所属して|うちの|私は|人口\d"
    r"|(?:作成|準備|作業)中|(?:作っ|つくっ|まとめ|書い|用意し|準備し|作成し)て(?:い)?ます)"
    r"[^。?？!！]*[。!！](?=[^。]*[?？])"
)
# 「中身は何をやるの？」「内容の手順は？」: the content of what was just named.
_CONTENT_OF_IT = r"(?:中身|詳細)(?:は|の|って|を)?"
_POINTS_BACK = re.compile(
    r"^(?:それ|その|これ|この|あれ|そこ|そっち|同じ|他の|ほかの|別の|では|じゃあ|じゃ|なら|で、|あと|また"
    rf"|{_CONTENT_OF_IT})|(?:それ|その|他の|ほかの)"
)
# 「それが…」「それを…」: the previous topic as the subject or object of the follow-up's own clause.
_IT_CASES = "が|を|に|も"
_POINTING = re.compile(
    rf"^(?:それって|それは|それの|それ(?:{_IT_CASES})?|そこって|そこは|そこの|"
    r"その(?:ころ|頃|後|あと|場合|とき|時)(?:って|は|の|に|で|、)?|その|これって|これは|この|じゃあ|じゃ|では|で、|あと|なら|ちなみに"
    rf"|{_CONTENT_OF_IT})[、]?"
)
_IT_AS_CASE = re.compile(rf"^それ({_IT_CASES})(?!\s*[?？]|$)")
_ELSEWHERE = re.compile(r"他の|ほかの|別の|以外")
# 「県の人材プールのほうは？」: the other side of what was just asked, whatever else the question names
_CONTRASTS = re.compile(r"の(?:ほう|方)(?:は|って|だと|では|も)")
# The characters that end the name of a prefecture or municipality, and make up 都道府県 and 市区町村.
_ADMIN_CHARS = "都道府県市区町村"
_PLACE_NAME = re.compile(rf"[{_ADMIN_CHARS}]$")


@dataclass(frozen=True)
class Reading:
    """One question as understood: the text to search, its topic terms, its slot, what was set aside."""

    asked: str  # as typed
    core: str  # without asker/purpose/politeness words: what is searched
    terms: tuple[str, ...]  # topic lemmas (no slot words), in order
    slot: str  # one of SLOTS
    asker: tuple[str, ...] = ()  # the spans set aside
    topic: tuple[str, ...] = ()  # noun compounds of the core (「CIO補佐官」「募集経費」)
    avoid: tuple[str, ...] = ()  # places not to quote (「他の県は？」 after 愛媛県)
    # terms that say what is done, not what about (払う, 集まる, 出す): verbs, adjectives, adverbs
    verbal: frozenset[str] = frozenset()
    # terms that count only where found: verbal ones and those only in the asker's context clauses
    optional: frozenset[str] = frozenset()
    follows: str = ""  # for a follow-up: the previous question it leans on
    own: tuple[str, ...] = ()  # for a follow-up: the terms it names itself (オンライン in 「オンラインだと？」)
    interpreted: str = field(default="")  # a follow-up as a whole question in plain Japanese
    # what a follow-up searches: the interpretation with further terms of the previous topic in brackets
    search_text: str = ""
    # the spans that name the document meant (「2020年の資料で」「手順書に」), set aside from the core
    documents: tuple[str, ...] = ()
    # further slots asked in the same question (「上限いくらで、いつまで？」: amount, then deadline)
    also: tuple[str, ...] = ()
    # the two things a comparison sets side by side (「フロントヤードとバックヤードの違い」)
    compared: tuple[str, ...] = ()

    @property
    def wants_value(self) -> bool:
        """Whether the answer must hold a value of the slot's kind (an amount, a rate, a date, a count)."""
        return self.slot in VALUE_SLOTS

    @property
    def asks_target(self) -> bool:
        """Whether a target or an estimate is asked (「目標は？」「何人育成するの？」): else a stated figure
        comes first."""
        return bool(_ASKS_GOAL.search(self._asking) or _PLANNED_ACT.search(self._asking))

    @cached_property
    def _asking(self) -> str:
        """The question without its clauses of reason and the sentences that ask nothing: 「研修で紹介する
        予定です。」 or 「来年度の計画を立てたいので、」 do not ask for a plan."""
        text = self.core
        for clause in context_clauses(text):
            text = text.replace(clause, "")
        sentences = [s for s in re.split(r"(?<=。)", text) if s]
        return "".join(s for s in sentences if not s.endswith("。") or _asks(s)) or text

    @cached_property
    def _given_figures(self) -> frozenset[str]:
        """The figures the question gives before it asks (_figures_given), read once per reading."""
        return _figures_given(self.core)

    @property
    def names_headcount(self) -> bool:
        """Whether a yes/no asks of a number of people (「4人入れたら4人とも特交の対象？」「専門家2人まとめて
        呼べる？」「何人も入れたら全員分出る？」): the bound on how many settles it (上限は3名分, 原則1名)."""
        return self.slot == "yesno" and bool(_HEADCOUNT.search(self._asking))

    @property
    def asks_breakdown(self) -> bool:
        """Whether a figure is asked broken down (「県ごとの内訳」「分野別の件数」「常勤と非常勤何人ずつ」):
        the total (189団体) does not answer it."""
        return self.wants_value and bool(_BREAKDOWN.search(self.core))

    @property
    def asked_members(self) -> int:
        """How many things the question asks to be named (「23市町って具体的にどこ？」 → 23), 0 if none."""
        if self.slot in ("count", "number", "amount", "rate"):
            return 0  # 「それぞれ何事例？」 asks a value of each, not their names
        m = _MEMBERS.search(self.core)
        return int(m.group(1)) if m and _NAMES_ASKED.search(self.core[m.end() :]) else 0

    @property
    def asks_member_places(self) -> bool:
        """Whether the things asked by name are places (「7つの市町って、どこどこ？」): then a quote
        answers by the places it names, not by its list items."""
        m = _MEMBERS.search(self.core)
        return bool(self.asked_members and m and m.group("places"))

    @property
    def asks_done(self) -> bool:
        """Whether what was done is asked (「これまでに何人育成できた？」): a target is then no answer."""
        return not self.asks_target and bool(_ASKS_DONE.search(self._asking))

    def states_qualifier(self, text: str) -> bool:
        """Whether `text` states the figure as the question qualifies it (平均, 1人あたり, 1日, 累計), or
        per the one thing the question counts by (「1本あたり何分？」: 「…/本」「1本あたり…」)."""
        if not all(stated.search(text) for asked, stated in _QUALIFIED if asked.search(self.core)):
            return False
        per = _PER_ONE.search(self.core)
        if not per or per.group(1) in _PER_QUALIFIED:
            return True
        unit = re.escape(per.group(1))
        stated = (
            rf"[1一]\s?{unit}(?:あたり|当たり|当り|につき|において|で|に)|[/／]\s?{unit}|"
            rf"{unit}(?:あたり|当たり|ごと|毎)"
        )
        return bool(re.search(stated, text))

    def answering_values(self, text: str) -> list[str]:
        """`values` that answer what was asked: for a question about what was done, no target among
        them; for a figure the question qualifies (平均, 1人あたり, 累計), none from a text that does not
        state the qualifier (「5人以下の団体が約3分の2」 is no average)."""
        if not self.states_qualifier(text):
            return []
        found = self.values(text)
        if stated := self._given_figures:
            # a figure the asker gives before asking is not what is asked: 「65名っていうけど、そのうち常勤って
            # 何人？」「R8は840万くらいって書いてあるけどR7はいくら？」「今65人いるらしいけど、どこの県に何人？」
            found = [v for v in found if not set(figures_in(v)) & stated]
        return [v for v in found if not is_planned(text, v)] if self.asks_done else found

    @property
    def names_only(self) -> bool:
        """Whether the question only names what it now asks of (「デジタル庁は？」「非常勤のほうだと？」): a
        follow-up whose rest is carried, answered only by a line naming that name."""
        return bool(_ONLY_NAMES.match(self.core))

    @property
    def asks_upcoming(self) -> bool:
        """Whether a date still to come is asked (「次の募集はいつ頃？」「今後いつ開かれる？」): a date the
        documents give as already past when they were written answers nothing."""
        return self.slot in DATE_SLOTS and bool(_UPCOMING.search(self.core))

    @property
    def asked_beyond(self) -> str:
        """The year a deadline question asks past (「令和12年度以降も続くの？」 → 令和12年度), or "": a deadline
        that ends before it (令和11年度まで) says nothing of that year, though it is the date asked of."""
        if self.slot not in DATE_SLOTS:
            return ""
        m = re.search(rf"((?:{YEAR.pattern})\s?度?)\s?(?:以降|から先|より(?:後|先)|の後|も)", self.core)
        return m.group(1).strip() if m else ""

    @property
    def asks_change(self) -> bool:
        """Whether the question asks how a figure or a rule changed since a time it names (「2024年の資料の
        額からいくらになったの？」「2024年の資料の頃とR8以降でどう変わった？」): the answer sets the document it
        names beside the others, newest first."""
        return bool(_CHANGE.search(self.core))

    @property
    def asks_past(self) -> bool:
        """Whether the earlier figure is asked (「前は何回だったんだっけ？」「昔は0.5だった？」): the
        answer's first line then leads with the older document's value, the newest after it."""
        return bool(_PAST.search(self.core))

    @property
    def asks_venue(self) -> bool:
        """Whether the place asked is where something is held (「交流イベントってどこでやるの？」「会場は？」),
        which no municipality of a case answers."""
        return self.slot == "place" and bool(_ASKS_VENUE.search(self.core) and _EVENT.search(self.searched))

    @property
    def asks_place(self) -> bool:
        """Whether the answer is a municipality or prefecture: a place question that does not ask
        「どこの企業」「どこと連携」「どこに相談」 (another kind of where)."""
        return self.slot == "place" and not _OTHER_WHERE.search(self.core)

    @property
    def asks_municipality(self) -> bool:
        """Whether the question asks which municipality or prefecture (its answer must name one)."""
        return self.slot == "place" and bool(_ASKS_MUNICIPALITY.search(self.core))

    @property
    def places(self) -> tuple[str, ...]:
        """Prefectures and municipalities the question names (「沖縄県で…」「鹿屋市の…」)."""
        return places_in(self.core)

    @property
    def years(self) -> frozenset[int]:
        """Years the question names (「令和4年4月1日時点の割合は？」): a sentence of that year answers it.
        A deadline question's year is the deadline the asker has in mind (「令和7年度で終わり？」), which
        the answer may well correct: no filter then."""
        return frozenset() if self.slot == "deadline" else years_in(self.core)

    @property
    def unit(self) -> str | None:
        """The unit a counting question asks in (件, 人|名 …), None if any. A follow-up that names none
        counts in the previous turn's (「リーダーシップ研修のほうは？」 after 「委託管理って何時限？」)."""
        if self.slot not in ("count", "rate", "number"):
            return None
        return asked_unit(self.core, self.slot) or (asked_unit(self.follows, self.slot) if self.follows else None)

    def values(self, text: str) -> list[str]:
        """Values in `text` that could answer this question (its slot's kind, in its unit)."""
        return values_in(self.slot, text, self.unit, self.asks_bound, self.asks_population)

    def stated_values(self, text: str) -> list[str]:
        """The same values with the words that bound them, as a first line states them (「年間原則5回」)."""
        return [
            with_qualifiers(text, m)
            for m in _value_matches(self.slot, text, self.unit, self.asks_bound, self.asks_population)
        ]

    @property
    def ordinals(self) -> frozenset[str]:
        """The numbered parts the question names (第3期, 第2回, ステップ2), as ordinals_in writes them; a
        follow-up's that names nothing of its own (「定員は？」 after 「…第3期っていつ？」 asks 第3期's;
        「市町村アカデミーのほうは？」 asks another course)."""
        named = ordinals_in(self.core)
        if named or not self.follows or any(len(t) > 1 for t in _topic_only(self.own)):
            return named
        return ordinals_in(self.searched)

    @property
    def asks_population(self) -> bool:
        """Whether a population is asked (「人口規模も知りたい」): else 「人口:132.7万人」 is no value."""
        return "人口" in self.core

    @property
    def asks_bound(self) -> bool:
        """Whether a cap or limit is asked (「上限は？」「何回まで？」): 「(上限なし)」 answers it."""
        return bool(_ASKS_BOUND.search(self.core))

    @property
    def searched(self) -> str:
        """The text retrieval and weighing use: the interpretation of a follow-up, else the core."""
        return self.search_text or self.interpreted or self.core


# A municipality: kanji before 市町村, or kana too right after its prefecture (茨城県つくば市).
# Read with the prefectures' names masked as "|", so 豊橋市 of 愛知県豊橋市 is not 「知県豊橋市」.
# A municipality after a masked prefecture (|つくば市), a katakana one in a list (・ニセコ町), or in kanji.
_MUNICIPALITY = re.compile(
    r"(?<=\|)(?![のとやでにはがをもへ])[ぁ-んァ-ヶ一-龥]{1,5}?[市町村]|(?<=・)[ァ-ヶ][ァ-ヶー]{1,5}[町村]|[一-龥ヶ]{2,4}[市町村]"
)
_ASSOCIATION = re.compile(r"[一-龥ヶ]{4,20}(?:一部事務組合|事務組合|広域連合)")
# Words ending in 市/町/村 that name no place.
# (kinds of city name no place: 「政令市なんだけど…」 asks of any 指定都市)
_NOT_PLACES = frozenset(
    {"市町村", "区市町村", "市区町村", "都市", "市町", "町村", "各市", "全市", "同市", "当市", "本市"}
    | {"政令市", "中核市", "特例市"}
)


_BODY_CLASSES = re.compile(r"都道府県|市区町村|区市町村|市町村")


def names_place(place: str, text: str) -> bool:
    """Whether a text names a place, a prefecture also by its short name (沖縄 for 沖縄県)."""
    return place in text or (place[-1] in "県府都" and place[:-1] in text)


def places_in(text: str) -> tuple[str, ...]:
    """Prefectures (沖縄県, or 沖縄 written alone) and municipalities (鹿屋市) a text names, in order."""
    # 「福井坂井地区広域市町村圏事務組合」 is one body of several municipalities, not 福井県 and 地区広域市
    associations = [m.group(0) for m in _ASSOCIATION.finditer(text)]
    for association in associations:
        text = text.replace(association, "|")
    found = associations + [
        p for p in PREFECTURES if p in text or (p != "北海道" and re.search(re.escape(p[:-1]) + "(?![県府都市])", text))
    ]
    found += [c for c in DESIGNATED_CITIES if c in text]
    # (a name in kana only where no kana runs into it: 「いの町」 is no place in 「どれくらいの町？」)
    found += [c for c in KANA_MUNICIPALITIES if re.search(rf"(?<![ぁ-ん]){re.escape(c)}", text) and c not in found]
    masked = text
    for prefecture in (p for p in found if p in PREFECTURES and p in text):
        masked = masked.replace(prefecture, "|")
    # 「域内市区町村」: a class of bodies names none of them (read whole, 域内市区町 looked like a town)
    masked = _BODY_CLASSES.sub("/", masked)
    for match in _MUNICIPALITY.finditer(masked):
        name = match.group(0)
        if name not in _NOT_PLACES and not any(name.endswith(w) for w in _NOT_PLACES) and name not in found:
            found.append(name)
    return tuple(dict.fromkeys(found))


def strip_asker(question: str) -> tuple[str, tuple[str, ...]]:
    """The question without the spans that only describe the asker, and those spans.

    A rule that would leave no topic term is not applied: then those words were the question.
    """
    text = normalize(question).strip()
    removed: list[str] = []
    # Once more when a pass removed something: what one rule leaves may end as another rule reads
    # (「…リンク貼りたいについて教えていただけますか？」 ends in 「貼りたい？」 once the politeness is gone).
    for _ in range(_ASKER_PASSES):
        before = text
        for pattern in ASKER_PATTERNS:
            spans = [m.group(0) for m in pattern.finditer(text) if m.group(0)]
            if not spans:
                continue
            kept = _tidy(pattern.sub("、", text))
            if tokenize(kept):
                text, removed = kept, removed + spans
        if text == before:
            break
    return _tidy(text), tuple(s for s in removed if s.strip("、。 "))


_ASKER_PASSES = 3


def _tidy(text: str) -> str:
    """Commas left where spans were removed, tidied after each rule, so that the next rule sees
    the question's end (「…出るんだっけ、？」 would hide 「だっけ」 from the rule for endings)."""
    text = re.sub(r"[、。]{2,}", "、", text)
    return re.sub(r"^[、。\s]+|[、\s]+$|、(?=[?？])|(?<=[?？])、", "", text)


# A question that ends in a predicate asks yes or no when nothing else is asked: 「特交対象になりますか？」
# 「兼業ってOK？」「タダで来てもらえるんですか？」「…対象になりますか」.
_ENDS_IN_PREDICATE = re.compile(
    r"(?:る|た|い|う|く|す|む|ます|ません|ない|OK|オッケー|ok|可能|対象|大丈夫|必要|アリ|あり|なし|ダメ|だめ|NG)"
    r"(?:んです|のです|です|でしょう|んでしょう|の|ん)?"
    # 「…特交って出ますか」: a question particle asks without a question mark too
    r"(?:(?:か|の|かな|かね|よね|ね|でしたっけ|だっけ|っけ)?[?？]+|(?:か|かな|かね|でしたっけ|だっけ|っけ))$"
    # 「無料で受けられるやつだっけ？」: a thing recalled, to be confirmed
    r"|(?:やつ|もの)(?:だっけ|でしたっけ|だよね|ですよね)[?？]+$"
)


_QUESTION_WORD = re.compile(r"何|なに|なん|どう|どこ|どれ|どの|どんな|どっち|どちら|誰|だれ|いつ|なぜ|いくつ|いくら")


# A question word that asks (「何を書いとけばいい？」「何だった？」「何から？」), not 「何か」「なんか」
# 「…なんだけど」「みんなに」「どこかに委託？」, nor a counted 何 that is indefinite (「何市町村かで兼務」).
_SOME = r"[一-龥ァ-ヶー]{1,5}(?:か(?=[でのにをはが、]|ずつ)|も)"  # 何 + counter + か/も: "some", "many"
# 「何か国語」「何か所」「何か月」: か is a counter's ヶ, not "some"
_KA_COUNTERS = "国|所|月|年"
_COUNTER_KA = rf"か(?={_KA_COUNTERS})"
_ASKING_WORD = re.compile(
    rf"(?:何|(?<!ん)なに)(?!か(?!ら|{_KA_COUNTERS})|だか|でも|とか|{_SOME})|"
    r"(?<!ん)なん(?!か(?!ら)|だか|だけ[どれ]|だが|です(?:けど|が)|でも|とか)|"
    rf"どう|どこ(?!か)|どれ(?!か|も)|どの|どんな|どっち|どちら|誰(?!か|も)|だれ(?!か|も)|{_ITSU}(?!も|か)|なぜ|いくつ(?!か)|いくら"
)
# Where a question asks with 何 indefinitely, its counter is no count asked (「何市町村かで兼務」).
# 「どこの市町村でも呼べるの？」「誰でも受けられる？」: a question word with でも means "any", and asks nothing.
_ANY = r"(?:どこ|どの|誰|だれ|いつ)(?:の?[一-龥ァ-ヶー]{1,8})?でも"
_INDEFINITE = re.compile(rf"何(?!{_COUNTER_KA}){_SOME}|{_ANY}")


# A place the question sends something to (「豊田市には」「天理市に」): what went there is one row.
_TO_PLACE = re.compile(r"[一-龥](?:市|町|村|区)(?:に|には|へ)(?!つ|よ|お)")


# 「チェックリストってある？」: whether a list exists is answered by its items.
_LIST_ITSELF = re.compile(r"(?:リスト|一覧)(?:って|は|が|も)?(?:ある|あります|あった)")


# 「その負担金も特交対象？」「ポータルサイトの設置費用も対象に含まれる？」: the thing a yes/no asks about,
# marked by も before what it would be covered by
_ITEM_ASKED_OF = re.compile(
    r"([一-龥ァ-ヶーA-Za-z0-9]{2,})も(?=[^、。?？]{0,12}(?:対象|特交|特別交付税|措置|含ま|出る|出ます|使え))"
)


def item_asked_of(core: str) -> str | None:
    """The noun run a yes/no asks about (負担金 of 「その負担金も特交対象？」), as the documents write it
    (compact), or None."""
    m = _ITEM_ASKED_OF.search(normalize(core))
    return compact(m.group(1)) if m else None


_ASKS_VENUE = re.compile(
    r"どこで(?:やる|やって|やった|開催|開か|行われ|行う|実施|受け|受講|受けられ)|会場|開催(?:場所|地)|場所(?:は|って|が|どこ)"
)
# What is held somewhere: an event, a course (not a broadcast or a system: 「サイネージの放映ってどこでやる？」)
_EVENT = re.compile(r"イベント|開催|会場|研修|セミナー|講座|交流会|説明会|勉強会|会議|フォーラム|シンポジウム")
# The words that say where something is held: a venue, or a way of holding it that is the answer
# (「オンライン」「Web開催」), or a named hall or training institute.
VENUE_WORDS = re.compile(
    r"会場|開催地|オンライン|ウェブ|Web|WEB|対面|集合|(?:で|にて)(?:開催|実施)|研修所|大学校|センター|ホール|テルサ|調整中|未定"
)


def asks_if_a_list_exists(core: str) -> bool:
    """Whether a yes/no asks if a list exists: its items answer it, not a rule."""
    return bool(_LIST_ITSELF.search(core))


def slot_pattern(slot: str) -> re.Pattern:
    """The words that ask one slot (the first pattern of that name)."""
    return next(pattern for name, pattern in _SLOT_PATTERNS if name == slot)


def slot_of(text: str, asked: str = "") -> str:
    """The slot of the sentence that asks (asking_sentence), else of the whole text: the first slot
    whose pattern matches (their order settles 「いつまで」 before 「いつ」), or yes/no when nothing
    is asked with a question word and the question ends in a predicate or a copula (is_yes_no). A
    question that asks with a question word is not a yes/no for ending in 「いい？」."""
    # the checking words are the asker's, stripped from the core: they are looked for in the question as asked
    if asked and _CONFIRMS.search(normalize(asked)):
        return "yesno"
    sentence = asking_sentence(text)
    if sentence != text and (slot := _slot_of(sentence, sentence)) != "other":
        return slot
    return _slot_of(text, asked)


# Slots a noun of the question brings (「…要件の実務経験…」「…やり方って…」), not a question word:
# they yield to yes/no when nothing is asked with a question word and the question ends so.
_NOUN_SLOTS = frozenset({"list", "steps"})


def _slot_of(text: str, asked: str) -> str:
    definite = _INDEFINITE.sub("", text)
    slot = next((slot for slot, pattern in _SLOT_PATTERNS if pattern.search(definite)), "other")
    asking = bool(_ASKING_WORD.search(definite))
    if slot == "yesno" and asking:
        return "other"
    if slot == "list" and _WHICH_COMPANIES.search(text) and _TO_PLACE.search(text):
        return "place"
    if asking or not (slot == "other" or slot in _NOUN_SLOTS) or not asked:
        return slot
    if slot in _NOUN_SLOTS:  # read on the question without the asker's words (「…教えていただけますか？」)
        return "yesno" if is_yes_no(text) else slot
    return "yesno" if is_yes_no(asked) or is_yes_no(text) else slot


_SENTENCES = re.compile(r"(?<=[。!！?？])")
_TOPIC_MARKED = re.compile(r"(?:は|って)(?!\s*[?？])")


def asking_sentence(text: str) -> str:
    """The question from its first sentence that ends in 「？」, without the statements before it
    (「…どう進めていいかわからん。…どんな人に相談できる？」 asks who, not how); what follows it stays
    (「…研修ってある？定員も」)."""
    parts = [p for p in _SENTENCES.split(text) if p.strip()]
    first = next((i for i, p in enumerate(parts) if re.search(r"[?？]\s*$", p)), 0)
    return "".join(parts[first:]) if first else text


def is_yes_no(text: str) -> bool:
    """Whether a question with no question word asks yes or no: it ends in a predicate (「…出ますか」),
    or it says that its topic is something (「謝金とか旅費はうち持ち？」「…補助金が出る仕組み？」:
    X は/って Y？, a copula left out)."""
    text = normalize(text).strip()
    if _ENDS_IN_PREDICATE.search(text):
        return True
    ends_in_noun = last_word_pos(text) in ("名詞", "接尾辞")  # 持ち of うち持ち is a suffix
    return bool(re.search(r"[?？]$", text) and _TOPIC_MARKED.search(text[:-1]) and ends_in_noun)


# Slots one answer line can state apart from the main one; slots of one family ask one thing
# (「対象期間いつまで」 is a deadline, not a period besides).
_FAMILIES = {
    "deadline": "time",
    "when": "time",
    "period": "time",
    "amount": "amount",
    "rate": "rate",
    "count": "quantity",
    "number": "quantity",
    "place": "place",
}


# 「AとBの違い」「AとBって何が違う？」「AってBと何が違うの？」「AとB、どう違う？」
_TERM = r"(?:(?!って)[^、。?？!！「」\s]){2,20}?"
_COMPARES = "違|ちが|差|比べ|くらべ|比較"
_NOUN_RUN = r"[一-龥ァ-ヶーA-Za-z0-9]{2,12}"
_COMPARISONS = (
    # 「特定任期付職員で雇うのと特別職非常勤で雇うの、兼業できるのはどっち？」「…で雇う場合と…で雇う場合」: one
    # verb said of each side (before 「AとB…違う」, which would read 「…雇うの」 as a side)
    re.compile(
        rf"(?P<a>{_TERM})(?:で|として)(?P<verb>[ぁ-ん一-龥]{{1,4}}?)(?:の|場合|とき)と(?P<b>{_TERM})(?:で|として)(?P=verb)"
        rf"(?:の|場合|とき)(?:とで|と|で)?[^?？]{{0,20}}(?:{_COMPARES}|どっち|どちら)"
    ),
    re.compile(rf"(?P<a>{_TERM})(?:って|は)(?P<b>{_TERM})と(?:は)?(?:何が|なにが|どこが|どう)?(?:違|ちが|差)"),
    re.compile(
        rf"(?P<a>{_TERM})(?:と|や)(?P<b>{_TERM})(?:って|は|の|、|を)?(?:何が|なにが|どこが|どう)?(?:{_COMPARES})"
    ),
    # 「AとB、兼業の扱いの違い」「AとBって兼業の扱いどう違う？」「AとBで設置率どれくらい開きがある？」「AとB、
    # 兼業できるのはどっち？」: compared on one point
    re.compile(
        rf"(?P<a>{_TERM})と(?P<b>{_TERM})(?:、|って|では|で|だと)[^、。?？]{{0,12}}(?:{_COMPARES}|開き|格差|どっち|どちら)"
    ),
    # 「政令市って都道府県より遅れてた？」: one against the other
    re.compile(rf"(?P<a>{_TERM})(?:って|は)(?P<b>{_TERM})(?:より|に比べ|と比べ|とくらべ)"),
    # 「…作ってる市区町村ってどれくらい？都道府県と比べて」: the other side added after the question
    re.compile(
        rf"(?P<a>{_NOUN_RUN})(?:って|は)[^?？。]{{0,12}}[?？。]\s*(?P<b>{_NOUN_RUN})(?:と|に)(?:比べ|くらべ|比較)"
    ),
)


_QUESTION_WORD_TERM = re.compile(r"^(?:どう|どの|どれ|どこ|何|なに|なん|いつ|誰)")


def asked_side_by_side(core: str) -> tuple[str, ...]:
    """Two things one question word asks of (「削減時間と費用ってどのくらい？」「対象と定員は？」), as typed, or ()."""
    m = _SIDE_BY_SIDE.search(core)
    return (m.group("a"), m.group("b")) if m else ()


# 「AとBってどのくらい？」「AとBは？」「AとBを教えて」: two nouns joined by と right before what asks of both
_SIDE_BY_SIDE = re.compile(
    rf"(?P<a>{_NOUN_RUN})と(?P<b>{_NOUN_RUN})(?:って|は|を|、)\s?(?:どの|どれ|いくら|何|なん|いつ|教え|[?？]|$)"
)


def compared_terms(core: str) -> tuple[str, ...]:
    """The two things a question compares, as typed, or (); two named in 『』 are taken whole
    (「『策定済み』と『R3年度中に策定予定まで含めた数』だとどれくらい違う？」)."""
    quoted = re.findall(r"『([^』]{2,30})』", core)
    if len(quoted) == 2 and re.search(rf"(?:{_COMPARES}|開き)", core.split("』")[-1]):
        return tuple(quoted)
    for pattern in _COMPARISONS:
        if match := pattern.search(core):
            # the words before a particle are the question's context (「テレワーク導入率を都道府県」), a
            # particle at the end is how the side is compared (「市区町村で比べる」)
            a, b = (
                re.sub(
                    r"^(?:.*(?:[はがをにで、]|だと))", "", re.sub(r"(?:では|だと|[はがをにで])$", "", match.group(name))
                )
                for name in ("a", "b")
            )
            if _QUESTION_WORD_TERM.match(a) or _QUESTION_WORD_TERM.match(b):
                continue  # 「PDCAとどう違う」: どう is the question, not a thing compared
            # 「愛媛と広島の人材シェア」 compares 愛媛's and 広島's: what follows の is shared
            return (a, b.split("の")[0]) if "の" in b and "の" not in a else (a, b)
    return ()


def two_questions(question: str) -> tuple[str, str] | None:
    """A question typed as two that ask different things, split where the first ends: 「J-LISの地方支援
    アドバイザーって年に何回まで来てもらえる？お金かかる？」 is a count, then whether it costs;
    「DXアドバイザーって年何回まで来てもらえる？費用はうち持ち？」 the same, where one reading of both had
    taken the amount for what was asked and answered with another programme's row. The second counts
    when, read after the first, it asks a value, an actor or a place other than the first's, or asks
    about cost; not when it only guesses the first's answer (「誰が任命するの？県？」「いつまで？R7で
    終わり？」「Slack？」) or goes on asking the same (「増えた？減った？」)."""
    text = normalize(question).strip()
    quoted = [m.span() for m in _BRACKETED_SPAN.finditer(text)]
    ends = [m.end() for m in re.finditer(r"[?？]", text) if not any(a <= m.start() < b for a, b in quoted)]
    if len(ends) < 2 or ends[0] == len(text):
        return None
    first, second = text[: ends[0]], text[ends[0] : ends[1]].strip("、。 ")
    if not second or len(tokenize(first)) < 2:
        return None
    before = read(first)
    after = read_in_context(second, before, joined=True)
    own = read(second)
    if after.slot == before.slot or after.slot in before.also or before.slot == "yesno":
        # a value asked after a yes/no settles it (「受講料かかる？いくら？」「特交出る？措置率は？」): one question
        return None
    if after.slot in VALUE_SLOTS and asks_any_amount(first):
        return None  # 「ギャラどれくらい払ってるの？月いくら？」: the second says what the first's how-much is
    named = [t for t in own.terms if len(t) > 1 and not t.isdigit() and t not in own.verbal]
    if after.slot in VALUE_SLOTS | {"actor", "place"} and (named or _asks(second)):
        return first, second
    # 「お金かかる？」 (お金 reads as 費用), 「費用はうち持ち？」: whether it costs the asker
    asks_cost = not _COST_WORDS.isdisjoint(v for t in own.terms for v in variants(t))
    return (first, second) if asks_cost and after.slot in ("yesno", "other") else None


_COST_WORDS = frozenset({"費用", "負担"})


# words in brackets: 「課長に「そんなに採りにくいの？」って聞かれて」 reports a question, it asks none
_BRACKETED_SPAN = re.compile(r"「[^」]*」|『[^』]*』")


def asked_slots(reading: Reading) -> tuple[Reading, ...]:
    """The reading once for each thing it asks: itself, then as if it asked only each further slot."""
    return (reading, *(replace(reading, slot=slot, also=()) for slot in reading.also))


# Question words that ask "how much" of whatever the question names, not a kind of value of their own.
_ANY_AMOUNT = frozenset({"いくつ", "どれくらい", "どのくらい", "どれぐらい", "どのぐらい", "どの程度"})


def asks_any_amount(core: str) -> bool:
    """Whether a question asks only "how much" (「前はいくつだったの？」「どのくらい？」), with no kind of
    value or counted noun of its own (not 「何人？」「いくら？」「何市町が？」)."""
    return bool(re.search("|".join(_ANY_AMOUNT), core)) and not re.search(r"何|いくら|[%％割円]", core)


def also_asked(core: str, slot: str) -> tuple[str, ...]:
    """The further values a question asks in words of its own: 「上限いくらで対象期間いつまで？」
    asks an amount and a deadline, 「どこ？登録って何人くらい？」 a count and a place. A slot counts
    when its words do not overlap those of a slot already read and its family is new. 「どこの市町村
    でも」 asks no place (_INDEFINITE)."""
    core = _INDEFINITE.sub("", core)
    spans = [m.span() for name, pattern in _SLOT_PATTERNS if name == slot and (m := pattern.search(core))]
    families = {_FAMILIES.get(slot, slot)}
    found: list[str] = []
    for name, pattern in _SLOT_PATTERNS:
        family = _FAMILIES.get(name)
        if family is None or family in families:
            continue
        match = pattern.search(core)
        if match and match.group(0) in _ANY_AMOUNT:
            continue  # 「措置率っていくつ？」: the main slot's own question word
        if match and all(match.end() <= a or match.start() >= b for a, b in spans):
            found.append(name)
            families.add(family)
            spans.append(match.span())
    return tuple(found)


# 「何時限？業務改革の研修は」: the question word asked first, its subject after (倒置).
_INVERTED = re.compile(r"^([^?？。、]{1,8}[?？])\s*([^?？]+?)[。]?$")


# 「対象はは？」「募集したらら？」: a particle typed twice at the end (a keystroke repeated).
_DOUBLED_END = re.compile(r"([はがのをにでともかならねよどけ])\1(?=[?？]?$)")


def uninverted(text: str) -> str:
    """The question in its usual order: 「何時限？業務改革の研修は」 → 「業務改革の研修は何時限？」."""
    match = _INVERTED.match(text.strip())
    if match and _QUESTION_WORD.search(match.group(1)):
        return match.group(2) + match.group(1)
    return text


def read(question: str) -> Reading:
    """Read a question typed on its own."""
    core, asker = strip_asker(_DOUBLED_END.sub(r"\1", normalize(question).strip()))
    core, documents = without_documents(uninverted(core))
    words = content_words(core)
    terms = tuple(t for t in dict.fromkeys(token for token, _ in words) if t not in SLOT_LEMMAS and not _KANA.match(t))
    # 「テレワーク入れてない市区町村」: what is not done is part of what is asked, as the documents' 未導入
    negated = frozenset({NOT_DONE}) if qualifies_by_negation(core) else frozenset()
    terms += tuple(negated - set(terms))
    topic = tuple(surface for surface, _ in noun_compounds(core))
    # what is not done says what is done, like a verb: no topic of its own
    verbal = frozenset(token for token, pos in words if pos in VERBAL_POS) | negated
    clauses = context_clauses(core)
    context = "、".join(clauses)
    rest = core
    for clause in clauses:
        rest = rest.replace(clause, "、")
    asked = set(tokenize(rest)) if context else set(terms)
    optional = verbal | (frozenset(tokenize(context)) - asked) | (frozenset(terms) & _FORM_WORDS) | _time_sides(core)
    optional |= frozenset(t for m in _KINDS_COUNTED.finditer(core) for t in tokenize(m.group(1)))
    return Reading(
        asked=question,
        core=core,
        terms=terms,
        slot=(slot := slot_of(core, question)),
        asker=asker,
        topic=topic,
        verbal=verbal,
        optional=optional,
        documents=documents,
        also=also_asked(core, slot),
        # 「…規模感を比べたい」: the wish to compare is the asker's wording, and says what is compared
        compared=compared_terms(core) or _compared_not_documents(normalize(question)),
    )


_TITLE_CHAR = re.compile(r"[一-龥ァ-ヶーA-Za-z0-9【】.]")


def _time_sides(core: str) -> frozenset[str]:
    """The terms of the dates a question compares or asks a change between (「R5とR6で使った団体数って
    どう変わった？」「2024年の説明のときと最新版とで」): they name the sides, which each document dates in
    its own words, so they count where a passage holds them and never against one that does not."""
    if not (_CHANGE.search(core) or re.search(_COMPARES, core)):
        return frozenset()
    return frozenset(t for m in _TIME_SIDE.finditer(core) for t in tokenize(m.group(0)))


_TIME_SIDE = re.compile(
    rf"{ERA}\s?\d{{1,2}}(?:\s?年度?)?|(?:19|20)\d{{2}}\s?年?度?|最新版?|今の?|現在|当時|前回|以前|改[定訂]版"
)


def _compared_not_documents(text: str) -> tuple[str, ...]:
    """The things compared in the question as typed, unless they are the documents it names (「2024の資料と
    最新のやつで違う？」 compares a figure across documents: the documents are where to look)."""
    compared = compared_terms(text)
    return () if any(map(names_document, compared)) else compared


def without_documents(core: str) -> tuple[str, tuple[str, ...]]:
    """The question without the spans that name a document (「2020年の資料で」: where to look, not
    what about; its year is no year asked), and those spans. When nothing else is left
    (「2024年の資料だといくらになってた？」) the question names no topic and leans on the turn before it."""
    spans = doc_references(core)
    if not spans:
        return core, ()
    kept = core
    for match in reversed(spans):
        start = match.start()
        while start > 0 and _TITLE_CHAR.match(core[start - 1]):
            start -= 1  # the title written before the noun: 「自治体DX全体手順書の」
        kept = kept[:start] + "、" + kept[match.end() :]
    kept = _tidy(kept)  # one rule for the commas a removed span leaves
    return kept, tuple(m.group(0) for m in spans)


def context_clauses(core: str) -> list[str]:
    """Clauses that only give the asker's reason or situation (see _CONTEXT_CLAUSE); a clause with a
    question word asks (「長野県だとどこの市に行ってて、相手の企業はどこ？」)."""
    return [m.group(0) for m in _CONTEXT_CLAUSE.finditer(core) if not _asks(m.group(0))]


def _asks(clause: str) -> bool:
    """Whether a clause holds a question word that asks (not 「なんだけど」「どうしても」「何か」)."""
    return bool(_ASKING_WORD.search(_INDEFINITE.sub("", _NOT_ASKING.sub("", clause))))


# Question words that ask nothing: 「何も手を付けてない」「どうしても間に合わない」.
_NOT_ASKING = re.compile(r"何も|なにも|どうしても|どうも")


def is_follow_up(reading: Reading) -> bool:
    """Whether the question needs the previous turn's topic: it points back (at its start, or anywhere
    when it names little of its own: 「…使いたいんだけど、その費用って特交の対象？」 points within
    itself), asks for the other side (「県の人材プールのほうは？」), or names fewer topic terms than
    Tuning.min_own_terms beyond verbs and words of the slot and of the answer's form (「上限は？」
    「いつまで？」「まとめとしては何て言ってる？」「何枚くらい撒くって？」)."""
    pointer = _POINTS_BACK.search(reading.core)
    # 「あと、」「また、」 may open another question as well as go on with this one: named topic decides
    opening = pointer is not None and pointer.start() == 0 and pointer.group(0) not in ("あと", "また")
    if pointer and (opening or names_little(reading)) or _CONTRASTS.search(reading.core):
        return True
    # (想定 of 「何団体くらい想定してるの？」 is what is done, no topic of its own)
    done = verbal_nouns(reading.core)
    return len([t for t in _topic_only(reading.terms) if t not in _not_topic(reading) | done]) < current().min_own_terms


def counter_words(reading: Reading) -> frozenset[str]:
    """The counter a count question asks in (枚 of 「何枚くらい撒くって？」): what kind of number is
    wanted, found wherever the number is (「約3,300万枚」 reads 万枚), never a topic of its own."""
    if reading.slot not in ("count", "number"):
        return frozenset()
    return frozenset(w for w in _asking_words(reading) if _UNIT_WORD.match(w))


def _asking_words(reading: Reading) -> frozenset[str]:
    """The words of the question that ask its slot (費用 of 「費用はどれくらい？」, 定員 of 「定員は？」): they
    say what kind of answer is wanted, not what about, so a question naming nothing else names no topic."""
    if reading.slot in ("other", "yesno"):
        return frozenset()
    match = slot_pattern(reading.slot).search(_INDEFINITE.sub("", reading.core))
    return frozenset(tokenize(match.group(0))) if match else frozenset()


def names_little(reading: Reading) -> bool:
    """Whether a question names at most Tuning.follow_up_max_terms topic nouns of its own: short
    enough to lean on the previous turn (「非常勤のほうは？」), unlike 「CIO補佐官の募集経費の上限は？」."""
    nouns = [t for t in _topic_only(reading.terms) if t not in reading.verbal]
    return _noun_count(nouns) <= current().follow_up_max_terms


def _not_topic(reading: Reading) -> frozenset[str]:
    """Words of a question that name no topic of its own: verbs, the words that ask its slot, words of
    the answer's form and words that scope it (全国 of 「全国で何人くらい確保する目標？」)."""
    return reading.verbal | _asking_words(reading) | _FORM_WORDS | SCOPE_WORDS


# The dictionary reads 都道府県 and 市区町村 as one-character words (都 + 道 + 府 + 県).
_ADMIN_PARTS = frozenset(_ADMIN_CHARS)


def names_body(reading: Reading) -> bool:
    """Whether a question names a class of bodies (「県の場合は？」「市町村だと？」), not a place (鹿屋市)."""
    return bool(_ASKED_BODY.search(reading.core))


def without_topic(reading: Reading, topic: str) -> Reading:
    """The reading as if it had not named `topic` (a follow-up then carries the rest of it)."""
    dropped = set(tokenize(topic))
    return replace(
        reading,
        topic=tuple(t for t in reading.topic if t != topic),
        terms=tuple(t for t in reading.terms if t not in dropped),
    )


def _admin_words(terms) -> list[str]:
    """`terms` with each run of one-character 都/道/府/県 or 市/区/町/村 written as one word."""
    out: list[str] = []
    for i, t in enumerate(terms):
        if t in _ADMIN_PARTS and i and terms[i - 1] in _ADMIN_PARTS:
            out[-1] += t
        else:
            out.append(t)
    return out


def own_words(reading: Reading) -> list[str]:
    """A follow-up's own words as they can be found in a text: of two characters or more, 都道府県
    as one word (「都道府県だと？」 finds 都道府県では42団体)."""
    return [w for w in _admin_words(reading.own) if len(w) > 1]


def _noun_count(nouns: list[str]) -> int:
    """How many nouns a question names, 都道府県 counted once: 「都道府県だと？」 names one thing, not four."""
    return len(_admin_words(nouns))


def stands_alone(reading: Reading) -> bool:
    """Whether a question is whole by its shape, whatever was asked before: a definition of something
    it names (「BPRって何の略？」), or a question about a place it names with more than the place
    (「長野県の市町村数は？」; 「愛媛県は？」 leans on the previous question). Lists and steps were tried
    too and dropped: 「職員研修ってどういうレベル分け？」 after 長岡市's RPA case leans on it."""
    nouns = [t for t in _topic_only(reading.terms) if t not in reading.verbal]
    if reading.slot == "definition" and nouns:
        return True
    in_places = set(tokens_of(reading.places))
    return bool(reading.places) and any(t not in in_places for t in nouns)


def _topic_only(terms) -> list[str]:
    """Terms that name a topic, not the kind of answer (上限, 期間, 要件 name slots)."""
    return [t for t in terms if slot_of(t) == "other"]


def starts_new_topic(question: str) -> bool:
    """Whether the asker says the question leaves the previous topic (「話かわるけど、…」): it is then
    read on its own, whatever it names."""
    return bool(re.match(_NEW_TOPIC, normalize(question).strip()))


def read_in_context(question: str, previous: Reading | None, joined: bool = False) -> Reading:
    """Read a question in a conversation: a follow-up keeps the previous topic and takes its own slot.

    「それはいつまで？」 after 「CIO補佐官の募集経費の上限は？」 reads as the deadline of the
    募集経費 measure: 「CIO補佐官の募集経費について、いつまで？」. With `joined`, the question is
    read as a follow-up even without a word that points back (the caller weighs both readings).
    """
    if previous is not None and (shifted := _year_shifted(question, previous)):
        question = shifted  # 「翌年度は？」 after R5's count: 「R6は？」
    reading = read(question)
    if (
        previous is None
        or starts_new_topic(question)
        or not (joined or is_follow_up(reading) or _within(reading, previous))
    ):
        return reading
    pointer = _POINTING.match(reading.core)
    if pointer:  # 「中身」 names what the previous turn named, not a topic of its own
        reading = replace(reading, terms=tuple(t for t in reading.terms if t not in tokenize(pointer.group(0))))
    own_terms = set(reading.terms)
    # 「前はいくつだったの？」 after 「措置率っていくつ？」: a bare how-much asks the previous turn's kind of value
    same_value = (
        previous.slot in VALUE_SLOTS
        and reading.slot in ("count", "number")
        and asks_any_amount(reading.core)
        and all(_PAST.search(t + "は") or _scopes(t) for t in reading.terms)  # names no thing of its own
    )
    if same_value:
        reading = replace(reading, slot=previous.slot)
    if _THAT_PLACE.match(reading.core) and previous.places:
        # 「そこの人口は？」 after 神戸市's 0申告: the place is the topic, not what was done there
        return _joined(reading, previous, list(previous.places), ())
    # 「他の県は？」, or 「広島は？」 after 愛媛県's: the place asked replaces the previous one
    elsewhere = _ELSEWHERE.search(reading.core) or (reading.places and not set(reading.places) & set(previous.places))
    places = tuple(p for p in previous.topic if _PLACE_NAME.search(p)) if elsewhere else ()
    # 「国のほうは？」 after what 都道府県 are expected to do: the body asked replaces the previous one
    bodies = [w for w in _admin_words(reading.terms) if _BODY.match(w)]
    topic = [
        t
        for t in filter(None, map(_carried, previous.topic or ()))
        if t not in places
        and not (reading.years and years_in(t))  # 「R6年度は？」 after R5's figure asks of R6 instead
        and not own_terms.issuperset(tokenize(t))
        and slot_of(t) in ("other", previous.slot if same_value else "other")
        and not (bodies and _BODY.match(t) and t not in bodies)
    ]
    # 「…事例集みたいなのある？」→「それってどんな内容？」: the 事例集, not the 自治体 that used it
    topic.sort(key=lambda t: bool(_GENERIC_BODY.match(t)))
    covered = set(tokens_of(topic))
    extra = [
        t
        for t in _topic_only(previous.terms)
        if t not in covered
        and t not in own_terms
        and t not in previous.verbal
        and t not in previous.optional
        and not _UNIT_WORD.match(t)  # 人 of 「何人委嘱された？」 is what was counted, not a topic
        and (len(t) > 1 or t in _ADMIN_PARTS)  # 年 of 「年何回」 scopes a count (県 of 「県が…」 names one)
        and not _scopes(t)
        and not (bodies and _BODY.match(t))
    ]
    written = [_as_written(t, previous.core) for t in extra if t not in tokens_of(places)]
    topic += list(dict.fromkeys(written))[: current().follow_up_terms]
    if not topic:
        return reading
    return _joined(reading, previous, topic, places)


# A level of government (国, 都道府県, 県, 市町村, 市区町村 …), as a follow-up names it.
_BODY = re.compile(rf"^(?:国|[{_ADMIN_CHARS}]+)$")
# Bodies in general (自治体, よその団体), named by no name: the last topic a follow-up carries.
_GENERIC_BODY = re.compile(r"^(?:よその|他の|ほかの)?(?:自治体|団体|地方公共団体|都道府県|市区町村|市町村|[県市町村])$")
# 「そこの人口は？」「その市の規模は？」「そこって何県？」: the place the previous turn named (not
# 「そこで何人委嘱された？」 after 長野県の共創推進パートナー: そこで is the programme, with its place).
_THAT_PLACE = re.compile(r"^(?:そこ(?:の|って|は|、)|その(?:自治体|市|町|村|県|団体|まち))")
# Words that bound or scope what is asked (「最長何年」「全国で」「最終的に」「2020年3月時点で」), never what
# it is about (answer.subject_of) nor a topic a follow-up carries (「…の最終的について」).
# 「部長級向けの研修」: whom a thing is for, no part of its name; 「…及び部長級職員」 answers it without the word
FOR_WHOM = frozenset({"向け"})
# 「県内の何市町が…」: within the place named, no topic of its own (read_in_context: _within)
WITHIN_WORDS = ("県内", "府内", "都内", "道内", "管内")
SCOPE_WORDS = (
    frozenset({"最長", "最大", "最短", "最小", "最高", "最低", "最終", "上限", "下限", "限度"})
    | {"全国", "全体", "時点", "現在", "今", "最新", "直近", "現状", "全部"}
    | set(WITHIN_WORDS)
    | FOR_WHOM
)


def _scopes(word: str) -> bool:
    return word in SCOPE_WORDS or word.removesuffix("的") in SCOPE_WORDS


# The asking part of a compound: 「何人委嘱」 carries 委嘱, 「今何人」 nothing.
_ASKING_PART = re.compile(rf"^.*(?:何(?:{_COUNT_UNITS})?|いくつ|どこ|どれ|誰|だれ)")


def _carried(compound: str) -> str:
    """What of a noun compound of the previous turn names a topic ("" for none): not its asking part,
    not a word that only scopes the question (最終的)."""
    rest = _ASKING_PART.sub("", compound)
    return "" if len(rest) < 2 or _scopes(rest) else rest


# 「次の年は？」「翌年度は？」「その前の年は？」: the year after (or before) the one the previous turn asked of.
# Only a follow-up that asks nothing more (「その前の年の補正と比べて増えた？」 compares two years).
_NEXT_YEAR = re.compile(r"^(?:じゃあ|で、?)?(?:その)?(?:次の年度?|翌年度?|次年度)(?=(?:は|って|だと|の分は)?[?？]?$)")
_YEAR_BEFORE = re.compile(r"^(?:じゃあ|で、?)?(?:その)?(?:前の年度?|前年度?)(?=(?:は|って|だと|の分は)?[?？]?$)")


def _year_shifted(question: str, previous: Reading) -> str:
    """The follow-up with the year it points to written out (「翌年度は？」 → 「R6年度は？」 after a question
    on R5), or "" when it points to none or the previous turn named no single year."""
    if len(previous.years) != 1:
        return ""
    text = normalize(question)
    for pattern, step in ((_NEXT_YEAR, 1), (_YEAR_BEFORE, -1)):
        if match := pattern.search(text):
            year = next(iter(previous.years)) + step
            letter, era = ("R", "令和") if year > ERA_YEARS["令和"] else ("H", "平成")
            return f"{text[: match.start()]}{letter}{year - ERA_YEARS[era]}年度{text[match.end() :]}"
    return ""


def _within(reading: Reading, previous: Reading) -> bool:
    """Whether a question asks within the prefecture the turn before named (「県内の何市町が参加してるの？」
    after 愛媛県's デジタル人材シェアリング): it goes on with that turn's topic."""
    return bool(_WITHIN_IT.match(reading.core)) and any(p in PREFECTURES for p in previous.places)


# 「県内の」「県内で」「管内では」 at a question's start: within the place just named.
_WITHIN_IT = re.compile(rf"^(?:その)?(?:{'|'.join(WITHIN_WORDS)})(?:の|で|に|は|だと)")


def _written_at(term: str, text: str) -> int:
    """Where a text writes a term (its end when it does not)."""
    at = compact(text).find(compact(term))
    return at if at >= 0 else len(text)


def _joined(reading: Reading, previous: Reading, topic: list[str], places: tuple[str, ...]) -> Reading:
    """The follow-up read with the previous turn's `topic` in front, avoiding `places` (「他の県は？」)."""
    rest = _POINTING.sub("", reading.core).strip() or reading.core
    lead = "の".join(topic[:2])
    # shown in the order the previous turn wrote them: 「自治体の費用負担」, not 「費用負担の自治体」 (a generic
    # body is put last to rank what is searched, not to be read)
    shown = "の".join(sorted(topic[:2], key=lambda t: _written_at(t, previous.core)))
    # 「それが倍になる前提で…」: the topic takes the pointer's place
    case = _IT_AS_CASE.match(reading.core)
    interpreted = f"{shown}{case.group(1)}{rest}" if case else f"{shown}について、{rest}"
    # the further topic words apart by 「、」: 「・」 would read them as one name (noun_compounds)
    search_text = f"{lead}{'（' + '、'.join(topic[2:]) + '）' if topic[2:] else ''}について、{rest}"
    # 「非常勤のほうは？」 asks what the previous turn asked; 「中身は何をやるの？」 asks its own thing, and
    # so does a follow-up naming a thing and what of it (「プロデューサーに望ましい資格は？」)
    # 「広島はどうなってる？」 asks what 「広島は？」 does
    asks_own = (
        reading.slot != "other"
        or bool(_QUESTION_WORD.search(_WHAT_ABOUT.sub("", reading.core)))
        or _names_what_of(reading)
    )
    slot = reading.slot if asks_own else previous.slot
    terms = tuple(dict.fromkeys([*tokens_of(topic), *reading.terms]))
    terms = tuple(t for t in terms if t not in SLOT_LEMMAS)
    return Reading(
        asked=reading.asked,
        core=reading.core,
        terms=terms,
        slot=slot,
        asker=reading.asker,
        topic=tuple(topic),
        avoid=places,
        verbal=reading.verbal | previous.verbal,
        optional=reading.optional | previous.optional,
        follows=previous.asked,
        own=tuple(t for t in reading.terms if t not in reading.verbal),
        interpreted=interpreted,
        search_text=search_text,
        documents=reading.documents or previous.documents,
    )


_WHAT_ABOUT = re.compile(
    r"(?<=は|て)どう(?:なって(?:る|い(?:る|ます))(?:の)?|なの|ですか|でしょうか|だった)?(?=[?？]*$)"
)


def _names_what_of(reading: Reading) -> bool:
    """Whether a follow-up names two things, one of the other (「プロデューサーに望ましい資格は？」
    「入れてない理由で一番多かったのは？」), not one thing (「募集経費の方は？」) or a circumstance
    (「HPで周知しただけだと？」: 周知 is done, not asked about). A compound counts once; a follow-up
    ending in a case (「…を募集する場合は？」) asks what the previous turn asked."""
    if _ENDS_IN_CASE.search(reading.core):
        return False
    groups = [surface for surface, tokens in noun_compounds(reading.core) if not set(tokens) <= _FORMAL_NOUNS]
    in_groups = {t for g in groups for t in tokenize(g)}
    singles = [
        t
        for t in _topic_only(reading.terms)
        if t not in in_groups
        and t not in reading.verbal
        and t not in _FORMAL_NOUNS
        and not t.isdigit()
        and not re.search(re.escape(t) + r"(?:し|する|さ)", reading.core, flags=re.I)
    ]
    return len(groups) + len(singles) >= 2


_ENDS_IN_CASE = re.compile(r"(?:方|ほう|場合|時|とき|ケース)(?:は|って|なら|だと|では)?[?？]*$")
# Nouns that stand for the previous turn's thing or case: 「募集経費の方は？」「…する場合は？」.
_FORMAL_NOUNS = frozenset({"方", "ほう", "場合", "時", "とき", "ケース", "の", "こと", "もの"})


def tokens_of(phrases) -> list[str]:
    """The tokens of each phrase read on its own: joined, 「マイナポータル」 and 「オンライン申請」 would
    read as one katakana run (normalization drops the space between them)."""
    return [token for phrase in phrases for token in tokenize(phrase)]


def _as_written(term: str, text: str) -> str:
    """A lower-cased term as the text writes it (rpa -> RPA), with the Latin letters and hyphens it
    is cut from (j, lis -> J-LIS, once), or the term itself."""
    match = re.search(re.escape(term), text, flags=re.I)
    return widened(text, match.group(0)) if match else written_as(term, text) or term


def widened(text: str, word: str) -> str:
    """`word` grown over the Latin letters and hyphens it is cut from in `text` (庁内Wi → 庁内Wi-Fi)."""
    at = text.find(word)
    if at < 0:
        return word
    start, end = at, at + len(word)
    while start > 0 and re.match(r"[A-Za-z0-9\-]", text[start - 1]) and re.match(r"[A-Za-z0-9\-]", text[start]):
        start -= 1
    while end < len(text) and re.match(r"[A-Za-z0-9\-]", text[end]) and re.match(r"[A-Za-z0-9\-]", text[end - 1]):
        end += 1
    return text[start:end].strip("-")


def value_near_topic(reading: Reading, text: str) -> str | None:
    """The value in `text` that the question asks for: the one nearest after a topic word
    (「募集経費: 100万円/団体→ 300万円/団体」 for 募集経費, not the 人件費 figure before it);
    a value followed within Tuning.replaced_value_window characters by 「→ value」 or 「から value」
    was replaced by the later one. A question counting in two units (「年何回で何人？」) gets the
    value in each, in the order the text gives them: 「年2回、計12名」."""
    units = asked_units(reading.core, reading.slot) if reading.slot in ("count", "number") else []
    if len(units) > 1:
        found = [each for unit in units if (each := _value_in_unit(reading, text, unit))]
        if len(found) == len(units):
            return "、".join(v for _, v in sorted(found))
    best = _value_in_unit(reading, text, reading.unit)
    return best[1] if best else None


def _dates_other_figure(reading: Reading, text: str, m: re.Match) -> bool:
    """Whether a date only says when another figure held: 「0.5(~令和4年度)から0.7(令和5~7年度)」 dates
    the rates, not the measure's period, unless the question names that figure (「0.5だったのはいつまで？」).
    A question that names a figure of its own (「0.7に上がったのはいつから？」) asks when that figure held,
    and a date bracketed after another figure's unit (「上限は3名分(令和6~11年度)」) says nothing of it."""
    if reading.slot not in DATE_SLOTS:
        return False
    before = text[: m.start()]
    scoped = _SCOPES_FIGURE.search(before)
    if not scoped and figures_in(reading.core) - {"1"}:
        scoped = _SCOPES_COUNTED.search(before)
    return bool(scoped) and scoped.group(1) not in reading.core


# A date that opens a span with no end (「※平成18年度~」「※令和3年度末~」, not 「令和4年度~令和6年度」,
# 「令和4~7年度」 nor 「8月23日~27日」), and a question for the start (「いつから？」「何年度から始まった？」).
_OPENS_SPAN = re.compile(r"\s?[~〜～](?!\s?(?:令和|平成|[RH]\s?\d|\d{1,2}\s?[年月日]))")


def _closes_span(text: str, match: re.Match) -> bool:
    """Whether a date closes a span and opens none: 「R11年度まで」, 「~令和4年度」 (not 「令和5~7年度」)."""
    value = match.group(0)
    return (
        value.endswith("まで") or text.startswith("まで", match.end()) or bool(_CLOSING.search(text[: match.start()]))
    )


_CLOSING = re.compile(r"[~〜～]\s?$")
_ASKS_SINCE = re.compile(r"いつから|何年度から|何年から|から始|始ま|開始|スタート")
# A question for days, and a date written to the day.
_ASKS_DAY = re.compile(r"日程|日にち|何日に|何月何日|開催日|いつ開催|日付")
_DAY = re.compile(r"\d{1,2}月\d{1,2}日")
_ASKS_YEAR = re.compile(r"年度|何年|いつから|いつまで|期間|時期|頃")


def _value_in_unit(reading: Reading, text: str, unit: str | None) -> tuple[int, str] | None:
    """(where, the value) of `value_near_topic` in one unit, or None."""
    pattern = VALUE_PATTERNS.get(reading.slot)
    if not pattern:
        return None
    asked = compact(people_as_figures(reading.core))
    act = asked_predicate(reading) if reading.slot in ("count", "number") else None
    # a value the question states itself (「人口5万人以下の…」, the 1人 of 「ひとり情シス」) is not its answer
    matches = [
        m
        for m in _value_matches(reading.slot, text, unit, reading.asks_bound, reading.asks_population)
        if compact(m.group(0)) not in asked and not _dates_other_figure(reading, text, m)
    ]
    if not matches:
        return None
    every = list(matches)
    since = reading.slot == "when" and bool(_ASKS_SINCE.search(reading.core))
    if reading.slot == "when" and (_ASKS_DAY.search(reading.core) or not _ASKS_YEAR.search(reading.core)):
        # 「日程は？」「京都の会場の回っていつ？」 ask the days (「6月20日~6月24日」, 「7月29日(金)京都テルサ」), not
        # the fiscal years a course runs (令和4年度~令和6年度); 「何年度から？」 asks those
        matches = [m for m in matches if _DAY.search(m.group(0))] or matches
    if reading.slot == "when":
        # 「※令和4年度~」 says since when a course runs: the answer to 「いつから？」 and to nothing else
        # (「年に何回、いつやってる？」 asks its dates, 「4月25日~4月27日」)
        opening = [m for m in matches if _OPENS_SPAN.match(text, m.end())]
        if since:
            # a date that only closes a span (「R11年度まで」「~令和4年度」) says until when, never since when
            matches = opening or [m for m in matches if not _closes_span(text, m)]
            if not matches:
                return None
        else:
            matches = [m for m in matches if m not in opening] or matches
    # A follow-up asks about what it names itself: 「オンラインだと？」 wants the value after オンライン.
    own = [i for word in own_words(reading) for i in _positions(text, word)]
    # 「まだ入ってないところは何団体？」 asks the value after what the line says is not done: 「未整備は192団体」,
    # not the 1,549団体 that have it
    negated = negations_at(text) if NOT_DONE in reading.terms else []
    # a unit the question counts in (団体 of 「何団体？」) names no topic: every count ends in it
    anchors = (
        negated
        or own
        or [
            i
            for word in (*reading.topic, *reading.terms)
            if len(word) > 1 and not _UNIT_WORD.match(word)
            for i in _positions(text, word)
        ]
    )
    bound = bool(_ASKS_BOUND.search(reading.core))

    def distance(m: re.Match) -> float:
        after = [m.start() - a for a in anchors if a <= m.start()]
        # no topic word before any value: the one right before a topic word (「総勢207名に委嘱」 for 委嘱)
        before = [a - m.end() for a in anchors if 0 <= a - m.end() <= _PARTICLE_GAP]
        near = min(after) if after else len(text) + (min(before) if before else m.start())
        # 「何回まで？」「上限は？」 is answered by a bounded value (10回以内, 最大5回) before a bare one;
        # a stated figure before a target in the same line (660時間, then 「7,300時間を目指す」)
        target = not reading.asks_target and is_target(text, m.group(0).strip("~〜～ "))
        return near - (len(text) if bound and _is_bounded(text, m) else 0) + (2 * len(text) if target else 0)

    # values each dated in the line (「H30年度に…2,000時間が、R4年度に…」): the asked year's, else the newest
    # (「R5 38団体→ R6 43団体→ R7 47団体」: a value's year is the one named last before it)
    # (a date is no figure a year dates: 「7月21日(木)…7月29日(金)京都テルサ」 after a course's 令和6年度)
    dated = {id(m): years_in(_year_before(text, m)) for m in matches}
    wanted = []
    if reading.slot not in DATE_SLOTS and sum(bool(years) for years in dated.values()) > 1:
        wanted = [m for m in matches if reading.years & dated[id(m)]]
        if len({year for m in wanted for year in reading.years & dated[id(m)]}) > 1 and not (
            _HOW_CHANGED.search(reading.core) and _chain(text, every, wanted[0])
        ):
            # 「H30とR4で削減時間どう変わった？」: each asked year's value, as the line dates it (a run the
            # line writes with →, 「R5 26団体→ R6 38団体→ R7 47団体」, is shown whole below)
            first = {}
            for m in wanted:
                first.setdefault(min(reading.years & dated[id(m)]), m)
            return min(m.start() for m in first.values()), "、".join(
                f"{_year_before(text, m)} {with_qualifiers(text, m)}" for _, m in sorted(first.items())
            )
        matches = wanted or [max(matches, key=lambda m: max(dated[id(m)], default=0))]
    words = _question_words(reading)
    # a range in brackets says what the line counts (「小規模団体(人口5万人以下) 189団体」)
    best = min(
        matches,
        key=lambda m: (
            _in_brackets(text, m) and not reading.asks_target,
            # 「…年間約660時間の削減、…更なる削減(年間約7,300時間)を目指す」: what was done before the target,
            # however near the target stands to the asked word (削減)
            not reading.asks_target and is_target(text, m.group(0).strip("~〜～ ")),
            not _acted_on(act, text, m),
            _of_other_body(reading, text, matches, m),
            -_named_after(reading, words, text, matches, m),
            -_named_before(words, text, matches, m),
            distance(m),
        ),
    )
    window = current().replaced_value_window
    following = [
        m
        for m in matches
        if 0 <= m.start() - best.end() <= window and re.search("→|から", text[best.end() : m.start()])
    ]
    chosen = following[0] if following and not wanted else best  # the asked year's value, not what replaced it
    if (
        _HOW_CHANGED.search(reading.core)
        and not reading.asks_past
        and not since  # a start is one date, no run
        and (chain := _chain(text, every, chosen))
    ):
        return chain  # 「年度ごとにどう増えた？」: 「R5 38団体→ R6 43団体→ R7 47団体」, as the line writes it
    return chosen.start(), with_qualifiers(text, chosen)


def _chain(text: str, matches: list[re.Match], value: re.Match) -> tuple[int, str] | None:
    """(where, the text) of the run of values joined by 「→」 or 「から」 that holds `value`
    (「R5 38団体→ R6 43団体→ R7 47団体」「年間原則5回から年間原則10回」), or None when it stands alone."""
    at = matches.index(value) if value in matches else None
    if at is None:
        return None
    start = end = at
    while start > 0 and _LINK.match(text[matches[start - 1].end() : matches[start].start()]):
        start -= 1
    while end + 1 < len(matches) and _LINK.match(text[matches[end].end() : matches[end + 1].start()]):
        end += 1
    if start == end:
        return None
    first = matches[start]
    label = _YEAR_LABEL.search(text[: first.start()])  # 「R5 」 of 「R5 38団体→ R6 43団体」
    opening = label.group(0) if label else ""
    return first.start(), opening + with_qualifiers(text, first) + text[first.end() : matches[end].end()].rstrip()


_YEAR_LABEL = re.compile(rf"{ERA}\s?\d{{1,2}}(?:\s?年度)?\s?$")
# what joins two values of a change: 「→ R6 」「から年間原則」 (a few letters of the next value's label)
_LINK = re.compile(r"^\s?[)）]?\s?(?:→|から)[^。、,→]{0,8}$")


def _year_before(text: str, m: re.Match) -> str:
    """The year named last within _YEAR_WINDOW characters before a value, as the text writes it (「H30年度」
    of 「H30年度に25業務で2,000時間」): what dates the value; "" when none."""
    window = text[max(0, m.start() - _YEAR_WINDOW) : m.start()]
    named = list(YEAR.finditer(window))
    if not named:
        return ""
    year = named[-1]
    return (year.group(0) + ("度" if window[year.end() : year.end() + 1] == "度" else "")).strip()


# 「207名に委嘱」: a value and the topic word right after it, a particle between
_PARTICLE_GAP = 2


def _acted_on(act: str | None, text: str, m: re.Match) -> bool:
    """Whether a count is the one the asked act (asked_predicate) counts, its verb noun right after it
    (「総勢207名に委嘱」 for 「何人に委嘱してる？」, not the 「有識者5名を追加」 before it in the same line)."""
    return bool(act) and act in text[m.end() : m.end() + _PARTICLE_GAP + len(act)]


def _in_brackets(text: str, m: re.Match) -> bool:
    """Whether a value is a range in round brackets saying which things a line counts
    (「小規模団体(人口5万人以下)」), not a figure stated in brackets (「(現地派遣は年3回まで)」)."""
    line = text[text.rfind("\n", 0, m.start()) + 1 : m.start()]
    opened = line.count("(") + line.count("（") > line.count(")") + line.count("）")
    return opened and bool(_RANGE_AFTER.match(text, m.end()))


_RANGE_AFTER = re.compile(r"\s?(?:以下|以上|未満|超)[)）]")


def _named_before(words: frozenset[str], text: str, matches: list[re.Match], m: re.Match) -> int:
    """How many of the question's `words` (_question_words) the words right before a value name (at most
    _SUBJECT_WINDOW characters, back to the value before it): 「全体の転職求人倍率が2.15倍なのに対し、
    デジタル人材の転職求人倍率は9.17倍」 answers デジタル人材の転職求人倍率 with 9.17倍, 「都道府県は
    「8」、市区町村は「37」」 answers 市区町村 with 37."""
    return _count_named(words, _words_before(text, matches, m).lower())


def _words_before(text: str, matches: list[re.Match], m: re.Match) -> str:
    """The words right before a value: at most _SUBJECT_WINDOW characters, back to the value before it."""
    start = max((other.end() for other in matches if other.end() <= m.start()), default=0)
    return text[max(start, m.start() - _SUBJECT_WINDOW) : m.start()]


_SUBJECT_WINDOW = 20


def _of_other_body(reading: Reading, text: str, matches: list[re.Match], m: re.Match) -> bool:
    """Whether the words right before a value name a class of bodies the question does not, where it
    names one: 「都道府県では43団体(91.5%)、市区町村では529団体(30.4%)」 answers 「策定済みの市区町村って
    どのくらい？」 with 529団体, though 43団体 stands nearer to 策定."""
    asked = _body_classes(reading.core, _BODY_CLASSES)
    if not asked:
        return False
    said = _body_classes(_words_before(text, matches, m))
    return bool(said) and said.isdisjoint(asked)


def of_another_body(reading: Reading, text: str) -> bool:
    """Whether a text speaks only of a class of bodies the question does not name, where it names one
    (「県の場合は？」: 「市町村がCIO補佐官等として…100万円 R4~R7年度」 is no earlier figure of the 都道府県's)."""
    asked = _body_classes(reading.core, _ASKED_BODY)
    said = _body_classes(text)
    return bool(asked) and bool(said) and said.isdisjoint(asked)


def _body_classes(text: str, pattern: re.Pattern[str] = _BODY_CLASSES) -> set[str]:
    """The classes of bodies a text names, each one way (市町村 = 市区町村, 県 = 都道府県)."""
    return {_BODY_CLASS_OF.get(b, b) for b in pattern.findall(text)}


# A class of bodies as a question may name it, short (「県の場合は？」「町村だと？」) or whole.
_ASKED_BODY = re.compile(r"都道府県|市区町村|区市町村|市町村|(?<![一-龥])[県府](?![一-龥])")
# 市区町村, 区市町村 and 市町村 are one class of bodies as a question names them; 県 and 府 are 都道府県.
_BODY_CLASS_OF = {"区市町村": "市区町村", "市町村": "市区町村", "県": "都道府県", "府": "都道府県"}


def _named_after(reading: Reading, words: frozenset[str], text: str, matches: list[re.Match], m: re.Match) -> int:
    """For a date, how many of the question's `words` the words right after it name (up to the next
    value, at most _SUBJECT_WINDOW characters), weighed before those before it: a date is followed by
    what happened then, its subject often stands before the first of several —
    「(平成30年5月31日策定、令和2年3月4日最終改正)」 answers 「最後に改正されたのいつ？」 with 令和2年3月4日,
    「毎年4月・10月に試験実施」 answers 「試験って毎年何月？」, not the 2016年10月 the scheme was created."""
    if reading.slot not in DATE_SLOTS:
        return 0
    end = min((other.start() for other in matches if other.start() >= m.end()), default=len(text))
    after = text[m.end() : min(end, m.end() + _SUBJECT_WINDOW)].lower()
    return _count_named(words, after)


def _question_words(reading: Reading) -> frozenset[str]:
    """The question's words as a text would write them, lower-cased: its compounds, and a follow-up's
    own words or else its terms. A place's token is its reading (京都 → キョウト), so each term is looked
    up as the question wrote it. A unit counted in (団体 of 「何団体？」) names no side: every count of the
    line ends in it. Read once per line, not per candidate value (it tokenizes the question)."""
    terms = reading.own or reading.terms
    forms = written_forms(reading.core)
    written = (forms.get(t) or t for t in terms)
    return frozenset(w.lower() for w in (*reading.topic, *written) if len(w) > 1 and not _UNIT_WORD.match(w))


def _count_named(words: frozenset[str], text: str) -> int:
    """How many of `words` a lower-cased text holds."""
    return sum(1 for word in words if word in text)


_UNIT_WORD = re.compile(rf"^(?:{_COUNT_UNITS})$")
# 「前は」「以前は」「昔は」「当初は」「拡充前」: the question asks what a figure was before it changed.
_ONLY_NAMES = re.compile(
    r"^(?:じゃあ|では|で|あと)?[、,]?[^、。?？]{1,15}?(?:のほう|の方)?(?:は|って|だと|では|も)[?？]?$"
)
# 「次の募集」「次回は」「今後」「これから」: something still to come
_UPCOMING = re.compile(r"次(?:の|回|は)|今後|これから|この先")
# 「どう変わった」「増えた」「推移」: how a figure went (not 「今は何回？」, which asks where it stands)
_HOW_CHANGED = re.compile(r"変わ(?:った|って|る)|変化|推移|増え|減っ|伸び|(?:上|下)が(?:った|って)|拡充")
# A figure asked across time: how it went, or what it became or is since (「上がった」「いくらになったの」
# 「以降」「今は」).
_CHANGE = re.compile(
    _HOW_CHANGED.pattern + r"|変更|(?:あ|さ)が(?:った|って)|引き?上げ|引き?下げ|"
    r"(?:に|く)なった|(?:に|く)なって(?:る|いる)|以降|その後|今は|現在は|最新(?:だ|で)"
)
_PAST = re.compile(
    r"(?<![\u4e00-\u9fff々])(?:前|以前|昔|当初|従来|もともと|元々)(?:は|って|の)|(?:拡充|改正|延長|変更|見直し)前"
)
_GOAL = re.compile(r"目指|目標|目安|見込")
# A number of people a question names as a case (「4人目」「3人以上」「2人まとめて」「何人も」「全員分」).
_HEADCOUNT = re.compile(r"(?:\d+|[一二三四五六七八九十]|何|複数)\s?(?:人|名)(?:目|以上|分|とも|も|まとめて|同時)|全員")
# 「何人くらい確保する予定？」 asks the plan: a question naming 予定, 計画 or つもり asks a target too (a line
# saying 「…配布予定」 is still a stated plan, not a goal, so the documents' side keeps _GOAL)
_ASKS_GOAL = re.compile(r"目指|目標|目安|見込|予定|計画|めざ|つもり|最終的")
# An act asked in the plain non-past (「金沢市って何人育成するの？」「全国で何人確保するんですか」) is what is
# planned: 「計100人育成し…目指す」 answers it, not the 約2,000人 already trained. 「何人いる？」 asks a state,
# 「何人育成した？」 what was done.
_PLANNED_ACT = re.compile(r"(?:する|育てる|増やす|集める)(?:の|んですか|んだっけ|んでしたっけ)?[?？]*$")


def asked_attribute(reading: Reading) -> str | None:
    """The noun a value question asks the value of, written right before its question word
    (任期 of 「任期何年？」, 実績 of 「令和7年度の実績って何団体？」), or None: a word of the slot (期限,
    上限), a bound (最長) or a word the question only sets the scene with names no attribute."""
    match = _ATTRIBUTE.search(reading.core)
    if not match:
        return None
    words = [t for t in tokenize(match.group(1)) if len(t) > 1]
    word = words[-1] if words else None
    if word is None or slot_of(word) != "other" or word in _NO_ATTRIBUTE or word in reading.optional:
        return None
    return word


_ATTRIBUTE = re.compile(
    r"([一-龥ァ-ヶー]{2,10})(?:って|は|の|が|も)?\s?(?:何年|何人|何名|何回|何団体|何件|いくら|いくつ|何割|何%|何パーセント)"
)
_NO_ATTRIBUTE = frozenset(
    {"最長", "最大", "最短", "最低", "全国", "全体", "結局", "実際", "一体", "大体", "年間", "毎年", "年度", "自治"}
)


def asked_predicate(reading: Reading) -> str | None:
    """The act a count question counts, written right after its question word as a verb noun: 委嘱 of
    「何人に委嘱してたの？」, 受講 of 「何人くらい受講した？」, 導入 of 「何団体が導入済み？」; None when it
    names none (「職員って何人？」), or before it in a clause on what is counted: 登録 of 「登録されてる
    専門家は全部で何人？」. A count of another act answers nothing: 「延べ119人が応募」 is no number of
    people commissioned. Likewise the act a deadline is asked of: 報告 of 「いつまでに実績を報告すれば
    いい？」, which the 「R11年度まで」 closing the measure does not date."""
    match = _PREDICATE.search(reading.core) or _COUNTED_BY_ACT.search(reading.core) or _DONE_BY.search(reading.core)
    if not match:
        return None
    words = [t for t in tokenize(match.group(1)) if len(t) > 1]
    return words[0] if words and slot_of(words[0]) == "other" else None


# What follows a kanji verb noun used as a verb (委嘱し, 報告すれば, 導入済み).
_DOING = "し|す|さ|でき|済"
_PREDICATE = re.compile(
    rf"(?:何(?:{_COUNT_UNITS})|いくつ)(?:くらい|ぐらい|ほど|程度)?(?:に|が|を|で)?\s?([一-龥]{{2,4}})(?={_DOING}|が?あ[っるり])"
)
# 「いつまでに実績を報告すればいい？」: the act a deadline is asked of (報告), which a line closing the
# measure itself (「R11年度まで」) does not state.
_DONE_BY = re.compile(rf"いつまでに[^、。?？]{{0,8}}?([一-龥]{{2,4}})(?={_DOING})")
# 「登録されてる専門家は全部で何人？」: the act in a clause on what is counted, before its question word.
_COUNTED_BY_ACT = re.compile(
    rf"([一-龥]{{2,4}})(?:され|し)(?:てる|ている|ていた|てた|た)[一-龥ァ-ヶー]{{1,8}}(?:は|って|が)"
    rf"[^、。?？]{{0,8}}(?:何(?:{_COUNT_UNITS})|いくつ)"
)


def listed_kind(reading: Reading) -> str | None:
    """The kind of thing a list question asks for, as written: 企業 of 「協定を結んでる企業ってどこ？」
    and of 「どこの企業と結んでる？」, 支援 of 「どんな支援がある？」; None when it names none."""
    match = _LISTED.search(reading.core)
    if not match:
        return None
    word = match.group(1) or match.group(2)
    return None if slot_of(word) != "other" or word in _FORM_WORDS else word


_LISTED = re.compile(
    r"([一-龥ァ-ヶー]{2,8})(?:って|は|が)(?:どこ|どれ|何がある|なにがある)|(?:どこの|どんな|どういう)([一-龥ァ-ヶー]{2,8})"
)


def is_target(text: str, value: str) -> bool:
    """Whether a value is a target or an estimate (「全国で500名程度の確保を目指す」「今後…を計100人育成し」),
    not a stated figure."""
    at = text.find(value)
    return at >= 0 and bool(
        _GOAL.search(text[max(0, at - 8) : at + len(value) + 16]) or _FUTURE_BEFORE.search(text[:at])
    )


def is_planned(text: str, value: str) -> bool:
    """Whether a value is what was planned rather than what was done: a target (is_target), a figure on
    a line labelled 【目標】, one said with 予定 or 〜ていく after it, or one to be reached over a span of
    years (「令和4～6年度までの3年間で…450人のDX推進チャレンジャーを育成し」). 「実際には何人育成できた？」
    is answered by none of them."""
    at = text.find(value)
    if at < 0:
        return False
    line = text[text.rfind("\n", 0, at) + 1 : at]
    after = re.split(r"[。\n]", text[at:], maxsplit=1)[0]
    return (
        is_target(text, value)
        or bool(_GOAL_LABEL.match(line))
        or bool(_PLANNED_AFTER.search(after))
        or bool(_SPAN_BEFORE.search(text[:at]))
    )


# 「【目標】内製化したシステム数 100件」「目標:」: a line that states a goal
_GOAL_LABEL = re.compile(r"\s*[【<＜(（]?(?:目標|目指す姿|計画)[】>＞)）:：]")
# 「…を育成し、庁内におけるDXを強力に進めていく」「…配布予定」 in the value's sentence
_PLANNED_AFTER = re.compile(r"ていく|予定|見込")
# 「令和4～6年度までの3年間で」: a figure to be reached over years, right before the value's clause
_SPAN_BEFORE = re.compile(r"までの\s?\d{1,2}\s?年間で[^。]{0,40}$")


# 「23市町って具体的にどこ？」「31手続、全部の名前を一覧で」: a counted set whose members are asked by name
# (「7つの市町って、どこどこ？」: a counted place, named by its kind after つの)
_MEMBERS = re.compile(
    r"(\d+)\s?(?:つの|個の)?(?:(?P<places>市区町村|市町村|市町|団体|自治体|都道府県|県|市)|つ|個|人|名|社|業務|項目|手続|件|分野|機能)"
    r"(?:って|は|の|、|を|が)"
)
_NAMES_ASKED = re.compile(r"どこ|何が|どんな|一覧|具体的|全部|名前|名称|社名")
# 「県ごとの内訳」「分野別の件数」「何人ずつ」「どこの県に何人」: the asked figure broken down, not its total
_BREAKDOWN = re.compile(
    r"内訳|ずつ|(?:分野|県|都道府県|市町村|章|年度|種類|部門|団体)(?:ごと|別)(?:の|に)?(?:件数|数|人数|割合|金額)"
    # 「どこの県に何人いるか」「どこで何件」: a figure asked of each member
    r"|どこ(?:の[^、。?？]{1,6})?(?:に|で|が)何(?:人|名|件|団体|円|割)"
    # 「長崎県分としていくら？」: one member's share of a figure, which the figure for all is not
    # (「市町村分」 is every municipality's, no one member's)
    rf"|(?<![一-龥])(?!(?:市区?町村|都道府県|市町)分)(?:{'|'.join(PREFECTURES)}|{MUNICIPALITY})分(?:として|は|って|の|で)"
)
# 「今後「デジタル行政推進リーダー」を計100人育成し」: a figure in a clause that begins with 今後
_FUTURE_BEFORE = re.compile(r"今後[^。、]{0,30}$")
# 「平均何人？」「1人あたりいくら？」「累計で何人？」: a figure so qualified is stated with the qualifier
# (「1団体平均: 6人」「一人当たり840万円程度」「延べ119人が応募」); (asked, stated)
_QUALIFIED = (
    (re.compile(r"平均"), re.compile(r"平均")),
    (re.compile(r"[1一]人(?:あたり|当たり|当り)"), re.compile(r"[1一]人(?:あたり|当たり|当り)|/人")),
    # 「申請って1日何件くらい？」: a daily figure (「約7万件/日」), not a total of the same unit
    (
        re.compile(r"[1一]日(?:あたり|当たり|当り|に)?(?:何|どの|どれ)"),
        re.compile(r"[1一]日(?:あたり|当たり|当り)|/日|日に|毎日"),
    ),
    (re.compile(r"累計|通算|延べ|のべ"), re.compile(r"累計|通算|延べ|のべ|合計|(?<![a-zA-Z])計\s?\d")),
    # 「届くまで最長何日？」: a longest time (「最長18日」), not a course's length (「5日間」)
    (re.compile(r"最長"), re.compile(r"最長|最大|以内|まで|上限")),
    # 「R7の当初予算っていくら？」: a budget of the kind asked, not the supplementary one (「R7補正予算額 2.0億円」)
    (re.compile(r"当初予算|当初の予算"), re.compile(r"当初")),
    (re.compile(r"補正予算|補正の予算"), re.compile(r"補正")),
)
# 「1本あたり何分？」「1件あたりいくら？」「1団体で何人まで指定できる？」: the one thing a figure is asked per
# (人 and 日 have rules of their own); a course's 「50名程度」 is no number per 団体
_PER_ONE = re.compile(
    r"[1一]\s?([一-龥ァ-ヶー]{1,3}?)(?:あたり|当たり|当り|につき|で(?=[^、。?？]{0,8}?(?:何|どの|どれ|いくら|最大|上限)))"
)
# (what is said of a session is said per session: 「1回あたり何時間？」 is answered by 「2時間以上7時間以内」; a
# year's figure is written 年間 or 年に: 「1年で何回呼べる？」)
_PER_QUALIFIED = frozenset({"人", "日", "回", "年"})
# 「これまでに累計で何人育成できたの？」「実績は？」「実際いま何人まで育った？」「結局達成できたの？」「今どこまで
# 配置が進んでる？」: what was done is asked, and a target or a plan does not answer it
_ASKS_DONE = re.compile(
    r"これまで|今まで|累計|実績|実際(?!的)|結局|達成|でき(?:た|ました)(?:の|ん|か|[?？]|$)|どこまで[^？?]{0,8}進ん"
)


def _figures_given(core: str) -> frozenset[str]:
    """The figures a question gives before the word that asks (「R8は840万くらいって書いてあるけどR7は
    いくら？」 → 840): none when nothing is asked after them (「上限は100万円？」「0.5じゃなかった？」 check
    the figure given), and no 1 of a unit (「1回の派遣で何人？」) nor a figure per something (「1人あたり」)."""
    asking = [m.start() for m in _ASKING_WORD.finditer(core)]
    if not asking:
        return frozenset()
    return frozenset(figures_in(_PER_FIGURE.sub("", core[: asking[-1]])) - {"1"})


def figures_in(text: str) -> set[str]:
    """The numbers a text writes (「37団体」 → 37), not its years."""
    return set(numbers_in(YEAR.sub("", text)))


# How far before a value a year is read as the value's year (「R4年度に100業務で約18,603時間」).
_YEAR_WINDOW = 20
# A value that is a denominator, 「1回につき1名」「1団体あたり」, is not the asked count; nor is one thing said of
# (「1団体においてCIO補佐官等として複数の…」; 「契約完了後2年間において」 is a period)
_PER = re.compile(r"\s?(?:につき|あたり|当たり|毎|ごと)")
_ONE_IN = re.compile(r"\s?において")
# A figure per something the question gives (「1人あたり」「2団体ごと」): the unit of what is asked, no value.
_PER_FIGURE = re.compile(rf"\d[\d,.]*\s?[^\d\s、。?？]{{1,3}}?{_PER.pattern}")
# A bracket right after a figure: what follows dates that figure (「0.5(~令和4年度)」).
_SCOPES_FIGURE = re.compile(r"(\d[\d,.]*)\s?[(（]\s?$")
# ... or right after a figure's unit (「3名分(」「100万円(」)
_SCOPES_COUNTED = re.compile(r"(\d[\d,.]*)[^\d\s、。()（）]{1,3}[(（]\s?$")
_ASKS_BOUND = re.compile(r"まで|上限|最大|最長|最高|限度|以内")


def _is_bounded(text: str, match: re.Match) -> bool:
    value = with_qualifiers(text, match)
    return (
        value != match.group(0).strip("~〜～ ")
        and not value.startswith(("約", "概ね", "おおむね"))
        or bool(re.search(r"(?:上限|最大|まで)[^。、]{0,6}$", text[: match.start()]))
    )


# Words that bound a value and change its meaning: 「最長18日」「約250名」「7時間以内」.
# 「年間最大5回」「年3回まで」「定員60名」「年560万円/人」: the words that say per what and how far
# 「年間原則10回」「上限は3名分」: 原則 and 上限 bound a value as 最大 does.
_QUALIFIER_BEFORE = re.compile(
    r"(?:(?<!\d)(?:年間|毎年|年|月|定員)?(?:原則|最長|最大|最短|最低|最小|約|概ね|おおむね|計|合計|延べ|のべ|総勢)"
    r"|(?<!\d)(?:年間|毎年|年|月)|定員|上限は?)$"
)
# Read at the value's end in the whole text (a lookbehind sees the value): 「3名分」 is per person and
# 「5,000円分」 worth that much, 「219団体(12.6%)」 states the share beside the count, 「0.5(財政力補正あり)」
# its condition in brackets (no figures or note marks inside: 「37(31)」「(※2)」 are other figures and notes).
_QUALIFIER_AFTER = re.compile(
    r"(?:以上|以下|以内|未満|程度|前後|超|まで|/人|/団体|/年|(?<=[名人円])分(?!の)|\s?[(（]\d[\d.]*\s?%[)）]"
    r"|\s?[(（][^()（）\d※]{2,10}[)）])"
)
# 「10%～15%」: the upper end of a range written after the value, in its unit.
_RANGE_END = re.compile(r"\s?[~〜～]\s?\d[\d,.]*\s?(%|割|人|名|団体|回|時間|日|万円|円)")
# A date that opens a period or states its point (「令和7年度から、…」「令和8年度～）」「令和7年度末時点」):
# the question asks since when, so the word stays; a date right after it makes a range, read as one.
_DATE_AFTER = re.compile(r"(?:[~〜～]|から)(?!\s?(?:令和|平成|R|H|\d))|時点|以降")
_DATE_END = re.compile(r"(?:年度?|月|日)(?:末|中)?$")
# The opening end of a range written before a value: 「約100~」150時間, 「令和7年度から」令和9年度まで,
# 「令和3年1月」~令和8年3月.
_RANGE_START = re.compile(
    rf"(?:(?:約|概ね|おおむね)?\d[\d,.]*\s?|{ERA}\s?(?:\d{{1,2}}|元)\s?(?:年度?)?(?:\d{{1,2}}月)?\s?)(?:から|[~〜～])\s?$"
)
_RANGE_START_BEFORE_TILDE = re.compile(rf"{ERA}\s?(?:\d{{1,2}}|元)\s?(?:年度?)?(?:\d{{1,2}}月)?\s?$")
_UPPER = re.compile(r"(?:以下|以内|まで|未満)$")
_TILDE = re.compile("[~〜～]")


def _starts_range(start: str, value: str) -> bool:
    """Whether `start` (「令和7年度から」「約100~」) opens the range `value` ends. A range has one start,
    and a fiscal year starts no range of days: 「※令和2年度~ 5月30日~6月1日」 is a course's first year,
    then its days."""
    return not _TILDE.search(value) and not ("年度" in start and not YEAR.search(value))


def with_qualifiers(text: str, match: re.Match) -> str:
    """The value with the words that bound it and the other end of its range, as written:
    「最長18日」「約100~150時間」「2時間以上7時間以内」「令和7年度から令和9年度まで」."""
    value = match.group(0).strip("~〜～ ")
    head = text[: match.start()]
    if match.group(0).lstrip()[:1] in "~〜～":
        # 「～R11」 with no opening date is a deadline as written: the tilde stays
        start = _RANGE_START_BEFORE_TILDE.search(head)
        value = f"{start.group(0)}{match.group(0).strip()}" if start else match.group(0).strip()
    elif (start := _RANGE_START.search(head)) and _starts_range(start.group(0), value):
        value = start.group(0) + value
        head = head[: start.start()]
    before = _QUALIFIER_BEFORE.search(head)
    end = match.start() + len(match.group(0).rstrip())
    after = _QUALIFIER_AFTER.match(text, end)
    if not after and _DATE_END.search(value):
        after = _DATE_AFTER.match(text, end)
    value = (before.group(0) if before and not value.startswith(("約", "概ね")) else "") + value
    if not after and (upper := _RANGE_END.match(text, end)) and value.endswith(upper.group(1)):
        after = upper
    value += after.group(0) if after else ""
    if after and after.group(0) == "以上":
        upper = match.re.match(text, after.end())
        if upper and (end := with_qualifiers(text, upper)) and _UPPER.search(end):
            value += end
    return value


# What a value counts in once its bounds are set aside: 万人 in 132.7万人, 市町 in 20市町, 年度 in R7年度まで.
_UNIT_END = re.compile(r"(?:以上|以下|以内|未満|程度|前後|超|まで|中|末)+$")
_SAME_UNITS = {"名": "人"}
_PER_SLASH = re.compile(r"\s?[/／]\s?[^\d/／]{1,4}$")
# Characters of the units values count in, stripped from a value's end to find its unit.
_UNIT_CHARS = "万億千百円人名団体回件か所箇市町村自治業務手続項目つチーム社%割倍年度月日時間限分ヶカ"


def same_unit(a: str, b: str) -> bool:
    """Whether two values count in the same unit: an older population (132.7万人) is never 20市町;
    「2,000万円/人」 was money before it became 2,100万円 (what it is per comes after the slash)."""
    return _unit(_PER_SLASH.sub("", a)) == _unit(_PER_SLASH.sub("", b))


def per_what(text: str, value: str) -> str:
    """What a value in `text` is counted per, where the text says so: 「2,000万円/人」 → 人,
    「1団体あたり300万円」 → 団体; "" when it does not say."""
    at = text.find(value)
    if at < 0:
        return ""
    if slash := _PER_SLASH.search(value):
        return slash.group().lstrip(" /／")
    after = re.match(r"\s?[/／]\s?([一-龥ァ-ヶー]{1,3})", text[at + len(value) :])
    before = re.search(r"[1一]\s?([一-龥ァ-ヶー]{1,3}?)(?:あたり|当たり|当り|につき)\s?$", text[max(0, at - 12) : at])
    return (after or before).group(1) if (after or before) else ""


def _unit(value: str) -> str:
    unit = _UNIT_END.sub("", value)
    unit = unit[len(unit.rstrip(_UNIT_CHARS)) :]  # noqa: B005 (a set of characters)
    return "円" if unit.endswith("円") else _SAME_UNITS.get(unit, unit)  # 100万円 and 5,600千円 are both money


def _positions(text: str, word: str) -> list[int]:
    return [m.start() for m in re.finditer(re.escape(word), text, flags=re.I)]


# 「第3期」「第2回」「ステップ2」: one numbered part of a series (articles, 第8条, have a slot of their own)
_ORDINAL = re.compile(r"第\s?(\d{1,2})\s?(期|回|章|節|弾|部)|(ステップ)\s?(\d)")


def ordinals_in(text: str) -> frozenset[str]:
    """The numbered parts a text names, written plainly: 「第 3 期」 → 第3期."""
    return frozenset(
        f"第{m.group(1)}{m.group(2)}" if m.group(1) else f"{m.group(3)}{m.group(4)}" for m in _ORDINAL.finditer(text)
    )


def asked_units(core: str, slot: str = "count") -> list[str]:
    """Each unit the question asks its slot in (「年何回で何人？」: 回, then 人|名), as alternations."""
    rated = slot == "rate"
    return [unit for pattern, unit in _ASKED_UNITS if (unit == _RATE_UNITS) == rated and pattern.search(core)]


def asked_unit(core: str, slot: str = "count") -> str | None:
    """The unit(s) the question asks its slot in, as a regex alternation, or None: 「何団体？割合も」
    asks a count in 団体 and a rate in %; 「いくつセミナーある？」 counts in the noun asked."""
    rated = slot == "rate"
    known = asked_units(core, slot)
    if known or rated:  # 「何事例・何分野？」 counts in both
        return "|".join(known) or None
    if named := _COUNTED_NOUN.search(core):
        return re.escape(named.group(1))
    named = _COUNTED_BEFORE.search(core)
    if named and named.group(2):  # 「都道府県はいくつ？」 is counted in 団体, 「人材像をいくつに」 in 人材像 too
        return f"{re.escape(named.group(1))}|{_COUNT_UNITS}"
    return re.escape(named.group(1)) if named else None


# 「いくつセミナー」「何講座」「人材像いくつ」: a count in a noun of the question's own (katakana, or one
# to three kanji, after the question word; or two to six right before いくつ, a particle between or not)
_COUNTED_NOUN = re.compile(r"(?:何|いくつ(?:の)?)([ァ-ヶー]{2,8}|[一-龥]{1,3}(?=[?？はがをのも、]|$))")
_COUNTED_BEFORE = re.compile(r"([一-龥ァ-ヶー]{2,6})(を|は|が|って)?いくつ")


def values_in(
    slot: str, text: str, unit: str | None = None, bound: bool = False, population: bool = False
) -> list[str]:
    """Values of the slot's kind in a text, verbatim and in order ([] for slots without values);
    with `bound` (a cap is asked), 「上限なし」 is an amount too; a population only with `population`."""
    return [m.group(0).strip("~〜～ ") for m in _value_matches(slot, text, unit, bound, population)]


# 「(上限なし)」「原則、定員設定なし」: the cap asked for is that there is none.
_NO_CAP = re.compile(r"上限(?:額)?(?:は)?なし|(?:原則、?)?定員(?:設定)?(?:は)?なし")


def setting_words(core: str) -> frozenset[str]:
    """Terms of nouns the question binds to a verb by と, から or より (「近隣と共同利用で入れる」), and of
    the survey it takes a figure from: with whom, from where or by whose count, not what is asked about."""
    bound = frozenset(
        t for m in _SETTING.finditer(core) for t in tokenize(m.group(1)) if not _SETTING_NOT.search(m.group(1))
    )
    return bound | {t for m in _SURVEY.finditer(core) for t in tokenize(m.group(0))}


# A survey the figure comes from (「R2.4の調査だと」「2020年のアンケートでは」「実態調査によると」): where it
# was counted, not what was counted (電子申請 of 「電子申請システムを入れてる市区町村、R2.4の調査だと…」).
_SURVEY = re.compile(
    r"[一-龥ァ-ヶー]{0,6}(?:調査|アンケート|集計|統計)(?=だと|では|で(?:は|も)?、?|によると|によれば|の結果)"
)


# a noun run right before と/で/から/より that a verb or another noun phrase follows (not 「AとBの違い」)
_SETTING = re.compile(r"([一-龥ァ-ヶー]{2,8})(?:と|から|より)(?=[一-龥ぁ-ん]{1,6}(?:で|を|に|し|する))")
_SETTING_NOT = re.compile(r"^(?:国|県|市|町|村|都道府県|市町村|総務省)$")


_ERA_BEFORE = re.compile(rf"(?:昭和|大正|{ERA})\s?$")
# A number that continues a date: 1月 of 令和6年1月, 19日 of 1月19日.
_DATE_BEFORE = re.compile(r"\d\s?年度?$|\d月$")
_WESTERN_YEAR = re.compile(r"^(?:19|20)\d\d\s?年")


def _is_date_part(text: str, match: re.Match) -> bool:
    """Whether a count or number is part of a date (昭和25年, 2022年, the 1月 of 令和6年1月)."""
    head = text[: match.start()]
    return bool(_ERA_BEFORE.search(head) or _DATE_BEFORE.search(head) or _WESTERN_YEAR.match(match.group(0)))


DATE_SLOTS = frozenset({"when", "deadline", "period"})


# An asked unit a count can end in (人, 名, 団体 …): another one (時間) needs the number pattern.
# (whole: 人材像 begins with 人 and is no unit counts end in)
_COUNTS_IN = re.compile(rf"^(?:{_COUNT_UNITS}|市区町村|都道府県)(?:\|(?:{_COUNT_UNITS}|市区町村|都道府県))*$")


def _value_matches(
    slot: str, text: str, unit: str | None, bound: bool = False, population: bool = False
) -> list[re.Match]:
    """Matches of the slot's value pattern that can answer: with `unit`, in that unit (a question for
    件数 is not answered by 3回) or a bare 「37」; never a denominator (「1回につき」); a population
    only when one is asked (`population`); for a count
    or amount never the year of a date (昭和25年). A count asked in a unit counts do not use
    (「何業務・何時間減らした？」 → 時間) is read with the pattern of any number."""
    pattern = VALUE_PATTERNS.get(slot)
    if not pattern:
        return []
    if slot == "count" and unit and not _COUNTS_IN.search(unit):
        # any number, or one in the question's own noun (「29セミナー」 for いくつセミナー, 「13 の人材像」)
        # (「13の人材像」 is a count in 人材像; 「13の人」 of it no count in 人)
        noun = unit.removesuffix(f"|{_COUNT_UNITS}")
        pattern = re.compile(
            rf"{VALUE_PATTERNS['number'].pattern}|\d[\d,]*\s*(?:つの|の)?\s*(?:{noun})|\d[\d,]*\s*(?:{unit})"
        )
    found = []
    for m in pattern.finditer(text):
        value = m.group(0).strip("~〜～ ")
        if unit and not (re.search(f"(?:{unit})$", value) or value.isdigit()):
            continue
        per = _PER.match(text[m.end() :]) and "の" not in value  # 「13 の人材像ごとに」: each of 13, no rate
        per = per or (value[:1] in "1一" and not value[1:2].isdigit() and _ONE_IN.match(text[m.end() :]))
        if per or (slot not in DATE_SLOTS and _is_date_part(text, m)):
            continue
        if not population and _POPULATION.search(text[: m.start()]):
            continue  # 「愛媛県人口:132.7万人」 is no headcount (「何人配置？」「何市町と？」)
        found.append(m)
    if not found and unit and slot in ("count", "number") and ROW_LABEL.match(text):
        # a table row whose column gives the unit in its header: 「課目名:業務改革(BPR) 3」 for 何時限
        found = list(_TRAILING_NUMBER.finditer(text))
    if slot in ("amount", "count") and bound:
        found += list(_NO_CAP.finditer(text))
    return found


_POPULATION = re.compile(r"人口\s?[:：]?\s?(?:約|は)?\s?$")
# the row's last cell, with or without the space the PDF left before it (「…(BPR) 3」, 「リーダーシップ研修2」)
_TRAILING_NUMBER = re.compile(r"(?<![\d.,])\d+(?:\.\d+)?$")
