"""Change log (Nhật ký thay đổi): every change to the records, and the head's acceptance of a book
changed outside the program."""
