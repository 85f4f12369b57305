//! The spinner `check` shows on stderr while it works, for a person watching a
//! terminal: only when stderr is a terminal, never in CI (`CI` set), never when a
//! JSON report goes to a pipe, and only once the run has taken about a second, so
//! that quick runs and every piped or redirected run print exactly what they did.

use crate::diag::visible;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::IsTerminal;
use std::sync::mpsc;
use std::time::Duration;

/// How long a run goes before the spinner appears.
const DELAY: Duration = Duration::from_secs(1);
/// How often the spinner turns.
const TICK: Duration = Duration::from_millis(120);

/// Where the run's output goes, which decides whether to show progress.
#[derive(Debug, Clone, Copy)]
pub struct Terminal {
    pub stderr_is_terminal: bool,
    pub stdout_is_terminal: bool,
    /// The `CI` environment variable is set.
    pub in_ci: bool,
}

impl Terminal {
    pub fn of_process() -> Terminal {
        Terminal {
            stderr_is_terminal: std::io::stderr().is_terminal(),
            stdout_is_terminal: std::io::stdout().is_terminal(),
            in_ci: std::env::var_os("CI").is_some(),
        }
    }

    /// Whether a person is watching stderr, and a spinner would not mix into a
    /// machine's reading.
    pub fn shows_progress(self, json: bool) -> bool {
        let json_to_a_pipe = json && !self.stdout_is_terminal;
        self.stderr_is_terminal && !self.in_ci && !json_to_a_pipe
    }
}

/// The run's progress: a spinner with a message, or nothing at all.
pub struct Progress {
    bar: Option<ProgressBar>,
}

impl Progress {
    /// Progress of a run, hidden until [`Progress::during`] shows it; nothing at
    /// all unless `enabled`.
    pub fn new(enabled: bool) -> Progress {
        let bar = enabled.then(|| {
            let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::hidden());
            if let Ok(style) = ProgressStyle::with_template("{spinner} {elapsed} {wide_msg}") {
                bar.set_style(style);
            }
            bar
        });
        Progress { bar }
    }

    /// Say what the run is doing now. The message names files, whose names come
    /// from a customer's folders: it is shown on one line, with every character a
    /// terminal would act on made visible (`diag::visible`).
    pub fn say(&self, message: impl FnOnce() -> String) {
        if let Some(bar) = &self.bar {
            let message = message().replace(['\n', '\t'], " ");
            bar.set_message(visible(&message).into_owned());
        }
    }

    /// Run `work`, showing the spinner on stderr once it has taken [`DELAY`];
    /// the spinner is cleared before this returns.
    pub fn during<T>(&self, work: impl FnOnce() -> T) -> T {
        let Some(bar) = &self.bar else {
            return work();
        };
        let (done, finished) = mpsc::channel::<()>();
        let result = std::thread::scope(|scope| {
            scope.spawn(move || {
                if finished.recv_timeout(DELAY) == Err(mpsc::RecvTimeoutError::Timeout) {
                    bar.set_draw_target(ProgressDrawTarget::stderr());
                    bar.enable_steady_tick(TICK);
                }
            });
            let result = work();
            let _ = done.send(());
            result
        });
        bar.finish_and_clear();
        result
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const WATCHED: Terminal = Terminal {
        stderr_is_terminal: true,
        stdout_is_terminal: true,
        in_ci: false,
    };

    #[test]
    fn progress_shows_only_to_a_person_at_a_terminal() {
        assert!(WATCHED.shows_progress(false));
        assert!(WATCHED.shows_progress(true));
        let redirected = Terminal {
            stderr_is_terminal: false,
            ..WATCHED
        };
        assert!(!redirected.shows_progress(false));
        let ci = Terminal {
            in_ci: true,
            ..WATCHED
        };
        assert!(!ci.shows_progress(false));
    }

    #[test]
    fn a_json_report_to_a_pipe_has_no_progress() {
        let piped = Terminal {
            stdout_is_terminal: false,
            ..WATCHED
        };
        assert!(!piped.shows_progress(true));
        assert!(piped.shows_progress(false));
    }

    #[test]
    fn a_file_name_reaches_the_spinner_on_one_line_and_visible() {
        let progress = Progress::new(true);
        progress.say(|| "evil\u{1b}]0;title\u{7}\nname.yaml: reading the facts".to_string());
        let shown = progress.bar.as_ref().map(ProgressBar::message);
        assert_eq!(
            shown.as_deref(),
            Some("evil\u{241b}]0;title\u{2407} name.yaml: reading the facts")
        );
    }

    #[test]
    fn a_quick_run_never_shows_the_spinner() {
        let progress = Progress::new(true);
        assert_eq!(progress.during(|| 7), 7);
        assert!(progress.bar.as_ref().is_some_and(ProgressBar::is_hidden));
    }
}
