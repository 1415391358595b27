"""Circular economy: the AGEC art. 58 declaration (décret n° 2024-134).

For each of the 17 product categories of the official declaration schema, the year's spend HT,
the spend on goods from reuse and re-use (gifts included), from gifts, and integrating recycled
material, per buyer, against the targets by year. Lines are given their category by the AGEC
category rules (:mod:`.categories`); the reuse and recycled amounts come from ledger columns,
contract flags in the register, lists of reuse suppliers, and label keywords as a weaker signal
shown apart (:mod:`.signals`); :mod:`.build` adds them up into an :class:`.report.AgecReport`, and
:mod:`.declaration` writes and checks the rows of the official CSV.
"""
