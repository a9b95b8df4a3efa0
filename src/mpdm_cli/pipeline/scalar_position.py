"""Where a character of a scalar value is written in its YAML source."""

from __future__ import annotations

from collections.abc import Sequence

_BLANKS = " \t"


def position_in_scalar(
    lines: Sequence[str], start: tuple[int, int], value: str, offset: int
) -> tuple[int, int] | None:
    """1-based (line, column) of ``value[offset]``, for the scalar written at ``start``.

    The value is walked along its source: every character other than spaces and line
    breaks must be found in order, which proves the position whatever the style (plain,
    quoted, literal ``|`` or folded ``>``: folding and indentation only change blanks).
    None when the source cannot be followed (an escape sequence in a double-quoted
    scalar, a value that is not the one written there).
    """
    line, column = start[0] - 1, start[1] - 1
    if not 0 <= line < len(lines) or not 0 <= offset < len(value):
        return None
    cursor = _Cursor(lines, line, column)
    cursor.skip_properties()
    style = cursor.char()
    if style in "|>":
        cursor.next_line()
    elif style in "'\"":
        cursor.advance()
    for index, char in enumerate(value):
        if char not in " \t\n":
            cursor.skip_blanks()
            if cursor.at_end():
                return None
            found = cursor.char()
            if style == '"' and found == "\\":
                return None  # an escape: the written text is not the value's
            if found != char:
                return None
        if index == offset:
            if char in " \t\n":
                cursor.skip_blanks()
            return cursor.line + 1, cursor.column + 1
        if char in " \t\n":
            if cursor.char() == char:
                cursor.advance()
            # otherwise the source wrote it as a line break or indentation: skipped later
            continue
        if style == "'" and char == "'":
            cursor.advance()  # '' is how a single-quoted scalar writes '
        cursor.advance()
    return None


class _Cursor:
    """A position in the source lines; the end of a line reads as a line break."""

    def __init__(self, lines: Sequence[str], line: int, column: int) -> None:
        self.lines, self.line, self.column = lines, line, column

    def at_end(self) -> bool:
        return self.line >= len(self.lines)

    def char(self) -> str:
        if self.at_end():
            return ""
        text = self.lines[self.line]
        return text[self.column] if self.column < len(text) else "\n"

    def advance(self) -> None:
        if self.char() == "\n":
            self.next_line()
        else:
            self.column += 1

    def next_line(self) -> None:
        self.line, self.column = self.line + 1, 0

    def skip_blanks(self) -> None:
        while not self.at_end() and self.char() in " \t\n":
            self.advance()

    def skip_properties(self) -> None:
        """Skip an anchor (``&a``) or a tag (``!!str``) written before the value."""
        while self.char() in ("&", "!"):
            while self.char() not in " \t\n":
                self.advance()
            while self.char() in _BLANKS:
                self.advance()
