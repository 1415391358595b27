"""Clause coverage of contracts: social, environmental, climate (loi Climat), SPASER targets."""
