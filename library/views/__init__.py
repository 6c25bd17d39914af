"""Thin HTML views of the public channel: parse, fetch through access_*, call one service, respond."""
