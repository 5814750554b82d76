//! The source line: who published the article, and when.
//!
//! Rule: an optional label (`Source:`, `来源：`), a publisher, a separator,
//! then a date and an optional time closing the line. The separators are a
//! middle dot (`·`, `•`, `・`, `‧`, `∙`), a bar (`|`, `｜`, `丨`), a hyphen
//! with white space before it (` - `), a dash (`–`, `—`) or a comma (`, `,
//! `，`); after a label, white space alone will do. A line that is only a date (and
//! time) is a source with no publisher.
//!
//! ```text
//! Coastline Courier·2025-06-09 08:30
//! Coastline Courier · 2025/06/09
//! The Coastal Times|3 June 2025
//! Valley Ledger - Jun 9, 2025, 3:39 PM
//! Valley Ledger, Monday, 9 June 2025
//! Harbour Post • 09.06.2025 15:39:05
//! 海港日报·2025年6月9日 下午3:39
//! 来源：海港日报 2025年6月9日
//! Source: Coastline Courier · June 9th, 2025 at 8:30 a.m.
//! 2025.06.09
//! ```
//!
//! Dates: year first (`2025-06-09`, `2025/6/9`, `2025.06.09`), day first
//! (`09.06.2025`, `09-06-2025`; `06/09/2025` only when one reading is
//! impossible, since day and month order differ by country), `2025年6月9日`,
//! `9 June 2025`, `9 Jun 2025`, `June 9, 2025`, `Jun 9th 2025`, with an
//! optional weekday before. Times: `15:39`, `15:39:05`, `3:39 PM`, `3:39
//! p.m.`, `下午3:39` (上午 AM, 下午 PM; also 凌晨, 早上, 中午, 晚上), after
//! white space, `T`, a comma, ` at `, or straight after `日`. `published` is
//! ISO 8601 local time, `2025-06-09T15:39`, or the date alone.
//!
//! A line shaped like a source line whose date cannot be read (`Courier ·
//! 2025-13-45`, `Coastal Times·31 Juneteenth 2025`, `Wire|06/07/2025`) is
//! still the source line, without `published` and with a warning. Shaped
//! means: after the separator, only date pieces (numbers, `-/.:,`, month-
//! and weekday-like words, AM/PM, `年月日`), among them a four-digit year and
//! a number of one or two digits. So `World Desk|Harbour reopens` and
//! `Obituaries|1931-2025` stay titles.
//!
//! Every scan here reads back from the end of a line of at most 300 bytes.

use super::chars::{find_any, strip_prefix_any, strip_suffix_any};
use super::letters::is_word_char;
use super::text::{digit_value, is_space, trim, trim_end, trim_start};

pub struct ParsedSource<'a> {
    pub publisher: &'a str,
    /// The date, or `Err(())` for a date-shaped value that cannot be read
    /// as a real date.
    pub published: Checked,
    /// Where the date (with its weekday) starts in the line, in bytes.
    pub date_start: usize,
}

/// A calendar date with an optional time, already checked.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Stamp {
    // Small fields: a stamp of eight bytes is copied as one word, where
    // one of u32s was 28 bytes moved around field by field in the wasm.
    year: u16,
    month: u8,
    day: u8,
    /// Hours, minutes and optional seconds.
    time: Option<(u8, u8, Option<u8>)>,
}

impl Stamp {
    /// ISO 8601 local time: `2025-06-09T08:30`, or `2025-06-09`.
    pub fn iso(&self) -> String {
        let mut out = String::with_capacity(19);
        let year = u32::from(self.year);
        push_two(&mut out, year / 100);
        push_two(&mut out, year % 100);
        out.push('-');
        push_two(&mut out, self.month.into());
        out.push('-');
        push_two(&mut out, self.day.into());
        if let Some((h, m, sec)) = self.time {
            out.push('T');
            push_two(&mut out, h.into());
            out.push(':');
            push_two(&mut out, m.into());
            if let Some(sec) = sec {
                out.push(':');
                push_two(&mut out, sec.into());
            }
        }
        out
    }
}

/// `n` (below 100) as two decimal digits: a four-digit year is two such
/// pairs, so no loop over powers of ten.
fn push_two(out: &mut String, n: u32) {
    out.push(char::from(b'0' + (n / 10) as u8));
    out.push(char::from(b'0' + (n % 10) as u8));
}

pub type Checked = Result<Stamp, ()>;

/// Separators that need nothing around them (as `&str`, compared as
/// bytes: a `&[char]` pattern brought a searcher's code).
const SEPARATORS: &[&str] = &[
    "·", "•", "・", "‧", "∙", "|", "｜", "丨", ",", "，", "–", "—",
];
const LABELS: &[&str] = &["source", "sources", "来源", "來源"];

/// The longest source line, in bytes: anything longer is prose that happens
/// to end in a date.
const MAX_LINE: usize = 300;

/// Reads `line` (trimmed) as a source line.
pub fn parse(line: &str) -> Option<ParsedSource<'_>> {
    if line.is_empty() || line.len() > MAX_LINE {
        return None;
    }
    let (label_len, body) = strip_label(line);
    let labelled = label_len > 0;
    let (found, published) = match trailing_datetime(body) {
        Some((found, date)) => (found, date),
        None => {
            let start = date_shaped_tail(body)?;
            let found = Found {
                start,
                with_weekday: None,
            };
            (found, Err(()))
        }
    };
    // A weekday belongs to the date unless the publisher's name ends in one.
    // A loop over the two places a date may start: one call to read the
    // publisher before it, where two were inlined.
    let mut date_start = found.with_weekday.unwrap_or(found.start);
    let publisher = loop {
        if let Some(p) = publisher_before(body.get(..date_start)?, labelled) {
            break p;
        }
        if date_start == found.start {
            return None;
        }
        date_start = found.start;
    };
    if find_any(publisher, &["[", "【"]).is_some() {
        return None;
    }
    Some(ParsedSource {
        publisher,
        published,
        date_start: label_len + date_start,
    })
}

/// The publisher in what comes before the date, which must end in a
/// separator (or white space, after a label), or be empty.
fn publisher_before(before: &str, labelled: bool) -> Option<&str> {
    let trimmed = trim_end(before);
    let publisher = if trimmed.is_empty() {
        ""
    } else if let Some(p) = strip_suffix_any(trimmed, SEPARATORS) {
        p
    } else if let Some(p) =
        strip_suffix_any(trimmed, &["-"]).filter(|p| super::chars::last_is(p, is_space))
    {
        p
    } else if labelled && trimmed.len() < before.len() {
        trimmed
    } else {
        return None;
    };
    Some(trim(publisher))
}

/// `Source:` or `来源：` at the start: its length and the rest.
fn strip_label(line: &str) -> (usize, &str) {
    for label in LABELS {
        // Compared as bytes, sliced once: a match ends on a char boundary.
        let head = line.as_bytes().get(..label.len());
        if !head.is_some_and(|h| h.eq_ignore_ascii_case(label.as_bytes())) {
            continue;
        }
        let Some(rest) = line.get(label.len()..) else {
            continue;
        };
        if let Some(after) = strip_prefix_any(trim_start(rest), &[":", "："]) {
            let after = trim_start(after);
            return (line.len() - after.len(), after);
        }
    }
    (0, line)
}

/// Reads back from the end of `rest`. Every method consumes what it
/// matches and shortens `rest`, or leaves it as it was.
#[derive(Clone, Copy)]
struct Back<'a> {
    // Only what is left, not the line and an offset: two words to copy,
    // and no slicing (with its boundary check) to find the rest.
    rest: &'a str,
}

impl<'a> Back<'a> {
    fn new(rest: &'a str) -> Self {
        Self { rest }
    }

    /// Where reading has come back to, in bytes from the line's start.
    fn at(&self) -> usize {
        self.rest.len()
    }

    fn peek(&self) -> Option<char> {
        self.rest.chars().next_back()
    }

    fn eat(&mut self, c: char) -> bool {
        let mut chars = self.rest.chars();
        let found = chars.next_back() == Some(c);
        if found {
            self.rest = chars.as_str();
        }
        found
    }

    fn eat_comma(&mut self) -> bool {
        self.eat(',') || self.eat('，')
    }

    fn eat_bytes(&mut self, suffix: &[u8]) -> bool {
        let len = self.rest.len();
        let rest = (self.rest.as_bytes().ends_with(suffix))
            .then(|| self.rest.get(..len - suffix.len()))
            .flatten();
        self.rest = rest.unwrap_or(self.rest);
        rest.is_some()
    }

    /// White space; whether there was any.
    fn spaces(&mut self) -> bool {
        let before = self.rest.len();
        self.rest = trim_end(self.rest);
        self.rest.len() < before
    }

    /// A run of 1 to `max` digits: its value and length. A longer run is
    /// not a date's number, and is not consumed.
    fn number(&mut self, max: usize) -> Option<(u32, usize)> {
        let (mut value, mut place, mut count) = (0u32, 1u32, 0usize);
        let mut chars = self.rest.chars();
        let mut rest = self.rest;
        // Not `and_then(digit_value)`: that was a function of its own.
        while let Some(c) = chars.next_back() {
            let Some(d) = digit_value(c) else {
                break;
            };
            count += 1;
            if count > max {
                return None;
            }
            value += d * place;
            place = place.saturating_mul(10);
            rest = chars.as_str();
        }
        if count == 0 {
            return None;
        }
        self.rest = rest;
        Some((value, count))
    }

    /// A word of ASCII letters (at most 12: no date word is longer).
    fn word(&mut self) -> Option<&'a str> {
        // A plain loop: the iterator chain was 0.4 KB of wasm.
        let bytes = self.rest.as_bytes();
        let end = bytes.len();
        let mut start = end;
        while start > 0 && end - start <= 12 && bytes[start - 1].is_ascii_alphabetic() {
            start -= 1;
        }
        if start == end || end - start > 12 {
            return None;
        }
        let (rest, word) = self.rest.split_at_checked(start)?;
        self.rest = rest;
        Some(word)
    }

    /// Whether the date that starts here stands apart from what precedes it
    /// (no letter or digit runs into it).
    fn at_boundary(&self) -> bool {
        // The usual separator, `·`, decided without the Unicode tables.
        self.peek().is_none_or(|c| c == '·' || !is_word_char(c))
    }
}

/// Where a date found at the end of a line starts: at its first number or
/// month, or at the weekday written before it.
#[derive(Clone, Copy)]
struct Found {
    start: usize,
    with_weekday: Option<usize>,
}

/// Finds a date (and time) that ends `line`.
fn trailing_datetime(line: &str) -> Option<(Found, Checked)> {
    let end = Back::new(line);
    let mut b = end;
    if let Some(time) = trailing_time(&mut b) {
        if date_time_gap(&mut b) {
            if let Some((found, date)) = trailing_date(b) {
                let stamp = match (date, time) {
                    (Ok(d), Ok(t)) => Ok(Stamp { time: Some(t), ..d }),
                    _ => Err(()),
                };
                return Some((found, stamp));
            }
        }
    }
    trailing_date(end)
}

type CheckedTime = Result<(u8, u8, Option<u8>), ()>;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Half {
    Am,
    Pm,
}

/// `15:39`, `15:39:05`, `3:39 PM`, `3:39 p.m.`, `下午3:39` at the end.
fn trailing_time(b: &mut Back) -> Option<CheckedTime> {
    let mut c = *b;
    let after = meridiem_after(&mut c);
    if after.is_some() {
        c.spaces();
    }
    // Read back: each number read is the hour so far, and moves the ones
    // after it on to minutes and seconds (no array to reverse).
    let (mut h, mut m) = (None, None);
    let mut sec;
    loop {
        let (n, len) = c.number(2)?;
        let after_colon = c.eat(':') || c.eat('：');
        // Minutes and seconds have two digits.
        if after_colon && len != 2 {
            return None;
        }
        (h, m, sec) = (Some(n), h, m);
        if !after_colon {
            break;
        }
        if sec.is_some() {
            return None;
        }
    }
    let (h, m) = (h?, m?);
    let half = after.or_else(|| meridiem_before(&mut c));
    *b = c;
    Some(check_time(h, m, sec, half))
}

/// `AM`, `pm`, `a.m.`, `P.M.` closing the text.
fn meridiem_after(b: &mut Back) -> Option<Half> {
    // On the words' bytes: string comparisons and the `&str` they passed
    // around were 0.3 KB of wasm. Words are ASCII letters.
    let mut c = *b;
    let dotted = c.eat('.');
    let word = c.word()?.as_bytes();
    let letter = if dotted {
        // `a.m.`: `m` alone between dots, the letter alone before them.
        if !matches!(word, [b'm' | b'M']) || !c.eat('.') {
            return None;
        }
        match c.word()?.as_bytes() {
            &[letter] => letter,
            _ => return None,
        }
    } else {
        match word {
            &[letter, b'm' | b'M'] => letter,
            _ => return None,
        }
    };
    let half = match letter | 0x20 {
        b'a' => Half::Am,
        b'p' => Half::Pm,
        _ => return None,
    };
    *b = c;
    Some(half)
}

/// `上午`, `下午` and their kin right before the time.
fn meridiem_before(b: &mut Back) -> Option<Half> {
    // Six words of six bytes in one string, the three AM words first: a
    // table of `(&str, Half)` cost 12 bytes a word besides the text.
    const WORDS: &[u8] = "上午早上凌晨下午中午晚上".as_bytes();
    let mut c = *b;
    c.spaces();
    let mut i = 0;
    while !c.eat_bytes(&WORDS[i * 6..][..6]) {
        i += 1;
        if i == 6 {
            return None;
        }
    }
    *b = c;
    Some(if i < 3 { Half::Am } else { Half::Pm })
}

/// What may stand between a date and its time: white space, a comma,
/// ` at `, a `T` after a digit, or nothing after `日` or `号`.
fn date_time_gap(b: &mut Back) -> bool {
    if b.spaces() {
        let mut at = *b;
        if at.word().is_some_and(|w| w.eq_ignore_ascii_case("at")) && at.spaces() {
            *b = at;
        } else if b.eat_comma() {
            b.spaces();
        }
        return true;
    }
    if b.eat_comma() {
        b.spaces();
        return true;
    }
    let mut t = *b;
    if t.eat('T') && matches!(t.peek(), Some('0'..='9' | '０'..='９')) {
        *b = t;
        return true;
    }
    matches!(b.peek(), Some('日' | '号'))
}

fn check_time(mut h: u32, m: u32, s: Option<u32>, half: Option<Half>) -> CheckedTime {
    match half {
        // 12 AM is midnight, 12 PM noon; `下午15:39` says 15:39 twice.
        Some(Half::Am) if h == 12 => h = 0,
        Some(Half::Am) if h > 12 => return Err(()),
        Some(Half::Pm) if h < 12 => h += 12,
        _ => {}
    }
    if h > 23 || m > 59 || s.is_some_and(|s| s > 59) {
        return Err(());
    }
    // Checked: hours below 24, minutes and seconds below 60.
    Ok((h as u8, m as u8, s.map(|s| s as u8)))
}

/// The months, then the weekdays, each after a byte giving its length:
/// one string, where `&[&str]` tables cost 8 bytes of pointer and length
/// a word besides the text. No two start with the same three letters.
const DATE_NAMES: &[u8] = b"\x07january\x08february\x05march\x05april\x03may\x04june\
    \x04july\x06august\x09september\x07october\x08november\x08december\
    \x06monday\x07tuesday\x09wednesday\x08thursday\x06friday\x08saturday\x06sunday";

/// Where the weekdays start in [`DATE_NAMES`], as a word index.
const FIRST_WEEKDAY: u32 = 12;

/// Ordinal endings, then other short words a date may contain, shortest
/// first (so the first word `find_word` finds is the whole one, if any).
const ORDINALS: &[u8] = b"\x02st\x02nd\x02rd\x02th";
const SHORT_WORDS: &[u8] = b"\x01a\x01p\x01m\x01t\x02am\x02pm\x02at";

/// The first word in `names` (length-prefixed, lower case) that starts with
/// `word`, in any case: its index, and whether it is all of that word.
fn find_word(names: &[u8], word: &str) -> Option<(u32, bool)> {
    let word = word.as_bytes();
    let (mut at, mut index) = (0, 0);
    while let Some(&len) = names.get(at) {
        let name = names.get(at + 1..at + 1 + len as usize)?;
        if name
            .get(..word.len())
            .is_some_and(|head| head.eq_ignore_ascii_case(word))
        {
            return Some((index, name.len() == word.len()));
        }
        at += 1 + len as usize;
        index += 1;
    }
    None
}

/// Whether `word` is one of `names`, whole, in any case.
fn is_word(names: &[u8], word: &str) -> bool {
    find_word(names, word).is_some_and(|(_, whole)| whole)
}

/// `June`, `Jun`, `Sept`: a month's full name or its first three letters.
fn month_number(word: &str) -> Option<u32> {
    if word.len() < 3 {
        return None;
    }
    let (i, whole) = find_word(DATE_NAMES, word)?;
    (i < FIRST_WEEKDAY && (word.len() == 3 || whole || word.eq_ignore_ascii_case("sept")))
        .then_some(i + 1)
}

/// `Tuesday`, `Tue`, `Tues`, `Thurs`: any start of a weekday's name from
/// three letters on.
fn is_weekday(word: &str) -> bool {
    word.len() >= 3 && find_word(DATE_NAMES, word).is_some_and(|(i, _)| i >= FIRST_WEEKDAY)
}

/// A date that ends `b`: where it starts, with a weekday before it if
/// there is one, and the date.
fn trailing_date(b: Back) -> Option<(Found, Checked)> {
    let (b, (year, month, day)) = numeric_date(b)
        .or_else(|| cjk_date(b))
        .or_else(|| english_date(b))?;
    // Checked here once for the three readers: a check per reading was
    // eight calls' code in the wasm module.
    let date = check_date(year, month, day);
    if !b.at_boundary() {
        return None;
    }
    let mut w = b;
    w.spaces();
    w.eat(',');
    w.spaces();
    let with_weekday = (w.word().is_some_and(is_weekday) && w.at_boundary()).then_some(w.at());
    let found = Found {
        start: b.at(),
        with_weekday,
    };
    Some((found, date))
}

/// Year, month and day as read, not yet checked.
type Ymd = (u32, u32, u32);

/// `2025-06-09`, `2025/6/9`, `2025.06.09`; `09.06.2025`, `09-06-2025`, and
/// `06/09/2025` when only one order of day and month can be meant.
fn numeric_date(mut b: Back) -> Option<(Back, Ymd)> {
    let (last, last_len) = b.number(4)?;
    let sep = b.peek().filter(|c| matches!(c, '-' | '/' | '.'))?;
    b.eat(sep);
    let (middle, _) = b.number(2)?;
    if !b.eat(sep) {
        return None;
    }
    let (first, first_len) = b.number(4)?;
    if first_len == 4 && last_len <= 2 {
        return Some((b, (first, middle, last)));
    }
    if first_len > 2 || last_len != 4 {
        return None;
    }
    // Day first; with slashes only the reading that alone can be meant
    // (equal numbers read the same either way), and neither is no date.
    let (day, month) = if sep != '/' || first == middle || (first > 12 && middle <= 12) {
        (first, middle)
    } else if middle > 12 && first <= 12 {
        (middle, first)
    } else {
        // No month 0: not a date.
        (0, 0)
    };
    Some((b, (last, month, day)))
}

/// `2025年6月9日` (or `号`), white space allowed between the parts.
fn cjk_date(mut b: Back) -> Option<(Back, Ymd)> {
    if !(b.eat('日') || b.eat('号')) {
        return None;
    }
    b.spaces();
    let (day, _) = b.number(2)?;
    b.spaces();
    if !b.eat('月') {
        return None;
    }
    b.spaces();
    let (month, _) = b.number(2)?;
    b.spaces();
    if !b.eat('年') {
        return None;
    }
    b.spaces();
    let (year, year_len) = b.number(4)?;
    (year_len == 4).then_some((b, (year, month, day)))
}

/// `June 9, 2025`, `Jun 9th 2025`, `9 June 2025` or `9 Jun, 2025`.
fn english_date(mut b: Back) -> Option<(Back, Ymd)> {
    let (year, year_len) = b.number(4)?;
    if year_len != 4 {
        return None;
    }
    let spaced = b.spaces();
    let comma = b.eat(',');
    b.spaces();
    if !spaced && !comma {
        return None;
    }
    let mut month_first = b;
    if let Some(day) = day(&mut month_first) {
        if month_first.spaces() {
            if let Some(month) = month(&mut month_first) {
                return Some((month_first, (year, month, day)));
            }
        }
    }
    let month = month(&mut b)?;
    if !b.spaces() {
        return None;
    }
    let day = day(&mut b)?;
    Some((b, (year, month, day)))
}

/// `9`, `09`, `9th`.
fn day(b: &mut Back) -> Option<u32> {
    let mut c = *b;
    let mut ordinal = c;
    if ordinal.word().is_some_and(|w| is_word(ORDINALS, w)) {
        c = ordinal;
    }
    let (day, _) = c.number(2)?;
    *b = c;
    Some(day)
}

/// `June`, `Jun`, `Jun.`, `Sept`.
fn month(b: &mut Back) -> Option<u32> {
    let mut c = *b;
    c.eat('.');
    let month = month_number(c.word()?)?;
    *b = c;
    Some(month)
}

/// Where a date-shaped end of `line` starts (see the module's rule), for a
/// date the grammar above cannot read.
fn date_shaped_tail(line: &str) -> Option<usize> {
    let mut b = Back::new(line);
    let (mut year, mut short) = (false, false);
    let mut start = None;
    while let Some(c) = b.peek() {
        if digit_value(c).is_some() {
            match b.number(4) {
                Some((_, 4)) => year = true,
                Some((_, 1 | 2)) => short = true,
                Some(_) => {}
                None => break,
            }
        } else if c.is_ascii_alphabetic() {
            let mut w = b;
            if !w.word().is_some_and(is_date_word) {
                break;
            }
            b = w;
        } else if matches!(c, '年' | '月' | '日' | '号' | '时' | '分' | '秒') {
            b.eat(c);
        } else if is_space(c) || matches!(c, '-' | '/' | '.' | ':' | '：' | ',' | '，') {
            // Punctuation joins pieces; the date starts at a piece.
            b.eat(c);
            continue;
        } else if meridiem_before(&mut b).is_none() {
            break;
        }
        start = Some(b.at());
    }
    let start = start.filter(|_| year && short)?;
    Back::new(line.get(..start)?).at_boundary().then_some(start)
}

/// A word a date may contain: a month or weekday (or what looks like the
/// start of one), AM/PM, `at`, `T`, an ordinal's ending.
fn is_date_word(word: &str) -> bool {
    // Words are ASCII letters, so the first three bytes are three letters.
    word.get(..3)
        .is_some_and(|head| find_word(DATE_NAMES, head).is_some())
        || is_word(SHORT_WORDS, word)
        || is_word(ORDINALS, word)
}

fn check_date(year: u32, month: u32, day: u32) -> Checked {
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return Err(()),
    };
    if !(1000..=9999).contains(&year) || day == 0 || day > days {
        return Err(());
    }
    // All checked: the year has four digits, month and day two.
    Ok(Stamp {
        year: year as u16,
        month: month as u8,
        day: day as u8,
        time: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(line: &str) -> Option<(&str, Result<String, ()>)> {
        parse(line).map(|p| (p.publisher, p.published.map(|s| s.iso())))
    }

    fn ok(publisher: &str, iso: &str) -> Option<(String, Result<String, ()>)> {
        Some((publisher.to_string(), Ok(iso.to_string())))
    }

    fn owned(line: &str) -> Option<(String, Result<String, ()>)> {
        read(line).map(|(p, d)| (p.to_string(), d))
    }

    #[test]
    fn every_written_form() {
        assert_eq!(
            owned("Coastline Courier·2025-06-09 08:30"),
            ok("Coastline Courier", "2025-06-09T08:30")
        );
        assert_eq!(
            owned("Coastline Courier · 2025-06-09"),
            ok("Coastline Courier", "2025-06-09")
        );
        assert_eq!(
            owned("海港日报·2025年6月9日 08:30"),
            ok("海港日报", "2025-06-09T08:30")
        );
        assert_eq!(
            owned("Valley Ledger • June 9, 2025"),
            ok("Valley Ledger", "2025-06-09")
        );
        assert_eq!(
            owned("Valley Ledger · 9 Sept 2025 7:05"),
            ok("Valley Ledger", "2025-09-09T07:05")
        );
        assert_eq!(owned("2025/6/9"), ok("", "2025-06-09"));
        assert_eq!(
            owned("Wire・2025.06.09T23:59:30"),
            ok("Wire", "2025-06-09T23:59:30")
        );
    }

    #[test]
    fn every_date_form_with_and_without_a_time() {
        // (date as written, its ISO date)
        let dates = [
            ("2025-06-03", "2025-06-03"),
            ("2025/06/03", "2025-06-03"),
            ("2025.06.03", "2025-06-03"),
            ("2025/6/3", "2025-06-03"),
            ("03.06.2025", "2025-06-03"),
            ("3.6.2025", "2025-06-03"),
            ("03-06-2025", "2025-06-03"),
            ("3 June 2025", "2025-06-03"),
            ("3 Jun 2025", "2025-06-03"),
            ("3 Jun. 2025", "2025-06-03"),
            ("3 June, 2025", "2025-06-03"),
            ("3rd June 2025", "2025-06-03"),
            ("June 3, 2025", "2025-06-03"),
            ("Jun 3, 2025", "2025-06-03"),
            ("June 3 2025", "2025-06-03"),
            ("June 3rd, 2025", "2025-06-03"),
            ("JUNE 3, 2025", "2025-06-03"),
            ("Tuesday, 3 June 2025", "2025-06-03"),
            ("Tue, Jun 3, 2025", "2025-06-03"),
            ("2025年6月3日", "2025-06-03"),
            ("2025年06月03日", "2025-06-03"),
            ("2025 年 6 月 3 日", "2025-06-03"),
            ("2025年6月3号", "2025-06-03"),
            ("２０２５年６月３日", "2025-06-03"),
        ];
        // (time as written with what joins it to the date, ISO time)
        let times = [
            ("", ""),
            (" 15:39", "T15:39"),
            (" 15:39:05", "T15:39:05"),
            (" 3:39 PM", "T15:39"),
            (" 3:39PM", "T15:39"),
            (" 3:39 pm", "T15:39"),
            (" 3:39 p.m.", "T15:39"),
            (" 9:05 AM", "T09:05"),
            (" 12:10 AM", "T00:10"),
            (" 12:10 PM", "T12:10"),
            (", 3:39 PM", "T15:39"),
            (" at 3:39 PM", "T15:39"),
            (" 下午3:39", "T15:39"),
            (" 上午9:05", "T09:05"),
            ("T15:39", "T15:39"),
        ];
        for (date, iso_date) in dates {
            for (time, iso_time) in times {
                // `T` follows only a date that ends in a digit.
                if time.starts_with('T') && !date.ends_with(|c: char| c.is_ascii_digit()) {
                    continue;
                }
                let want = [iso_date, iso_time].concat();
                for line in [
                    format!("Coastline Courier·{date}{time}"),
                    format!("Coastline Courier | {date}{time}"),
                    format!("Coastline Courier - {date}{time}"),
                    format!("Coastline Courier, {date}{time}"),
                    format!("Source: Coastline Courier • {date}{time}"),
                ] {
                    assert_eq!(owned(&line), ok("Coastline Courier", &want), "{line}");
                }
                assert_eq!(
                    owned(&format!("{date}{time}")),
                    ok("", &want),
                    "{date}{time}"
                );
            }
        }
    }

    #[test]
    fn chinese_source_lines() {
        assert_eq!(
            owned("来源：海港日报·2025年6月3日 15:39"),
            ok("海港日报", "2025-06-03T15:39")
        );
        // After a label white space alone separates publisher and date.
        assert_eq!(
            owned("来源：海港日报 2025年6月3日下午3:39"),
            ok("海港日报", "2025-06-03T15:39")
        );
        assert_eq!(
            owned("海港日报｜2025年6月3日 下午3:39"),
            ok("海港日报", "2025-06-03T15:39")
        );
        assert_eq!(
            owned("海港日报，2025-06-03 15:39"),
            ok("海港日报", "2025-06-03T15:39")
        );
        assert_eq!(
            owned("海港日报·2025年6月3日 晚上8:05"),
            ok("海港日报", "2025-06-03T20:05")
        );
    }

    #[test]
    fn the_label_is_not_the_publisher() {
        let p = parse("Source: The Coastal Times · 3 June 2025").unwrap();
        assert_eq!(p.publisher, "The Coastal Times");
        assert_eq!(
            &"Source: The Coastal Times · 3 June 2025"[p.date_start..],
            "3 June 2025"
        );
        assert_eq!(
            owned("SOURCES : Coastline Courier 3 June 2025"),
            ok("Coastline Courier", "2025-06-03")
        );
        assert_eq!(owned("Source: 2025-06-03"), ok("", "2025-06-03"));
        // Without a label, white space is no separator.
        assert_eq!(read("Coastline Courier 3 June 2025"), None);
    }

    #[test]
    fn the_date_starts_at_its_weekday_unless_the_publisher_ends_in_one() {
        let line = "Valley Ledger, Monday, 9 June 2025";
        let p = parse(line).unwrap();
        assert_eq!(
            (p.publisher, &line[p.date_start..]),
            ("Valley Ledger", "Monday, 9 June 2025")
        );
        let line = "Post on Sunday, 8 June 2025";
        let p = parse(line).unwrap();
        assert_eq!(
            (p.publisher, &line[p.date_start..]),
            ("Post on Sunday", "8 June 2025")
        );
    }

    #[test]
    fn impossible_dates_keep_the_line_but_not_the_date() {
        assert_eq!(read("Courier·2025-13-40"), Some(("Courier", Err(()))));
        assert_eq!(read("Courier·2025-13-45"), Some(("Courier", Err(()))));
        assert_eq!(read("Courier·2023-02-29 10:00"), Some(("Courier", Err(()))));
        assert_eq!(read("Courier·2024-02-29 24:00"), Some(("Courier", Err(()))));
        assert!(read("Courier·2024-02-29").unwrap().1.is_ok());
        assert_eq!(read("Courier·31 June 2025"), Some(("Courier", Err(()))));
        assert_eq!(
            read("Courier·3 June 2025 13:05 PM"),
            Some(("Courier", Ok("2025-06-03T13:05".into())))
        );
        assert_eq!(
            read("Courier·3 June 2025 13:05 AM"),
            Some(("Courier", Err(())))
        );
        assert_eq!(read("Courier·2025年2月30日"), Some(("Courier", Err(()))));
    }

    #[test]
    fn date_shaped_but_unreadable_is_still_a_source_line() {
        for line in [
            "Coastal Times·31 Juneteenth 2025",
            "Coastal Times|31 Juneteenth 2025",
            "Coastal Times - 2025-13-45 10:00",
            "Courier·2025-06-03 25:99",
            // Day and month order depends on the country.
            "Wire|06/07/2025",
            "Courier, Mon 2025/13/45",
        ] {
            let (publisher, date) = read(line).unwrap_or_else(|| panic!("{line}"));
            assert_eq!(date, Err(()), "{line}");
            assert!(!publisher.is_empty(), "{line}");
        }
        let line = "Coastal Times·31 Juneteenth 2025";
        assert_eq!(
            &line[parse(line).unwrap().date_start..],
            "31 Juneteenth 2025"
        );
        // One reading impossible: the other is meant.
        assert_eq!(owned("Wire|13/07/2025"), ok("Wire", "2025-07-13"));
        assert_eq!(owned("Wire|07/13/2025"), ok("Wire", "2025-07-13"));
    }

    #[test]
    fn prose_and_titles_are_not_sources() {
        assert_eq!(read("Harbour reopens after storm"), None);
        assert_eq!(read("Results for 2025-06-09"), None);
        assert_eq!(read("Apple · The Next Decade"), None);
        assert_eq!(read("Costs rose by 12.5"), None);
        assert_eq!(read("·"), None);
        assert_eq!(read("World Desk|Harbour reopens"), None);
        assert_eq!(read("World Desk|Harbour reopens in 2025"), None);
        assert_eq!(read("Obituaries|1931-2025"), None);
        assert_eq!(read("Film|Juneteenth 2025"), None);
        assert_eq!(read("Archive|Storm of 12 March 2025"), None);
        assert_eq!(read("Courier·12:30"), None);
        assert_eq!(read("Courier · 2025-06-09 8:30 CET"), None);
        assert_eq!(read("Courier-2025-06-09"), None);
        assert_eq!(read("Courier·x2025-06-09"), None);
        assert_eq!(read("Courier·12025-06-09"), None);
        assert_eq!(read("Courier [1]·2025-06-09"), None);
        assert_eq!(read(&format!("{}·2025-06-09", "Courier ".repeat(40))), None);
    }

    #[test]
    fn odd_input_never_panics() {
        for line in [
            "",
            ":",
            "Source:",
            "来源：",
            "年月日",
            "2025年",
            "日",
            "·3",
            "3 .",
            "a.m.",
            ".m.",
            "3:39 p.m",
            "上午",
            "下午3:",
            ":39",
            "T",
            "1:02:03:04",
            "2025-06-09T",
            "Mon,",
            "０９.０６.２０２５",
            "😀·2025-06-09",
            "é 3 June 2025",
            "·\u{301}2025-06-09",
        ] {
            let _ = parse(line);
        }
    }
}
