//! Tolerant decoding for fields the specs write in more than one way.
//!
//! The O2G reference documents a field as a boolean or an integer in its representation tables
//! but writes it as a string in some examples (`"expired": "false"`, `"timeToLive": "1800"`).
//! We always *encode* the table form and *decode* both (see `docs/decisions.md`).

use std::fmt;
use std::marker::PhantomData;

use serde::{de, Deserialize, Deserializer};

// Hand-written visitors rather than `#[serde(untagged)]` enums: untagged enums buffer every
// value into serde's `Content` and retry each variant, which made these helpers the costliest
// part of decoding a call event (capabilities alone hold some thirty booleans).

struct BoolVisitor;

impl<'de> de::Visitor<'de> for BoolVisitor {
    type Value = bool;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a boolean, or \"true\"/\"false\"")
    }

    fn visit_bool<E: de::Error>(self, value: bool) -> Result<bool, E> {
        Ok(value)
    }

    fn visit_str<E: de::Error>(self, value: &str) -> Result<bool, E> {
        if value.eq_ignore_ascii_case("true") {
            Ok(true)
        } else if value.eq_ignore_ascii_case("false") {
            Ok(false)
        } else {
            Err(E::custom(format!("expected a boolean, got {value:?}")))
        }
    }
}

struct IntVisitor<T>(PhantomData<T>);

impl<T: TryFrom<i64>> IntVisitor<T> {
    fn narrow<E: de::Error>(wide: i64) -> Result<T, E> {
        T::try_from(wide).map_err(|_| E::custom(format!("integer {wide} is out of range")))
    }
}

impl<'de, T: TryFrom<i64>> de::Visitor<'de> for IntVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an integer, or a string of digits")
    }

    fn visit_i64<E: de::Error>(self, value: i64) -> Result<T, E> {
        Self::narrow(value)
    }

    fn visit_u64<E: de::Error>(self, value: u64) -> Result<T, E> {
        let wide = i64::try_from(value)
            .map_err(|_| E::custom(format!("integer {value} is out of range")))?;
        Self::narrow(wide)
    }

    fn visit_str<E: de::Error>(self, value: &str) -> Result<T, E> {
        let wide = value
            .trim()
            .parse::<i64>()
            .map_err(|_| E::custom(format!("expected an integer, got {value:?}")))?;
        Self::narrow(wide)
    }
}

/// `null` or absent → `None`; anything else through `inner`.
struct OptionVisitor<V>(V);

impl<'de, V: de::Visitor<'de>> de::Visitor<'de> for OptionVisitor<V> {
    type Value = Option<V::Value>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.expecting(f)?;
        f.write_str(", or null")
    }

    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(self.0).map(Some)
    }
}

/// A boolean written either as `true` or as `"true"`.
pub fn bool_or_string<'de, D: Deserializer<'de>>(d: D) -> Result<bool, D::Error> {
    d.deserialize_any(BoolVisitor)
}

/// An optional boolean written either as `true` or as `"true"`; `null` reads as absent.
pub fn opt_bool_or_string<'de, D: Deserializer<'de>>(d: D) -> Result<Option<bool>, D::Error> {
    d.deserialize_option(OptionVisitor(BoolVisitor))
}

/// An integer written either as `1800` or as `"1800"`.
pub fn int_or_string<'de, D, T>(d: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: TryFrom<i64>,
{
    d.deserialize_any(IntVisitor(PhantomData))
}

/// An optional integer written either as `1800` or as `"1800"`; `null` reads as absent.
pub fn opt_int_or_string<'de, D, T>(d: D) -> Result<Option<T>, D::Error>
where
    D: Deserializer<'de>,
    T: TryFrom<i64>,
{
    d.deserialize_option(OptionVisitor(IntVisitor(PhantomData)))
}

/// One element of an [`ints_or_strings`] list.
struct IntOrString<T>(T);

impl<'de, T: TryFrom<i64>> Deserialize<'de> for IntOrString<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        int_or_string(d).map(IntOrString)
    }
}

/// A list of integers, each written either as `12` or as `"12"`; `null` reads as empty.
/// Record ids are `long` in the tables, yet clients holding them as strings send them so.
pub fn ints_or_strings<'de, D, T>(d: D) -> Result<Vec<T>, D::Error>
where
    D: Deserializer<'de>,
    T: TryFrom<i64>,
{
    let items = Option::<Vec<IntOrString<T>>>::deserialize(d)?;
    Ok(items
        .unwrap_or_default()
        .into_iter()
        .map(|item| item.0)
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Deserialize, Debug, PartialEq)]
    struct Probe {
        #[serde(default, deserialize_with = "opt_bool_or_string")]
        flag: Option<bool>,
        #[serde(default, deserialize_with = "opt_int_or_string")]
        ttl: Option<u32>,
    }

    fn probe(json: &str) -> Result<Probe, serde_json::Error> {
        serde_json::from_str(json)
    }

    #[test]
    fn both_readings_decode_to_the_same_value() {
        assert_eq!(
            probe(r#"{"flag":true,"ttl":1800}"#).ok(),
            probe(r#"{"flag":"true","ttl":"1800"}"#).ok()
        );
        assert_eq!(
            probe(r#"{"flag":"FALSE"}"#).ok().and_then(|p| p.flag),
            Some(false)
        );
        assert_eq!(
            probe("{}").ok(),
            Some(Probe {
                flag: None,
                ttl: None
            })
        );
        assert_eq!(
            probe(r#"{"flag":null,"ttl":null}"#).ok(),
            Some(Probe {
                flag: None,
                ttl: None
            })
        );
    }

    #[test]
    fn garbage_is_an_error_not_a_guess() {
        assert!(probe(r#"{"flag":"yes"}"#).is_err());
        assert!(probe(r#"{"ttl":"thirty"}"#).is_err());
        assert!(probe(r#"{"ttl":-1}"#).is_err());
        assert!(probe(r#"{"ttl":1.5}"#).is_err());
    }

    #[derive(Deserialize, Debug, PartialEq)]
    struct Ids {
        #[serde(default, deserialize_with = "ints_or_strings")]
        ids: Vec<i64>,
    }

    #[test]
    fn a_list_mixes_numbers_and_numeric_strings() {
        let ids = |json: &str| serde_json::from_str::<Ids>(json).map(|i| i.ids);
        assert_eq!(
            ids(r#"{"ids":[12,"13"," 14 "]}"#).expect("mixed"),
            [12, 13, 14]
        );
        assert_eq!(ids(r#"{"ids":null}"#).expect("null"), Vec::<i64>::new());
        assert_eq!(ids("{}").expect("absent"), Vec::<i64>::new());
        assert!(ids(r#"{"ids":["12a"]}"#).is_err());
        assert!(ids(r#"{"ids":"12"}"#).is_err(), "a list, not one id");
    }
}
