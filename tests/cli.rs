//! The `digest-render` command line.

mod common;

use std::io::Write;
use std::process::{Command, Output, Stdio};

fn run(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_digest-render"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("binary runs");
    child.stdin.take().unwrap().write_all(stdin).unwrap();
    child.wait_with_output().unwrap()
}

fn fixture_path(name: &str) -> String {
    common::fixtures_dir().join(name).display().to_string()
}

#[test]
fn json_from_a_file_from_stdin_and_from_dash_agree() {
    let path = fixture_path("inline-basic.txt");
    let text = std::fs::read(&path).unwrap();
    let from_file = run(&["json", &path], b"");
    let from_stdin = run(&["json"], &text);
    let from_dash = run(&["json", "-"], &text);
    for out in [&from_file, &from_stdin, &from_dash] {
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    assert_eq!(from_file.stdout, from_stdin.stdout);
    assert_eq!(from_file.stdout, from_dash.stdout);
    let value: serde_json::Value = serde_json::from_slice(&from_file.stdout).unwrap();
    assert_eq!(value["sections"][0]["heading"]["text"], "Key Facts");
    let compact = run(&["json", "--compact", &path], b"");
    assert_eq!(compact.stdout.iter().filter(|&&b| b == b'\n').count(), 1);
}

#[test]
fn html_prints_the_rendering() {
    let out = run(
        &["html", "--heading-level", "3"],
        "Facts - The port reopened [1]".as_bytes(),
    );
    assert!(out.status.success());
    let html = String::from_utf8(out.stdout).unwrap();
    common::check_html(html.trim_end());
    assert!(html.contains("<h3 class=\"digest-heading\">Facts</h3>"));
}

#[test]
fn text_that_is_not_utf8_is_refused_with_its_offset() {
    let out = run(&["json"], b"Facts - ok [1] \xff\xfe rest");
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("byte offset 15"), "{err}");
    assert!(out.stdout.is_empty());
}

#[test]
fn any_valid_text_exits_zero() {
    for input in [
        "",
        "   \n\t",
        "[[[[",
        "- - -",
        "\u{0}",
        "【",
        "References\n[1]",
    ] {
        for command in ["json", "html"] {
            let out = run(&[command], input.as_bytes());
            assert!(out.status.success(), "{command} {input:?}");
        }
    }
}

#[test]
fn usage_errors_say_what_is_wrong() {
    let out = run(&["yaml"], b"");
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("unknown command 'yaml'"));
    let out = run(&["html", "--heading-level", "9"], b"");
    assert_eq!(out.status.code(), Some(1));
    let out = run(&["json", "/nonexistent/file.txt"], b"");
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("cannot read /nonexistent/file.txt"));
    let out = run(&["--help"], b"");
    assert!(out.status.success());
}

#[test]
fn standalone_pages_inline_the_styles_and_say_where_the_script_comes_from() {
    let text = "Facts - The port reopened [1]\nDesk|Port reopens";
    let out = run(&["html", "--standalone", "--no-script"], text.as_bytes());
    assert!(out.status.success());
    let page = String::from_utf8(out.stdout).unwrap();
    assert!(page.starts_with("<!doctype html>\n<html lang=\"en\">"));
    assert!(page.contains("<title>Port reopens</title>"));
    assert!(page.contains(".digest-tooltip"), "stylesheet not inlined");
    assert!(!page.contains("<script"));
    assert!(
        !page.contains("<link rel=\"stylesheet"),
        "nothing may be loaded from elsewhere"
    );

    let out = run(
        &["html", "--standalone", "--package", "/nonexistent-dir"],
        text.as_bytes(),
    );
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("--no-script") && err.contains("make pkg"),
        "{err}"
    );
}
