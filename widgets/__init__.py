"""ipywidgets views of the kit (imported as `duban.widgets`): thin, bound to models."""
