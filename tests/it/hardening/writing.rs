//! Writes are atomic, `import -o` never writes into its export, and errors
//! writing stdout or stderr are errors (a closed pipe is not).

use super::{copy_export, ORG_RULE, TRIMMED_EXPORT};
use crate::common::Scratch;
use crate::limits::refused_in;
use std::path::Path;
use std::process::{Command, Stdio};

/// Run the binary through `bash -c` (for redirections the test harness cannot
/// make); returns (exit code, stderr).
fn shell(script: &str) -> (i32, String) {
    let out = Command::new("bash")
        .arg("-c")
        .arg(script)
        .env("PHSRULE", env!("CARGO_BIN_EXE_phsrule"))
        .env("NO_COLOR", "1")
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdin(Stdio::null())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    (out.status.code().unwrap_or(-1), stderr)
}

#[cfg(target_os = "linux")]
#[test]
fn a_report_that_cannot_be_written_is_exit_2_not_0() {
    // JSON is written as it is serialized, the others as each report is rendered.
    for format in ["human", "json", "markdown", "junit", "sarif"] {
        let (code, stderr) = shell(&format!(
            "\"$PHSRULE\" check --format {format} examples/facts/healthy.yaml > /dev/full"
        ));
        assert_eq!(code, 2, "{format}: {stderr}");
        assert!(
            stderr.contains("cannot write the output"),
            "{format}: {stderr}"
        );
    }
}

#[test]
fn a_closed_stdout_pipe_is_a_quiet_success() {
    // Forty verbose reports, far more than a pipe holds: the reader has stopped
    // long before phsrule's last write.
    let files = "examples/facts/healthy.yaml ".repeat(40);
    for format in ["human", "json"] {
        let (code, stderr) = shell(&format!(
            "set -o pipefail; \"$PHSRULE\" check --verbose --format {format} {files} | head -c 1 >/dev/null"
        ));
        assert_eq!(code, 0, "{format}: {stderr}");
        assert!(stderr.is_empty(), "{format}: {stderr}");
    }
}

#[test]
fn a_closed_stderr_does_not_abort() {
    let tmp = Scratch::new("closed-stderr");
    // Fifty problems in one file: many messages for a stderr nobody reads.
    let mut text = String::from("format: phs-facts/1\n");
    for i in 0..60 {
        text.push_str(&format!("unknown_{i}: 1\n"));
    }
    tmp.write("bad.yaml", text);
    // stderr is a pipe whose reader (`true`) has exited before phsrule starts
    // (the sleep orders the two; nothing is timed): every write fails with
    // EPIPE, which `eprint!` turned into a panic inside the panic hook (134).
    let script = format!(
        "set -o pipefail; {{ sleep 0.5; \"$PHSRULE\" check {}/bad.yaml; }} 2>&1 >/dev/null | true",
        tmp.path()
    );
    let (code, _) = shell(&script);
    assert_eq!(code, 2);
}

#[test]
fn import_refuses_to_write_into_the_export_it_reads() {
    let tmp = Scratch::new("import-into-export");
    let export = copy_export(&tmp);
    let run = refused_in(
        &tmp,
        &[
            "import",
            "--config",
            "export",
            "-o",
            "export/Connectors/facts.yaml",
        ],
        "phs::import::output-in-export",
    );
    assert!(
        run.stderr.contains("export/Connectors/facts.yaml"),
        "{}",
        run.stderr
    );
    assert!(!export.join("Connectors/facts.yaml").exists());
}

#[cfg(unix)]
#[test]
fn fmt_and_import_replace_a_file_by_renaming_a_complete_copy() {
    use std::os::unix::fs::MetadataExt;
    let tmp = Scratch::new("atomic");
    let unformatted = ORG_RULE.replace("severity info", "severity   info");
    let rule = tmp.write("org.phs", &unformatted);
    let before = std::fs::metadata(&rule).unwrap().ino();
    let run = tmp.phsrule(&["fmt", "org.phs"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    // A new inode: the old file was never truncated and rewritten in place.
    assert_ne!(std::fs::metadata(&rule).unwrap().ino(), before);
    assert_eq!(std::fs::read_to_string(&rule).unwrap(), ORG_RULE);
    // import -o over an existing file, the same way.
    let export = Path::new(env!("CARGO_MANIFEST_DIR")).join(TRIMMED_EXPORT);
    let out = tmp.write("facts.yaml", "old facts\n");
    let before = std::fs::metadata(&out).unwrap().ino();
    let run = tmp.phsrule(&[
        "import",
        "--config",
        &export.display().to_string(),
        "-o",
        "facts.yaml",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_ne!(std::fs::metadata(&out).unwrap().ino(), before);
    // No temporary file is left behind.
    let names: Vec<String> = std::fs::read_dir(&tmp.dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(names.iter().all(|n| !n.ends_with(".tmp")), "{names:?}");
}

#[test]
fn fmt_keeps_a_byte_order_mark_and_crlf_line_ends() {
    let tmp = Scratch::new("crlf");
    let crlf = format!(
        "\u{feff}{}",
        ORG_RULE
            .replace("severity info", "severity   info")
            .replace('\n', "\r\n")
    );
    let rule = tmp.write("org.phs", &crlf);
    let run = tmp.phsrule(&["validate", "org.phs"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let run = tmp.phsrule(&["fmt", "org.phs"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let expected = format!("\u{feff}{}", ORG_RULE.replace('\n', "\r\n"));
    assert_eq!(std::fs::read_to_string(&rule).unwrap(), expected);
    let run = tmp.phsrule(&["fmt", "--check", "org.phs"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
}
