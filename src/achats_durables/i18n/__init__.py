"""Presentation of text and numbers: message templates (French, English) and number/date formatting."""
