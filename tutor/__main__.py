"""`python -m tutor` runs the same command as `dltutor`."""

from tutor.launch import main

main()
