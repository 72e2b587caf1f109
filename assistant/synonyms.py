"""A small list of words staff use for the documents' own terms (lemmas, as tokenize gives them).

Built by reading the corpus's terms next to everyday words for them (給料 for 報酬・人件費,
条件 for 要件, 何割 for 措置率); it widens BM25 queries and the coverage test of answers.
Groups are symmetric; keep them to true equivalents or the documents' term for a plain word.
"""

from __future__ import annotations

GROUPS: tuple[tuple[str, ...], ...] = (
    ("給料", "給与", "報酬", "人件", "賃金"),
    ("条件", "要件", "資格"),
    ("割", "率"),
    ("期限", "期間", "期日"),
    ("費用", "経費", "コスト", "料金", "費"),
    ("採用", "任用", "雇う", "雇用"),
    ("研修", "講座", "セミナー"),
    ("作る", "策定", "作成"),
    ("応募", "募集"),
    ("パソコン", "pc", "端末"),
    ("負担", "持つ", "措置", "出す"),
    ("外", "外部"),
    ("手順", "ステップ", "進める"),
    ("人", "名"),
    ("例", "事例", "取組"),
    ("科目", "課目"),
    ("只", "無料", "無償"),
    ("役職", "ポスト", "肩書き", "職名"),
    ("名称", "名前"),
    ("育てる", "育成", "養成"),
    ("問い合わせ", "問い合わせる", "連絡"),  # 「問い合わせ先」 is the documents' 「<連絡先>」
    ("参加", "参画", "構成"),  # 「何市町が参加してる？」 is the documents' 「県内20市町で構成する」「参画する」
    ("設置", "発足", "設立", "創設"),  # 「デジタル庁っていつ発足した？」 is the documents' 「デジタル庁が設置された」
    ("導入", "入れる"),  # 「RPA入れるときの特交」「テレワーク入れてない団体」: 入れる is no word of the documents
    ("籍", "地位"),  # 「企業に籍を置いたまま来てもらえる？」 is the documents' 「従業員としての地位を保有したまま任用」
    ("受験", "受検"),  # 「受検料って特交でみてもらえる？」: the documents write 受験料 (資格取得のための受験料)
)

_GROUP_OF: dict[str, frozenset[str]] = {term: frozenset(group) for group in GROUPS for term in group}


def variants(token: str) -> frozenset[str]:
    """The token and the words that mean the same here."""
    return _GROUP_OF.get(token, frozenset((token,)))


def expand(tokens: list[str]) -> list[str]:
    """Tokens plus their synonyms, each once, originals first (for BM25 queries)."""
    out = list(dict.fromkeys(tokens))
    for token in tokens:
        out.extend(v for v in sorted(variants(token)) if v not in out)
    return out
