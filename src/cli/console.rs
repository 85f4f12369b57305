//! The console that diagnostics go to: whether they may be coloured, and whether
//! it shows the box-drawing characters miette draws with or needs ASCII art.
//!
//! - Colour only when stderr is a terminal, `NO_COLOR` is unset or empty
//!   (<https://no-color.org>), and, on Windows, the console accepts ANSI escape
//!   sequences (virtual terminal processing could be switched on).
//! - ASCII art when `PHSRULE_ASCII` says so (`1`: always, `0`: never), else where
//!   the console is not UTF-8: on Windows, a console output code page other than
//!   65001 (850, 437, 1252 ... in a legacy `conhost` window, and what PowerShell
//!   decodes a captured `2>&1` with); elsewhere, a terminal whose locale
//!   (`LC_ALL`, `LC_CTYPE`, `LANG`) names no UTF-8 character set, or the Linux
//!   text console (`TERM=linux`). Output to a file or a pipe stays UTF-8.

use crate::diag::Style;
use std::io::IsTerminal;

/// The environment variable that forces ASCII art (`1`) or Unicode (`0`).
pub const ASCII_VAR: &str = "PHSRULE_ASCII";

/// How diagnostics on stderr are drawn.
pub fn stderr_style() -> Style {
    Style {
        color: stderr_color(),
        ascii: ascii_only(),
    }
}

/// Whether diagnostics on stderr may use colour.
fn stderr_color() -> bool {
    std::io::stderr().is_terminal() && !no_color() && platform::enable_ansi_on_stderr()
}

/// `NO_COLOR` present and not empty, whatever its value.
fn no_color() -> bool {
    std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty())
}

/// Whether to draw with ASCII only.
fn ascii_only() -> bool {
    match std::env::var_os(ASCII_VAR) {
        Some(v) if v == "0" => false,
        Some(v) if !v.is_empty() => true,
        _ => !platform::console_is_utf8(),
    }
}

#[cfg(windows)]
mod platform {
    use std::os::windows::io::AsRawHandle;
    use windows_sys::Win32::System::Console::{
        GetConsoleMode, GetConsoleOutputCP, SetConsoleMode, CONSOLE_MODE,
        ENABLE_VIRTUAL_TERMINAL_PROCESSING,
    };

    /// The UTF-8 code page.
    const CP_UTF8: u32 = 65001;

    /// The console's output code page is UTF-8, or there is no console (output
    /// to a file or a pipe of a process without one: UTF-8 is right there).
    pub fn console_is_utf8() -> bool {
        // SAFETY: no arguments; returns 0 when the process has no console.
        let cp = unsafe { GetConsoleOutputCP() };
        cp == 0 || cp == CP_UTF8
    }

    /// Switch on ANSI escape sequences for stderr's console; false if it is no
    /// console or refuses (a legacy console before Windows 10).
    pub fn enable_ansi_on_stderr() -> bool {
        let handle = std::io::stderr().as_raw_handle();
        if handle.is_null() {
            return false;
        }
        let mut mode: CONSOLE_MODE = 0;
        // SAFETY: `handle` is this process's stderr handle, `mode` a valid
        // out-pointer; both calls fail cleanly (0) on a handle that is no console.
        unsafe {
            GetConsoleMode(handle, &mut mode) != 0
                && (mode & ENABLE_VIRTUAL_TERMINAL_PROCESSING != 0
                    || SetConsoleMode(handle, mode | ENABLE_VIRTUAL_TERMINAL_PROCESSING) != 0)
        }
    }
}

#[cfg(not(windows))]
mod platform {
    use std::io::IsTerminal;

    /// A file or a pipe takes UTF-8; a terminal, if its locale says so.
    pub fn console_is_utf8() -> bool {
        if !std::io::stderr().is_terminal() {
            return true;
        }
        if std::env::var_os("TERM").is_some_and(|t| t == "linux") {
            return false;
        }
        let locale = ["LC_ALL", "LC_CTYPE", "LANG"]
            .iter()
            .find_map(|k| std::env::var(k).ok().filter(|v| !v.is_empty()));
        locale.is_some_and(|l| locale_is_utf8(&l))
    }

    /// Whether a locale name (`de_DE.UTF-8`, `C`, `en_US.ISO-8859-1`) has a
    /// UTF-8 character set.
    pub(super) fn locale_is_utf8(locale: &str) -> bool {
        let charset = locale
            .split_once('.')
            .map_or("", |(_, rest)| rest.split('@').next().unwrap_or_default());
        charset.eq_ignore_ascii_case("utf-8") || charset.eq_ignore_ascii_case("utf8")
    }

    /// Terminals outside Windows take ANSI escape sequences as they are.
    pub fn enable_ansi_on_stderr() -> bool {
        true
    }
}

#[cfg(all(test, not(windows)))]
mod tests {
    use super::platform::locale_is_utf8;

    #[test]
    fn only_a_utf8_character_set_is_utf8() {
        assert!(locale_is_utf8("de_DE.UTF-8"));
        assert!(locale_is_utf8("C.utf8"));
        assert!(locale_is_utf8("sr_RS.UTF-8@latin"));
        assert!(!locale_is_utf8("C"));
        assert!(!locale_is_utf8("POSIX"));
        assert!(!locale_is_utf8("en_US"));
        assert!(!locale_is_utf8("en_US.ISO-8859-1"));
        assert!(!locale_is_utf8(""));
    }
}
