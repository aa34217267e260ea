//! Predicts whether classes conform to the Protocols in the same source, statically and at runtime.
