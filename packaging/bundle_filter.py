"""What the desktop bundle leaves out: Python modules the app never imports, and the Qt
libraries, plugins and translations that only those would load (read by the PyInstaller
spec beside this file). The app uses QtCore, QtGui and QtWidgets only."""

from __future__ import annotations

import re

# Qt modules besides QtCore, QtGui and QtWidgets (PySide6-Essentials and the full PySide6)
QT_MODULES = [
    "Qt3DAnimation",
    "Qt3DCore",
    "Qt3DExtras",
    "Qt3DInput",
    "Qt3DLogic",
    "Qt3DRender",
    "QtBluetooth",
    "QtCharts",
    "QtConcurrent",
    "QtDataVisualization",
    "QtDBus",
    "QtDesigner",
    "QtGraphs",
    "QtGraphsWidgets",
    "QtHelp",
    "QtHttpServer",
    "QtLocation",
    "QtMultimedia",
    "QtMultimediaWidgets",
    "QtNetwork",
    "QtNetworkAuth",
    "QtNfc",
    "QtOpenGL",
    "QtOpenGLWidgets",
    "QtPdf",
    "QtPdfWidgets",
    "QtPositioning",
    "QtPrintSupport",
    "QtQml",
    "QtQuick",
    "QtQuick3D",
    "QtQuickControls2",
    "QtQuickTest",
    "QtQuickWidgets",
    "QtRemoteObjects",
    "QtScxml",
    "QtSensors",
    "QtSerialBus",
    "QtSerialPort",
    "QtSpatialAudio",
    "QtSql",
    "QtStateMachine",
    "QtSvg",
    "QtSvgWidgets",
    "QtTest",
    "QtTextToSpeech",
    "QtUiTools",
    "QtWebChannel",
    "QtWebEngineCore",
    "QtWebEngineQuick",
    "QtWebEngineWidgets",
    "QtWebSockets",
    "QtWebView",
    "QtXml",
    "QtAxContainer",
]

EXCLUDED_MODULES = [
    *(f"PySide6.{name}" for name in QT_MODULES),
    "tkinter",
    "unittest",
    "pydoc",
    "pytest",
    "IPython",
    "numpy",
    "PIL",
    "PyInstaller",
    "hypothesis",
    "mypy",
    "ast_serialize",
    "_pytest",
    "alembic.testing",
    "sqlalchemy.testing",
    "pygments",
    "rich",
    "markdown_it",
    "pydantic.v1",  # pydantic 2's copy of its old API: the app uses the new one
]

# Qt plugin folders the app needs: the windowing platforms (xcb, wayland, windows,
# cocoa, …) with their GL and input helpers, image formats and icon engines, themes
_KEPT_PLUGIN_FOLDERS = {
    "platforms",
    "platformthemes",
    "platforminputcontexts",
    "xcbglintegrations",
    "imageformats",
    "iconengines",
    "styles",
    "wayland-decoration-client",
    "wayland-graphics-integration-client",
    "wayland-shell-integration",
}
_PLUGIN = re.compile(r"(?:^|/)PySide6/Qt/plugins/([^/]+)/|(?:^|/)PySide6/plugins/([^/]+)/")
# plugins of the kept folders that need what the app leaves out: the GTK 3 theme (all of
# GTK with it; the desktop portal theme stays), the framebuffer, EGL and VNC platforms
_DROPPED_PLUGINS = re.compile(
    r"(?:^|/)(?:lib)?q(?:gtk3|eglfs|linuxfb|minimalegl|vkkhrdisplay|vnc)\.(?:so|dll|dylib)$"
)
# Qt libraries only those plugins load
_DROPPED_QT_LIBRARIES = re.compile(
    r"(?:^|/)(?:lib)?Qt6(?:Network|EglFSDeviceIntegration|EglFsKmsSupport)\."
)
# Linux: the libraries of the system's GTK 3 stack, which only the GTK 3 theme loads
_GTK_STACK = re.compile(
    r"^lib(?:gtk-3|gdk-3|gdk_pixbuf-2\.0|atk-1\.0|atk-bridge-2\.0|atspi|cairo|cairo-gobject"
    r"|pango-1\.0|pangocairo-1\.0|pangoft2-1\.0|epoxy|fribidi|thai|datrie|pixman-1|graphite2"
    r"|harfbuzz|gio-2\.0|gmodule-2\.0|gobject-2\.0|jpeg|mount|blkid|selinux|Xcomposite"
    r"|Xcursor|Xdamage|Xext|Xfixes|Xi|Xinerama|Xrandr|Xrender)\.so[.0-9]*$"
)
# image formats a lesson would not use (TIFF, TGA, WBMP, macOS icons); PNG, JPEG, GIF, SVG,
# WebP and ICO stay
_DROPPED_IMAGE_FORMATS = re.compile(r"(?:^|/)(?:lib)?q(?:tiff|tga|wbmp|icns)\.(?:so|dll|dylib)$")
# Python's codecs for Chinese, Japanese and Korean legacy encodings: the app reads UTF-8
_CJK_CODECS = re.compile(r"(?:^|/)_(?:codecs_(?:cn|hk|iso2022|jp|kr|tw)|multibytecodec)\.")
# Qt's own translations: only the qtbase ones (dialog buttons), in English
_QT_TRANSLATION = re.compile(r"(?:^|/)PySide6/(?:Qt/)?translations/(.+)$")
_KEPT_TRANSLATION = re.compile(r"qtbase_en\.qm$")


def wanted(destination: str) -> bool:
    """Whether a file collected for the bundle, by its path inside the bundle, stays."""
    name = destination.replace("\\", "/")
    if _GTK_STACK.match(name) or _DROPPED_QT_LIBRARIES.search(name) or _CJK_CODECS.search(name):
        return False
    if _DROPPED_IMAGE_FORMATS.search(name):
        return False
    plugin = _PLUGIN.search(name)
    if plugin:
        folder = plugin.group(1) or plugin.group(2)
        return folder in _KEPT_PLUGIN_FOLDERS and not _DROPPED_PLUGINS.search(name)
    translation = _QT_TRANSLATION.search(name)
    if translation:
        return bool(_KEPT_TRANSLATION.search(translation.group(1)))
    return True


def keep(entries):  # a PyInstaller TOC: (destination, source, kind) tuples
    return [entry for entry in entries if wanted(entry[0])]
