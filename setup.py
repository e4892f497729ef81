"""Packages are found at build time; the rule packs in rules/ ship as factcheck._rules."""

from setuptools import find_packages, setup

setup(
    packages=find_packages(include=["factcheck", "factcheck.*"]) + ["factcheck._rules"],
    package_dir={"factcheck._rules": "rules"},
)
