"""zsdesk (招商桌面): offline-first desktop tool for investment promotion teams."""

__version__ = "0.1.0"
