"""Helpers for driving dxqa from outside: the tests, the benchmarks (bench/) and the README
screenshots (docs/) share them. Product code never imports this package."""
