"""Running the pipeline at scale: on a Ray cluster (optional extra ``sitrep[ray]``), and loading
the Parquet partitions a cluster run writes into the store.

The single-machine path (:func:`sitrep.pipeline.extract_documents` with worker processes) needs
none of this; everything here imports Ray lazily and says how to install it where it is missing.
"""
from enum import Enum


class Engine(str, Enum):
    """Where ``sitrep ingest`` runs extraction."""

    local = "local"  # worker processes on this machine (sitrep.pipeline.extract_documents)
    ray = "ray"  # actors on a Ray cluster (sitrep.scale.ray_engine)
