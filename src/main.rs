//! The `phsrule` binary: parse arguments, run the command, map the result to an
//! exit code. Any panic is turned into a clear internal-error message (exit 3).

use clap::Parser;
use phsrule::cli::{exit, run, Cli};
use std::process::ExitCode;

fn main() -> ExitCode {
    std::panic::set_hook(Box::new(|info| {
        // Never `eprintln!` here: a closed stderr would panic inside the hook and
        // abort the process.
        use std::io::Write;
        let _ = writeln!(
            std::io::stderr(),
            "phsrule: internal error: {info}\n\
             This is a bug in phsrule, not a problem with your files. Please report it at \
             the project's issue tracker with the command line and, if you can share them, \
             the rule and facts files."
        );
    }));
    let cli = Cli::parse();
    // Deep but bounded recursion over rules and facts gets a generous stack.
    let worker = std::thread::Builder::new()
        .stack_size(64 * 1024 * 1024)
        .spawn(move || {
            // A hidden switch for the tests of this very path: panic where a bug would.
            if std::env::var_os("PHSRULE_TEST_PANIC").is_some_and(|v| v == "1") {
                panic!("PHSRULE_TEST_PANIC is set");
            }
            run(cli)
        });
    let code = match worker.map(|h| h.join()) {
        Ok(Ok(code)) => code,
        _ => exit::INTERNAL,
    };
    ExitCode::from(code)
}
