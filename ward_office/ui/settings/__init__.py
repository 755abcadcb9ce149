"""Settings (Cài đặt): the unit, departments, working hours, holidays and the emulation plan."""
