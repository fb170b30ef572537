"""The command line's subcommands (`python -m hnparks …`). The top layer."""
