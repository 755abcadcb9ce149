"""The pages of the main window, one module each; ``base.Page`` is what they have in common."""
