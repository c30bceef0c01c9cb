//! The one way a command writes its standard output: buffered, flushed, and
//! a failed write reported (a full disk must not pass for a finished result).

use super::USAGE_OR_IO;
use std::io::{self, BufWriter, Write};
use std::process::ExitCode;

/// Runs `write` on a buffered standard output and flushes it. `Ok` also when
/// the reader of a pipe has gone (`podium search … | head`): what it did not
/// read it did not want. Otherwise the error is reported on stderr as
/// `podium: standard output: <reason>` and `Err` holds the exit code, 2.
pub fn write(write: impl FnOnce(&mut dyn Write) -> io::Result<()>) -> Result<(), ExitCode> {
    let mut out = BufWriter::new(io::stdout().lock());
    let result = write(&mut out).and_then(|()| out.flush());
    // A failed flush leaves its bytes in the buffer; dropping it must not try again.
    let _ = out.into_parts();
    finish(result)
}

/// The outcome of a write to standard output made elsewhere (clap's `--help`),
/// judged and reported as [`write`] does.
pub fn finish(result: io::Result<()>) -> Result<(), ExitCode> {
    match result {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => {
            eprintln!("podium: standard output: {}", reason(&e));
            Err(ExitCode::from(USAGE_OR_IO))
        }
    }
}

/// Writes `text`, then exits with `code`, or with 2 if the write failed.
pub fn print(text: &str, code: u8) -> ExitCode {
    print_with(code, |out| out.write_all(text.as_bytes()))
}

/// Runs `write` as [`write`] does, then exits with `code`, or with 2 if it failed.
pub fn print_with(code: u8, write_: impl FnOnce(&mut dyn Write) -> io::Result<()>) -> ExitCode {
    match write(write_) {
        Ok(()) => ExitCode::from(code),
        Err(failed) => failed,
    }
}

/// The system's message for an error without Rust's " (os error N)" suffix,
/// which tells a user nothing more.
pub fn reason(e: &io::Error) -> String {
    let text = e.to_string();
    match (e.raw_os_error(), text.rfind(" (os error ")) {
        (Some(_), Some(at)) => text[..at].to_string(),
        _ => text,
    }
}
