//! The limits that keep hostile or broken input from exhausting memory, stack or
//! time. Each has its own error message naming it; `docs/reliability.md` lists them.

/// Largest rule file read, in bytes.
pub const MAX_RULE_FILE_BYTES: usize = 4 * 1024 * 1024;
/// Deepest bracket nesting in a rule file.
pub const MAX_NESTING: usize = 64;
/// Most operators in one expression.
pub const MAX_EXPR_OPERATORS: usize = 2_000;
/// Most rules loaded in one run.
pub const MAX_RULES: usize = 10_000;
/// Largest facts file read as text, in bytes: YAML, UTF-16, a pipe, a `.json`
/// file with a problem (read again for its diagnostics), test and base facts
/// files. Not a guard against size (the guards bound the work per byte and
/// nesting, so a large honest file is checked) but the reach of a [`Span`]: its
/// offsets are `u32`, so a text past 4 GiB could not be pointed into. A clean
/// UTF-8 `.json` facts file of 256 MiB or more is streamed
/// (`cli::load::load_facts_file`) and has
/// no size limit.
///
/// [`Span`]: crate::source::Span
pub const MAX_FACTS_BYTES: u64 = u32::MAX as u64;
/// Deepest nesting of lists and maps in a facts file.
pub const MAX_FACTS_DEPTH: usize = 64;
/// Most YAML nodes that aliases may expand to, in total, in one facts file.
pub const MAX_ALIAS_EXPANSION: usize = 100_000;
/// Most bytes of scalar text that aliases may expand to, in total, in one YAML
/// file: with [`MAX_ALIAS_EXPANSION`], the one budget of every YAML file read
/// (facts, `import --base`, `*.test.yaml` and their `base:` files).
pub const MAX_ALIAS_EXPANSION_BYTES: usize = 16 * 1024 * 1024;
/// Longest string value in a facts file, in bytes.
pub const MAX_STRING_BYTES: usize = 1024 * 1024;
/// Most problems reported for one facts file before the loader stops.
pub const MAX_FACTS_ERRORS: usize = 50;
/// Evaluation steps any facts file may use: every expression evaluated counts one,
/// and building a string one more per 64 bytes. Bounds the time that rules nesting
/// quantifiers over long lists can take.
pub const MAX_EVAL_STEPS: u64 = 10_000_000;
/// More evaluation steps allowed per value in the facts file, per rule: work that
/// grows with the facts is fine, work that grows with their square is not.
pub const EVAL_STEPS_PER_FACT_PER_RULE: u64 = 100;
/// Outcomes (a rule at one binding) any facts file may produce. With
/// [`OUTCOMES_PER_FACT`], bounds the memory and the report of rules with many
/// nested bindings (`for a in events, b in events`) while a large honest file,
/// whose rules bind each fact a few times at most, always fits.
pub const OUTCOMES_BASE: usize = 1_000_000;
/// More outcomes allowed per value in the facts file: an honest rule binds each
/// value once at most, a rule pairing every value with every other does not.
pub const OUTCOMES_PER_FACT: usize = 1;
/// Bytes of text (binding labels, messages, remediations) the outcomes of any facts
/// file may hold. With [`REPORT_BYTES_PER_FACT`], bounds the memory of rules that
/// bind very long names many times.
pub const REPORT_BYTES_BASE: usize = 256 * 1024 * 1024;
/// More bytes of outcome text allowed per value in the facts file.
pub const REPORT_BYTES_PER_FACT: usize = 256;
