"""The window shell every role shares: start screen, main window, menus, dialogs, helpers."""
