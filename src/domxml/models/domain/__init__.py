"""Domains (libvirt's formatdomain)."""

from domxml.models.domain.domain import Domain

__all__ = ["Domain"]
