"""The bundle tier reuses the real-window tier's X server (Xvfb and openbox)."""

from tests.real_window.conftest import x_display  # noqa: F401
