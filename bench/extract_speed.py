"""Extraction speed: documents per second on one core, per format (.txt, .html, .pdf).

The corpus is the dev set's and the seeds' plain texts (``--shared``, default ``../shared``; the
seeds of ``data/documents`` when that folder is absent). Their .html and .pdf versions are rendered
on the fly into a temporary folder (:func:`render_html`, :func:`render_pdf`), never committed. Each
format is timed over ``--rounds`` passes of read + extract (``loader.documents.read_document`` then
``loader.extract.extract``), after one warm-up pass that builds the vocabulary matchers; PDF text
extraction is reported apart (its reader dominates). ``--profile`` prints the top functions of a
cProfile run of the .txt pass. ``--docs DIR`` times the files of a folder instead (a synthetic corpus
of ``interreg-kg bench generate``: ``--docs DIR/docs``, its ``DIR/data`` taken as the data folder), at
most ``--limit`` of each format. Each line gives the overall rate, the best pass and the median pass.

Run: ``python -m bench.extract_speed [--shared ../shared] [--rounds 5] [--profile] [--docs DIR]`` or
``make bench-extract``. Target: at least 200 documents per second for .txt and .html.

>>> "<li>a &amp; b</li>" in render_html("Title\\nPartners:\\n- a & b\\n")
True
"""

from __future__ import annotations

import argparse
import cProfile
import html
import io
import os
import pstats
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

__all__ = ["render_html", "render_pdf", "corpus", "time_format", "main", "TARGET"]

TARGET = 200.0
_FONTS = ("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", "/usr/share/fonts/TTF/DejaVuSans.ttf",
          "/Library/Fonts/Arial Unicode.ttf")
_BULLETS = ("- ", "• ", "* ", "· ", "– ")


def render_html(text: str, *, title: str | None = None, lang: str = "en") -> str:
    """A web page showing ``text`` as a programme site would: site chrome (menu, script, cookie form,
    footer menu) around the content; the first line as ``<h1>``, lines ending with a colon as
    ``<h3>``, bullet lines as list items, other lines as paragraphs; two-cell "Label: value" lines
    of short labels as table rows."""
    lines = [line.rstrip() for line in text.split("\n")]
    body: list[str] = []
    in_list = False
    first = True
    for line in lines:
        stripped = line.strip()
        if not stripped:
            continue
        bullet = next((b for b in _BULLETS if stripped.startswith(b)), None)
        if bullet is not None:
            if not in_list:
                body.append("<ul>")
                in_list = True
            body.append(f"<li>{html.escape(stripped[len(bullet):])}</li>")
            continue
        if in_list:
            body.append("</ul>")
            in_list = False
        esc = html.escape(stripped)
        if first:
            body.append(f"<h1>{esc}</h1>")
            first = False
        elif stripped.endswith(":") and len(stripped) < 60:
            body.append(f"<h3>{esc}</h3>")
        else:
            body.append(f"<p>{esc}</p>")
    if in_list:
        body.append("</ul>")
    head_title = html.escape(title or (lines[0].strip() if lines else "Project"))
    return (f'<!DOCTYPE html>\n<html lang="{lang}">\n<head><meta charset="utf-8"><title>{head_title} | projects'
            "</title>\n<script>var budget = 'Total budget: 9.999.999,00 EUR'; function track() {}</script>\n"
            "<style>nav li { display: inline; }</style></head>\n<body>\n"
            '<nav><ul><li><a href="/">Home</a></li><li><a href="/projects">Projects</a></li><li>News</li>'
            "<li>Contact</li></ul></nav>\n"
            '<form class="cookies"><p>We use cookies.</p><button>Accept</button></form>\n'
            "<main>\n" + "\n".join(body) + "\n</main>\n"
            "<nav class=\"footer\"><a href=\"/privacy\">Privacy</a> <a href=\"/legal\">Legal notice</a></nav>\n"
            "</body>\n</html>\n")


def _font_path() -> str | None:
    return next((p for p in _FONTS if os.path.exists(p)), None)


def render_pdf(text: str, path: Path) -> Path:
    """A PDF of ``text`` (fpdf2; A4, lines wrapped to the page as a brochure would). Uses DejaVu Sans
    when installed, else Helvetica with the characters Latin-1 lacks replaced."""
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(True, margin=15)
    pdf.add_page()
    font = _font_path()
    if font:
        pdf.add_font("body", fname=font)
        pdf.set_font("body", size=10)
    else:
        pdf.set_font("Helvetica", size=10)
        text = text.replace("€", "EUR").replace("’", "'").replace("–", "-").replace("•", "-")
        text = text.encode("latin-1", "replace").decode("latin-1")
    for line in text.split("\n"):
        if line.strip():
            pdf.multi_cell(0, 5, line.strip(), new_x="LMARGIN", new_y="NEXT")
        else:
            pdf.ln(3)
    pdf.output(str(path))
    return path


def corpus(shared: Path | None) -> list[Path]:
    """The .txt documents timed: the dev set's and the seeds' under ``shared``, else ``data/documents``."""
    if shared is not None and shared.is_dir():
        found = sorted((shared / "devset" / "docs").glob("*.txt")) + sorted((shared / "seeds").glob("*.txt"))
        if found:
            return found
    from ontology.settings import PROJECT_ROOT

    return sorted((PROJECT_ROOT / "data" / "documents").glob("*.txt"))


@dataclass(frozen=True)
class Timing:
    fmt: str
    documents: int
    seconds: float
    read_seconds: float
    failed: int
    best_per_second: float = 0.0  # the fastest pass: least disturbed by other work on the machine
    median_per_second: float = 0.0

    @property
    def per_second(self) -> float:
        return self.documents / self.seconds if self.seconds else float("inf")

    def line(self) -> str:
        share = 100 * self.read_seconds / self.seconds if self.seconds else 0.0
        verdict = "" if self.fmt == ".pdf" else ("  ok" if self.per_second >= TARGET else f"  BELOW {TARGET:.0f}")
        return (f"{self.fmt:5} {self.documents:5d} docs  {self.seconds:7.3f} s  {self.per_second:8.1f} docs/s "
                f"(best pass {self.best_per_second:6.1f}, median {self.median_per_second:6.1f})  "
                f"(reading {share:4.1f}%)"
                f"{'' if not self.failed else f'  {self.failed} failed'}{verdict}")


def time_format(paths: list[Path], vocab, aliases, *, rounds: int = 3) -> Timing:
    """Read and extract every path ``rounds`` times (after one warm-up pass); CPU time of this process
    (one thread, pinned to one core), so other load on the machine does not count."""
    from loader.documents import read_document
    from loader.errors import LoaderError
    from loader.extract import extract

    def one_pass() -> tuple[float, int]:
        read = 0.0
        failed = 0
        for path in paths:
            t0 = time.process_time()
            try:
                document = read_document(path)
            except LoaderError:
                failed += 1
                continue
            read += time.process_time() - t0
            extract(document, vocab, aliases)
        return read, failed

    one_pass()
    read_total, failed, passes = 0.0, 0, []
    for _ in range(rounds):
        start = time.process_time()
        read, failed = one_pass()
        passes.append(time.process_time() - start)
        read_total += read
    median = statistics.median(passes) if passes else 0.0
    return Timing(paths[0].suffix if paths else "?", len(paths) * rounds, sum(passes), read_total, failed,
                  len(paths) / min(passes) if passes and min(passes) else float("inf"),
                  len(paths) / median if median else float("inf"))


def _render_all(texts: list[Path], folder: Path) -> dict[str, list[Path]]:
    out: dict[str, list[Path]] = {".txt": list(texts), ".html": [], ".pdf": []}
    for path in texts:
        text = path.read_text(encoding="utf-8", errors="replace")
        page = folder / (path.stem + ".html")
        page.write_text(render_html(text), encoding="utf-8")
        out[".html"].append(page)
        out[".pdf"].append(render_pdf(text, folder / (path.stem + ".pdf")))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.extract_speed", description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", type=Path, default=Path("../shared"), help="the shared folder (dev set, seeds)")
    parser.add_argument("--rounds", type=int, default=3, help="timed passes per format (default 3)")
    parser.add_argument("--profile", action="store_true", help="print a cProfile of the .txt pass")
    parser.add_argument("--docs", type=Path, default=None,
                        help="time this folder's .txt/.html/.pdf files instead (a bench generate corpus's docs/)")
    parser.add_argument("--limit", type=int, default=150, help="with --docs: documents per format (default 150)")
    args = parser.parse_args(argv)

    from loader.aliases import load_alias_table
    from loader.vocab import load_vocabularies
    from ontology.settings import PROJECT_ROOT

    try:
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core
    except (AttributeError, OSError):
        pass
    start = time.process_time()
    total = 0
    for i in range(1_000_000):
        total += i
    print(f"calibration: a 1e6-step Python loop takes {1000 * (time.process_time() - start):.0f} ms of CPU here")
    data = PROJECT_ROOT / "data"
    if args.docs is not None and (args.docs.parent / "data" / "vocab").is_dir():
        data = args.docs.parent / "data"  # a synthetic corpus: its alias table names its organisations
    vocab = load_vocabularies(data)
    aliases = load_alias_table(data)
    if args.docs is not None:
        return _time_folder(args, vocab, aliases)
    texts = corpus(args.shared)
    print(f"corpus: {len(texts)} documents ({'dev set + seeds' if args.shared.is_dir() else 'data/documents'}), "
          f"{args.rounds} timed round(s) per format, one core, Python {sys.version.split()[0]}")
    with tempfile.TemporaryDirectory(prefix="extract-speed-") as tmp:
        files = _render_all(texts, Path(tmp))
        timings = [time_format(files[fmt], vocab, aliases, rounds=args.rounds) for fmt in (".txt", ".html", ".pdf")]
        for timing in timings:
            print(timing.line())
        if args.profile:
            profile = cProfile.Profile()
            profile.enable()
            time_format(files[".txt"], vocab, aliases, rounds=1)
            profile.disable()
            stream = io.StringIO()
            pstats.Stats(profile, stream=stream).sort_stats("cumulative").print_stats(25)
            print(stream.getvalue())
    below = [t for t in timings if t.fmt != ".pdf" and t.per_second < TARGET]
    return 1 if below else 0


def _time_folder(args: argparse.Namespace, vocab, aliases) -> int:
    """``--docs``: time up to ``--limit`` files of each format of the folder, as :func:`main` times its own."""
    files: dict[str, list[Path]] = {}
    for path in sorted(args.docs.iterdir()):
        if path.suffix in (".txt", ".html", ".pdf"):
            files.setdefault(path.suffix, []).append(path)
    print(f"corpus: {args.docs} ({', '.join(f'{len(v)} {k}' for k, v in files.items())}), at most {args.limit} "
          f"of each format, {args.rounds} timed round(s), one core, Python {sys.version.split()[0]}")
    timings = [time_format(files[fmt][:args.limit], vocab, aliases, rounds=args.rounds)
               for fmt in (".txt", ".html", ".pdf") if files.get(fmt)]
    for timing in timings:
        print(timing.line())
    return 1 if any(t.fmt != ".pdf" and t.per_second < TARGET for t in timings) else 0


if __name__ == "__main__":
    sys.exit(main())
