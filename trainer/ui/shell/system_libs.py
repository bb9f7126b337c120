"""Find the Debian packages Qt needs that this machine lacks, before Qt is imported.

A missing library makes Qt fail with a loader error or abort; a list of packages
to install is what the user needs instead.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

LIBRARY_DIRS = (
    "/lib/x86_64-linux-gnu", "/usr/lib/x86_64-linux-gnu", "/lib/aarch64-linux-gnu",
    "/usr/lib/aarch64-linux-gnu", "/usr/lib64", "/usr/lib", "/lib",
)  # fmt: skip
CORE_LIBRARIES = {
    "libGL.so.1": "libgl1",
    "libEGL.so.1": "libegl1",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libfontconfig.so.1": "libfontconfig1",
    "libfreetype.so.6": "libfreetype6",
    "libglib-2.0.so.0": "libglib2.0-0",
    "libdbus-1.so.3": "libdbus-1-3",
}
X11_LIBRARIES = {
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libX11-xcb.so.1": "libx11-xcb1",
}


def missing_packages() -> list[str]:
    """Debian packages whose libraries Qt will load and that are not installed (Linux only)."""
    if not sys.platform.startswith("linux"):
        return []
    wanted = dict(CORE_LIBRARIES)
    if os.environ.get("QT_QPA_PLATFORM", "xcb").startswith("xcb") and os.environ.get("DISPLAY"):
        wanted |= X11_LIBRARIES
    present = _installed_libraries()
    return sorted({package for library, package in wanted.items() if library not in present})


def _installed_libraries() -> set[str]:
    names: set[str] = set()
    for directory in LIBRARY_DIRS:
        path = Path(directory)
        if path.is_dir():
            names.update(entry.name for entry in path.iterdir())
    return names


def install_hint(packages: list[str]) -> str:
    return (
        "The app needs these system libraries, which are not installed:\n"
        f"  {' '.join(packages)}\n"
        f"Install them with:\n  sudo apt-get install {' '.join(packages)}\n"
        "(`make run` installs them for you.)"
    )


if __name__ == "__main__":  # used by scripts/setup.sh: print what to install, one per line
    if sys.argv[1:] == ["--x11"]:  # every package Qt's xcb platform needs (./test asks)
        print("\n".join(sorted(set(X11_LIBRARIES.values()))))
    else:
        print("\n".join(missing_packages()))
