//! The `key:value,key:value` entries of the connector's list events (`TeamUsersList`,
//! `Phonebooks`, `PhonebookContacts`, `TeamPhoneBooks`, `QueueList`, call variables), kept
//! as written: keys in order, repeated keys and unknown keys included, so that an entry
//! re-encodes to itself.

/// One entry of a list event.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct Record {
    /// The `key:value` pairs, in wire order.
    pub pairs: Vec<(String, String)>,
}

impl Record {
    /// An entry of these pairs.
    pub fn new<K: Into<String>, V: Into<String>>(
        pairs: impl IntoIterator<Item = (K, V)>,
    ) -> Record {
        Record {
            pairs: pairs
                .into_iter()
                .map(|(k, v)| (k.into(), v.into()))
                .collect(),
        }
    }

    /// The value of `key` (ASCII case-insensitive: the spec writes `FirstName` and
    /// `firstName` for the same kind of key), its first occurrence.
    pub fn get(&self, key: &str) -> Option<&str> {
        self.pairs
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(key))
            .map(|(_, v)| v.as_str())
    }

    /// A numeric value of `key`.
    pub fn number(&self, key: &str) -> Option<u64> {
        self.get(key).and_then(|v| v.trim().parse().ok())
    }

    /// Reads `key:value,key:value`. A part without a colon continues the previous value (a
    /// value may hold a comma: `description:Main office, 2nd floor`); empty parts (a
    /// trailing comma, as in the spec's `TeamUsersList` example) are skipped.
    pub fn parse(text: &str) -> Record {
        let mut pairs: Vec<(String, String)> = Vec::new();
        for part in text.split(',') {
            match part.split_once(':') {
                Some((key, value)) if !key.is_empty() => {
                    pairs.push((key.trim().to_owned(), value.to_owned()));
                }
                _ if part.trim().is_empty() => {}
                _ => match pairs.last_mut() {
                    Some((_, value)) => {
                        value.push(',');
                        value.push_str(part);
                    }
                    None => pairs.push((String::new(), part.to_owned())),
                },
            }
        }
        Record { pairs }
    }

    /// Writes `key:value,key:value`.
    pub fn encode(&self) -> String {
        let mut out = String::new();
        for (index, (key, value)) in self.pairs.iter().enumerate() {
            if index > 0 {
                out.push(',');
            }
            if !key.is_empty() {
                out.push_str(key);
                out.push(':');
            }
            out.push_str(value);
        }
        out
    }
}

/// Splits a list payload into entries: `|` between entries (as the supervisor's teams list),
/// `#` tolerated too; empty entries are skipped.
pub fn parse_list(text: &str) -> Vec<Record> {
    text.split(['|', '#'])
        .filter(|entry| !entry.trim().is_empty())
        .map(Record::parse)
        .collect()
}

/// Writes entries separated by `|`.
pub fn encode_list(records: &[Record]) -> String {
    records
        .iter()
        .map(Record::encode)
        .collect::<Vec<_>>()
        .join("|")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commas_inside_values_and_trailing_commas() {
        let record = Record::parse("description:Main office, 2nd floor,id:7,");
        assert_eq!(record.get("DESCRIPTION"), Some("Main office, 2nd floor"));
        assert_eq!(record.number("id"), Some(7));
        assert_eq!(record.encode(), "description:Main office, 2nd floor,id:7");
        assert_eq!(parse_list("a:1|b:2#c:3||").len(), 3);
    }
}
