"""Citizens' satisfaction page (Mức độ hài lòng): ratings, survey tallies, praise and complaints."""
