"""Notebook 06: the pressure-balance model, its figures and its panel."""
