"""Models of the pages: state as traitlets and calls to the workbook; no ipywidgets here."""
