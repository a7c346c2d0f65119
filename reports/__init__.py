"""Everything people read: labels, messages, tables, Markdown, CSV, JSON and exports."""
