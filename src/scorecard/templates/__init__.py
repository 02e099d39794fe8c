"""Starter projects for `scorecard init`: commented configs and sample-data generators.

Each template has one config per language (`<template>.<lang>.yaml`, package
data) and a generator (`samples`) that writes exports, a roster and a targets
file whose headers and values the config reads.
"""

from __future__ import annotations

from importlib import resources

TEMPLATES = ("sales", "presales", "key-accounts")
LANGS = ("en", "zh")


def config_text(template: str, lang: str) -> str:
    """The commented starter config of one template in one language."""
    return (resources.files(__name__) / f"{template}.{lang}.yaml").read_text(encoding="utf-8")
