//! The one integration-test binary: every module drives the real `phsrule` binary
//! or the library on files under `tests/` and `examples/`.

mod authoring;
mod collect;
mod common;
mod console;
mod corpus;
mod docs;
mod examples;
mod fmt;
mod hardening;
mod import;
mod import_events;
mod limits;
mod properties;
mod redact;
mod reuse;
mod schema;
mod selection;
mod windows_files;
