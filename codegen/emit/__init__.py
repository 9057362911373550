"""Emitters: pure functions from the IR to file text."""
