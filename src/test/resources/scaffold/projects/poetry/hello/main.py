"""Prints a greeting with the user it runs as; the `hello` console script."""

import os
import pwd
import sys

from hello import __version__


def user_name(uid: int) -> str:
    """The name /etc/passwd gives uid, or the number when it has none."""
    try:
        return pwd.getpwuid(uid).pw_name
    except KeyError:
        return str(uid)


def greeting(uid: int, gid: int) -> str:
    return f"Hello from hello {__version__} as {user_name(uid)} (uid {uid}, gid {gid})"


def run(argv=None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if args == ["--version"]:
        print(f"hello {__version__}")
        return 0
    if args:
        print("usage: hello [--version]", file=sys.stderr)
        return 2
    print(greeting(os.getuid(), os.getgid()))
    return 0


if __name__ == "__main__":
    sys.exit(run())
