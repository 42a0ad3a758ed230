"""The desktop window (PySide6). Widgets call services and the metrics module, never SQL."""
