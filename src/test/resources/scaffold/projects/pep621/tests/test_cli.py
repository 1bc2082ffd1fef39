from greet.cli import main


def test_main_returns_zero():
    assert main(["you"]) == 0
