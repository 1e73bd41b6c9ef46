"""Jinja2 and DOCX templates for notices, reminders and bulletins (data only)."""
