"""The language server, driven over stdio by a real LSP client (pygls's) as an editor would."""

from __future__ import annotations

import asyncio
import shutil
import sys
from collections.abc import Sequence
from pathlib import Path

from lsprotocol import types
from pygls.lsp.client import LanguageClient
from pygls.uris import from_fs_path

from tests.conftest import REPO_ROOT

TIMEOUT = 30


class Editor:
    """A client that keeps the last diagnostics the server published for each document."""

    def __init__(self) -> None:
        self.client = LanguageClient("test-editor", "1")
        self.published: dict[str, Sequence[types.Diagnostic]] = {}
        self.arrived = asyncio.Event()

        @self.client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)  # type: ignore[untyped-decorator]
        def publish(_client: LanguageClient, params: types.PublishDiagnosticsParams) -> None:
            self.published[params.uri] = params.diagnostics
            self.arrived.set()

    async def start(self, root: Path) -> None:
        await self.client.start_io(sys.executable, "-m", "mpdm_cli", "lsp")
        await self.client.initialize_async(
            types.InitializeParams(
                capabilities=types.ClientCapabilities(), root_uri=from_fs_path(str(root))
            )
        )
        self.client.initialized(types.InitializedParams())

    async def next_diagnostics(self, uri: str) -> Sequence[types.Diagnostic]:
        self.arrived.clear()
        await asyncio.wait_for(self.arrived.wait(), TIMEOUT)
        while uri not in self.published:
            self.arrived.clear()
            await asyncio.wait_for(self.arrived.wait(), TIMEOUT)
        return self.published[uri]

    async def stop(self) -> None:
        await self.client.shutdown_async(None)
        self.client.exit(None)
        await self.client.stop()  # type: ignore[no-untyped-call]


def _failing(diagnostics: Sequence[types.Diagnostic]) -> list[tuple[str, int]]:
    return [
        (str(d.code), d.range.start.line + 1)
        for d in diagnostics
        if d.severity != types.DiagnosticSeverity.Information
    ]


def test_diagnostics_follow_unsaved_edits_in_the_repository_context(tmp_path: Path) -> None:
    root = tmp_path / "conventions"
    shutil.copytree(REPO_ROOT / "conventions", root)
    path = root / "conventions" / "mpdm-cpom-2024-2026.yaml"
    text = path.read_text(encoding="utf-8")
    uri = from_fs_path(str(path))
    assert uri is not None
    wrong = text + "totaux:\n  - montant: 1\n"
    total_line = len(text.splitlines()) + 2

    async def session() -> None:
        editor = Editor()
        await editor.start(root)
        try:
            editor.client.text_document_did_open(
                types.DidOpenTextDocumentParams(
                    text_document=types.TextDocumentItem(
                        uri=uri, language_id="yaml", version=1, text=text
                    )
                )
            )
            # Opened as saved: valid in its repository (its references resolve elsewhere).
            assert _failing(await editor.next_diagnostics(uri)) == []

            editor.client.text_document_did_change(
                types.DidChangeTextDocumentParams(
                    text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=2),
                    content_changes=[types.TextDocumentContentChangeWholeDocument(text=wrong)],
                )
            )
            diagnostics = await editor.next_diagnostics(uri)
            assert _failing(diagnostics) == [("B001", total_line)]
            b001 = next(d for d in diagnostics if d.code == "B001")
            assert (b001.range.start.character, b001.range.end.character) == (13, 14)
            assert path.read_text(encoding="utf-8") == text  # the buffer, not the disk

            hover = await editor.client.text_document_hover_async(
                types.HoverParams(
                    text_document=types.TextDocumentIdentifier(uri=uri),
                    position=types.Position(line=total_line - 1, character=13),
                )
            )
            assert hover is not None
            assert isinstance(hover.contents, types.MarkupContent)
            assert "B001" in hover.contents.value and "total" in hover.contents.value

            editor.client.text_document_did_change(
                types.DidChangeTextDocumentParams(
                    text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=3),
                    content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)],
                )
            )
            assert _failing(await editor.next_diagnostics(uri)) == []

            editor.client.text_document_did_close(
                types.DidCloseTextDocumentParams(
                    text_document=types.TextDocumentIdentifier(uri=uri)
                )
            )
            assert list(await editor.next_diagnostics(uri)) == []
        finally:
            await editor.stop()

    asyncio.run(session())


def test_quick_fix_is_the_edit_fix_would_make(tmp_path: Path) -> None:
    root = tmp_path / "conventions"
    shutil.copytree(REPO_ROOT / "conventions", root)
    path = root / "deliberations" / "dm-2023-12-21-mpdm-convention-2024-2026.yaml"
    good = path.read_text(encoding="utf-8")
    bad = good.replace("      montant: 220000\n", '      montant: "220 000 €"\n', 1)
    line = bad.splitlines().index('      montant: "220 000 €"')
    uri = from_fs_path(str(path))
    assert uri is not None

    async def session() -> None:
        editor = Editor()
        await editor.start(root)
        try:
            editor.client.text_document_did_open(
                types.DidOpenTextDocumentParams(
                    text_document=types.TextDocumentItem(
                        uri=uri, language_id="yaml", version=1, text=bad
                    )
                )
            )
            found = [d for d in await editor.next_diagnostics(uri) if d.range.start.line == line]
            assert found and all(d.severity == types.DiagnosticSeverity.Error for d in found)
            actions = await editor.client.text_document_code_action_async(
                types.CodeActionParams(
                    text_document=types.TextDocumentIdentifier(uri=uri),
                    range=found[0].range,
                    context=types.CodeActionContext(diagnostics=list(found)),
                )
            )
            assert actions is not None
            [action] = actions
            assert isinstance(action, types.CodeAction) and action.edit is not None
            assert action.edit.changes is not None
            [edit] = action.edit.changes[uri]
            assert edit.new_text == "220000"
            lines = bad.splitlines(keepends=True)
            start, end = edit.range.start, edit.range.end
            assert start.line == end.line == line
            lines[line] = lines[line][: start.character] + "220000" + lines[line][end.character :]
            assert "".join(lines) == good

            editor.client.text_document_did_change(
                types.DidChangeTextDocumentParams(
                    text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=2),
                    content_changes=[types.TextDocumentContentChangeWholeDocument(text=good)],
                )
            )
            assert _failing(await editor.next_diagnostics(uri)) == []
        finally:
            await editor.stop()

    asyncio.run(session())
