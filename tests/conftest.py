import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

# The compiled-pattern cache (factcheck.rxcache) of this test session: one fresh folder,
# shared by the CLI runs the tests start, so that the suite neither reads nor fills the
# user's ~/.cache (a run given FACTCHECK_REGEX_CACHE keeps it).
if "FACTCHECK_REGEX_CACHE" not in os.environ:
    import tempfile

    os.environ["FACTCHECK_REGEX_CACHE"] = tempfile.mkdtemp(prefix="factcheck-rxcache-")


def corpus_dir() -> Path | None:
    env = os.environ.get("FACTCHECK_CORPUS")
    p = Path(env) if env else ROOT.parent / "shared" / "corpus"
    return p if p.is_dir() else None


@pytest.fixture
def corpus():
    p = corpus_dir()
    if p is None:
        pytest.skip("../shared/corpus is not present")
    return p


def run_cli(*args, input=None, cwd=None, timeout=120):
    """Run `python -m factcheck ...`; returns CompletedProcess with text output."""
    return subprocess.run([sys.executable, "-m", "factcheck", *map(str, args)], input=input, cwd=cwd,
                          capture_output=True, timeout=timeout, text=isinstance(input, str) or input is None)


@pytest.fixture
def cli():
    return run_cli


@pytest.fixture(scope="session")
def server():
    """One `factcheck serve` (2 workers) shared by the HTTP, LanguageTool and page tests."""
    from serverutil import Server

    srv = Server("--workers", "2", "--timeout", "120")  # the long-article test must not meet the limit on a loaded machine
    yield srv
    srv.stop()


def timeline_values(text, published=None, lang="ar"):
    """{expression text: (type, value)} of the date timeline of a short text (the date test
    tables of tests/test_dates_*.py read it)."""
    from factcheck.dates import timeline_for
    from factcheck.document import parse_document

    doc = parse_document("t.txt", text, lang=lang, published=published)
    return {t["text"]: (t["type"], t["value"]) for t in timeline_for(doc)}
