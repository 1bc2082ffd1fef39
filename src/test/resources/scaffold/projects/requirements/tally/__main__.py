"""`python -m tally WORDS...`: prints how many words, and who counted them."""

import os
import pwd
import sys


def count(words):
    return len(words)


def main(argv):
    user = pwd.getpwuid(os.getuid()).pw_name
    print(f"tally: {count(argv)} words, counted by {user} (uid {os.getuid()})")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
