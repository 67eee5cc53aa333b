"""`python -m extractor` is the `form4` command."""

from extractor.cli import main

main()
