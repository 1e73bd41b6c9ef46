"""`python -m duban.server NOTEBOOKS …`: Voila with Duban's sign-in (what `duban serve` runs)."""

from duban.server.app import main

main()
