from tally.__main__ import count


def test_count():
    assert count(["a", "b"]) == 2
