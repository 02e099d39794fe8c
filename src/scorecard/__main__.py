"""Allow `python -m scorecard`."""

from scorecard.launch import main

main()
