//! Plain scalars resolved as `serde_yaml` (libyaml, YAML 1.1 core
//! schema) resolves them, so that one saphyr pass reads numbers, booleans
//! and nulls as the two-parse path does.

use super::Value;

pub(super) fn is_null(s: &str) -> bool {
    matches!(s, "" | "~" | "null" | "Null" | "NULL")
}

/// What `serde_yaml` makes of a plain scalar: null, a boolean, a number or
/// text (`Str` with nothing in it: the caller keeps the text). `None` for
/// an integer beyond 64 bits, which `serde_yaml` refuses.
pub(super) fn resolve_plain(s: &str) -> Option<Value> {
    if is_null(s) {
        return Some(Value::Null);
    }
    match s {
        "true" | "True" | "TRUE" => return Some(Value::Bool(true)),
        "false" | "False" | "FALSE" => return Some(Value::Bool(false)),
        _ => {}
    }
    // Text most of the time: nothing else starts with a letter.
    if !s.starts_with(|c: char| c.is_ascii_digit() || matches!(c, '+' | '-' | '.')) {
        return Some(Value::Str(String::new()));
    }
    if let Some(u) = unsigned_int(s) {
        return match u64::try_from(u) {
            Ok(u) => Some(i64::try_from(u).map_or(Value::Float(u as f64), Value::Int)),
            Err(_) => None,
        };
    }
    if let Some(i) = negative_int(s) {
        return i64::try_from(i).ok().map(Value::Int);
    }
    if !leading_zero_digits(s)
        && let Some(f) = float(s)
    {
        return Some(Value::Float(f));
    }
    Some(Value::Str(String::new()))
}

/// `0123`, `-007`: digits after a leading zero are text in YAML 1.2.
pub(super) fn leading_zero_digits(s: &str) -> bool {
    let s = s.strip_prefix(['-', '+']).unwrap_or(s);
    s.len() > 1 && s.starts_with('0') && s[1..].bytes().all(|b| b.is_ascii_digit())
}

/// A whole number without a minus: decimal, `0x`, `0o` or `0b`, an
/// optional `+` before.
pub(super) fn unsigned_int(s: &str) -> Option<u128> {
    let unsigned = s.strip_prefix('+').unwrap_or(s);
    for (prefix, radix) in [("0x", 16), ("0o", 8), ("0b", 2)] {
        if let Some(rest) = unsigned.strip_prefix(prefix) {
            if rest.starts_with(['+', '-']) {
                return None;
            }
            if let Ok(n) = u128::from_str_radix(rest, radix) {
                return Some(n);
            }
        }
    }
    if unsigned.starts_with(['+', '-']) || leading_zero_digits(s) {
        return None;
    }
    unsigned.parse::<u128>().ok()
}

/// A whole number with a minus: decimal, `-0x`, `-0o` or `-0b`.
pub(super) fn negative_int(s: &str) -> Option<i128> {
    for (prefix, radix) in [("-0x", 16), ("-0o", 8), ("-0b", 2)] {
        if let Some(rest) = s.strip_prefix(prefix)
            && let Ok(n) = i128::from_str_radix(&format!("-{rest}"), radix)
        {
            return Some(n);
        }
    }
    if leading_zero_digits(s) {
        return None;
    }
    s.parse::<i128>().ok()
}

/// A finite number with a point or an exponent, or `.inf`, `.nan`.
pub(super) fn float(s: &str) -> Option<f64> {
    let unsigned = match s.strip_prefix('+') {
        Some(rest) if rest.starts_with(['+', '-']) => return None,
        Some(rest) => rest,
        None => s,
    };
    if matches!(unsigned, ".inf" | ".Inf" | ".INF") {
        return Some(f64::INFINITY);
    }
    if matches!(s, "-.inf" | "-.Inf" | "-.INF") {
        return Some(f64::NEG_INFINITY);
    }
    if matches!(s, ".nan" | ".NaN" | ".NAN") {
        return Some(f64::NAN);
    }
    unsigned.parse::<f64>().ok().filter(|f| f.is_finite())
}
