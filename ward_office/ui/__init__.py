"""The window: the only package that imports PySide6.

``shell`` holds the window together; each feature has its package (``attendance``, ``checks``, ``events``,
``staff``, ``ranking``, ``reports``, ``change_log``, ``accounts``, ``backups``, ``settings``, ``dashboard``)
with its page, dialogs and models; ``widgets`` holds the shared pieces. Features never import one another
(import-linter: "Window features are independent rooms").
"""
