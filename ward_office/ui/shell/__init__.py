"""What holds the window together: the application, the main window and its pages, signing in, the idle
lock, the first run and the guide. It is the one part of the window that wires one feature to another."""
