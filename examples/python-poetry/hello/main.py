"""Prints a greeting; `python -m hello.main --name you` or the `hello` script."""

import click


def greeting(name: str) -> str:
    return f"Hello, {name}! This container was built by berth."


@click.command()
@click.option("--name", default="world", show_default=True, help="Who to greet.")
def main(name: str) -> None:
    click.echo(greeting(name))


if __name__ == "__main__":
    main()
