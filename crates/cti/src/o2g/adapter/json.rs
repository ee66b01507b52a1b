//! Reading O2G JSON by hand: one parse into a small JSON tree that borrows its keys and
//! strings from the bytes ([`Json`]), then the few fields the adapter maps, without the derived
//! `Deserialize` code of the wire types (docs/decisions.md, Weight).
//!
//! Each accessor keeps the lenient reading of the wire type's field it stands for
//! (`crate::lenient`, `crate::o2g::nullable`, `#[serde(default, alias)]`): booleans and
//! integers written as strings, `null` for an absent value or an empty list, unknown enum names.
//! A field of the wrong type is an error worded as serde words it. Fields the adapter does not
//! read are not looked at.

use std::borrow::Cow;
use std::fmt;

use serde::de::{self, Deserialize, Deserializer, Error as _, MapAccess, SeqAccess, Unexpected};

use crate::o2g::DecodeError;

/// Why a body is not of the shape the adapter reads, in serde's words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Shape(String);

impl Shape {
    /// The body-level error, as `crate::o2g::decode` reports it.
    pub(super) fn into_error(self, what: &'static str) -> DecodeError {
        DecodeError::Shape {
            what,
            message: self.0,
        }
    }

    pub(super) fn custom(message: &str) -> Shape {
        Shape(message.to_owned())
    }

    fn invalid(value: &Json<'_>, expected: &str) -> Shape {
        let unexpected = match value {
            Json::Null => Unexpected::Unit,
            Json::Bool(b) => Unexpected::Bool(*b),
            Json::Unsigned(u) => Unexpected::Unsigned(*u),
            Json::Signed(i) => Unexpected::Signed(*i),
            Json::Float(f) => Unexpected::Float(*f),
            Json::Str(s) => Unexpected::Str(s),
            Json::Array(_) => Unexpected::Seq,
            Json::Object(_) => Unexpected::Map,
        };
        Shape(serde_json::Error::invalid_type(unexpected, &expected).to_string())
    }
}

pub(super) type Read<T> = Result<T, Shape>;

const A_STRING: &str = "a string";
const A_BOOLEAN: &str = "a boolean, or \"true\"/\"false\"";
const AN_INTEGER: &str = "an integer, or a string of digits";
const A_SEQUENCE: &str = "a sequence";
const AN_ENUM: &str = "string or map";

/// A parsed JSON value. Like `serde_json::Value`, but strings and keys borrow from the input
/// when they have no escapes, and an object is its entries in order (a key written twice is
/// read from its last entry, as `Value` keeps it): parsing a `Value` made decoding an event
/// half again as slow as the wire types' direct parse.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Json<'a> {
    Null,
    Bool(bool),
    Unsigned(u64),
    Signed(i64),
    Float(f64),
    Str(Cow<'a, str>),
    Array(Vec<Json<'a>>),
    Object(Vec<(Cow<'a, str>, Json<'a>)>),
}

impl Json<'_> {
    fn is_null(&self) -> bool {
        matches!(self, Json::Null)
    }
}

struct JsonVisitor;

impl<'de> de::Visitor<'de> for JsonVisitor {
    type Value = Json<'de>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any valid JSON value")
    }

    fn visit_bool<E>(self, b: bool) -> Result<Json<'de>, E> {
        Ok(Json::Bool(b))
    }

    fn visit_i64<E>(self, i: i64) -> Result<Json<'de>, E> {
        Ok(if i < 0 {
            Json::Signed(i)
        } else {
            Json::Unsigned(i.unsigned_abs())
        })
    }

    fn visit_u64<E>(self, u: u64) -> Result<Json<'de>, E> {
        Ok(Json::Unsigned(u))
    }

    fn visit_f64<E>(self, f: f64) -> Result<Json<'de>, E> {
        Ok(Json::Float(f))
    }

    fn visit_borrowed_str<E>(self, s: &'de str) -> Result<Json<'de>, E> {
        Ok(Json::Str(Cow::Borrowed(s)))
    }

    fn visit_str<E>(self, s: &str) -> Result<Json<'de>, E> {
        Ok(Json::Str(Cow::Owned(s.to_owned())))
    }

    fn visit_string<E>(self, s: String) -> Result<Json<'de>, E> {
        Ok(Json::Str(Cow::Owned(s)))
    }

    fn visit_unit<E>(self) -> Result<Json<'de>, E> {
        Ok(Json::Null)
    }

    fn visit_none<E>(self) -> Result<Json<'de>, E> {
        Ok(Json::Null)
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Json<'de>, D::Error> {
        Json::deserialize(d)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Json<'de>, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(Json::Array(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Json<'de>, A::Error> {
        let mut entries = Vec::new();
        while let Some(Key(key)) = map.next_key()? {
            entries.push((key, map.next_value()?));
        }
        Ok(Json::Object(entries))
    }
}

impl<'de> Deserialize<'de> for Json<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Json<'de>, D::Error> {
        d.deserialize_any(JsonVisitor)
    }
}

/// An object's key, borrowed when it can be.
struct Key<'a>(Cow<'a, str>);

impl<'de> Deserialize<'de> for Key<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Key<'de>, D::Error> {
        match Json::deserialize(d)? {
            Json::Str(key) => Ok(Key(key)),
            _ => Err(D::Error::custom("a key must be a string")),
        }
    }
}

/// Parses a body; bad JSON is a [`DecodeError::Syntax`] worded as `crate::o2g::decode` words
/// it (the same parser).
pub(super) fn parse<'a>(what: &'static str, bytes: &'a [u8]) -> Result<Json<'a>, DecodeError> {
    serde_json::from_slice(bytes).map_err(|e| DecodeError::from_json(what, &e))
}

/// A JSON object standing for one wire struct. Fields are taken out of it (moved, not
/// copied), each at most once.
#[derive(Debug, Default)]
pub(super) struct Obj<'a>(Vec<(Cow<'a, str>, Json<'a>)>);

impl<'a> Obj<'a> {
    /// `value` as the struct `name` (`struct AgentState` in an error).
    pub(super) fn new(value: Json<'a>, name: &str) -> Read<Obj<'a>> {
        match value {
            Json::Object(entries) => Ok(Obj(entries)),
            other => Err(Shape::invalid(&other, &format!("struct {name}"))),
        }
    }

    /// Takes a field out, whatever its value (its last entry, if written twice).
    pub(super) fn remove(&mut self, key: &str) -> Option<Json<'a>> {
        let index = self.0.iter().rposition(|(k, _)| k == key)?;
        Some(self.0.remove(index).1)
    }

    /// The raw value of a field; `null` reads as absent.
    fn take(&mut self, key: &str) -> Option<Json<'a>> {
        self.remove(key).filter(|v| !v.is_null())
    }

    /// A field that has an alias (`#[serde(alias)]`): either name, not both.
    fn take_aliased(&mut self, key: &'static str, alias: &str) -> Read<Option<Json<'a>>> {
        match (self.remove(key), self.remove(alias)) {
            (Some(_), Some(_)) => Err(Shape(serde_json::Error::duplicate_field(key).to_string())),
            (one, other) => Ok(one.or(other).filter(|v| !v.is_null())),
        }
    }

    /// A required field: absent is an error; `null` is left to the caller's type.
    fn take_required(&mut self, key: &'static str) -> Read<Json<'a>> {
        self.remove(key)
            .ok_or_else(|| Shape(serde_json::Error::missing_field(key).to_string()))
    }

    /// `Option<String>`: absent or `null` → `None`.
    pub(super) fn opt_str(&mut self, key: &str) -> Read<Option<String>> {
        self.take(key).map(string).transpose()
    }

    /// `Option<String>` with an alias.
    pub(super) fn opt_str_aliased(
        &mut self,
        key: &'static str,
        alias: &str,
    ) -> Read<Option<String>> {
        self.take_aliased(key, alias)?.map(string).transpose()
    }

    /// `String` read through `nullable::or_default`: absent or `null` → `""`.
    pub(super) fn str_or_empty(&mut self, key: &str) -> Read<String> {
        Ok(self.opt_str(key)?.unwrap_or_default())
    }

    /// `String` through `nullable::or_default`, with an alias.
    pub(super) fn str_or_empty_aliased(&mut self, key: &'static str, alias: &str) -> Read<String> {
        Ok(self.opt_str_aliased(key, alias)?.unwrap_or_default())
    }

    /// A required `String`.
    pub(super) fn req_str(&mut self, key: &'static str) -> Read<String> {
        string(self.take_required(key)?)
    }

    /// `Option<bool>` through `lenient::opt_bool_or_string`.
    pub(super) fn opt_bool(&mut self, key: &str) -> Read<Option<bool>> {
        self.take(key).map(|v| boolean(&v)).transpose()
    }

    /// A flag that only counts when present and true (`unwrap_or(false)` of an optional one).
    pub(super) fn flag(&mut self, key: &str) -> Read<bool> {
        Ok(self.opt_bool(key)?.unwrap_or(false))
    }

    /// `bool` through `lenient::bool_or_string` with `#[serde(default)]`: absent → `false`;
    /// `null` is an error.
    pub(super) fn bool_or_false(&mut self, key: &str) -> Read<bool> {
        self.remove(key).map_or(Ok(false), |v| boolean(&v))
    }

    /// `Option<T>` through `lenient::opt_int_or_string`.
    pub(super) fn opt_int<T: TryFrom<i64>>(&mut self, key: &str) -> Read<Option<T>> {
        self.take(key).map(|v| integer(&v)).transpose()
    }

    /// A required integer through `lenient::int_or_string`.
    pub(super) fn req_int<T: TryFrom<i64>>(&mut self, key: &'static str) -> Read<T> {
        integer(&self.take_required(key)?)
    }

    /// `Option<Enum>` of a unit enum with a catch-all: the name as written (the caller maps
    /// unknown names to the catch-all).
    pub(super) fn opt_name(&mut self, key: &str) -> Read<Option<String>> {
        self.take(key).map(enum_name).transpose()
    }

    /// A required unit enum, as its name.
    pub(super) fn req_name(&mut self, key: &'static str) -> Read<String> {
        enum_name(self.take_required(key)?)
    }

    /// `Option<Struct>`: absent or `null` → `None`.
    pub(super) fn opt_obj(&mut self, key: &str, name: &str) -> Read<Option<Obj<'a>>> {
        self.take(key).map(|v| Obj::new(v, name)).transpose()
    }

    /// A struct read through `nullable::or_default`: absent or `null` → the empty struct.
    pub(super) fn obj_or_default(&mut self, key: &str, name: &str) -> Read<Obj<'a>> {
        Ok(self.opt_obj(key, name)?.unwrap_or_default())
    }

    /// A required struct.
    pub(super) fn req_obj(&mut self, key: &'static str, name: &str) -> Read<Obj<'a>> {
        Obj::new(self.take_required(key)?, name)
    }

    /// `Vec<T>` through `nullable::or_default`: absent or `null` → empty.
    pub(super) fn list(&mut self, key: &str) -> Read<Vec<Json<'a>>> {
        Ok(self.opt_list(key)?.unwrap_or_default())
    }

    /// `Option<Vec<T>>`: absent or `null` → `None` (distinct from an empty list).
    pub(super) fn opt_list(&mut self, key: &str) -> Read<Option<Vec<Json<'a>>>> {
        match self.take(key) {
            None => Ok(None),
            Some(Json::Array(items)) => Ok(Some(items)),
            Some(other) => Err(Shape::invalid(&other, A_SEQUENCE)),
        }
    }

    /// A list of structs `name`, each through `read`.
    pub(super) fn objs<T>(
        &mut self,
        key: &str,
        name: &str,
        read: impl FnMut(Obj<'a>) -> Read<T>,
    ) -> Read<Vec<T>> {
        each(self.list(key)?, name, read)
    }

    /// A list of strings through `nullable::or_default`.
    pub(super) fn strs(&mut self, key: &str) -> Read<Vec<String>> {
        self.list(key)?.into_iter().map(string).collect()
    }
}

/// Every item of a list as the struct `name`, through `read`.
pub(super) fn each<'a, T>(
    items: Vec<Json<'a>>,
    name: &str,
    mut read: impl FnMut(Obj<'a>) -> Read<T>,
) -> Read<Vec<T>> {
    items
        .into_iter()
        .map(|item| read(Obj::new(item, name)?))
        .collect()
}

fn string(value: Json<'_>) -> Read<String> {
    match value {
        Json::Str(s) => Ok(s.into_owned()),
        other => Err(Shape::invalid(&other, A_STRING)),
    }
}

fn enum_name(value: Json<'_>) -> Read<String> {
    match value {
        Json::Str(s) => Ok(s.into_owned()),
        other => Err(Shape::invalid(&other, AN_ENUM)),
    }
}

/// `lenient::bool_or_string`: `true`, or `"true"` in any case.
fn boolean(value: &Json<'_>) -> Read<bool> {
    match value {
        Json::Bool(b) => Ok(*b),
        Json::Str(s) if s.eq_ignore_ascii_case("true") => Ok(true),
        Json::Str(s) if s.eq_ignore_ascii_case("false") => Ok(false),
        Json::Str(s) => Err(Shape(format!("expected a boolean, got {s:?}"))),
        other => Err(Shape::invalid(other, A_BOOLEAN)),
    }
}

/// `lenient::int_or_string`: `1800`, or `"1800"` (trimmed), within `T`'s range.
fn integer<T: TryFrom<i64>>(value: &Json<'_>) -> Read<T> {
    let wide = match value {
        Json::Signed(i) => *i,
        Json::Unsigned(u) => {
            i64::try_from(*u).map_err(|_| Shape(format!("integer {u} is out of range")))?
        }
        Json::Str(s) => s
            .trim()
            .parse::<i64>()
            .map_err(|_| Shape(format!("expected an integer, got {s:?}")))?,
        other => return Err(Shape::invalid(other, AN_INTEGER)),
    };
    T::try_from(wide).map_err(|_| Shape(format!("integer {wide} is out of range")))
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;
    use serde_json::json;

    fn obj(value: serde_json::Value) -> Obj<'static> {
        let text: &'static str = Box::leak(value.to_string().into_boxed_str());
        Obj::new(parse("Probe", text.as_bytes()).unwrap(), "Probe").unwrap()
    }

    #[test]
    fn lenient_readings_match_the_serde_helpers() {
        let mut o = obj(json!({
            "a": "TRUE", "b": false, "c": null, "n": " 42 ", "m": -3, "l": null, "s": null
        }));
        assert_eq!(o.opt_bool("a"), Ok(Some(true)));
        assert_eq!(o.opt_bool("b"), Ok(Some(false)));
        assert_eq!(o.opt_bool("c"), Ok(None));
        assert_eq!(o.opt_bool("absent"), Ok(None));
        assert_eq!(o.opt_int::<u32>("n"), Ok(Some(42)));
        assert_eq!(o.opt_int::<i32>("m"), Ok(Some(-3)));
        assert_eq!(o.list("l"), Ok(Vec::new()));
        assert_eq!(o.str_or_empty("s"), Ok(String::new()));
    }

    #[test]
    fn errors_are_worded_as_serde_words_them() {
        let mut o = obj(json!({
            "a": "yes", "b": 1, "n": 1.5, "m": -1, "big": u64::MAX, "s": 5, "e": [], "x": null
        }));
        assert_eq!(
            o.opt_bool("a").unwrap_err().0,
            "expected a boolean, got \"yes\""
        );
        assert_eq!(
            o.opt_bool("b").unwrap_err().0,
            "invalid type: integer `1`, expected a boolean, or \"true\"/\"false\""
        );
        assert_eq!(
            o.opt_int::<i32>("n").unwrap_err().0,
            "invalid type: floating point `1.5`, expected an integer, or a string of digits"
        );
        assert_eq!(
            o.opt_int::<u32>("m").unwrap_err().0,
            "integer -1 is out of range"
        );
        assert_eq!(
            o.opt_int::<i64>("big").unwrap_err().0,
            format!("integer {} is out of range", u64::MAX)
        );
        assert_eq!(
            o.opt_str("s").unwrap_err().0,
            "invalid type: integer `5`, expected a string"
        );
        assert_eq!(
            o.opt_name("e").unwrap_err().0,
            "invalid type: sequence, expected string or map"
        );
        assert_eq!(
            o.req_str("x").unwrap_err().0,
            "invalid type: null, expected a string"
        );
        assert_eq!(o.req_str("gone").unwrap_err().0, "missing field `gone`");
    }

    #[test]
    fn an_alias_is_either_name_but_not_both() {
        let mut o = obj(json!({ "pgGroupNumber": "60121" }));
        assert_eq!(
            o.opt_str_aliased("pgNumber", "pgGroupNumber"),
            Ok(Some("60121".into()))
        );
        let mut both = obj(json!({ "pgNumber": "1", "pgGroupNumber": "2" }));
        assert_eq!(
            both.opt_str_aliased("pgNumber", "pgGroupNumber")
                .unwrap_err()
                .0,
            "duplicate field `pgNumber`"
        );
    }
}
