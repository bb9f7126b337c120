"""Course content: the typed model, the loader, the renderer."""
