"""Random and mutated Python through the converter: nothing escapes, every file ends with a result, and
no file takes unbounded time or memory (bounds are hang and blow-up guards, not benchmarks)."""

import signal
import tracemalloc
from contextlib import contextmanager

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from g2l_core.convert import convert_source
from g2l_core.convert.cli import main as convert_main
from g2l_core.convert.model import ConversionResult
from tests.conftest import REPO_ROOT

SAMPLES = sorted((REPO_ROOT / "examples" / "risk_engine" / "glue" / "jobs").glob("*.py"))
SOURCES = [p.read_text() for p in SAMPLES]
TOKENS = ["(", ")", "[", "]", "{", "}", ":", ",", "\n", "\n    ", "\t", "\\\n", "'''", '"', "#", "\x00", "\ufeff",
          "lambda x: ", "yield ", "await ", "**", "@", "glueContext.", "DynamicFrame.fromDF(", ".toDF()", "job.commit()",
          "from awsglue.transforms import *\n", "getResolvedOptions(sys.argv, [", "  # g2l: protect begin x\n",
          "# g2l: protect end\n", "match x:\n    case 1: pass\n", "async def f():\n", "global ", ";", "\r\n"]
MAX_SECONDS_PER_FILE = 60
MAX_BYTES_PER_FILE = 512 * 1024 * 1024


@st.composite
def mutated(draw) -> str:
    text = draw(st.sampled_from(SOURCES))
    for _ in range(draw(st.integers(1, 6))):
        i = draw(st.integers(0, len(text)))
        j = draw(st.integers(i, min(len(text), i + 400)))
        kind = draw(st.sampled_from(["delete", "duplicate", "insert", "nest", "swap"]))
        if kind == "delete":
            text = text[:i] + text[j:]
        elif kind == "duplicate":
            text = text[:j] + text[i:j] + text[j:]
        elif kind == "insert":
            text = text[:i] + draw(st.sampled_from(TOKENS)) + text[i:]
        elif kind == "nest":
            depth = draw(st.integers(1, 60))
            text = text[:i] + "(" * depth + text[i:j] + ")" * depth + text[j:]
        else:
            k = draw(st.integers(0, len(text)))
            text = text[:i] + text[k:k + 50] + text[j:]
    return text


@contextmanager
def bounded(what: str):
    def expired(*_):
        raise AssertionError(f"{what}: no result within {MAX_SECONDS_PER_FILE}s")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.alarm(MAX_SECONDS_PER_FILE)
    tracemalloc.start()
    try:
        yield
        _, peak = tracemalloc.get_traced_memory()
        assert peak < MAX_BYTES_PER_FILE, f"{what}: {peak} bytes at peak"
    finally:
        tracemalloc.stop()
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def check(source, path: str = "jobs/fuzzed.py") -> ConversionResult:
    with bounded(path):
        result = convert_source(source, path)
    assert isinstance(result, ConversionResult)
    assert result.code is None or isinstance(result.code, str)
    assert result.code is not None or result.error, "a file without output must say why"
    return result


FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FUZZ
@given(mutated())
def test_mutated_glue_jobs_never_raise(source):
    check(source)


@FUZZ
@given(st.text(max_size=600))
@example("\U00013460")  # a name libcst parses but Python 3.11 rejects (newer Unicode)
def test_random_text_never_raises(source):
    check(source)


@FUZZ
@given(st.binary(max_size=600))
def test_random_bytes_never_raise(source):
    check(source, "jobs/binary.py")


def test_the_unmutated_samples_convert():
    for path, source in zip(SAMPLES, SOURCES):
        assert check(source, path.name).error is None


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                 HealthCheck.function_scoped_fixture])
@given(sources=st.lists(st.one_of(mutated(), st.text(max_size=300)), min_size=1, max_size=3))
def test_g2l_convert_writes_only_inside_out(tmp_path_factory, sources):
    """The command on a tree of fuzzed files: exit 0 or 1 (some skipped), a report, nothing outside OUT."""
    sandbox = tmp_path_factory.mktemp("fuzz")
    src, out = sandbox / "src", sandbox / "out"
    (src / "jobs").mkdir(parents=True)
    for i, text in enumerate(sources):
        (src / "jobs" / f"job_{i}.py").write_text(text, encoding="utf-8", errors="surrogatepass")
    with bounded("g2l convert"):
        code = convert_main(["convert", str(src), str(out), "--workers", "1"])
    assert code in (0, 1)
    assert (out / "g2l_report.json").is_file()
    for p in sandbox.rglob("*"):
        assert p == src or p.is_relative_to(src / "jobs") or p.resolve().is_relative_to(out.resolve()), p
    assert sorted(p.name for p in (src / "jobs").iterdir()) == [f"job_{i}.py" for i in range(len(sources))]
