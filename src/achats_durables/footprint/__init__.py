"""The carbon footprint engine: compute, aggregate, explain, report types."""
