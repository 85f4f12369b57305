//! The one integration-test binary: every module drives the real `phsrule` binary
//! or the library on files under `tests/` and `examples/`.

mod common;
mod corpus;
mod docs;
