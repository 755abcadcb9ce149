"""Use cases: what the command line and the window ask of the record, one function each."""
