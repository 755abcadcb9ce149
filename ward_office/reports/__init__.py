"""Printed reports: PDFs in the Nghị định 30/2020 frame, Qt-free, built with reportlab.

``document`` is the shared frame (page, font, letterhead, tables, signatures, "Nơi nhận"); ``fonts``
registers the bundled Liberation Serif; each other module writes one report. Importing this package
loads nothing heavy; reportlab comes with the modules themselves.
"""
