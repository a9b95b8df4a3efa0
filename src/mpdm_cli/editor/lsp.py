"""``mpdm lsp``: a language server (stdio) that publishes mpdm's diagnostics to an editor.

Each open YAML file is checked in the context of its whole repository, unsaved edits of every
open file included; hovering a finding shows the explanation of its code.
"""

from __future__ import annotations

from pathlib import Path

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.uris import from_fs_path, to_fs_path

from mpdm_cli import __version__
from mpdm_cli.editor import fixes
from mpdm_cli.editor.workspace import repository_root, validate_with_buffers
from mpdm_cli.pipeline.diagnostics import Diagnostic, Location, Severity


class ActsServer(LanguageServer):
    """The server, with the diagnostics it last published for each open document."""

    def __init__(self) -> None:
        super().__init__(
            "mpdm", __version__, text_document_sync_kind=types.TextDocumentSyncKind.Full
        )
        self.published: dict[str, list[types.Diagnostic]] = {}
        # mpdm's own findings behind what was published, and the ids of their repository,
        # for the quick fixes.
        self.findings: dict[str, list[Diagnostic]] = {}
        self.ids: dict[str, frozenset[str]] = {}

    def refresh(self) -> None:
        """Check every repository that has an open document; publish for each open one."""
        buffers = {
            Path(local): document.source
            for uri, document in self.workspace.text_documents.items()
            if (local := to_fs_path(uri)) is not None
        }
        closed = set(self.published) - set(self.workspace.text_documents)
        for uri in closed:
            del self.published[uri]
            self.findings.pop(uri, None)
            self.text_document_publish_diagnostics(
                types.PublishDiagnosticsParams(uri=uri, diagnostics=[])
            )
        for root in sorted({repository_root(path) for path in buffers}):
            outcome = validate_with_buffers(root, buffers)
            # Only open buffers' texts are needed: the others stay compressed.
            loaded = {file.path: file for file in outcome.files}
            ids = frozenset(outcome.repository.declarations)
            by_file: dict[str, list[Diagnostic]] = {}
            for diagnostic in outcome.diagnostics:
                by_file.setdefault(diagnostic.location.file, []).append(diagnostic)
            for path in buffers:
                if repository_root(path) != root:
                    continue
                uri = from_fs_path(str(path))
                if uri is None:
                    continue
                self.findings[uri] = by_file.get(str(path), [])
                self.ids[uri] = ids
                text = loaded[str(path)].text if str(path) in loaded else ""
                self.published[uri] = [to_lsp(d, text) for d in self.findings[uri]]
                self.text_document_publish_diagnostics(
                    types.PublishDiagnosticsParams(uri=uri, diagnostics=self.published[uri])
                )


def to_lsp(diagnostic: Diagnostic, text: str) -> types.Diagnostic:
    """The editor's form of a finding: 0-based range over the value it points at."""
    acknowledged = diagnostic.acknowledged is not None
    message = diagnostic.message
    if acknowledged:
        message += f" (anomalie acceptée : {diagnostic.acknowledged})"
    return types.Diagnostic(
        range=span(diagnostic.location, text),
        message=message,
        severity=(
            types.DiagnosticSeverity.Information
            if acknowledged
            else types.DiagnosticSeverity.Error
            if diagnostic.severity is Severity.ERROR
            else types.DiagnosticSeverity.Warning
        ),
        code=diagnostic.code,
        source="mpdm",
        related_information=[
            types.DiagnosticRelatedInformation(
                location=types.Location(
                    uri=from_fs_path(related.location.file) or related.location.file,
                    range=span(related.location, _read(related.location.file)),
                ),
                message=related.note,
            )
            for related in diagnostic.related
        ]
        or None,
    )


def span(location: Location, text: str) -> types.Range:
    """From the location to the end of the word there (a value, a key), on its line."""
    line = location.line - 1
    start = location.column - 1
    lines = text.splitlines()
    content = lines[line] if 0 <= line < len(lines) else ""
    end = start
    while end < len(content) and not content[end].isspace() and content[end] not in ",]}#":
        end += 1
    if end == start:
        end = max(start, len(content.rstrip()))
    return types.Range(
        start=types.Position(line=max(line, 0), character=start),
        end=types.Position(line=max(line, 0), character=end),
    )


def _read(path: str) -> str:
    try:
        return Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return ""


def explanation(code: str, message: str) -> str:
    """What ``mpdm explain CODE`` says (the catalogue), as Markdown for a hover; the finding's
    own message, escaped, for a code the catalogue does not know."""
    from mpdm_cli.pipeline.catalogue import lookup
    from mpdm_cli.render.prose import escape_markdown_inline

    found = lookup(code)
    if found is None:
        return f"**{escape_markdown_inline(code)}** {escape_markdown_inline(message)}"
    return f"**{found.code} `{found.name}`** ({found.severity.value})\n\n{found.documentation}"


def build_server() -> ActsServer:
    server = ActsServer()

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def opened(ls: ActsServer, params: types.DidOpenTextDocumentParams) -> None:
        ls.refresh()

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def changed(ls: ActsServer, params: types.DidChangeTextDocumentParams) -> None:
        ls.refresh()

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE)
    def saved(ls: ActsServer, params: types.DidSaveTextDocumentParams) -> None:
        ls.refresh()

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def closed(ls: ActsServer, params: types.DidCloseTextDocumentParams) -> None:
        ls.refresh()

    @server.feature(types.TEXT_DOCUMENT_HOVER)
    def hover(ls: ActsServer, params: types.HoverParams) -> types.Hover | None:
        position = params.position
        texts = []
        for found in ls.published.get(params.text_document.uri, []):
            start, end = found.range.start, found.range.end
            if start.line == position.line and start.character <= position.character <= max(
                end.character, start.character + 1
            ):
                texts.append(explanation(str(found.code), found.message))
        if not texts:
            return None
        return types.Hover(
            contents=types.MarkupContent(
                kind=types.MarkupKind.Markdown, value="\n\n---\n\n".join(texts)
            )
        )

    @server.feature(
        types.TEXT_DOCUMENT_CODE_ACTION,
        types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix]),
    )
    def quick_fixes(ls: ActsServer, params: types.CodeActionParams) -> list[types.CodeAction]:
        uri = params.text_document.uri
        text = ls.workspace.get_text_document(uri).source
        wanted = params.range
        findings = [
            d
            for d in ls.findings.get(uri, [])
            if d.fails and wanted.start.line <= d.location.line - 1 <= wanted.end.line
        ]
        actions = []
        for diagnostic, edit in fixes.edits_for(findings, text, ls.ids.get(uri, frozenset())):
            actions.append(_action(uri, text, edit, [to_lsp(diagnostic, text)]))
        for edit in fixes.tab_edits(text):
            if wanted.start.line <= edit.line - 1 <= wanted.end.line:
                actions.append(_action(uri, text, edit, []))
        return actions

    return server


def _action(
    uri: str, text: str, edit: fixes.Edit, diagnostics: list[types.Diagnostic]
) -> types.CodeAction:
    """One quick fix: the edit ``--fix`` would make for this finding."""
    ambiguous = edit.reason.startswith(fixes.AMBIGUOUS)
    return types.CodeAction(
        title=f"mpdm : « {edit.new} » ({edit.reason})",
        kind=types.CodeActionKind.QuickFix,
        diagnostics=diagnostics or None,
        is_preferred=not ambiguous,
        edit=types.WorkspaceEdit(
            changes={
                uri: [
                    types.TextEdit(
                        range=types.Range(
                            start=_position(text, edit.start), end=_position(text, edit.end)
                        ),
                        new_text=edit.new,
                    )
                ]
            }
        ),
    )


def _position(text: str, offset: int) -> types.Position:
    line_start = text.rfind("\n", 0, offset) + 1
    return types.Position(line=text.count("\n", 0, offset), character=offset - line_start)


def serve() -> None:
    """Speak the protocol over standard input and output until the editor leaves."""
    build_server().start_io()
