"""Official municipal populations that the user supplies, so case studies can be compared by real size.

The table is the 住民基本台帳に基づく人口 as 総務省 publishes it, saved as CSV (Shift_JIS or UTF-8):
a header row with 団体コード, 都道府県名, 市区町村名 and 人口 (「人口（計）」「総数」 count too),
possibly after title lines such as 「令和6年1月1日現在」, which give the table's date. A row with
an empty 市区町村名 is the prefecture's total. Nothing is downloaded: the user imports a file with
`dxqa population import FILE` and it is stored as population.json next to the index folder.
"""

from __future__ import annotations

import csv
import io
import json
import re
import time
from dataclasses import dataclass, field
from pathlib import Path

from core.errors import DocumentError
from core.text import decode

FILE_NAME = "population.json"
_COLUMNS = {
    "prefecture": ("都道府県名",),
    "municipality": ("市区町村名",),
    "population": ("人口", "人口(計)", "人口（計）", "総数", "計"),
}
_DATE = re.compile(
    r"((?:令和|平成)\s*(?:\d+|元)\s*年\s*\d+\s*月\s*\d+\s*日|\d{4}\s*年\s*\d+\s*月\s*\d+\s*日|\d{4}-\d{2}-\d{2})"
)


@dataclass(frozen=True)
class PopulationTable:
    """Populations by (prefecture, municipality); municipality "" is the prefecture's total.

    source names the file the user imported and date the day the table counts (as the table
    states it), so every figure shown can say where it comes from.
    """

    source: str
    date: str
    people: dict[tuple[str, str], int] = field(default_factory=dict)

    def lookup(self, prefecture: str, municipality: str) -> int | None:
        """The population of a municipality (or of the prefecture when municipality == prefecture)."""
        if municipality == prefecture:
            total = self.people.get((prefecture, ""))
            if total is not None:
                return total
            parts = [n for (p, m), n in self.people.items() if p == prefecture]
            return sum(parts) or None
        return self.people.get((prefecture, municipality))

    @property
    def citation(self) -> str:
        """「住民基本台帳に基づく人口（jinko.csv, 令和6年1月1日現在）」."""
        return f"住民基本台帳に基づく人口（{self.source}、{self.date}）"


def read_population_csv(path: Path, date: str = "") -> PopulationTable:
    """Parse the published CSV; DocumentError says which column or row is wrong."""
    text = decode(path.read_bytes(), path.name)
    rows = list(csv.reader(io.StringIO(text)))
    header_at = next((i for i, row in enumerate(rows) if _columns(row)), None)
    if header_at is None:
        raise DocumentError(
            f"{path.name} に 団体コード・都道府県名・市区町村名・人口 の見出し行がありません。"
            "住民基本台帳に基づく人口の CSV を指定してください。",
            f"{path.name} has no header row with 都道府県名, 市区町村名 and 人口.",
        )
    columns = _columns(rows[header_at])
    stated = next((m.group(1) for row in rows[:header_at] for cell in row if (m := _DATE.search(cell))), "")
    people: dict[tuple[str, str], int] = {}
    for number, row in enumerate(rows[header_at + 1 :], start=header_at + 2):
        if not any(cell.strip() for cell in row):
            continue
        prefecture, municipality, count = (
            row[columns[k]].strip() if columns[k] < len(row) else ""
            for k in ("prefecture", "municipality", "population")
        )
        if not prefecture or not count:
            continue
        try:
            people[prefecture, municipality.replace("\u3000", "").replace(" ", "")] = int(count.replace(",", ""))
        except ValueError as exc:
            raise DocumentError(
                f"{path.name} の {number} 行目の人口「{count}」が数値ではありません。",
                f"Row {number}: population {count!r} is not a number.",
            ) from exc
    if not people:
        raise DocumentError(f"{path.name} に人口の行がありません。", f"{path.name} has no population rows.")
    return PopulationTable(source=path.name, date=date or stated or "日付の記載なし", people=people)


def _columns(row: list[str]) -> dict[str, int] | None:
    """Column positions of a header row, or None when the row is not the header."""
    cells = [re.sub(r"\s", "", cell) for cell in row]
    found = {key: next((i for i, cell in enumerate(cells) if cell in names), None) for key, names in _COLUMNS.items()}
    return found if all(i is not None for i in found.values()) else None


def population_path(index_dir: Path) -> Path:
    """Where the imported table lives: next to the index folder (data/population.json by default)."""
    return index_dir.parent / FILE_NAME


def save_population(table: PopulationTable, index_dir: Path) -> Path:
    """Write the table (atomically, so a failed import leaves the previous table usable)."""
    path = population_path(index_dir)
    path.parent.mkdir(parents=True, exist_ok=True)
    data = {
        "source": table.source,
        "date": table.date,
        "imported": time.strftime("%Y-%m-%d"),
        "rows": [[p, m, n] for (p, m), n in sorted(table.people.items())],
    }
    temporary = path.with_suffix(".tmp")
    temporary.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    temporary.replace(path)
    return path


def load_population(index_dir: Path) -> PopulationTable | None:
    """The imported table, or None when the user has not imported one."""
    path = population_path(index_dir)
    if not path.is_file():
        return None
    data = json.loads(path.read_text(encoding="utf-8"))
    return PopulationTable(source=data["source"], date=data["date"], people={(p, m): n for p, m, n in data["rows"]})
