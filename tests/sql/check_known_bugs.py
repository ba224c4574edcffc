#!/usr/bin/env python3
"""Runs tests/sql/known_bugs.txt and lists the blocks that now pass (bugs that were fixed: drop
their bug="…" in the generator named above them so they move back into the suite). Usage:
check_known_bugs.py path/to/larder_sqllogictest"""
import re
import subprocess
import sys
import os

path = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'known_bugs.txt')
out = subprocess.run([sys.argv[1], path], capture_output=True, text=True).stdout
failed = {int(m) for m in re.findall(r'known_bugs\.txt:(\d+) ', out)}
lines = open(path).read().split('\n')
fixed = 0
for number, line in enumerate(lines, 1):
    if line.startswith(('query', 'statement')) and number not in failed:
        fixed += 1
        print(f'{path}:{number}: now passes: {lines[number]}')
print(f'{len(failed)} known bugs still fail, {fixed} now pass')
sys.exit(1 if fixed else 0)
