"""Counts lines."""

import sys


def main():
    print(sum(1 for _ in sys.stdin))
    return 0
