"""What is printed: the validation report in every format, and the convention view of show."""
