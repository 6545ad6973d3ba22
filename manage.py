#!/usr/bin/env python
from tidtam.cli import main

if __name__ == "__main__":
    main()
