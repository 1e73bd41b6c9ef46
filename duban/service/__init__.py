"""The workbook API: every rule, every read and write of the kit."""
