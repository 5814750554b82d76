//! The stream exports (see [`crate::stream`]): a digest's page kept up to
//! date as its text arrives in chunks. Not in the render-only module
//! (feature `lite`).

use super::input::{self, Result};
use super::{check_size, test_trap, OneThread};
use wasm_bindgen::prelude::*;

/// The most markup one push or finish of a stream writes. A stream holds
/// several times what it writes (the markup it showed, to compare with;
/// the new pieces; the operations, as JSON, whose escapes add a tenth):
/// one push of a hostile 10.8 MB digest, 300 MB of operations, ran the
/// module out of memory where the same as `markup` (281 MB) did not.
const MAX_STREAM_OUTPUT: usize = 64 << 20;

/// Streams open in this instance, by handle (`None`: closed). A new
/// instance (after a restart) has none: the JavaScript layer keeps each
/// stream's text and opens it again.
static STREAMS: OneThread<std::cell::RefCell<Vec<Option<crate::stream::Stream>>>> =
    OneThread(std::cell::RefCell::new(Vec::new()));

/// Opens a stream (see [`crate::stream`]) with the render options; returns
/// its handle.
#[wasm_bindgen(js_name = streamOpen)]
pub fn stream_open(options: &[u32], option_text: &str) -> u32 {
    test_trap::check();
    let options = input::options(options, option_text).unwrap_or_default();
    let mut streams = STREAMS.0.borrow_mut();
    let stream = crate::stream::Stream::new(options, "");
    // The first closed slot, or a new one.
    let mut i = 0;
    while i < streams.len() && streams[i].is_some() {
        i += 1;
    }
    if i == streams.len() {
        streams.push(Some(stream));
    } else {
        streams[i] = Some(stream);
    }
    i as u32
}

/// Adds `chunk` to stream `handle`; the page's changes (JSON, see
/// [`crate::stream::Ops`]), or with `finish` the last ones, after which
/// the stream is closed; a `RangeError` (and the stream closed) when they
/// would be more markup than one call may write.
#[wasm_bindgen(js_name = streamPush)]
pub fn stream_push(caller: &str, handle: u32, chunk: &str, finish: bool) -> Result<String> {
    test_trap::check();
    let mut streams = STREAMS.0.borrow_mut();
    let Some(Some(stream)) = streams.get_mut(handle as usize) else {
        return Err(input::error(false, &[caller, ": the stream is closed"]));
    };
    let ops = stream.push_and_finish(chunk, finish, MAX_STREAM_OUTPUT);
    // Over the limit, the stream cannot go on either (the JavaScript
    // layer starts a new one from the whole text at its next call).
    if finish || ops.is_err() {
        streams[handle as usize] = None;
    }
    match ops {
        Ok(ops) => Ok(ops),
        // Over the limit: the check's error (never `Ok`).
        Err(size) => check_size(caller, size, MAX_STREAM_OUTPUT, "markup").map(|()| String::new()),
    }
}

/// Closes stream `handle` (nothing if it is closed).
#[wasm_bindgen(js_name = streamClose)]
pub fn stream_close(handle: u32) {
    if let Some(slot) = STREAMS.0.borrow_mut().get_mut(handle as usize) {
        *slot = None;
    }
}
