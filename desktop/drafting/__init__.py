"""Drafting: participants of a release and the templates that turn a form into a draft."""
