#!/usr/bin/env python3
"""Regenerates every generated .test file (tests/sql/**/gen_*.py) and tests/sql/known_bugs.txt."""
import glob
import os
import subprocess
import sys

here = os.path.dirname(os.path.abspath(__file__))
for script in sorted(glob.glob(os.path.join(here, '*', 'gen_*.py'))):
    subprocess.run([sys.executable, script], check=True)
