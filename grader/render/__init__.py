"""Renderers turn verdicts (and exercises) into text. They never grade."""
