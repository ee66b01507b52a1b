//! `null` where the spec promises a list or an object.
//!
//! The gateway is a Java service; a serializer configured to include nulls writes
//! `"hgList": null` (the spec even says "may be null if none", L5266). For fields that default
//! when absent, `null` must mean the same as absent instead of failing the whole body.

use serde::{Deserialize, Deserializer};

/// Reads `null` as `T::default()`; any other value as `T`.
pub fn or_default<'de, D, T>(d: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de> + Default,
{
    Ok(Option::<T>::deserialize(d)?.unwrap_or_default())
}
