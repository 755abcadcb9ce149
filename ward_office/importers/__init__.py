"""Reading other people's files into the record's types. Nothing here writes: a reader either returns
every row checked, or raises InputFileError naming each bad line and field, so the caller can write all
rows in one transaction or none."""
