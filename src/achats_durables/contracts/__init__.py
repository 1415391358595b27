"""Reading contracts: registers (xlsx/csv) and DECP JSON, into one contract table used by the footprint and the clauses."""
