"""``interreg-kg bench generate``: writes the corpus it is asked for; a bad size is a usage error."""

from __future__ import annotations

from pathlib import Path

import interreg_kg


def test_generate_writes_docs_expected_and_a_data_folder(tmp_path: Path, capsys) -> None:
    assert interreg_kg.main(["bench", "generate", "--size", "3", "--output", str(tmp_path), "--no-pdf"]) == 0
    assert len(list((tmp_path / "expected").glob("*.json"))) == 3
    assert len([p for p in (tmp_path / "docs").iterdir() if p.suffix in (".txt", ".html")]) == 3
    assert (tmp_path / "data" / "documents" / "manifest.csv").is_file()
    assert "3 documents" in capsys.readouterr().out


def test_a_size_below_one_is_a_usage_error(tmp_path: Path, capsys) -> None:
    assert interreg_kg.main(["bench", "generate", "--size", "0", "--output", str(tmp_path)]) == 2
    assert "--size" in capsys.readouterr().err
    assert not (tmp_path / "docs").exists()
