"""``meta.toml``: what the regulation is (title, issuer, status, dates, base policies)."""

from __future__ import annotations

from assistant.package.base import PackageModel


class PackageMeta(PackageModel):
    id: str
    title: str
    short_title: str  # how answers name it: 《管理办法》
    issuer: str = ""
    status: str = ""  # e.g. "draft for comments"
    date: str = ""
    primary: bool = False
    bases: list[str] = []  # the policies the text is based on
