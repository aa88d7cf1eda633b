"""Gongkai: a static site generator for budget-performance disclosure."""
