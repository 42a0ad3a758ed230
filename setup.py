"""Packaging shim. pyproject.toml holds the configuration; this file adds the
one thing it cannot say: the package list = every package under zsdesk/
(found, so a new sub-package is never left out of a wheel) plus the top-level
resources/ folder installed as the package ``zsdesk_resources`` (fonts, icons,
translations, templates; see zsdesk/resources.py), with its sub-folders."""

from setuptools import find_namespace_packages, setup

NOT_PACKAGES = ["*.__pycache__", "__pycache__"]

setup(
    packages=[
        *find_namespace_packages(include=["zsdesk", "zsdesk.*"], exclude=NOT_PACKAGES),
        "zsdesk_resources",
        *(f"zsdesk_resources.{sub}" for sub in find_namespace_packages(where="resources", exclude=NOT_PACKAGES)),
    ],
    package_dir={"zsdesk_resources": "resources"},
)
