"""Checks of the built site in a browser: shared by the tests and `make audit`."""
