//! Shapes the XuC wire uses in many messages: ids written as numbers or numeric strings, fields
//! that are absent, `null` or set, a payload that is one object or a list of them, and string
//! enums whose unknown values are kept.

use std::fmt;

use serde::{de, Deserialize, Deserializer, Serialize, Serializer};

/// A XuC id (agent, queue, group, user). Written as a number; read as a number or a numeric
/// string, as the official client sends ids as it was given them (issue 12).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Id(pub i64);

impl fmt::Display for Id {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

impl From<i64> for Id {
    fn from(id: i64) -> Id {
        Id(id)
    }
}

impl Serialize for Id {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_i64(self.0)
    }
}

impl<'de> Deserialize<'de> for Id {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Id, D::Error> {
        crate::lenient::int_or_string(d).map(Id)
    }
}

/// Text the client may send as a JSON string or a number (a phone number typed into a
/// number field): read either way, written as a string.
pub fn text_or_number<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    struct Visitor;
    impl de::Visitor<'_> for Visitor {
        type Value = String;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a string or a number")
        }
        fn visit_str<E: de::Error>(self, v: &str) -> Result<String, E> {
            Ok(v.to_owned())
        }
        fn visit_string<E: de::Error>(self, v: String) -> Result<String, E> {
            Ok(v)
        }
        fn visit_i64<E: de::Error>(self, v: i64) -> Result<String, E> {
            Ok(v.to_string())
        }
        fn visit_u64<E: de::Error>(self, v: u64) -> Result<String, E> {
            Ok(v.to_string())
        }
    }
    d.deserialize_any(Visitor)
}

/// A field the server writes as a value, as `null`, or not at all. XuC (Play JSON) writes
/// `null` for some empty fields (`"description":null` in a callback request) and omits others;
/// keeping the three apart re-encodes what came in.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Nullable<T> {
    /// Not in the object.
    #[default]
    Absent,
    /// `null`.
    Null,
    /// A value.
    Value(T),
}

impl<T> Nullable<T> {
    /// Whether the field was not in the object (skip it when encoding).
    pub fn is_absent(&self) -> bool {
        matches!(self, Nullable::Absent)
    }

    /// The value, if any.
    pub fn value(&self) -> Option<&T> {
        match self {
            Nullable::Value(value) => Some(value),
            Nullable::Absent | Nullable::Null => None,
        }
    }
}

impl<T> From<Option<T>> for Nullable<T> {
    fn from(value: Option<T>) -> Nullable<T> {
        value.map_or(Nullable::Null, Nullable::Value)
    }
}

impl<T: Serialize> Serialize for Nullable<T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Nullable::Value(value) => value.serialize(s),
            Nullable::Absent | Nullable::Null => s.serialize_none(),
        }
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Nullable<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Option::<T>::deserialize(d).map(Nullable::from)
    }
}

/// A payload that is one object or a list of them (the spec's `CallbackLists` example is one
/// list; the server sends an array). Re-encodes in the form it came in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum OneOrMany<T> {
    /// A list.
    Many(Vec<T>),
    /// A single object.
    One(T),
}

impl<T> OneOrMany<T> {
    /// The items, whatever the form.
    pub fn items(&self) -> &[T] {
        match self {
            OneOrMany::Many(items) => items,
            OneOrMany::One(item) => core::slice::from_ref(item),
        }
    }

    /// The items, owned.
    pub fn into_items(self) -> Vec<T> {
        match self {
            OneOrMany::Many(items) => items,
            OneOrMany::One(item) => vec![item],
        }
    }
}

impl<T> Default for OneOrMany<T> {
    fn default() -> Self {
        OneOrMany::Many(Vec::new())
    }
}

/// A string enum of the wire: the spec's values as variants, any other value kept as
/// `Other(text)` so that it re-encodes unchanged and a newer server never fails a message.
macro_rules! wire_enum {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident = $text:literal),* $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum $name {
            $($(#[$vmeta])* $variant,)*
            /// A value the spec does not list, as written.
            Other(String),
        }

        impl $name {
            /// The value as written on the wire.
            pub fn as_str(&self) -> &str {
                match self {
                    $($name::$variant => $text,)*
                    $name::Other(text) => text,
                }
            }

            /// Reads a wire value; unknown values are kept.
            pub fn parse(text: &str) -> $name {
                match text {
                    $($text => $name::$variant,)*
                    other => $name::Other(other.to_owned()),
                }
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let text = <std::borrow::Cow<'de, str>>::deserialize(d)?;
                Ok($name::parse(&text))
            }
        }
    };
}

pub(crate) use wire_enum;

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    struct Probe {
        id: Id,
        #[serde(default, skip_serializing_if = "Nullable::is_absent")]
        note: Nullable<String>,
    }

    #[test]
    fn ids_read_both_ways_and_write_numbers() {
        let a: Probe = serde_json::from_str(r#"{"id":"19"}"#).expect("string id");
        let b: Probe = serde_json::from_str(r#"{"id":19}"#).expect("number id");
        assert_eq!(a, b);
        assert_eq!(serde_json::to_string(&a).expect("encodes"), r#"{"id":19}"#);
        assert!(serde_json::from_str::<Probe>(r#"{"id":"nineteen"}"#).is_err());
    }

    #[test]
    fn absent_null_and_value_stay_apart() {
        for json in [
            r#"{"id":1}"#,
            r#"{"id":1,"note":null}"#,
            r#"{"id":1,"note":"x"}"#,
        ] {
            let probe: Probe = serde_json::from_str(json).expect("decodes");
            assert_eq!(serde_json::to_string(&probe).expect("encodes"), json);
        }
    }

    #[test]
    fn one_or_many_keeps_its_form() {
        let one: OneOrMany<Id> = serde_json::from_str("7").expect("one");
        let many: OneOrMany<Id> = serde_json::from_str("[7,8]").expect("many");
        assert_eq!(one.items(), [Id(7)]);
        assert_eq!(many.items(), [Id(7), Id(8)]);
        assert_eq!(serde_json::to_string(&one).expect("encodes"), "7");
    }
}
