//! Decimal numbers written into strings, for the parser's messages, the
//! markup, the JSON and the stream's operations alike.

/// Appends `n` in decimal, without the `fmt` machinery (which costs the
/// wasm module more than the whole markup writer).
pub fn push_decimal(out: &mut String, mut n: u64) {
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    loop {
        at -= 1;
        digits[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    // Pushed as chars: `from_utf8` on the digits was inlined here as 600
    // bytes of UTF-8 validation.
    out.reserve(digits.len() - at);
    while at < digits.len() {
        out.push(char::from(digits[at]));
        at += 1;
    }
}
