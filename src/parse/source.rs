//! The source line: who published the article, and when.
//!
//! Rule: a publisher, a middle dot (`·`, `•`, `・`, `‧`, `∙`) with or without
//! spaces around it, then a date and an optional time, closing the line. A
//! line that is only a date (and time) is a source with no publisher.
//!
//! ```text
//! Coastline Courier·2025-06-09 08:30
//! Coastline Courier · 2025-06-09
//! 海港日报·2025年6月9日 08:30
//! Valley Ledger • June 9, 2025
//! 2025/06/09
//! ```
//!
//! Dates: `2025-06-09`, `2025/6/9`, `2025.06.09`, `2025年6月9日`,
//! `June 9, 2025`, `9 June 2025`; times `08:30`, `08:30:15`, separated by a
//! space or `T`. `published` is ISO 8601 local time, `2025-06-09T08:30`, or
//! the date alone. A date that is not on the calendar (`2025-13-40`) still
//! makes a source line, without `published`, and with a warning.

use super::text::{digit_value, is_space};

pub struct ParsedSource<'a> {
    pub publisher: &'a str,
    /// The date, or `Err(())` for a date-shaped value that is not a real date.
    pub published: Checked,
}

/// A calendar date with an optional time, already checked.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Stamp {
    year: u32,
    month: u32,
    day: u32,
    /// Hours, minutes and optional seconds.
    time: Option<(u32, u32, Option<u32>)>,
}

impl Stamp {
    /// ISO 8601 local time: `2025-06-09T08:30`, or `2025-06-09`.
    pub fn iso(&self) -> String {
        let mut out = String::with_capacity(19);
        push_padded(&mut out, self.year, 4);
        out.push('-');
        push_padded(&mut out, self.month, 2);
        out.push('-');
        push_padded(&mut out, self.day, 2);
        if let Some((h, m, sec)) = self.time {
            out.push('T');
            push_padded(&mut out, h, 2);
            out.push(':');
            push_padded(&mut out, m, 2);
            if let Some(sec) = sec {
                out.push(':');
                push_padded(&mut out, sec, 2);
            }
        }
        out
    }
}

/// `n` in decimal, zero-padded to `width` digits (n < 10_000).
fn push_padded(out: &mut String, n: u32, width: u32) {
    for place in (0..width).rev() {
        let digit = (n / 10u32.pow(place)) % 10;
        out.push(char::from(b'0' + digit as u8));
    }
}

pub type Checked = Result<Stamp, ()>;

const DOTS: &[char] = &['·', '•', '・', '‧', '∙'];

/// Reads `line` (trimmed) as a source line.
pub fn parse(line: &str) -> Option<ParsedSource<'_>> {
    // A source line is short; anything long is prose that happens to end in a date.
    if line.is_empty() || line.len() > 300 {
        return None;
    }
    let (date_start, published) = trailing_datetime(line)?;
    let before = line[..date_start].trim_end_matches(is_space);
    let publisher = if before.is_empty() {
        ""
    } else {
        let without_dot = before.strip_suffix(DOTS)?;
        without_dot.trim_matches(is_space)
    };
    if publisher.contains(['[', '【']) {
        return None;
    }
    Some(ParsedSource {
        publisher,
        published,
    })
}

/// Finds a date (and time) that ends `line`; returns where it starts.
fn trailing_datetime(line: &str) -> Option<(usize, Checked)> {
    // Try the forms from the longest reach back: date + time, then date alone.
    let (body, time) = match split_time(line) {
        Some((at, time)) => (&line[..at], Some(time)),
        None => (line, None),
    };
    let body = body.trim_end_matches(|c| is_space(c) || c == 'T' || c == ',');
    let (start, date) = trailing_date(body)?;
    let stamp = match (date, time) {
        (Ok(d), Some(Ok(t))) => Ok(Stamp { time: Some(t), ..d }),
        (Ok(d), None) => Ok(d),
        _ => Err(()),
    };
    Some((start, stamp))
}

type CheckedTime = Result<(u32, u32, Option<u32>), ()>;

/// `HH:MM` or `HH:MM:SS` at the very end, after white space or `T`.
fn split_time(line: &str) -> Option<(usize, CheckedTime)> {
    let colon = |c: char| c == ':' || c == '：';
    let mut parts = [0u32; 3];
    let mut count = 0;
    let mut end = line.len();
    loop {
        let digits_start = line[..end]
            .char_indices()
            .rev()
            .take_while(|(_, c)| digit_value(*c).is_some())
            .last()
            .map(|(i, _)| i)?;
        let n = number(&line[digits_start..end])?;
        if end - digits_start > 6 {
            return None;
        }
        parts[count] = n;
        count += 1;
        let before = &line[..digits_start];
        match before.chars().next_back() {
            Some(c) if colon(c) && count < 3 => end = digits_start - c.len_utf8(),
            Some(c) if (is_space(c) || c == 'T') && count >= 2 => {
                parts[..count].reverse();
                let checked = check_time(&parts[..count]);
                return Some((digits_start, checked));
            }
            _ => return None,
        }
    }
}

fn check_time(parts: &[u32]) -> CheckedTime {
    let (h, m) = (parts[0], parts[1]);
    let s = parts.get(2).copied();
    if h > 23 || m > 59 || s.is_some_and(|s| s > 59) {
        return Err(());
    }
    Ok((h, m, s))
}

fn number(s: &str) -> Option<u32> {
    let mut n: u32 = 0;
    let mut count = 0;
    for c in s.chars() {
        n = n.checked_mul(10)?.checked_add(digit_value(c)?)?;
        count += 1;
    }
    (count > 0 && count <= 6).then_some(n)
}

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

fn month_number(word: &str) -> Option<u32> {
    let w = word.trim_end_matches('.').to_ascii_lowercase();
    if w.len() < 3 {
        return None;
    }
    MONTHS
        .iter()
        .position(|m| m.starts_with(&w) && (w.len() == 3 || w.len() == m.len() || w == "sept"))
        .map(|i| i as u32 + 1)
}

/// A date that ends `s`: numeric, CJK or English.
fn trailing_date(s: &str) -> Option<(usize, Checked)> {
    numeric_date(s)
        .or_else(|| cjk_date(s))
        .or_else(|| english_date(s))
}

/// `YYYY-MM-DD`, `YYYY/M/D`, `YYYY.MM.DD` at the end of `s`.
fn numeric_date(s: &str) -> Option<(usize, Checked)> {
    let mut fields = [(0u32, 0usize); 3];
    let mut count = 0;
    let mut end = s.len();
    let mut sep = None;
    for _ in 0..3 {
        let start = s[..end]
            .char_indices()
            .rev()
            .take_while(|(_, c)| digit_value(*c).is_some())
            .last()
            .map(|(i, _)| i)?;
        fields[count] = (number(&s[start..end])?, end - start);
        count += 1;
        if count == 3 {
            end = start;
            break;
        }
        let c = s[..start].chars().next_back()?;
        if !matches!(c, '-' | '/' | '.') || sep.is_some_and(|p| p != c) {
            return None;
        }
        sep = Some(c);
        end = start - 1;
    }
    let (day, day_len) = fields[0];
    let (month, month_len) = fields[1];
    let (year, year_len) = fields[2];
    if year_len != 4 || month_len > 2 || day_len > 2 {
        return None;
    }
    if !s[..end].is_empty() && !s[..end].ends_with(|c: char| is_space(c) || DOTS.contains(&c)) {
        return None;
    }
    Some((end, check_date(year, month, day)))
}

/// `2025年6月9日` at the end of `s`.
fn cjk_date(s: &str) -> Option<(usize, Checked)> {
    let body = s.strip_suffix(['日', '号'])?;
    let (rest, day) = split_trailing_number(body)?;
    let rest = rest.strip_suffix('月')?;
    let (rest, month) = split_trailing_number(rest)?;
    let rest = rest.strip_suffix('年')?;
    let (rest, year) = split_trailing_number(rest)?;
    if !(1000..=9999).contains(&year) {
        return None;
    }
    Some((rest.len(), check_date(year, month, day)))
}

fn split_trailing_number(s: &str) -> Option<(&str, u32)> {
    let start = s
        .char_indices()
        .rev()
        .take_while(|(_, c)| digit_value(*c).is_some())
        .last()
        .map(|(i, _)| i)?;
    Some((&s[..start], number(&s[start..])?))
}

/// `June 9, 2025`, `Jun 9 2025` or `9 June 2025` at the end of `s`.
fn english_date(s: &str) -> Option<(usize, Checked)> {
    let (c_at, c) = last_word(s)?;
    let (b_at, b) = last_word(&s[..c_at])?;
    let (a_at, a) = last_word(&s[..b_at])?;
    let year = number(c).filter(|y| (1000..=9999).contains(y))?;
    let (month, day) = if let Some(m) = month_number(a) {
        (m, number(b.trim_end_matches(','))?)
    } else {
        (month_number(b.trim_end_matches(','))?, number(a)?)
    };
    Some((a_at, check_date(year, month, day)))
}

/// The last white-space-separated word of `s` and where it starts.
fn last_word(s: &str) -> Option<(usize, &str)> {
    let t = s.trim_end_matches(is_space);
    let start = t
        .char_indices()
        .rev()
        .find(|(_, c)| is_space(*c))
        .map_or(0, |(i, c)| i + c.len_utf8());
    (start < t.len()).then(|| (start, &t[start..]))
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
    Ok(Stamp {
        year,
        month,
        day,
        time: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(line: &str) -> Option<(&str, Result<String, ()>)> {
        parse(line).map(|p| (p.publisher, p.published.map(|s| s.iso())))
    }

    #[test]
    fn every_written_form() {
        let ok = |s: &str| Ok(s.to_string());
        assert_eq!(
            read("Coastline Courier·2025-06-09 08:30"),
            Some(("Coastline Courier", ok("2025-06-09T08:30")))
        );
        assert_eq!(
            read("Coastline Courier · 2025-06-09"),
            Some(("Coastline Courier", ok("2025-06-09")))
        );
        assert_eq!(
            read("海港日报·2025年6月9日 08:30"),
            Some(("海港日报", ok("2025-06-09T08:30")))
        );
        assert_eq!(
            read("Valley Ledger • June 9, 2025"),
            Some(("Valley Ledger", ok("2025-06-09")))
        );
        assert_eq!(
            read("Valley Ledger · 9 Sept 2025 7:05"),
            Some(("Valley Ledger", ok("2025-09-09T07:05")))
        );
        assert_eq!(read("2025/6/9"), Some(("", ok("2025-06-09"))));
        assert_eq!(
            read("Wire・2025.06.09T23:59:30"),
            Some(("Wire", ok("2025-06-09T23:59:30")))
        );
    }

    #[test]
    fn impossible_dates_keep_the_line_but_not_the_date() {
        assert_eq!(read("Courier·2025-13-40"), Some(("Courier", Err(()))));
        assert_eq!(read("Courier·2023-02-29 10:00"), Some(("Courier", Err(()))));
        assert_eq!(read("Courier·2024-02-29 24:00"), Some(("Courier", Err(()))));
        assert!(read("Courier·2024-02-29").unwrap().1.is_ok());
    }

    #[test]
    fn prose_and_titles_are_not_sources() {
        assert_eq!(read("Harbour reopens after storm"), None);
        assert_eq!(read("Results for 2025-06-09"), None);
        assert_eq!(read("Apple · The Next Decade"), None);
        assert_eq!(read("Costs rose by 12.5"), None);
        assert_eq!(read("·"), None);
    }
}
