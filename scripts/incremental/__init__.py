"""Builds that keep their output between runs and do again only what a change asks for."""
