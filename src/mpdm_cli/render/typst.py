"""Typst: escaping text into markup, and compiling markup to a reproducible PDF/A."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import tempfile
from pathlib import Path
from types import TracebackType
from typing import Any

# Each of these starts or ends a markup construct somewhere (STACK.md, tested on 3 068 strings).
_SPECIAL = re.compile(r"""([\\#*_`$<@=\-+/\[\]~'".])""")
# Every character Typst reads as a line break (its lexer's ``is_newline``), with the spaces
# around it.
_NEWLINES = re.compile("\\s*[\n\r\x0b\x0c\x85\u2028\u2029]\\s*")


def escape_typst(text: str) -> str:
    """Text that Typst shows literally, whatever it contains; newlines become spaces."""
    return _SPECIAL.sub(r"\\\1", _NEWLINES.sub(" ", text))


def string_literal(text: str) -> str:
    """A Typst string literal ("…"), for values passed to functions."""
    escaped = (
        text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
    )
    return f'"{escaped}"'


class PdfCompiler:
    """One Typst compiler reused for many documents, jailed in an empty directory.

    The root is an empty temporary directory, so ``#read``/``#image``/``#include`` can reach
    no file; packages resolve only inside it too, so nothing is downloaded into a real cache.
    System fonts are ignored, so every machine embeds the same fonts and gives the same bytes.
    """

    def __init__(self) -> None:
        import typst

        self.warnings: list[str] = []  # of the last compilation
        self._root = Path(tempfile.mkdtemp(prefix="mpdm-typst-"))
        empty = self._root / "root"
        empty.mkdir()
        self._compiler: Any = typst.Compiler(
            root=str(empty),
            ignore_system_fonts=True,
            package_path=str(self._root / "packages"),
            package_cache_path=str(self._root / "cache"),
        )

    def compile(self, source: str, timestamp: dt.date) -> bytes:
        """PDF/A-2b bytes; ``timestamp`` (the act's own date) makes the output reproducible."""
        moment = dt.datetime(timestamp.year, timestamp.month, timestamp.day, tzinfo=dt.UTC)
        result, warnings = self._compiler.compile_with_warnings(
            input=source.encode("utf-8"),
            format="pdf",
            pdf_standards="a-2b",
            timestamp=moment,
        )
        assert isinstance(result, bytes)
        self.warnings = [str(getattr(w, "message", w)) for w in warnings]
        return result

    def close(self) -> None:
        shutil.rmtree(self._root, ignore_errors=True)

    def __enter__(self) -> PdfCompiler:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()
