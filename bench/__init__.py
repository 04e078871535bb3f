"""Developer benchmarks: synthetic corpora, speed and memory figures (see bench/RESULTS.md)."""
