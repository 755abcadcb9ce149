"""Domain types and rules of the ward's record, as plain Python: no Qt, no SQL."""
