"""Accounts (Tài khoản): who may open the book, the head's first account, and the idle time before the
window locks itself."""
