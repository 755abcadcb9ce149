"""Staff (Cán bộ): the list of staff, adding, editing, leaving and coming back."""
