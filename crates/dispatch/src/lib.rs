//! Predicts what a signature-driven dispatcher does with a handler and a JSON payload.
