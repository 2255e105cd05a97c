"""Evaluations that run the pipeline's stages over gold corpora: above the stages, beside the CLI."""
