//! The two-parse path: `serde_yaml` gives the values (and libyaml's
//! messages for syntax errors), walked side by side with the positions of
//! saphyr's events.

use std::borrow::Cow;

use super::events::{PosKind, PosNode};
use super::{Entry, Node, ParseError, Pos, Value, key_name};

/// A `serde_yaml::Value` read keeping the first of a repeated key, where
/// `serde_yaml::Value` refuses the whole file. Tags are dropped, as
/// [`convert`] drops them.
pub(super) struct FirstKeyWins(pub(super) serde_yaml::Value);

impl<'de> serde::Deserialize<'de> for FirstKeyWins {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(FirstKeyVisitor).map(FirstKeyWins)
    }
}

pub(super) struct FirstKeyVisitor;

impl<'de> serde::de::Visitor<'de> for FirstKeyVisitor {
    type Value = serde_yaml::Value;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("any YAML value")
    }

    fn visit_bool<E>(self, b: bool) -> Result<Self::Value, E> {
        Ok(serde_yaml::Value::Bool(b))
    }

    fn visit_i64<E>(self, i: i64) -> Result<Self::Value, E> {
        Ok(serde_yaml::Value::Number(i.into()))
    }

    fn visit_u64<E>(self, u: u64) -> Result<Self::Value, E> {
        Ok(serde_yaml::Value::Number(u.into()))
    }

    fn visit_f64<E>(self, f: f64) -> Result<Self::Value, E> {
        Ok(serde_yaml::Value::Number(f.into()))
    }

    fn visit_str<E>(self, s: &str) -> Result<Self::Value, E> {
        Ok(serde_yaml::Value::String(s.to_owned()))
    }

    fn visit_string<E>(self, s: String) -> Result<Self::Value, E> {
        Ok(serde_yaml::Value::String(s))
    }

    fn visit_unit<E>(self) -> Result<Self::Value, E> {
        Ok(serde_yaml::Value::Null)
    }

    fn visit_none<E>(self) -> Result<Self::Value, E> {
        Ok(serde_yaml::Value::Null)
    }

    fn visit_some<D: serde::Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(self)
    }

    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut items = Vec::new();
        while let Some(FirstKeyWins(item)) = seq.next_element()? {
            items.push(item);
        }
        Ok(serde_yaml::Value::Sequence(items))
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut out = serde_yaml::Mapping::new();
        while let Some((FirstKeyWins(k), FirstKeyWins(v))) = map.next_entry()? {
            if !out.contains_key(&k) {
                out.insert(k, v);
            }
        }
        Ok(serde_yaml::Value::Mapping(out))
    }

    fn visit_enum<A: serde::de::EnumAccess<'de>>(self, data: A) -> Result<Self::Value, A::Error> {
        use serde::de::VariantAccess;
        let (_tag, contents): (serde::de::IgnoredAny, _) = data.variant()?;
        let FirstKeyWins(value) = contents.newtype_variant()?;
        Ok(value)
    }
}

/// Keeps the first of each key in every mapping of the position tree, as
/// [`FirstKeyWins`] does, and collects the others. The tree is at most
/// [`super::MAX_DEPTH`] deep, so recursion is bounded.
pub(super) fn drop_repeated_keys(node: &mut PosNode<'_>, found: &mut Vec<(String, Pos)>) {
    match &mut node.kind {
        PosKind::Leaf => {}
        PosKind::Seq(items) => {
            for item in items {
                drop_repeated_keys(item, found);
            }
        }
        PosKind::Map(entries) => {
            let mut seen = std::collections::HashSet::new();
            entries.retain(|(key, value)| {
                let first = seen.insert(key.clone());
                if !first {
                    found.push((key.to_string(), value.at));
                }
                first
            });
            for (_, value) in entries {
                drop_repeated_keys(value, found);
            }
        }
    }
}

/// The first key, in file order, that repeats within its mapping.
pub(super) fn first_duplicate(node: &PosNode<'_>) -> Option<(String, Pos)> {
    let mut found: Option<(String, Pos)> = None;
    let mut stack = vec![node];
    while let Some(n) = stack.pop() {
        match &n.kind {
            PosKind::Leaf => {}
            PosKind::Seq(items) => stack.extend(items.iter()),
            PosKind::Map(entries) => {
                let mut seen = std::collections::HashSet::new();
                for (key, value) in entries {
                    if !seen.insert(key.as_ref())
                        && found.as_ref().is_none_or(|(_, at)| value.at < *at)
                    {
                        found = Some((key.to_string(), value.at));
                    }
                    stack.push(value);
                }
            }
        }
    }
    found
}

pub(super) fn syntax_error(e: &serde_yaml::Error) -> ParseError {
    let text = e.to_string();
    let at = e
        .location()
        .map(|l| Pos {
            line: l.line(),
            col: l.column(),
        })
        .unwrap_or(Pos { line: 1, col: 1 });
    // libyaml reports "..., while scanning X at line N column M": the second
    // position is where the construct began, often the line really at fault.
    let (message, context) = match text.split_once(", while ") {
        Some((problem, rest)) => (problem.to_owned(), find_line_col(rest)),
        None => (text.clone(), None),
    };
    let message = match message.rfind(" at line ") {
        Some(i) => message[..i].to_owned(),
        None => message,
    };
    if message.contains("more than one document") {
        return ParseError::SeveralDocuments { at };
    }
    if message.contains("repetition limit") {
        return ParseError::AliasExpansion { at };
    }
    ParseError::Syntax {
        message,
        at,
        context,
    }
}

/// Finds "line N column M" in a libyaml message.
pub(super) fn find_line_col(s: &str) -> Option<Pos> {
    let rest = &s[s.find("line ")? + 5..];
    let (line, rest) = rest.split_once(" column ")?;
    let col: String = rest.chars().take_while(char::is_ascii_digit).collect();
    Some(Pos {
        line: line.trim().parse().ok()?,
        col: col.parse().ok()?,
    })
}

/// Walks the `serde_yaml` value and the position tree together, consuming
/// both (no string is copied twice).
pub(super) fn convert(value: serde_yaml::Value, pos: Option<PosNode<'_>>, at: Pos) -> Node {
    let mut value = value;
    while let serde_yaml::Value::Tagged(tagged) = value {
        value = tagged.value;
    }
    let (end_line, raw, cut_at_hash, comment_after, kind) = match pos {
        Some(p) => (
            p.end_line.max(at.line),
            p.raw,
            p.cut_at_hash,
            p.comment_after,
            Some(p.kind),
        ),
        None => (at.line, None, false, false, None),
    };
    // Only numbers and booleans need the text as written (a choice `1.50`).
    let mut keep_raw = false;
    let value = match value {
        serde_yaml::Value::Null => Value::Null,
        serde_yaml::Value::Bool(b) => {
            keep_raw = true;
            Value::Bool(b)
        }
        serde_yaml::Value::Number(n) => {
            keep_raw = true;
            match n.as_i64() {
                Some(i) => Value::Int(i),
                None => Value::Float(n.as_f64().unwrap_or(f64::NAN)),
            }
        }
        serde_yaml::Value::String(s) => Value::Str(crate::text::nfc(&s)),
        serde_yaml::Value::Sequence(items) => {
            let mut positions = match kind {
                Some(PosKind::Seq(v)) if v.len() == items.len() => Some(v.into_iter()),
                _ => None,
            };
            Value::Seq(
                items
                    .into_iter()
                    .map(|item| {
                        let p = positions.as_mut().and_then(Iterator::next);
                        let item_at = p.as_ref().map_or(at, |p| p.at);
                        convert(item, p, item_at)
                    })
                    .collect(),
            )
        }
        serde_yaml::Value::Mapping(map) => {
            let mut positions = match kind {
                Some(PosKind::Map(v)) if v.len() == map.len() => Some(v.into_iter()),
                _ => None,
            };
            Value::Map(
                map.into_iter()
                    .map(|(k, v)| {
                        let p = positions.as_mut().and_then(Iterator::next);
                        let (written, p) = match p {
                            Some((written, p)) => (Some(written), Some(p)),
                            None => (None, None),
                        };
                        let key = match (k, written) {
                            (serde_yaml::Value::String(s), _) => crate::text::nfc(&s),
                            (_, Some(written)) => crate::text::nfc(&written),
                            (other, None) => key_text(&other),
                        };
                        let entry_at = p.as_ref().map_or(at, |p| p.at);
                        Entry {
                            key: key_name(&key),
                            node: convert(v, p, entry_at),
                        }
                    })
                    .collect(),
            )
        }
        serde_yaml::Value::Tagged(_) => Value::Null,
    };
    Node {
        value,
        raw: if keep_raw {
            raw.map(Cow::into_owned)
        } else {
            None
        },
        at,
        end_line,
        cut_at_hash,
        comment_after,
    }
}

pub(super) fn key_text(v: &serde_yaml::Value) -> String {
    match v {
        serde_yaml::Value::Bool(b) => b.to_string(),
        serde_yaml::Value::Number(n) => n.to_string(),
        serde_yaml::Value::String(s) => s.clone(),
        serde_yaml::Value::Null => "~".to_owned(),
        _ => "?".to_owned(),
    }
}
