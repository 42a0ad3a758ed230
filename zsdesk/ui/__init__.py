"""The desktop window (PySide6). Widgets call services and the metrics module, never SQL.

PySide6 is pinned below 6.12 in pyproject.toml: 6.12.0 drops references to
True/None on signal emits and void method calls, which aborts the interpreter
within seconds of normal use."""
