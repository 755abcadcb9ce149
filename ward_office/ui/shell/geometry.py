"""Where the main window opens: inside the free area of the screen it is on (maximised on the small screens of
office PCs, 1366×768 and under), and where the user left it last time, kept per computer like the idle time."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QEvent, QObject, QRect, QSettings, QSize, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

SMALL_SCREEN = QSize(1366, 768)
PREFERRED_SIZE = QSize(1280, 800)
SETTINGS_KEY = "window/geometry"


def settings() -> QSettings:
    """Where this computer keeps the window's place (tests point it at a temporary file)."""
    return QSettings()


def opening_geometry(available: QRect) -> tuple[QRect, bool]:
    """The window's rectangle on a screen whose free area is ``available`` (centred, never larger), and whether
    to maximise it: on a small screen every pixel counts."""
    small = available.width() <= SMALL_SCREEN.width() and available.height() <= SMALL_SCREEN.height()
    size = PREFERRED_SIZE.boundedTo(available.size())
    rect = QRect(0, 0, size.width(), size.height())
    rect.moveCenter(available.center())
    return rect, small


def place_window(window: QWidget, store: QSettings | None = None) -> None:
    """Put ``window`` where it was left (from ``store``) if that is still on a screen, else fit it to its
    screen's free area."""
    saved = store.value(SETTINGS_KEY) if store is not None else None
    if isinstance(saved, QByteArray) and not saved.isEmpty() and window.restoreGeometry(saved):
        return  # Qt moves a window left on a screen that is gone back onto one
    screen = window.screen() or QGuiApplication.primaryScreen()
    rect, maximise = opening_geometry(screen.availableGeometry())
    minimum = window.minimumSize()
    window.resize(max(rect.width(), minimum.width()), max(rect.height(), minimum.height()))
    window.move(rect.topLeft())
    if maximise:
        window.setWindowState(window.windowState() | Qt.WindowState.WindowMaximized)


class GeometryKeeper(QObject):
    """Saves the window's place and size in ``store`` when it closes."""

    def __init__(self, window: QWidget, store: QSettings) -> None:
        super().__init__(window)
        self._window = window
        self._store = store
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if watched is self._window and event.type() == QEvent.Type.Close:
            self.save()
        return False

    def save(self) -> None:
        self._store.setValue(SETTINGS_KEY, self._window.saveGeometry())
        self._store.sync()


def keep_geometry(window: QWidget, store: QSettings | None = None) -> GeometryKeeper:
    """Open ``window`` where it was left and remember where it is left this time."""
    store = store if store is not None else settings()
    place_window(window, store)
    return GeometryKeeper(window, store)
