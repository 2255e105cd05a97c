"""The gazetteer: a local SQLite store of places and their names, its builders and importers, and
the resolver that turns place mentions into coordinates, admin areas and a geo_precision."""
