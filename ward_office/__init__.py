"""Ward Office (Sổ theo dõi văn hóa công sở): the version lives here and nowhere else."""

__version__ = "0.1.0"
