//! Diagnostics: what every stage reports about its input, rendered once at the edge.
//!
//! Stages build [`Diagnostic`] values that carry spans, never pre-rendered text;
//! [`render`] turns them into miette's graphical output (file, line, caret, help).

mod snippet;
mod visible;

pub use visible::{clipped, shown_as, visible};

use crate::source::{Sources, Span};
use miette::{GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteDiagnostic, NamedSource};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Level {
    /// More about the diagnostic before it, in another file.
    Note,
    Warning,
    Error,
}

/// A label on a span saying what is wrong there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label {
    pub span: Span,
    pub text: String,
}

/// One problem found in a rule file or a facts file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub level: Level,
    /// A stable code such as `phs::unknown-field`, for docs and tests.
    pub code: &'static str,
    pub message: String,
    pub labels: Vec<Label>,
    pub help: Option<String>,
}

impl Diagnostic {
    pub fn error(code: &'static str, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            level: Level::Error,
            code,
            message: message.into(),
            labels: Vec::new(),
            help: None,
        }
    }

    pub fn warning(code: &'static str, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            level: Level::Warning,
            ..Diagnostic::error(code, message)
        }
    }

    pub fn label(mut self, span: Span, text: impl Into<String>) -> Diagnostic {
        self.labels.push(Label {
            span,
            text: text.into(),
        });
        self
    }

    pub fn help(mut self, help: impl Into<String>) -> Diagnostic {
        self.help = Some(help.into());
        self
    }

    /// An internal error (`phs::internal`, exit 3): a shape phsrule's own
    /// invariants rule out, met anyway. The help asks for a report with
    /// `report_with`, what a maintainer needs to reproduce it.
    pub fn internal(message: impl Into<String>, report_with: &str) -> Diagnostic {
        Diagnostic::error("phs::internal", message).help(format!(
            "this is a bug in phsrule; please report it with {report_with}"
        ))
    }

    /// Whether this is an internal error (`phs::internal`): a bug in phsrule, not
    /// in the input. The command line exits with code 3 when it prints one.
    pub fn is_internal(&self) -> bool {
        self.code == "phs::internal"
    }

    /// The help, where there is one, in place of any given before.
    pub fn with_help(mut self, help: Option<String>) -> Diagnostic {
        self.help = help.or(self.help);
        self
    }

    pub fn is_error(&self) -> bool {
        self.level == Level::Error
    }
}

/// Order diagnostics by file and position, errors of one place before warnings.
pub fn sort(diags: &mut [Diagnostic]) {
    diags.sort_by_key(|d| d.labels.first().map(|l| (l.span.file, l.span.start)));
}

/// True when any diagnostic is an error (warnings do not stop a run).
pub fn has_errors(diags: &[Diagnostic]) -> bool {
    diags.iter().any(Diagnostic::is_error)
}

/// How [`render`] draws: the caller (the command line) knows the terminal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Style {
    /// ANSI colours.
    pub color: bool,
    /// ASCII art instead of box-drawing characters, and ASCII punctuation in
    /// phsrule's own words, for a console that is not UTF-8.
    pub ascii: bool,
}

/// Render diagnostics as text ready for stderr, drawn in `style`.
pub fn render(sources: &Sources, diags: &[Diagnostic], style: Style) -> String {
    let theme = match (style.color, style.ascii) {
        (true, false) => GraphicalTheme::unicode(),
        (false, false) => GraphicalTheme::unicode_nocolor(),
        (true, true) => GraphicalTheme::ascii(),
        (false, true) => GraphicalTheme::none(),
    };
    let handler = GraphicalReportHandler::new_themed(theme)
        .with_width(100)
        .with_links(false);
    let mut out = String::new();
    for diag in diags {
        for part in split_by_file(diag) {
            let part = if style.ascii { to_ascii(part) } else { part };
            let rendered = to_miette(sources, &part);
            let mut text = String::new();
            if handler.render_report(&mut text, rendered.as_ref()).is_err() {
                text = format!("{}: {}\n", part.code, visible(&part.message));
            }
            out.push_str(&text);
        }
    }
    out
}

/// The non-ASCII punctuation of phsrule's own messages (`…` where a quoted value
/// is cut, `→` in a cycle), in ASCII. Other characters, from names and values in
/// the files, are left as they are.
fn to_ascii(mut diag: Diagnostic) -> Diagnostic {
    fn fold(text: &str) -> String {
        text.replace('…', "...").replace('→', "->")
    }
    diag.message = fold(&diag.message);
    diag.help = diag.help.as_deref().map(fold);
    for label in &mut diag.labels {
        label.text = fold(&label.text);
    }
    diag
}

/// A diagnostic whose labels point into several files becomes one diagnostic per
/// file: the first keeps the message, the others are notes ("first rule: here").
fn split_by_file(diag: &Diagnostic) -> Vec<Diagnostic> {
    let Some(first) = diag.labels.first().map(|l| l.span.file) else {
        return vec![diag.clone()];
    };
    let mut main = diag.clone();
    main.labels.retain(|l| l.span.file == first);
    let mut out = vec![main];
    for label in diag.labels.iter().filter(|l| l.span.file != first) {
        out.push(Diagnostic {
            level: Level::Note,
            ..Diagnostic::error(diag.code, label.text.clone()).label(label.span, "here")
        });
    }
    out
}

fn to_miette(sources: &Sources, diag: &Diagnostic) -> miette::Report {
    let severity = match diag.level {
        Level::Error => miette::Severity::Error,
        Level::Warning => miette::Severity::Warning,
        Level::Note => miette::Severity::Advice,
    };
    // Messages quote names and values from files: shown, never acted on.
    let mut report = MietteDiagnostic::new(visible(&diag.message).into_owned())
        .with_code(diag.code)
        .with_severity(severity);
    if let Some(help) = &diag.help {
        report = report.with_help(visible(help).into_owned());
    }
    let spans: Vec<(usize, usize)> = diag
        .labels
        .iter()
        .map(|l| (l.span.start as usize, l.span.end as usize))
        .collect();
    let with_labels = |report: MietteDiagnostic, spans: &[(usize, usize)]| {
        let labels = diag.labels.iter().zip(spans).map(|(l, (start, end))| {
            let text = (!l.text.is_empty()).then(|| visible(&l.text).into_owned());
            LabeledSpan::new(text, *start, end.saturating_sub(*start))
        });
        report.with_labels(labels)
    };
    match diag.labels.first().and_then(|l| sources.get(l.span.file)) {
        // Long lines are clipped around the labels, control characters shown.
        Some(src) if snippet::needs_snippet(&src.text, &spans) => {
            let (clipped, moved) = snippet::Snippet::new(&visible(&src.name), &src.text, &spans);
            miette::Report::new(with_labels(report, &moved)).with_source_code(clipped)
        }
        Some(src) => {
            let named = NamedSource::new(visible(&src.name), src.text.clone()).with_language("phs");
            miette::Report::new(with_labels(report, &spans)).with_source_code(named)
        }
        None => miette::Report::new(with_labels(report, &spans)),
    }
}

/// The closest of `candidates` to `name`, when it is close enough to suggest.
pub fn did_you_mean<'a>(
    name: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let lower = name.to_lowercase();
    candidates
        .into_iter()
        .map(|c| (strsim::levenshtein(&lower, &c.to_lowercase()), c))
        .filter(|(d, c)| *d <= (c.chars().count().max(name.chars().count()) / 3).max(1))
        .min_by_key(|(d, c)| (*d, *c))
        .map(|(_, c)| c)
}

/// `help` text for an unknown name: "did you mean `x`?" or `None`.
pub fn suggestion<'a>(name: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<String> {
    did_you_mean(name, candidates).map(|c| format!("did you mean `{c}`?"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggestions_count_edits_in_characters() {
        // One edit in characters; two in bytes, too many for a five-letter name.
        assert_eq!(did_you_mean("échec", ["echec"]), Some("echec"));
        assert_eq!(did_you_mean("ab", ["xy"]), None);
    }

    #[test]
    fn suggests_close_names_only() {
        let names = ["password_sync", "password_sync_target", "reachable"];
        assert_eq!(did_you_mean("pasword_sync", names), Some("password_sync"));
        assert_eq!(did_you_mean("zzz", names), None);
    }
}
