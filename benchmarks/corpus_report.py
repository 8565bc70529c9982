"""Conversion quality on the hand-written Glue corpus (tests/corpus/jobs): the figures issue 10 asks for.

Per file and in total:
- parses: the converter returned code and ``libcst`` parses it;
- residue-free: no Glue residue token left in code. Tokens are read with ``tokenize`` and only NAME
  tokens count, so comments and string literals are skipped: a name inside a string is data (a log
  message, an S3 key), not code that fails on Databricks. Review markers do not excuse a token here;
- flagged: Glue call sites the converter left for review (``Decision.action == "flagged"``);
- new undefined names: names pyflakes reports undefined in the output and not in the input;
- comments kept: every comment text of the input (``tokenize`` COMMENT tokens, stripped) found among
  the output's comments; a trailing comment on an ``awsglue`` import line (a lint pragma such as
  ``# noqa: E402``) may go with the import, and a PEP 263 coding line may change with the encoding;
- silent-breakage hints the metrics above miss: statements placed after a ``return``/``raise`` in the
  same block (unreachable) beyond those already in the input, ``.partitionBy()`` calls with no
  argument, and attributes only Glue objects have (``.spark_session``, ``.glue_ctx``) still read in the
  output, where the object is now a SparkSession or DataFrame;
- strict-clean: parses, residue-free, nothing flagged, no new undefined name (stricter than the issue:
  a flagged site whose code was converted still counts against it);
- strict-clean as issue 10 defines it: parses, residue-free, no Glue call site left in the output (the
  inventory's own Glue API scan run on the converted code), no new undefined name. A flag whose code
  was converted (a bookmark note over ``spark.read``) does not count; a Glue call left under a flag does.

Input files are passed as bytes, as the pipeline reads them, so a PEP 263 coding line is the converter's
business. Prints a table and writes ``benchmarks/.out/corpus_report.json``.
"""

from __future__ import annotations

import argparse
import ast
import io
import json
import re
import sys
import tokenize
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path

import libcst as cst
from pyflakes import api as pyflakes_api
from pyflakes import messages as pyflakes_messages

from g2l_core.convert import FLAGGED, ConvertOptions, convert_source
from g2l_core.ddl.streams import read_stream_tables
from g2l_core.extract.python_source import extract_module
from g2l_core.notebook import script_of

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "tests" / "corpus" / "jobs"
OUT = Path(__file__).resolve().parent / ".out" / "corpus_report.json"

RESIDUE_TOKENS = frozenset({
    "awsglue", "GlueContext", "glueContext", "DynamicFrame", "create_dynamic_frame", "write_dynamic_frame",
    "getResolvedOptions",
})
_UNDEFINED = (pyflakes_messages.UndefinedName, pyflakes_messages.UndefinedLocal)


@dataclass
class FileReport:
    path: str
    parses: bool
    residue: list[tuple[int, str]] = field(default_factory=list)
    sites: int = 0
    flagged: int = 0
    flagged_apis: list[str] = field(default_factory=list)
    new_undefined: list[str] = field(default_factory=list)
    comments: int = 0
    comments_lost: list[str] = field(default_factory=list)
    new_unreachable: int = 0
    empty_partition_by: int = 0
    glue_only_attributes: int = 0
    glue_calls_left: dict[str, int] = field(default_factory=dict)
    error: str | None = None

    @property
    def residue_free(self) -> bool:
        return self.parses and not self.residue

    @property
    def strict_clean(self) -> bool:
        return self.residue_free and self.flagged == 0 and not self.new_undefined

    @property
    def strict_clean_issue(self) -> bool:
        return self.residue_free and not self.glue_calls_left and not self.new_undefined


def decode_source(data: bytes) -> str:
    """The text of a Python file as Python reads it (BOM and PEP 263 coding line honoured)."""
    encoding, _ = tokenize.detect_encoding(io.BytesIO(data).readline)
    return data.decode(encoding)


def _tokens(code: str) -> list[tokenize.TokenInfo]:
    try:
        return list(tokenize.generate_tokens(io.StringIO(code).readline))
    except (tokenize.TokenError, SyntaxError):
        return []


def comment_texts(code: str) -> list[str]:
    return [tok.string.strip() for tok in _tokens(code) if tok.type == tokenize.COMMENT]


_CODING = re.compile(r"^[ \t\f]*#.*?coding[:=][ \t]*[-\w.]+")


def kept_comment_texts(code: str) -> list[str]:
    """Comments the output must keep: all but trailing comments of ``awsglue`` import lines and the
    PEP 263 coding line."""
    out = []
    for tok in _tokens(code):
        if tok.type != tokenize.COMMENT or (tok.start[0] <= 2 and _CODING.match(tok.string)):
            continue
        before = tok.line[: tok.start[1]].strip()
        if before.startswith(("import awsglue", "from awsglue")):
            continue
        out.append(tok.string.strip())
    return out


def unreachable_statements(code: str) -> int:
    """Statements that follow a ``return``/``raise`` in the same block."""
    count = 0
    for node in ast.walk(ast.parse(code)):
        for name in ("body", "orelse", "finalbody"):
            block = getattr(node, name, None)
            if not isinstance(block, list):
                continue
            for i, stmt in enumerate(block):
                if isinstance(stmt, (ast.Return, ast.Raise)):
                    count += len(block) - i - 1
                    break
    return count


GLUE_ONLY_ATTRIBUTES = frozenset({"spark_session", "glue_ctx"})


def glue_only_attribute_reads(code: str) -> int:
    return sum(isinstance(n, ast.Attribute) and n.attr in GLUE_ONLY_ATTRIBUTES for n in ast.walk(ast.parse(code)))


def empty_partition_by_calls(code: str) -> int:
    return sum(isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute) and n.func.attr == "partitionBy"
               and not n.args and not n.keywords for n in ast.walk(ast.parse(code)))


def residue_tokens(code: str) -> list[tuple[int, str]]:
    """``(line, name)`` of every Glue residue NAME token; comments and strings are not NAME tokens."""
    return [(tok.start[0], tok.string) for tok in _tokens(code)
            if tok.type == tokenize.NAME and tok.string in RESIDUE_TOKENS]


class _Collect:
    """A pyflakes reporter that keeps the messages."""

    def __init__(self) -> None:
        self.messages: list = []

    def flake(self, message) -> None:
        self.messages.append(message)

    def unexpectedError(self, filename, msg) -> None:  # noqa: N802 (pyflakes' interface)
        pass

    def syntaxError(self, filename, msg, lineno, offset, text) -> None:  # noqa: N802
        pass


def undefined_names(code: str, path: str) -> set[str]:
    reporter = _Collect()
    pyflakes_api.check(code, path, reporter)
    return {m.message_args[0] for m in reporter.messages if isinstance(m, _UNDEFINED)}


def glue_calls(code: str, path: str) -> dict[str, int]:
    """Glue API call sites in ``code``, found by the inventory's scan (the same table extraction uses)."""
    total: Counter = Counter()
    for row in extract_module(code, project="corpus", source_type="glue_job", file_path=path):
        total.update(json.loads(row.get("glue_api_calls") or "{}"))
    return dict(total)


def measure_file(path: str, data: bytes, options: ConvertOptions | None = None) -> FileReport:
    """Convert one corpus file and measure the result."""
    source = decode_source(data)
    source = script_of(source) or source  # a notebook saved as a script: its Python, magics as comments
    result = convert_source(data, path, options or ConvertOptions())
    report = FileReport(path=path, parses=False, error=result.error)
    report.sites = len(result.decisions)
    report.flagged_apis = [f"{d.api}: {d.message}" for d in result.decisions if d.action == FLAGGED]
    report.flagged = len(report.flagged_apis)
    before = kept_comment_texts(source)
    report.comments = len(before)
    if result.code is None:
        report.comments_lost = before
        return report
    try:
        cst.parse_module(result.code)
        report.parses = True
    except cst.ParserSyntaxError as exc:
        report.error = f"{path}: output does not parse: {str(exc).splitlines()[0]}"
        return report
    report.residue = residue_tokens(result.code)
    report.new_undefined = sorted(undefined_names(result.code, path) - undefined_names(source, path))
    report.glue_calls_left = glue_calls(result.code, path)
    kept = set(comment_texts(result.code))
    report.comments_lost = [c for c in before if c not in kept]
    report.new_unreachable = max(0, unreachable_statements(result.code) - unreachable_statements(source))
    report.empty_partition_by = empty_partition_by_calls(result.code)
    report.glue_only_attributes = glue_only_attribute_reads(result.code) if result.changed else 0
    return report


def corpus_files(corpus: Path = CORPUS) -> dict[str, bytes]:
    return {str(p.relative_to(corpus)): p.read_bytes() for p in sorted(corpus.rglob("*.py"))}


def corpus_options(corpus: Path = CORPUS) -> ConvertOptions:
    """The corpus as one project: the DDL beside its jobs (``../ddl``) declares the catalog tables over
    streams that its streaming jobs read and write, as a project's ``ddl_paths`` would."""
    ddl = corpus.parent / "ddl"
    files = sorted(p for p in ddl.rglob("*") if p.is_file()) if ddl.is_dir() else []
    return ConvertOptions(stream_tables=read_stream_tables({str(p): p.read_text(encoding="utf-8") for p in files}))


def measure_corpus(corpus: Path = CORPUS, options: ConvertOptions | None = None) -> list[FileReport]:
    options = options or corpus_options(corpus)
    return [measure_file(path, data, options) for path, data in corpus_files(corpus).items()]


def totals(reports: list[FileReport]) -> dict:
    return {
        "files": len(reports),
        "parses": sum(r.parses for r in reports),
        "residue_free": sum(r.residue_free for r in reports),
        "strict_clean": sum(r.strict_clean for r in reports),
        "strict_clean_issue_definition": sum(r.strict_clean_issue for r in reports),
        "files_with_glue_calls_left": sum(bool(r.glue_calls_left) for r in reports),
        "glue_calls_left": sum(sum(r.glue_calls_left.values()) for r in reports),
        "glue_call_sites": sum(r.sites for r in reports),
        "flagged_sites": sum(r.flagged for r in reports),
        "files_with_flagged": sum(r.flagged > 0 for r in reports),
        "new_undefined_names": sum(len(r.new_undefined) for r in reports),
        "files_with_new_undefined": sum(bool(r.new_undefined) for r in reports),
        "comments": sum(r.comments for r in reports),
        "comments_kept": sum(r.comments - len(r.comments_lost) for r in reports),
        "files_with_new_unreachable_code": sum(r.new_unreachable > 0 for r in reports),
        "files_with_empty_partitionBy": sum(r.empty_partition_by > 0 for r in reports),
        "files_with_glue_only_attributes": sum(r.glue_only_attributes > 0 for r in reports),
        "unparseable": [r.error for r in reports if not r.parses],
    }


def breakdown(reports: list[FileReport]) -> dict[str, dict]:
    """Strict-clean files per style (file name prefix), and why the others are not: files per residue
    token and per flagged API."""
    residue: Counter[str] = Counter()
    flagged: Counter[str] = Counter()
    left: Counter[str] = Counter()
    for r in reports:
        residue.update({name for _, name in r.residue})
        left.update(set(r.glue_calls_left))
        flagged.update({api.split(":", 1)[0] for api in r.flagged_apis})
    styles: dict[str, list[int]] = {}
    for r in reports:
        counts = styles.setdefault(r.path.split("_", 1)[0], [0, 0])
        counts[0] += r.strict_clean
        counts[1] += 1
    return {"strict_clean_per_style": {k: f"{a}/{b}" for k, (a, b) in sorted(styles.items())},
            "files_per_residue_token": dict(residue.most_common()), "files_per_flagged_api": dict(flagged.most_common()),
            "files_per_glue_call_left": dict(left.most_common())}


def _row(r: FileReport) -> str:
    residue = ",".join(sorted({name for _, name in r.residue}))
    return (f"{r.path:<48} {'y' if r.parses else 'N':>5} {'y' if r.strict_clean else '-':>6} {r.sites:>5} "
            f"{r.flagged:>4} {r.comments - len(r.comments_lost):>4}/{r.comments:<4} {residue:<30} {'U' if r.new_unreachable else ' '}{'P' if r.empty_partition_by else ' '}"
            f"{'G' if r.glue_only_attributes else ' '} "
            f"{','.join(r.new_undefined)}")


def render(reports: list[FileReport]) -> str:
    head = f"{'file':<48} {'parse':>5} {'strict':>6} {'sites':>5} {'flag':>4} {'comments':>9} {'residue':<30} UPG new undefined"
    lines = [head, "-" * len(head), *(_row(r) for r in reports), ""]
    lines += ["(U: statements placed after a return/raise; P: empty .partitionBy(); G: .spark_session or .glue_ctx "
              "still read)", ""]
    lines += [f"{k}: {v}" for k, v in totals(reports).items()]
    for title, counts in breakdown(reports).items():
        lines += ["", title + ":", *(f"  {n:>3}  {name}" for name, n in counts.items())]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    reports = measure_corpus(args.corpus)
    print(render(reports))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    payload = {"totals": totals(reports), **breakdown(reports),
               "files": [{**asdict(r), "residue_free": r.residue_free, "strict_clean": r.strict_clean,
                          "strict_clean_issue_definition": r.strict_clean_issue}
                         for r in reports]}
    args.out.write_text(json.dumps(payload, indent=2), encoding="utf-8")
    print(f"\nwritten: {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
