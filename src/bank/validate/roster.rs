//! The rules of a roster and its units.

use std::collections::HashMap;

use super::super::diag::{Expected, Problem};
use super::super::roster::{Roster, Unit};
use super::super::yaml::{Node, Value};
use super::{Checker, ROSTER_KEYS, UNIT_KEYS, first_seen, get, scalar_text};

impl Checker<'_> {
    /// Validates a roster file's tree; `None` when it has errors.
    pub(crate) fn roster(&mut self, root: &mut Node) -> Option<Roster> {
        let root_at = root.at;
        let Value::Map(map) = &mut root.value else {
            self.report(root_at, Problem::NotAMapping, None);
            return None;
        };
        let suggested = self.unknown_keys(map, ROSTER_KEYS, UNIT_KEYS);
        let mut units = Vec::new();
        match get(map, "units") {
            None => self.missing(root_at, "units", &suggested),
            Some(node) => match &mut node.value {
                Value::Seq(items) if !items.is_empty() => units = self.units(items),
                Value::Seq(_) | Value::Null => self.report(
                    node.at,
                    Problem::Empty {
                        key: "units".to_owned(),
                    },
                    None,
                ),
                _ => self.report(
                    node.at,
                    Problem::WrongType {
                        key: "units".to_owned(),
                        expected: Expected::List,
                    },
                    None,
                ),
            },
        }
        if self.has_errors() {
            return None;
        }
        Some(Roster { units })
    }

    fn units(&mut self, items: &mut [Node]) -> Vec<Unit> {
        let mut out = Vec::with_capacity(items.len());
        let mut names: HashMap<String, usize> = HashMap::new();
        let mut codes: HashMap<String, usize> = HashMap::new();
        for item in items {
            let item_at = item.at;
            let Some(map) = self.item_map(item, "units") else {
                continue;
            };
            let suggested = self.unknown_keys(map, UNIT_KEYS, ROSTER_KEYS);
            let name = match get(map, "name") {
                Some(n) => self.text(n, "name", false),
                None => {
                    self.missing(item_at, "name", &suggested);
                    None
                }
            };
            if let (Some(name), Some(n)) = (&name, get(map, "name"))
                && let Some(first_line) = first_seen(&mut names, crate::text::fold(name), n.at.line)
            {
                self.report(
                    n.at,
                    Problem::DuplicateUnitName {
                        name: name.clone(),
                        first_line,
                    },
                    None,
                );
            }
            let code = self.optional_text(map, "code", false);
            if let (Some(code), Some(n)) = (&code, get(map, "code"))
                && let Some(first_line) = first_seen(&mut codes, code.to_lowercase(), n.at.line)
            {
                self.report(
                    n.at,
                    Problem::DuplicateUnitCode {
                        code: code.clone(),
                        first_line,
                    },
                    None,
                );
            }
            let members = match get(map, "members") {
                None => None,
                Some(n) => match n.value {
                    Value::Int(m) if m > 0 => u32::try_from(m).ok().or_else(|| {
                        self.report(
                            n.at,
                            Problem::BadMembers {
                                value: m.to_string(),
                            },
                            None,
                        );
                        None
                    }),
                    _ => {
                        let value = n.raw.clone().unwrap_or_else(|| scalar_text(&n.value));
                        self.report(n.at, Problem::BadMembers { value }, None);
                        None
                    }
                },
            };
            if let Some(name) = name {
                out.push(Unit {
                    name,
                    code,
                    members,
                });
            }
        }
        out
    }
}
