"""Reading ledgers: file formats (spreadsheet, CSV, TOTEM, PES, balance), header recognition, value parsing, checks."""
