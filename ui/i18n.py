"""Japanese for the messages Gradio writes itself.

Gradio's own translations (chosen for Japanese by ui/server.py) cover most labels; a few
messages are hard-coded in English in its frontend. This script rewrites those texts and the
accessible names (aria-label, title) as they appear on the page.
"""

from __future__ import annotations

import json

# Exact English texts → Japanese (what the frontend shows, as seen in Chromium).
EXACT = {
    "Connection to the server was lost. Attempting reconnection...": (
        "サーバーとの接続が切れました。再接続しています…"
        "（しばらく待っても戻らないときは、ページを再読み込みしてください）"
    ),
    "Stream has ended unexpectedly": "通信が途中で切れました。もう一度お試しください。",
    "processing": "処理中",
    "Processing": "処理中",
    "queue": "順番待ち",
    "Error": "エラー",
    "Copy conversation": "会話をコピー",
    "Copy message": "メッセージをコピー",
    "Copy": "コピー",
    "Copied": "コピーしました",
    "Copied!": "コピーしました",
    "Like": "この回答をFAQに追加（☆）",
    "いいね": "この回答をFAQに追加（☆）",
    "Download": "ダウンロード",
    "Remove": "削除",
    "Use via API": "APIとして使う",
    "Built with Gradio": "Gradioで作成",
    "Settings": "設定",
    "Loading...": "読み込み中…",
    "Login": "ログイン",
    "Logout": "ログアウト",
    "username": "ユーザー名",
    "password": "パスワード",
    "Username": "ユーザー名",
    "Password": "パスワード",
    "Incorrect Credentials": "ユーザー名またはパスワードが違います",
    "chatbot conversation": "会話",
    "Gradio footer navigation": "フッター",
    "More tabs": "ほかのタブ",
    "Click to upload or drop files": "クリックしてファイルを選ぶか、ここにドロップ",
    "File upload": "ファイルのアップロード",
    "Scroll down": "下へスクロール",
    # Screen-reader texts whose Japanese is missing in Gradio (it then shows the key itself).
    "common.complete": "完了",
    "common.progress": "進捗",
    "common.loading": "読み込み中",
    "common.error": "エラー",
    "Scroll to bottom": "最後へスクロール",
    "Clear": "クリア",
}
# Messages with variable parts: (JavaScript regular expression, replacement).
PATTERNS = [
    (
        r"^Invalid file types?: (.*)\. Only (.*) allowed\.$",
        "対応していない形式のファイルです: $1（追加できるのは $2 です）",
    ),
    (r"^Invalid file type", "対応していない形式のファイルです"),
    (r"^Stream has ended unexpectedly.*", "通信が途中で切れました。もう一度お試しください。"),
    (r"^processing \|", "処理中 |"),
    (r"^queue: (\d+)/(\d+)", "順番待ち: $1/$2"),
    (r"^Max file size exceeded.*", "ファイルが大きすぎます。"),
    (r"^user's message: ", "質問: "),
    (r"^bot's message: ", "回答: "),
    (r"^(common|blocks|chatbot|upload|file|dataframe)\\.[a-z_]+$", ""),  # any other untranslated key: not read out
]

JS = """
() => {
  const exact = %s;
  const patterns = %s.map(([p, r]) => [new RegExp(p), r]);
  const translate = (text) => {
    const trimmed = text.trim();
    if (!trimmed) return null;
    if (exact[trimmed] !== undefined) return text.replace(trimmed, exact[trimmed]);
    for (const [p, r] of patterns) if (p.test(trimmed)) return text.replace(trimmed, trimmed.replace(p, r));
    return null;
  };
  const fix = (root) => {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (node.parentElement && node.parentElement.closest('#dxqa-chat .message, #dxqa-sources, textarea')) continue;
      const t = translate(node.nodeValue);
      if (t !== null && t !== node.nodeValue) node.nodeValue = t;
    }
    const elements = root.querySelectorAll ? root.querySelectorAll('[aria-label],[title],[placeholder]') : [];
    for (const el of elements) for (const a of ['aria-label', 'title', 'placeholder']) {
      const v = el.getAttribute(a);
      const t = v && translate(v);
      if (t && t !== v) el.setAttribute(a, t);
    }
  };
  let queued = false;
  new MutationObserver(() => {
    if (queued) return;
    queued = true;
    requestAnimationFrame(() => { queued = false; fix(document.body); });
  }).observe(document.body, {subtree: true, childList: true, characterData: true, attributes: true,
                              attributeFilter: ['aria-label', 'title', 'placeholder']});
  fix(document.body);
  document.documentElement.setAttribute('lang', 'ja');
}
""" % (json.dumps(EXACT, ensure_ascii=False), json.dumps(PATTERNS, ensure_ascii=False))
