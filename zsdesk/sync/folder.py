"""Many package files as one action: a folder of county files (docs/SYNC.md).

``plan`` reads who sent each file and its number (every check that needs no
write, as an import makes it) and orders the files by sender and number, so each
sender's files go in order whatever their names or the order they were given in.
``preview`` says per file what an import would do; ``apply`` imports them one
after another. Every file is its own transaction; the import session
(``Workspace.begin_import_session``) makes one integrity check and one backup
serve all of them. A refused file is reported with its reason and never stops the
others. No Qt here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from zsdesk.errors import RefusedError
from zsdesk.sync import EXTENSION, exchange
from zsdesk.sync.package import PackageRefused

#: what happened (or, in a preview, would happen) to one file
APPLIED, ALREADY, PENDING, REFUSED = "applied", "already", "pending", "refused"
PREVIEW, AFTER = "preview", "after"     # preview only: imports now / after an earlier file of this batch


@dataclass(frozen=True)
class Skipped:
    """A file of a folder that is not a package, or a path that cannot be read."""
    path: Path
    note: str


@dataclass
class PlannedFile:
    path: Path
    sender: str = ""            # the sender's code ("" when the file could not be read)
    sender_id: str = ""
    seq: int = 0
    base_upto: int = 0          # the sender's log position the file builds on
    upto: int = 0
    trust: str | None = None    # the fingerprint given for this sender's first file
    refusal: RefusedError | None = None     # refused before anything was written


@dataclass
class Plan:
    files: list[PlannedFile]    # in import order
    skipped: list[Skipped] = field(default_factory=list)


@dataclass
class FileOutcome:
    path: Path
    status: str                 # APPLIED / ALREADY / PENDING / REFUSED (PREVIEW / AFTER in a preview)
    message: str
    sender: str = ""
    seq: int = 0
    result: exchange.ImportResult | None = None
    code: str | None = None     # a refusal's ``PackageRefused.code``
    fingerprint: str | None = None

    def to_json(self) -> dict:
        return {"file": str(self.path), "status": self.status, "message": self.message, "from": self.sender,
                "seq": self.seq, "code": self.code,
                "result": self.result.to_json() if self.result is not None else None}


def collect(paths: Iterable) -> tuple[list[Path], list[Skipped]]:
    """The files named and every ``*.zsync`` in the folders named (a folder's
    other files are skipped with a note; its sub-folders are not entered)."""
    files: list[Path] = []
    skipped: list[Skipped] = []
    seen: set[Path] = set()

    def add(p: Path) -> None:
        key = p.resolve()
        if key not in seen:
            seen.add(key)
            files.append(p)

    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            try:
                children = sorted(p.iterdir())
            except OSError as exc:
                skipped.append(Skipped(p, f"无法读取文件夹：{exc.strerror or exc}"))
                continue
            for child in children:
                if child.is_dir():
                    continue
                if child.suffix.lower() == EXTENSION and not child.name.startswith("."):
                    add(child)
                elif not child.name.startswith("."):
                    skipped.append(Skipped(child, f"不是 {EXTENSION} 同步文件，已跳过"))
        elif p.exists():
            add(p)
        else:
            skipped.append(Skipped(p, "找不到该文件，请检查文件名和所在文件夹"))
    return files, skipped


def _head(ws, path: Path, trust: str | None) -> PlannedFile:
    """Sender and numbers of one file, after the checks an import makes before
    writing (decryption, signature, addressee, sender's key); refused: raises."""
    if exchange.is_setup_file(path):
        raise PackageRefused("这是入网文件，不是同步文件", code="setup-file")
    try:
        if path.stat().st_size > exchange.MAX_FILE_BYTES:
            raise PackageRefused("文件过大", code="limits")
        raw = path.read_bytes()
    except OSError as exc:
        raise PackageRefused(f"无法读取文件：{exc.strerror or exc}", code="io") from None
    meta = exchange._verify(ws, raw, trust=trust).opened.meta  # the same checks as the import's
    return PlannedFile(path, meta.from_.code or "", meta.from_.site_id, meta.seq, meta.base_upto, meta.upto, trust)


def _norm(fp: str) -> str:
    return fp.replace(":", "").replace(" ", "").lower()


def plan(ws, paths: Iterable, *, trust: Iterable[str] = ()) -> Plan:
    """The files of ``paths`` (files and folders) in import order: by sender, then
    number; the files refused already here last, by name. ``trust``: fingerprints
    checked with senders; each is used for the file whose key it matches."""
    files, skipped = collect(paths)
    trusted = {_norm(t): t for t in trust if t}
    read, refused = [], []
    for path in files:
        try:
            read.append(_head(ws, path, None))
        except PackageRefused as exc:
            fp = getattr(exc, "fingerprint", None)
            if exc.code == "trust" and fp and _norm(fp) in trusted:
                try:
                    read.append(_head(ws, path, trusted[_norm(fp)]))
                    continue
                except PackageRefused as again:
                    exc = again
            refused.append(PlannedFile(path, refusal=exc))
        except RefusedError as exc:  # not a package refusal (a storage problem said in words): this file only
            refused.append(PlannedFile(path, refusal=exc))
    read.sort(key=lambda f: (f.sender, f.sender_id, f.seq, f.path.name))
    refused.sort(key=lambda f: f.path.name)
    return Plan(read + refused, skipped)


def _refused(f: PlannedFile, exc: RefusedError) -> FileOutcome:
    return FileOutcome(f.path, REFUSED, getattr(exc, "reason", None) or str(exc), f.sender, f.seq,
                       code=getattr(exc, "code", None), fingerprint=getattr(exc, "fingerprint", None))


def preview(ws, the_plan: Plan, progress: Callable | None = None) -> list[FileOutcome]:
    """What importing the plan's files in order would do, nothing written: a dry
    run of each file that connects to what this site holds; a file that connects
    only to an earlier file of the same batch is said to follow it (its own dry
    run would need that one applied)."""
    reach: dict[str, tuple[int, int]] = {}      # sender id -> (log position reached, by file number)
    out = []
    total = len(the_plan.files)
    for n, f in enumerate(the_plan.files):
        if progress:
            progress(n, total, f"预览 {f.path.name}")
        if f.refusal is not None:
            out.append(_refused(f, f.refusal))
            continue
        peer = exchange._peer(ws, f.sender_id)
        held = peer.rx_upto if peer is not None else 0
        upto, by = reach.get(f.sender_id, (held, 0))
        if held < f.base_upto <= upto:
            out.append(FileOutcome(f.path, AFTER, f"接在本批 {f.sender} 第{by}号文件之后导入", f.sender, f.seq))
            reach[f.sender_id] = (max(upto, f.upto), f.seq)
            continue
        try:
            res = exchange.import_package(ws, f.path, dry_run=True, trust=f.trust)
        except RefusedError as exc:
            out.append(_refused(f, exc))
            continue
        if res.status == PREVIEW:
            reach[f.sender_id] = (max(upto, f.upto), f.seq)
        out.append(FileOutcome(f.path, res.status, res.message, f.sender, f.seq, res))
    if progress:
        progress(total, total, "")
    return out


def apply(ws, the_plan: Plan, progress: Callable | None = None,
          on_outcome: Callable[[FileOutcome], None] | None = None) -> list[FileOutcome]:
    """Import the plan's files in order, each in its own transaction; a refused
    file is reported and the next one tried. ``on_outcome`` hears each file as it
    is done (the command line prints it at once)."""
    out = []
    total = len(the_plan.files)
    for n, f in enumerate(the_plan.files):
        if progress:
            progress(n, total, f"导入 {f.path.name}（{n + 1}/{total}）")
        if f.refusal is not None:
            outcome = _refused(f, f.refusal)
        else:
            try:
                res = exchange.import_package(ws, f.path, trust=f.trust)
                outcome = FileOutcome(f.path, res.status, res.message, f.sender, f.seq, res)
            except RefusedError as exc:
                outcome = _refused(f, exc)
        out.append(outcome)
        if on_outcome:
            on_outcome(outcome)
    if progress:
        progress(total, total, "")
    return out


def totals(outcomes: list[FileOutcome]) -> dict[str, int]:
    """How many files ended in each status, and ``from_queue``: files of earlier
    imports that waited in the queue and were applied on the way."""
    counts = {APPLIED: 0, ALREADY: 0, PENDING: 0, REFUSED: 0, PREVIEW: 0, AFTER: 0, "from_queue": 0}
    for o in outcomes:
        counts[o.status] = counts.get(o.status, 0) + 1
        if o.result is not None:
            counts["from_queue"] += sum(1 for extra in o.result.also_applied if extra.status == APPLIED)
    return counts
