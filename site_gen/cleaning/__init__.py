"""Cleaning rules, one module per noise family; ``site_gen.clean`` orders them in a registry."""
