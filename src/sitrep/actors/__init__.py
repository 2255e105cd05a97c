"""The actor and source knowledge base (data in ``data/``), its resolver and its CLI."""
from sitrep.actors.kb import Actor, KnowledgeBase, Source, knowledge_base

__all__ = ["Actor", "KnowledgeBase", "Source", "knowledge_base"]
