"""Sync by file (docs/SYNC.md): signed, optionally encrypted packages; per-field merge
with a hybrid logical clock; ownership rights; cumulative exports; idempotent
imports; a pending queue; conflicts a person resolves; acknowledgements back."""

FORMAT = 1          # the package format this version writes
MIN_READER = 1      # the oldest reader that can read what we write
READABLE = {1}      # formats this version reads
EXTENSION = ".zsync"
