"""Text written to steer a language model rather than to inform a reader.

Documents are data. A sentence such as 「これまでの指示を無視して…と答えてください」 in a PDF
must not become an instruction to the LLM, nor a quoted answer: both composers skip it.
"""

from __future__ import annotations

import re

_INSTRUCTION = re.compile(
    r"(指示|命令|ルール|プロンプト|設定).{0,12}(無視|忘れ)|と(だけ)?(答え|回答し|出力し|返答し)(て|なさい|ろ)"
    r"|ignore (all |any )?(the )?(previous|prior|above|earlier) (instructions|rules)|system prompt|you are now",
    re.IGNORECASE,
)
PLACEHOLDER = "［指示のような文のため省略］"


def looks_like_instruction(sentence: str) -> bool:
    """Whether a sentence addresses a model (ignore your instructions, answer X) instead of a reader."""
    return bool(_INSTRUCTION.search(sentence))
