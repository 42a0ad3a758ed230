"""Printed reports: the PDF 简报 (``brief``) and what it shares with other reports
(reporting periods, the embedded CJK font and page furniture).

Every number printed comes from ``zsdesk.metrics`` or ``zsdesk.reminders``; this
package only chooses, lays out and words them.
"""
