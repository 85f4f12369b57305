//! Files as Windows writes them (`tests/windows/`, see its README): UTF-8 with a
//! byte order mark, UTF-16 LE and BE with one, CRLF, and the ANSI code page. Each
//! is read as the text it is: the same report, diagnostics, tests and formatting
//! as its UTF-8 LF original in `tests/windows/plain/`, byte for byte.

use crate::common::{phsrule, phsrule_in, Run, Scratch};
use phsrule::encoding::{decode, encode, Encoding, Layout, LineEnd};
use std::path::{Path, PathBuf};

/// The folders written by a PowerShell command that phsrule reads in full, with
/// the layout of every file in them.
const READABLE: [(&str, Encoding); 3] = [
    ("out-file", Encoding::Utf16Le),
    ("out-file-utf8", Encoding::Utf8Bom),
    ("big-endian", Encoding::Utf16Be),
];

fn windows_dir(variant: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/windows")
        .join(variant)
}

/// Run `args` in `variant`'s folder and in `plain/`; both runs must be the same,
/// byte for byte. Returns the run, for what it must also say.
fn same_as_plain(variant: &str, args: &[&str]) -> Run {
    let plain = phsrule_in(&windows_dir("plain"), args);
    let run = phsrule_in(&windows_dir(variant), args);
    assert_eq!(run.stdout, plain.stdout, "{variant}: stdout of {args:?}");
    assert_eq!(run.stderr, plain.stderr, "{variant}: stderr of {args:?}");
    assert_eq!(run.code, plain.code, "{variant}: exit code of {args:?}");
    run
}

#[test]
fn facts_and_rules_written_by_powershell_give_the_plain_report_in_every_format() {
    for (variant, _) in READABLE {
        for format in ["human", "json", "markdown", "junit", "sarif"] {
            let args = ["check", "--rules", "pack", "--format", format, "srv01.yaml"];
            let run = same_as_plain(variant, &args);
            assert_eq!(
                run.code, 1,
                "{variant} {format}: PHS011 fires\n{}",
                run.stderr
            );
            assert!(
                run.stdout.contains("Zoë Müller"),
                "{variant} {format}: the name as it is\n{}",
                run.stdout
            );
            assert!(
                run.stdout.contains("BR001"),
                "{variant} {format}: the pack's rule"
            );
        }
    }
}

#[test]
fn packs_written_by_powershell_validate_test_and_are_formatted() {
    for (variant, _) in READABLE {
        let run = same_as_plain(variant, &["validate", "pack"]);
        assert_eq!(run.code, 0, "{variant}: {}", run.stderr);
        let run = same_as_plain(variant, &["test", "pack"]);
        assert_eq!(run.code, 0, "{variant}: {}{}", run.stdout, run.stderr);
        assert!(run.stdout.contains("1 passed, 0 failed"), "{}", run.stdout);
        // CRLF, a byte order mark or UTF-16 is not a formatting difference.
        let run = same_as_plain(variant, &["fmt", "--check", "pack", "broken.phs"]);
        assert_eq!(run.code, 0, "{variant}: {}{}", run.stdout, run.stderr);
    }
}

#[test]
fn diagnostics_name_the_same_line_and_column_in_every_encoding() {
    for (variant, _) in READABLE {
        let run = same_as_plain(variant, &["check", "broken.yaml"]);
        assert_eq!(run.code, 2);
        assert!(run.stderr.contains("[broken.yaml:7:3]"), "{}", run.stderr);
        assert!(run.stderr.contains("[broken.yaml:8:17]"), "{}", run.stderr);
        let run = same_as_plain(variant, &["validate", "broken.phs"]);
        assert_eq!(run.code, 2);
        assert!(run.stderr.contains("[broken.phs:6:10]"), "{}", run.stderr);
    }
}

#[test]
fn an_ascii_pack_written_by_set_content_is_read_as_it_is() {
    let run = same_as_plain("set-content", &["validate", "pack"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let run = same_as_plain("set-content", &["fmt", "--check", "pack"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
}

#[test]
fn a_code_page_file_is_refused_with_the_place_of_its_first_foreign_byte() {
    let dir = windows_dir("set-content");
    let run = phsrule_in(&dir, &["check", "srv01.yaml"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stdout.is_empty(),
        "nothing half-printed: {}",
        run.stdout
    );
    insta::assert_snapshot!(run.stderr);
    let run = phsrule_in(&dir, &["validate", "broken.phs"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("byte 0xEB at line 1, column 6"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_configuration_export_through_out_file_imports_as_the_original() {
    let utf16 = windows_dir("out-file").join("export");
    let original = phsrule(&[
        "import",
        "--config",
        "tests/import/contoso-trimmed",
        "-o",
        "-",
    ]);
    let run = phsrule(&[
        "import",
        "--config",
        &utf16.display().to_string(),
        "-o",
        "-",
    ]);
    assert_eq!(original.code, 0, "{}", original.stderr);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout == original.stdout,
        "the UTF-16 copy imports differently: if tests/import/contoso-trimmed changed, \
         run tests/windows/make.sh\n{}",
        run.stdout
    );
    assert!(run.stdout.contains("CONTOSO-SYNC01"), "{}", run.stdout);
}

/// The bytes of the committed files are what `make.sh` (iconv) made of `plain/`,
/// and what phsrule's own encoder makes of it: two implementations agree, and
/// `plain/` was not edited without regenerating the rest.
#[test]
fn the_windows_files_are_plain_as_powershell_writes_it() {
    let plain = windows_dir("plain");
    let files = ["srv01.yaml", "broken.yaml", "broken.phs", "pack/policy.phs"];
    for (variant, encoding) in READABLE {
        for file in files.iter().chain(&["pack/tests/policy.test.yaml"]) {
            let text = read(&plain.join(file));
            let bytes = std::fs::read(windows_dir(variant).join(file)).unwrap();
            let layout = Layout {
                encoding,
                line_end: LineEnd::CrLf,
            };
            assert!(
                encode(&text, layout) == bytes,
                "tests/windows/{variant}/{file} is not plain/{file} as PowerShell writes it: \
                 run tests/windows/make.sh"
            );
            let decoded = decode(&bytes).unwrap();
            assert_eq!((decoded.text, decoded.layout), (text, layout));
        }
    }
    // The ASCII pack is the same bytes in the ANSI code page, with CRLF.
    let text = read(&plain.join("pack/policy.phs"));
    let ansi = std::fs::read(windows_dir("set-content").join("pack/policy.phs")).unwrap();
    assert_eq!(ansi, text.replace('\n', "\r\n").into_bytes());
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn fmt_rewrites_a_file_in_its_own_encoding_and_line_ends() {
    for (variant, encoding) in READABLE {
        let original = std::fs::read(windows_dir(variant).join("pack/policy.phs")).unwrap();
        let layout = Layout {
            encoding,
            line_end: LineEnd::CrLf,
        };
        let text = decode(&original).unwrap().text;
        let untidy = text.replace("  severity info", "      severity    info");
        assert_ne!(untidy, text);
        let tmp = Scratch::new("windows-fmt");
        tmp.write("policy.phs", encode(&untidy, layout));
        let run = tmp.phsrule(&["fmt", "policy.phs"]);
        assert_eq!(run.code, 0, "{variant}: {}", run.stderr);
        assert_eq!(run.stdout, "policy.phs\n");
        let rewritten = std::fs::read(tmp.dir.join("policy.phs")).unwrap();
        assert!(
            rewritten == original,
            "{variant}: fmt must give back the PowerShell file, layout and all"
        );
    }
}

#[test]
fn utf32_and_unmarked_utf16_are_refused_by_name() {
    let tmp = Scratch::new("windows-utf32");
    let mut utf32 = vec![0xff, 0xfe, 0, 0];
    utf32.extend(
        "format: phs-facts/1\n"
            .chars()
            .flat_map(|c| (c as u32).to_le_bytes()),
    );
    tmp.write("utf32.yaml", utf32);
    let run = tmp.phsrule(&["check", "utf32.yaml"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .contains("`utf32.yaml` cannot be read as text: it is UTF-32"),
        "{}",
        run.stderr
    );
    let unmarked: Vec<u8> = "rule X {}"
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    tmp.write("unmarked.phs", unmarked);
    let run = tmp.phsrule(&["validate", "unmarked.phs"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .contains("it looks like UTF-16 without a byte order"),
        "{}",
        run.stderr
    );
}
