"""The figures of the benchmark, each measured with its floor in the same run."""
