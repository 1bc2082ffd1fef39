"""The `weather` console script."""


def main():
    print("sunny")
    return 0
