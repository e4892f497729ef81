"""Tokenization, tagging and dependency parsing for the rules (UDPipe 1).

Usage::

    from factcheck.analysis import get_analyzer
    sentences = get_analyzer("ar").analyze(text)
    for sent in sentences:
        for tok in sent.tokens:
            text[tok.start:tok.end], tok.form, tok.upos, tok.head, tok.deprel

Design notes
------------
* Import cost: this module imports only the standard library.  ``ufal.udpipe``
  (and, only when asked for, ``spacy`` and ``spacy_udpipe``) are imported inside
  functions, the first time an analyzer is built, so the CLI starts fast.

* Model: by default Arabic uses ``factcheck/models/ar_pud.udpipe`` shipped as
  package data (trained on UD Arabic-PUD, CC BY-SA 3.0; see
  ``factcheck/models/README.md``).  A user may point at a better model of their
  own (the engine passes config ``analysis: {ar: {model: PATH}}`` as
  ``model_path``).  A missing or unreadable model raises
  ``AnalysisError("cannot load UDPipe model at PATH: ...")``.

* Backend: by default (``"ufal"``) the model is loaded with
  ``ufal.udpipe.Model.load`` directly: importing spaCy costs about 3 s of
  cold start, and the analysis never needed it.  ``backend="spacy_udpipe"``
  (or ``"auto"``, which falls back to ufal when spaCy is missing) loads it
  through ``spacy_udpipe.load_from_path`` and keeps the spaCy pipeline as
  ``Analyzer.nlp`` for code that wants spaCy objects (``Analyzer.nlp`` is
  ``None`` otherwise); ``$FACTCHECK_UDPIPE_BACKEND`` sets the default.
  ``Analyzer.backend`` says which one is in use and ``Analyzer.fallback_reason``
  why ``auto`` fell back.  Whatever the backend, :meth:`Analyzer.analyze` runs
  the *same* underlying ``ufal.udpipe`` model itself, with the tokenizer's
  ``ranges`` option, because a spaCy ``Doc`` built by spacy-udpipe rebuilds its
  own text (newlines and runs of spaces are lost, multiword tokens are
  replaced by their words), so its character offsets do not point into the
  caller's text.  Results are identical whichever backend loaded the model.
  spaCy users who want factcheck's findings in their own pipeline use the
  pipeline component in :mod:`factcheck.spacy_component` instead.

* Offsets: ``start``/``end`` are Unicode code-point offsets (Python ``str``
  indices) into the exact string passed to :meth:`Analyzer.analyze`, end
  exclusive.  They come from UDPipe's ``TokenRange`` (counted in Unicode
  characters), and are checked: for an ordinary token
  ``text[start:end] == form``.  Diacritics, tatweel, Arabic-Indic digits,
  « », newlines and repeated words need no special handling, because nothing
  is searched for; a token whose range does not match its form (not seen with
  UDPipe 1.4) is re-located by a forward search from the previous token.

* Multiword tokens (e.g. a PADT-style model splitting «وبالقرار» into
  و + ب + القرار): every syntactic word gets its own entry in
  ``Sentence.tokens`` (heads index that list).  Spans: clitic words are peeled
  from the outside of the surface token — a leading word whose form is a
  literal prefix of what is left gets that prefix, a trailing word whose form
  is a literal suffix gets that suffix — and the word(s) left in the middle
  share the remaining middle part (e.g. «للسلطة» → ل [0,1) + السلطة [1,6)
  "لسلطة"; «عليه» → على [0,3) "علي" + ه [3,4)).  If nothing is left for a word
  it gets the whole surface span.  ``surface_start``/``surface_end`` always
  give the surface token's span and ``mwt`` is True for such words.  So
  ``text[start:end]`` equals ``form`` for ordinary tokens and for literal
  clitics, and is otherwise the part of the surface token that the word
  stands for.  The shipped PUD model produces no multiword tokens: PUD writes
  clitics as separate tokens (و، ب، ل، pronoun suffixes) glued to their host,
  so each of them has its own exact span.
"""

from __future__ import annotations

import logging
import os
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

__all__ = [
    "AnalysisError",
    "Analyzer",
    "Sentence",
    "Token",
    "analyze",
    "default_model_path",
    "get_analyzer",
]

log = logging.getLogger(__name__)

#: Shipped default models, by language code: file name inside ``factcheck.models``.
DEFAULT_MODELS = {"ar": "ar_pud.udpipe"}

#: ``backend`` values accepted by :func:`get_analyzer`.
BACKENDS = ("auto", "spacy_udpipe", "ufal")

# Environment override for the backend (e.g. FACTCHECK_UDPIPE_BACKEND=spacy_udpipe
# to get ``Analyzer.nlp``); the explicit ``backend`` argument wins.  The default,
# "ufal", never imports spaCy (the CLI's cold path).
BACKEND_ENV = "FACTCHECK_UDPIPE_BACKEND"
DEFAULT_BACKEND = "ufal"


class AnalysisError(RuntimeError):
    """The analyzer cannot be built or the text cannot be analysed."""


@dataclass(slots=True)
class Token:
    """One syntactic word.

    ``start``/``end``: code-point span in the original text (end exclusive).
    ``head``: index of the governor in ``Sentence.tokens``, -1 for the root.
    ``surface_start``/``surface_end``: span of the surface token; differs from
    ``start``/``end`` only for words of a multiword token (``mwt`` True).
    ``lemma``, ``xpos``, ``feats``: what the model gives; the shipped Arabic model predicts
    UPOS only (lemma "_", xpos "_", feats empty), since no rule reads the others and their
    weights slowed loading (docs/model.md).
    """

    index: int
    start: int
    end: int
    form: str
    lemma: str
    upos: str
    xpos: str
    feats: dict[str, str]
    head: int
    deprel: str
    surface_start: int
    surface_end: int
    mwt: bool = False
    space_after: bool = True

    @property
    def is_root(self) -> bool:
        return self.head == -1


@dataclass(slots=True)
class Sentence:
    """A sentence: its span in the original text and its words."""

    start: int
    end: int
    text: str
    tokens: list[Token] = field(default_factory=list)

    def __iter__(self) -> Iterator[Token]:
        return iter(self.tokens)

    def __len__(self) -> int:
        return len(self.tokens)

    @property
    def root(self) -> Token | None:
        for t in self.tokens:
            if t.head == -1:
                return t
        return None

    def children(self, index: int) -> list[Token]:
        return [t for t in self.tokens if t.head == index]


# --------------------------------------------------------------------------- model lookup

def _norm_lang(lang: str) -> str:
    if not isinstance(lang, str) or not lang.strip():
        raise AnalysisError(f"bad language code: {lang!r}")
    return lang.strip().lower().replace("_", "-").split("-")[0]


def default_model_path(lang: str) -> Path | None:
    """Path of the model shipped for *lang*, or None if none is shipped."""
    name = DEFAULT_MODELS.get(_norm_lang(lang))
    if name is None:
        return None
    try:
        from importlib.resources import files

        res = files("factcheck.models").joinpath(name)
        if isinstance(res, Path):
            return res
        # Non-filesystem resource (zip import): materialise it once.
        return _materialise(res, name)
    except (ImportError, ModuleNotFoundError, TypeError, FileNotFoundError):
        return Path(__file__).resolve().parent / "models" / name


_MATERIALISED: dict[str, Path] = {}


def _materialise(res, name: str) -> Path:  # pragma: no cover - zip installs only
    if name not in _MATERIALISED:
        import tempfile

        folder = Path(tempfile.mkdtemp(prefix="factcheck-model-"))
        target = folder / name
        target.write_bytes(res.read_bytes())
        _MATERIALISED[name] = target
    return _MATERIALISED[name]


# A UDPipe 1 model file starts with the length-prefixed name of its method; ufal.udpipe
# aborts the whole process (std::length_error, not an exception) on some files that do
# not, so such a file is refused before anything tries to load it.
_UDPIPE_MAGIC = b"\x12morphodita_parsito"


def model_file_problem(path) -> str | None:
    """Why the file cannot be a UDPipe 1 model, or None.  Reads 19 bytes; a truncated
    model with the right header is caught when it is loaded (a clean AnalysisError)."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(len(_UDPIPE_MAGIC))
    except OSError as exc:
        return f"cannot be read: {exc.strerror or exc}"
    if head != _UDPIPE_MAGIC:
        return "is not a UDPipe 1 model (it does not start with a UDPipe model header)"
    return None


def _check_model_file(path: Path) -> None:
    if not path.exists():
        raise AnalysisError(f"cannot load UDPipe model at {path}: no such file")
    if not path.is_file():
        raise AnalysisError(f"cannot load UDPipe model at {path}: not a file")
    problem = model_file_problem(path)
    if problem:
        raise AnalysisError(f"cannot load UDPipe model at {path}: {problem}")


# --------------------------------------------------------------------------- analyzer

class Analyzer:
    """A loaded UDPipe model.  Build it with :func:`get_analyzer` (cached)."""

    def __init__(self, lang: str, model_path: str | os.PathLike | None = None,
                 backend: str = DEFAULT_BACKEND):
        self.lang = _norm_lang(lang)
        if backend not in BACKENDS:
            raise AnalysisError(f"unknown analysis backend {backend!r}; use one of {BACKENDS}")
        if model_path is None or str(model_path) == "":
            path = default_model_path(self.lang)
            if path is None:
                raise AnalysisError(
                    f"no UDPipe model is shipped for language {self.lang!r}; "
                    f"set analysis: {{{self.lang}: {{model: PATH}}}} in the config")
        else:
            path = Path(os.path.expanduser(os.fspath(model_path)))
        self.model_path = path
        self.backend = ""
        self.fallback_reason: str | None = None
        self.nlp = None  # spaCy Language when loaded through spacy-udpipe
        _check_model_file(path)
        self._model = self._load(path, backend)
        self._local = threading.local()

    # -- loading
    def _load(self, path: Path, backend: str):
        model = None
        if backend in ("auto", "spacy_udpipe"):
            try:
                import spacy_udpipe  # heavy: imports spaCy

                nlp = spacy_udpipe.load_from_path(
                    lang=self.lang, path=str(path),
                    meta={"description": f"factcheck UDPipe model {path.name}", "lang": self.lang})
                model = getattr(getattr(nlp.tokenizer, "model", None), "model", None)
                if model is not None:
                    self.nlp = nlp
                    self.backend = "spacy_udpipe"
                else:
                    # spacy-udpipe does not report a failed load (ufal returns None).
                    self.fallback_reason = "spacy_udpipe returned no model"
            except Exception as exc:  # spaCy missing or broken: fall back to ufal.udpipe
                if backend == "spacy_udpipe":
                    raise AnalysisError(f"cannot load UDPipe model at {path}: "
                                        f"spacy_udpipe failed: {exc}") from exc
                self.fallback_reason = f"{type(exc).__name__}: {exc}"
                log.info("spacy_udpipe unavailable (%s); using ufal.udpipe directly",
                         self.fallback_reason)
        if model is None:
            try:
                from ufal.udpipe import Model
            except ImportError as exc:
                raise AnalysisError(f"cannot load UDPipe model at {path}: "
                                    f"ufal.udpipe is not installed ({exc})") from exc
            model = Model.load(str(path))
            if model is None:
                raise AnalysisError(f"cannot load UDPipe model at {path}: "
                                    "not a UDPipe 1 model (ufal.udpipe could not read it)")
            self.backend = "ufal"
        if model.newTokenizer(model.DEFAULT) is None:
            raise AnalysisError(f"cannot load UDPipe model at {path}: the model has no tokenizer")
        return model

    def __repr__(self) -> str:
        return f"Analyzer(lang={self.lang!r}, model={str(self.model_path)!r}, backend={self.backend!r})"

    # -- analysis
    def _tokenizer(self):
        tok = getattr(self._local, "tokenizer", None)
        if tok is None:
            tok = self._model.newTokenizer(self._model.TOKENIZER_RANGES)
            self._local.tokenizer = tok
        return tok

    def analyze(self, text: str) -> list[Sentence]:
        """Tokenize, tag and parse *text*; offsets point into *text* itself."""
        if not isinstance(text, str):
            raise TypeError(f"analyze() needs str, not {type(text).__name__}")
        if not text.strip():
            return []
        from ufal.udpipe import ProcessingError, Sentence as UDSentence

        model = self._model
        tokenizer = self._tokenizer()
        tokenizer.setText(text)
        err = ProcessingError()
        out: list[Sentence] = []
        cursor = 0
        s = UDSentence()
        while tokenizer.nextSentence(s, err):
            model.tag(s, model.DEFAULT)
            model.parse(s, model.DEFAULT)
            sent, cursor = convert_sentence(s, text, cursor)
            if sent.tokens:
                out.append(sent)
            s = UDSentence()
        if err.occurred():
            raise AnalysisError(f"UDPipe failed on the text: {err.message}")
        return out

    __call__ = analyze


# --------------------------------------------------------------------------- conversion

def _parse_feats(feats: str) -> dict[str, str]:
    if not feats or feats == "_":
        return {}
    out = {}
    for part in feats.split("|"):
        k, sep, v = part.partition("=")
        if sep:
            out[k] = v
    return out


def _range(obj, form: str, text: str, cursor: int) -> tuple[int, int]:
    """Span of a surface token: TokenRange if it matches *form*, else a search."""
    if obj.getTokenRange():
        start, end = obj.getTokenRangeStart(), obj.getTokenRangeEnd()
        if 0 <= start <= end <= len(text):
            got = text[start:end]
            # Equal, or equal up to whitespace (models that allow spaces in tokens).
            if got == form or "".join(got.split()) == "".join(form.split()):
                return start, end
    # Fallback (not expected with UDPipe's ``ranges``): search forward.
    pos = text.find(form, cursor) if form else -1
    if pos >= 0:
        return pos, pos + len(form)
    while cursor < len(text) and text[cursor].isspace():
        cursor += 1
    return cursor, min(len(text), cursor + len(form))


def split_multiword(surface: str, start: int, forms: list[str]) -> list[tuple[int, int]]:
    """Sub-spans for the words *forms* of a multiword token ``surface`` at *start*.

    Literal prefixes are peeled from the left and literal suffixes from the
    right; the words left in the middle share what is left.  A word left with
    nothing gets the whole surface span.
    """
    n = len(forms)
    spans: list[tuple[int, int] | None] = [None] * n
    lo, hi = 0, len(surface)
    i, j = 0, n - 1
    while i <= j:
        f = forms[i]
        if f and surface.startswith(f, lo) and lo + len(f) <= hi and (i < j or lo + len(f) == hi):
            spans[i] = (start + lo, start + lo + len(f))
            lo += len(f)
            i += 1
        else:
            break
    while j >= i:
        f = forms[j]
        if f and hi - len(f) >= lo and surface.endswith(f, lo, hi) and (j > i or hi - len(f) == lo):
            spans[j] = (start + hi - len(f), start + hi)
            hi -= len(f)
            j -= 1
        else:
            break
    for k in range(i, j + 1):
        spans[k] = (start + lo, start + hi) if lo < hi else (start, start + len(surface))
    return spans  # type: ignore[return-value]


def convert_sentence(s, text: str, cursor: int = 0) -> tuple[Sentence, int]:
    """Convert a tagged/parsed ``ufal.udpipe.Sentence`` into a :class:`Sentence`.

    Returns the sentence and the new search cursor (end of its last token).
    """
    words = s.words  # words[0] is the technical root
    n = len(words) - 1
    mwt_of: dict[int, object] = {}
    for m in s.multiwordTokens:
        for wid in range(m.idFirst, m.idLast + 1):
            mwt_of[wid] = m
    tokens: list[Token] = []
    wid = 1
    while wid <= n:
        m = mwt_of.get(wid)
        if m is None:
            w = words[wid]
            form = w.form
            start, end = _range(w, form, text, cursor)
            cursor = max(cursor, end)
            tokens.append(Token(
                index=wid - 1, start=start, end=end, form=form, lemma=w.lemma,
                upos=w.upostag, xpos=w.xpostag, feats=_parse_feats(w.feats),
                head=w.head - 1, deprel=w.deprel, surface_start=start, surface_end=end,
                mwt=False, space_after=w.getSpaceAfter()))
            wid += 1
            continue
        first, last = m.idFirst, m.idLast
        start, end = _range(m, m.form, text, cursor)
        cursor = max(cursor, end)
        part_words = [words[k] for k in range(first, last + 1)]
        spans = split_multiword(text[start:end], start, [w.form for w in part_words])
        space_after = m.getSpaceAfter()
        for k, (w, (a, b)) in enumerate(zip(part_words, spans)):
            tokens.append(Token(
                index=first + k - 1, start=a, end=b, form=w.form, lemma=w.lemma,
                upos=w.upostag, xpos=w.xpostag, feats=_parse_feats(w.feats),
                head=w.head - 1, deprel=w.deprel, surface_start=start, surface_end=end,
                mwt=True, space_after=space_after if k == last - first else False))
        wid = last + 1
    if tokens:
        s_start = min(t.surface_start for t in tokens)
        s_end = max(t.surface_end for t in tokens)
    else:
        s_start = s_end = cursor
    return Sentence(start=s_start, end=s_end, text=text[s_start:s_end], tokens=tokens), cursor


# --------------------------------------------------------------------------- cache / API

_CACHE: dict[tuple[str, str, str], Analyzer] = {}
_LOCK = threading.Lock()


def get_analyzer(lang: str, model_path: str | os.PathLike | None = None,
                 backend: str | None = None) -> Analyzer:
    """Return the cached :class:`Analyzer` for *lang* (and *model_path*).

    ``model_path`` None means the model shipped for *lang*.  ``backend`` is
    ``"ufal"`` (ufal.udpipe directly; spaCy is not imported), ``"spacy_udpipe"``
    or ``"auto"`` (spacy-udpipe, falling back to ufal.udpipe); default from
    ``$FACTCHECK_UDPIPE_BACKEND`` or ``"ufal"``.
    Raises :class:`AnalysisError` when the model cannot be loaded.
    """
    code = _norm_lang(lang)
    backend = backend or os.environ.get(BACKEND_ENV) or DEFAULT_BACKEND
    if model_path is None or str(model_path) == "":
        path = default_model_path(code)
        given = key_path = str(path) if path is not None else ""
    else:
        given = os.path.expanduser(os.fspath(model_path))
        key_path = str(Path(given).resolve())
    key = (code, key_path, backend)
    an = _CACHE.get(key)
    if an is not None:
        return an
    with _LOCK:
        an = _CACHE.get(key)
        if an is None:
            an = Analyzer(code, given or None, backend=backend)
            _CACHE[key] = an
    return an


def analyze(text: str, lang: str = "ar", model_path: str | os.PathLike | None = None) -> list[Sentence]:
    """Shortcut: ``get_analyzer(lang, model_path).analyze(text)``."""
    return get_analyzer(lang, model_path).analyze(text)


def clear_cache() -> None:
    """Forget loaded analyzers (tests, or after a config change)."""
    with _LOCK:
        _CACHE.clear()
