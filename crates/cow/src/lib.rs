//! Simulates copy-on-write memory of forked CPython workers, with and without gc.freeze().
