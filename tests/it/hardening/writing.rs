//! Writes are atomic and write errors are errors.
