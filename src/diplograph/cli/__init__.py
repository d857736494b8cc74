"""Command-line interface: thin typer wrappers over library functions. Only this package prints."""
