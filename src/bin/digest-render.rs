//! `digest-render json [FILE]` and `digest-render html [FILE]`.
//!
//! A native program: on wasm32 (where the crate is a library for the
//! browser) it builds to nothing.
//!
//! FILE absent or `-` reads standard input. Text that is not UTF-8 is
//! refused with the offset of the first bad byte (exit status 1); every
//! valid text gives output and exit status 0.

#![cfg_attr(target_arch = "wasm32", allow(dead_code, unused_imports))]

#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
use digest_render::render::bidi::Direction;
use digest_render::render::standalone::{self, Script};
use digest_render::{json, parse, render_html, RenderOptions};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

const USAGE: &str = "\
usage: digest-render json [--compact] [FILE]
       digest-render html [--heading-level N] [--dir ltr|rtl] [--standalone [--no-script] [--package DIR]] [FILE]

Parses news-digest text (FILE, or standard input when FILE is absent or -)
and prints its model as JSON, or its HTML rendering.

--standalone writes a whole HTML document with the stylesheet inlined and
the tooltip behaviour inlined too (the render-only module from the npm package:
--package DIR, or $DIGEST_RENDER_PKG, or the repository's pkg/ next to
this binary); --no-script leaves the behaviour out (citations still link
to the references).
";

#[cfg(not(target_arch = "wasm32"))]
fn main() -> ExitCode {
    match run(std::env::args().skip(1).collect()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("digest-render: {message}");
            ExitCode::FAILURE
        }
    }
}

enum Command {
    Json {
        compact: bool,
    },
    Html {
        options: Box<RenderOptions>,
        page: Option<Page>,
    },
}

/// `--standalone` and its flags.
#[derive(Default)]
struct Page {
    script: bool,
    package: Option<PathBuf>,
}

#[cfg(not(target_arch = "wasm32"))]
fn run(args: Vec<String>) -> Result<(), String> {
    let mut args = args.into_iter();
    let mut command = match args.next().as_deref() {
        Some("json") => Command::Json { compact: false },
        Some("html") => Command::Html {
            options: Box::default(),
            page: None,
        },
        Some("-h" | "--help" | "help") => {
            print!("{USAGE}");
            return Ok(());
        }
        Some("-V" | "--version") => {
            println!("digest-render {}", env!("CARGO_PKG_VERSION"));
            return Ok(());
        }
        Some(other) => return Err(format!("unknown command '{other}'\n{USAGE}")),
        None => return Err(format!("a command is needed\n{USAGE}")),
    };
    let mut file: Option<String> = None;
    while let Some(arg) = args.next() {
        match (arg.as_str(), &mut command) {
            ("--compact", Command::Json { compact }) => *compact = true,
            ("--standalone", Command::Html { page, .. }) => {
                page.get_or_insert(Page {
                    script: true,
                    package: None,
                });
            }
            (
                "--no-script",
                Command::Html {
                    page: Some(page), ..
                },
            ) => page.script = false,
            (
                "--package",
                Command::Html {
                    page: Some(page), ..
                },
            ) => {
                page.package = Some(args.next().ok_or("--package needs a directory")?.into());
            }
            ("--heading-level", Command::Html { options, .. }) => {
                let value = args
                    .next()
                    .ok_or("--heading-level needs a number from 2 to 6")?;
                let level: u8 = value
                    .parse()
                    .ok()
                    .filter(|l| (2..=6).contains(l))
                    .ok_or_else(|| format!("--heading-level must be 2 to 6, not '{value}'"))?;
                options.heading_level = Some(level);
            }
            ("--dir", Command::Html { options, .. }) => {
                options.dir = match args.next().as_deref() {
                    Some("ltr") => Some(Direction::Ltr),
                    Some("rtl") => Some(Direction::Rtl),
                    other => {
                        return Err(format!(
                            "--dir must be ltr or rtl, not '{}'",
                            other.unwrap_or("")
                        ))
                    }
                };
            }
            (flag, _) if flag.starts_with("--") => {
                return Err(format!("unknown option '{flag}'\n{USAGE}"))
            }
            (path, _) if file.is_none() => file = Some(path.to_string()),
            (extra, _) => return Err(format!("unexpected argument '{extra}'\n{USAGE}")),
        }
    }
    let (name, bytes) = read_input(file.as_deref())?;
    let text = std::str::from_utf8(&bytes).map_err(|e| {
        format!(
            "{name} is not UTF-8 text: invalid byte 0x{:02x} at byte offset {}",
            bytes[e.valid_up_to()],
            e.valid_up_to()
        )
    })?;
    let digest = parse(text);
    let mut output = match &command {
        Command::Json { compact } => json::to_string(&digest, !compact),
        Command::Html {
            options,
            page: None,
        } => render_html(&digest, options),
        Command::Html {
            options,
            page: Some(page),
        } => {
            let script = if page.script {
                Some(read_script(page.package.as_deref())?)
            } else {
                None
            };
            standalone::document(&digest, options, script.as_ref())
        }
    };
    if matches!(command, Command::Html { page: Some(_), .. }) {
        output.pop(); // the document ends with its own newline
    }
    output.push('\n');
    let mut stdout = std::io::stdout().lock();
    match stdout
        .write_all(output.as_bytes())
        .and_then(|()| stdout.flush())
    {
        Ok(()) => Ok(()),
        // A closed pipe (`digest-render json f | head`) is not an error.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(format!("cannot write output: {e}")),
    }
}

#[cfg(not(target_arch = "wasm32"))]
/// The package files for the inlined script: from `--package`, then
/// $DIGEST_RENDER_PKG, then `pkg/` of the repository this binary was built
/// in (target/<profile>/digest-render).
fn read_script(package: Option<&Path>) -> Result<Script, String> {
    let dir = match package {
        Some(dir) => dir.to_path_buf(),
        None => match std::env::var_os("DIGEST_RENDER_PKG") {
            Some(dir) => dir.into(),
            None => std::env::current_exe()
                .ok()
                .and_then(|exe| Some(exe.parent()?.parent()?.parent()?.join("pkg")))
                .unwrap_or_else(|| "pkg".into()),
        },
    };
    // The render-only entry: the page only hydrates.
    let glue = dir.join("render.js");
    let wasm = dir.join("render_bg.wasm");
    let missing = |path: &Path, e: std::io::Error| {
        format!(
            "--standalone inlines the browser script from the npm package, but {} cannot be read ({e}); \
             build it with `make pkg`, point --package at it, or pass --no-script",
            path.display()
        )
    };
    Ok(Script {
        glue: std::fs::read_to_string(&glue).map_err(|e| missing(&glue, e))?,
        wasm: std::fs::read(&wasm).map_err(|e| missing(&wasm, e))?,
    })
}

fn read_input(file: Option<&str>) -> Result<(String, Vec<u8>), String> {
    match file {
        None | Some("-") => {
            let mut bytes = Vec::new();
            std::io::stdin()
                .read_to_end(&mut bytes)
                .map_err(|e| format!("cannot read standard input: {e}"))?;
            Ok(("standard input".to_string(), bytes))
        }
        Some(path) => std::fs::read(path)
            .map(|bytes| (path.to_string(), bytes))
            .map_err(|e| format!("cannot read {path}: {e}")),
    }
}
