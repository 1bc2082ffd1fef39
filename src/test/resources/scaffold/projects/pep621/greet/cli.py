"""The `greet` console script."""

import os
import pwd
import sys


def main(argv=None):
    args = sys.argv[1:] if argv is None else argv
    name = args[0] if args else "world"
    user = pwd.getpwuid(os.getuid()).pw_name
    print(f"Hello, {name}! (greet as {user}, uid {os.getuid()})")
    return 0
