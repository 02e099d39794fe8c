"""Renderers: pure functions of a Report."""
