"""Events (Sự việc): violations and commendations, found by days, person, block and words."""
