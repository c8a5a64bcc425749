#!/usr/bin/env python
"""Django's command-line utility; `candid` does the same and more."""

import sys

from candid.cli import main

if __name__ == "__main__":
    sys.exit(main())
