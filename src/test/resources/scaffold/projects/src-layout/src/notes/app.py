"""The `notes` console script."""


def run():
    print("no notes yet")
