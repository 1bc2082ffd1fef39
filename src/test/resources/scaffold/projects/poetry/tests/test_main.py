from hello.main import greeting


def test_greeting_names_the_user():
    assert "uid 0" in greeting(0, 0)
