//! The console diagnostics go to (`src/cli/console.rs`): colour only on a terminal
//! and without `NO_COLOR`; ASCII art where the terminal is not UTF-8, or when
//! `PHSRULE_ASCII=1` says so. A terminal is a pseudo-terminal from util-linux's
//! `script`, as in an interactive shell.

use std::path::{Path, PathBuf};
use std::process::Command;

/// Where the rule file with a mistake is (`tests/windows/plain/broken.phs`).
fn plain_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/windows/plain")
}

/// The variables that decide colour and characters; each run sets its own.
const CONSOLE_VARS: [&str; 6] = [
    "NO_COLOR",
    "PHSRULE_ASCII",
    "LC_ALL",
    "LC_CTYPE",
    "LANG",
    "TERM",
];

fn command(program: &str, env: &[(&str, &str)]) -> Command {
    let mut cmd = Command::new(program);
    cmd.current_dir(plain_dir());
    for var in CONSOLE_VARS {
        cmd.env_remove(var);
    }
    cmd.env("TERM", "xterm-256color");
    cmd.envs(env.iter().copied());
    cmd
}

/// stderr of `phsrule args` with its output captured (not a terminal).
fn redirected(args: &[&str], env: &[(&str, &str)]) -> String {
    let out = command(env!("CARGO_BIN_EXE_phsrule"), env)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("cannot run phsrule: {e}"));
    String::from_utf8(out.stderr).unwrap()
}

/// Everything `phsrule args` shows on a terminal (stdout and stderr together).
fn on_terminal(args: &[&str], env: &[(&str, &str)]) -> String {
    let line = std::iter::once(env!("CARGO_BIN_EXE_phsrule"))
        .chain(args.iter().copied())
        .map(|a| format!("'{a}'"))
        .collect::<Vec<_>>()
        .join(" ");
    let out = command("script", env)
        .args(["--quiet", "--return", "--command", &line, "/dev/null"])
        .output()
        .unwrap_or_else(|e| panic!("cannot run util-linux's `script` for a terminal: {e}"));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("pasword_sync") || text.contains("Summary"),
        "{text}"
    );
    text
}

const ESC: char = '\u{1b}';
/// What miette draws with in Unicode (`×` marks an error).
const BOX_DRAWING: [char; 6] = ['╭', '─', '│', '·', '╰', '×'];
const UTF8: (&str, &str) = ("LANG", "C.UTF-8");

#[test]
fn redirected_diagnostics_have_no_escape_codes_and_stay_unicode() {
    let text = redirected(&["validate", "broken.phs"], &[UTF8]);
    assert!(!text.contains(ESC), "{text}");
    assert!(text.contains("╭─[broken.phs:6:10]"), "{text}");
    // Whatever the locale: output to a file or a pipe is UTF-8.
    let text = redirected(&["validate", "broken.phs"], &[("LANG", "C")]);
    assert!(text.contains("╭─[broken.phs:6:10]"), "{text}");
}

#[test]
fn a_terminal_gets_colour_unless_no_color_is_set() {
    let coloured = on_terminal(&["validate", "broken.phs"], &[UTF8]);
    assert!(coloured.contains(ESC), "{coloured}");
    // NO_COLOR, any value but the empty string (https://no-color.org).
    let plain = on_terminal(&["validate", "broken.phs"], &[UTF8, ("NO_COLOR", "1")]);
    assert!(!plain.contains(ESC), "{plain}");
    assert!(plain.contains("╭─[broken.phs:6:10]"), "{plain}");
    let empty = on_terminal(&["validate", "broken.phs"], &[UTF8, ("NO_COLOR", "")]);
    assert!(empty.contains(ESC), "{empty}");
}

#[test]
fn reports_on_a_terminal_are_never_coloured() {
    let report = on_terminal(&["check", "--rules", "pack", "srv01.yaml"], &[UTF8]);
    assert!(report.contains("[FAIL] PHS011"), "{report}");
    assert!(!report.contains(ESC), "{report}");
}

#[test]
fn a_terminal_whose_locale_is_not_utf8_gets_ascii_art() {
    for locale in [
        [("LANG", "de_DE.ISO-8859-1")],
        [("LANG", "C")],
        [("LC_ALL", "en_US")],
    ] {
        let text = on_terminal(&["validate", "broken.phs"], &[locale[0], ("NO_COLOR", "1")]);
        assert!(text.contains(",-[broken.phs:6:10]"), "{locale:?}: {text}");
        assert!(!text.contains(BOX_DRAWING), "{locale:?}: {text}");
    }
    // LC_ALL wins over LANG, and the Linux text console has no rounded corners.
    let env = [("LANG", "C"), ("LC_ALL", "de_DE.UTF-8"), ("NO_COLOR", "1")];
    assert!(on_terminal(&["validate", "broken.phs"], &env).contains("╭─"));
    let env = [UTF8, ("TERM", "linux"), ("NO_COLOR", "1")];
    assert!(on_terminal(&["validate", "broken.phs"], &env).contains(",-["));
}

#[test]
fn phsrule_ascii_forces_ascii_art_or_unicode() {
    let ascii = redirected(&["validate", "broken.phs"], &[UTF8, ("PHSRULE_ASCII", "1")]);
    // The file's own `ü` in the quoted line stays: it is the user's text.
    insta::assert_snapshot!(ascii);
    let env = [("LANG", "C"), ("PHSRULE_ASCII", "0"), ("NO_COLOR", "1")];
    let unicode = on_terminal(&["validate", "broken.phs"], &env);
    assert!(unicode.contains("╭─[broken.phs:6:10]"), "{unicode}");
    let env = [UTF8, ("PHSRULE_ASCII", "1")];
    let coloured_ascii = on_terminal(&["validate", "broken.phs"], &env);
    assert!(coloured_ascii.contains(ESC) && coloured_ascii.contains(",-["));
}
