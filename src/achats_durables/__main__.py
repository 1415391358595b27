"""``python -m achats_durables``."""

from achats_durables.cli import main

if __name__ == "__main__":
    main()
