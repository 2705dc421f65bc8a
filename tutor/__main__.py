"""`python -m tutor` runs the same command as `dltutor`."""

from tutor.cli import main

main()
