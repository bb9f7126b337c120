"""The trainer's authoring screen: editor, preview, validation, item analysis."""
