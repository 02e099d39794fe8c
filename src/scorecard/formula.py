"""Derived columns: `UnitPrice * Quantity * (1 - Discount)`, parsed, never evaluated as code.

Grammar: numbers, column names (bare words, or `[成交 金额]` in brackets for names
with spaces or operators), + - * / (× ÷ also), unary minus and parentheses. An
empty or unparseable operand, or a division by zero, gives an empty value.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import polars as pl

from scorecard.errors import ConfigError
from scorecard.filespec import FORMULA_TOKEN as _TOKEN


@dataclass(frozen=True)
class Node:
    """A parsed formula: a number, a column, or an operator over operands."""

    kind: str  # "number" | "column" | "+" | "-" | "*" | "/" | "neg"
    value: float = 0.0
    name: str = ""
    operands: tuple[Node, ...] = ()

    def columns(self) -> list[str]:
        """Every column name the formula reads."""
        if self.kind == "column":
            return [self.name]
        return [name for operand in self.operands for name in operand.columns()]


def _tokens(text: str, where: str) -> list[tuple[str, str]]:
    tokens: list[tuple[str, str]] = []
    position = 0
    text = text.rstrip()
    while position < len(text):
        match = _TOKEN.match(text, position)
        if not match or match.end() == position:
            raise ConfigError.of("err_formula_read", where=where, rest=text[position:])
        position = match.end()
        kind = match.lastgroup or ""
        value = match.group(kind)
        if kind == "bracketed":
            kind, value = "name", value.strip()
        tokens.append((kind, {"×": "*", "÷": "/"}.get(value, value)))
    return tokens


class _Parser:
    def __init__(self, text: str, where: str) -> None:
        self.tokens = _tokens(text, where)
        self.position = 0
        self.where = where
        self.text = text

    def _peek(self) -> tuple[str, str] | None:
        return self.tokens[self.position] if self.position < len(self.tokens) else None

    def _take(self) -> tuple[str, str]:
        token = self._peek()
        if token is None:
            raise ConfigError.of("err_formula_end", where=self.where, formula=self.text)
        self.position += 1
        return token

    def parse(self) -> Node:
        node = self._sum()
        extra = self._peek()
        if extra is not None:
            raise ConfigError.of(
                "err_formula_unexpected", where=self.where, token=extra[1], formula=self.text
            )
        return node

    def _sum(self) -> Node:
        node = self._product()
        while (token := self._peek()) in (("op", "+"), ("op", "-")):
            self._take()
            assert token is not None
            node = Node(token[1], operands=(node, self._product()))
        return node

    def _product(self) -> Node:
        node = self._factor()
        while (token := self._peek()) in (("op", "*"), ("op", "/")):
            self._take()
            assert token is not None
            node = Node(token[1], operands=(node, self._factor()))
        return node

    def _factor(self) -> Node:
        kind, value = self._take()
        if kind == "number":
            return Node("number", value=float(value))
        if kind == "name":
            return Node("column", name=value)
        if (kind, value) == ("op", "-"):
            return Node("neg", operands=(self._factor(),))
        if (kind, value) == ("op", "("):
            node = self._sum()
            if self._take() != ("op", ")"):
                raise ConfigError.of("err_formula_paren", where=self.where, formula=self.text)
            return node
        raise ConfigError.of(
            "err_formula_unexpected", where=self.where, token=value, formula=self.text
        )


def parse_formula(text: str, where: str) -> Node:
    """Parse a derived-column formula (a ConfigError naming `where` when it is not one)."""
    if not text.strip():
        raise ConfigError.of("err_formula_empty", where=where)
    return _Parser(text, where).parse()


def to_expr(node: Node, column: Callable[[str], pl.Expr]) -> pl.Expr:
    """The formula as a polars expression over number columns (`column(name)`)."""
    if node.kind == "number":
        return pl.lit(node.value, dtype=pl.Float64)
    if node.kind == "column":
        return column(node.name)
    if node.kind == "neg":
        return -to_expr(node.operands[0], column)
    left, right = (to_expr(o, column) for o in node.operands)
    if node.kind == "+":
        return left + right
    if node.kind == "-":
        return left - right
    if node.kind == "*":
        return left * right
    return pl.when(right != 0).then(left / right)
