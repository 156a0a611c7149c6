//! Reading Python data straight into the core's types: a serde [`Deserializer`] over Python
//! objects, with no JSON tree or text in between.
//!
//! It accepts exactly the Python data that `json.dumps` writes unchanged: `None`, `bool`,
//! `int` (within 64 bits), finite `float`, `str`, `list`, `tuple` and `dict` with `str` keys,
//! those exact types (no subclasses), nested at most [`MAX_DEPTH`] deep, and small enough to
//! be well inside the size limit on text. For such data every value reaches the core's
//! visitors as serde_json would hand it over from that text, and structs are read from maps
//! only ([`chime::deserialize_strict`]), so the reader accepts a document exactly when its
//! JSON text would be accepted, and reads the same values.
//!
//! When it does not accept the data, the reader gives up ([`None`]), whatever the reason: the
//! data is not a valid document, or it is not plainly JSON-shaped (a date, a numpy number, a
//! set, a subclass, a lone surrogate, very deep or very large data). The Python layer then
//! sends the data as JSON text, so every diagnostic (code, JSON Pointer and message) is the
//! text's own, and Python-only conversions (dates, numpy numbers) stay in one place. Valid
//! data, the case that must be fast, never meets JSON text.

use std::cell::Cell;
use std::fmt;

use chime_standards as chime;
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDict, PyFloat, PyInt, PyList, PyString, PyTuple};
use serde::de::{self, DeserializeOwned, DeserializeSeed, MapAccess, SeqAccess, Unexpected};
use serde::de::{Deserializer, EnumAccess, IntoDeserializer, VariantAccess, Visitor};

/// How deep Python data may nest here: serde_json's own recursion limit, so deeper data takes
/// the JSON text path and gets the parser's diagnostic.
pub const MAX_DEPTH: usize = 128;

/// Data whose strings add up to more than this many bytes goes as JSON text, where the size
/// limit on input applies exactly. JSON text is never shorter than the strings it holds plus
/// their quotes, and at most six times longer (`\u0000` escapes), so below this bound the text
/// would be well inside the 16 MiB limit.
fn max_string_bytes() -> usize {
    chime::Limits::default().max_bytes / 8
}

/// Reads a document of type `T` from Python data; `None` when the data is not plainly
/// JSON-shaped or not a valid document (see the module docs).
pub fn read<T: DeserializeOwned>(value: &Bound<'_, PyAny>) -> Option<T> {
    let budget = Budget {
        spent: Cell::new(0),
        limit: max_string_bytes(),
    };
    let reader = Depy {
        value: value.clone(),
        budget: &budget,
        depth: 0,
    };
    chime::deserialize_strict::<T, _>(reader).ok()
}

/// Whether `json.dumps` would write the value unchanged (and serde_json read it back), with
/// the same type rules as the reader.
fn plain(value: &Bound<'_, PyAny>, depth: usize) -> bool {
    if depth > MAX_DEPTH {
        return false;
    }
    if let Ok(dict) = value.cast_exact::<PyDict>() {
        return dict.iter().all(|(key, item)| {
            key.cast_exact::<PyString>()
                .is_ok_and(|key| key.to_str().is_ok())
                && plain(&item, depth + 1)
        });
    }
    if let Ok(list) = value.cast_exact::<PyList>() {
        return list.iter().all(|item| plain(&item, depth + 1));
    }
    if let Ok(tuple) = value.cast_exact::<PyTuple>() {
        return tuple.iter().all(|item| plain(&item, depth + 1));
    }
    scalar(value).is_some()
}

/// A plain scalar: null, a bool, a 64-bit integer, a finite float or a valid string.
enum Scalar<'a> {
    Null,
    Bool(bool),
    Unsigned(u64),
    Signed(i64),
    Float(f64),
    Str(&'a str),
}

fn scalar<'a>(value: &'a Bound<'_, PyAny>) -> Option<Scalar<'a>> {
    if let Ok(text) = value.cast_exact::<PyString>() {
        return text.to_str().ok().map(Scalar::Str);
    }
    if value.is_none() {
        return Some(Scalar::Null);
    }
    if let Ok(flag) = value.cast_exact::<PyBool>() {
        return Some(Scalar::Bool(flag.is_true()));
    }
    if let Ok(int) = value.cast_exact::<PyInt>() {
        // As serde_json reads a JSON integer: unsigned when it can be, else signed.
        return match int.extract::<u64>() {
            Ok(unsigned) => Some(Scalar::Unsigned(unsigned)),
            Err(_) => int.extract::<i64>().ok().map(Scalar::Signed),
        };
    }
    if let Ok(float) = value.cast_exact::<PyFloat>() {
        let float = float.value();
        return float.is_finite().then_some(Scalar::Float(float));
    }
    None
}

/// Why reading stopped: the data is not plainly JSON-shaped, or serde's data error (only its
/// message is kept; the text path gives the diagnostic).
#[derive(Debug)]
pub enum Failure {
    /// The data is not plainly JSON-shaped.
    GiveUp,
    /// A data error, with serde's message.
    Data(String),
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Failure::GiveUp => f.write_str("not plain JSON-shaped data"),
            Failure::Data(message) => f.write_str(message),
        }
    }
}

impl std::error::Error for Failure {}

impl de::Error for Failure {
    fn custom<T: fmt::Display>(message: T) -> Failure {
        Failure::Data(message.to_string())
    }
}

/// Bytes of strings read so far, and the most allowed (see [`max_string_bytes`]).
struct Budget {
    spent: Cell<usize>,
    limit: usize,
}

impl Budget {
    fn spend(&self, text: &str) -> Result<(), Failure> {
        let spent = self.spent.get() + text.len() + 2;
        if spent > self.limit {
            return Err(Failure::GiveUp);
        }
        self.spent.set(spent);
        Ok(())
    }
}

/// The deserializer: one Python value.
struct Depy<'a, 'py> {
    value: Bound<'py, PyAny>,
    budget: &'a Budget,
    depth: usize,
}

impl<'a, 'py> Depy<'a, 'py> {
    fn str(&self) -> Result<Option<&str>, Failure> {
        match self.value.cast_exact::<PyString>() {
            Ok(text) => {
                let text = text.to_str().map_err(|_| Failure::GiveUp)?;
                self.budget.spend(text)?;
                Ok(Some(text))
            }
            Err(_) => Ok(None),
        }
    }

    fn child(&self, value: Bound<'py, PyAny>) -> Result<Depy<'a, 'py>, Failure> {
        if self.depth >= MAX_DEPTH {
            return Err(Failure::GiveUp);
        }
        Ok(Depy {
            value,
            budget: self.budget,
            depth: self.depth + 1,
        })
    }

    /// The error serde_json gives when the value is not of the type asked for.
    fn wrong(&self, expected: &dyn de::Expected) -> Failure {
        if self.value.cast_exact::<PyDict>().is_ok() {
            return de::Error::invalid_type(Unexpected::Map, expected);
        }
        if self.value.cast_exact::<PyList>().is_ok() || self.value.cast_exact::<PyTuple>().is_ok() {
            return de::Error::invalid_type(Unexpected::Seq, expected);
        }
        match scalar(&self.value) {
            Some(Scalar::Null) => de::Error::invalid_type(Unexpected::Unit, expected),
            Some(Scalar::Bool(flag)) => de::Error::invalid_type(Unexpected::Bool(flag), expected),
            Some(Scalar::Unsigned(n)) => de::Error::invalid_type(Unexpected::Unsigned(n), expected),
            Some(Scalar::Signed(n)) => de::Error::invalid_type(Unexpected::Signed(n), expected),
            Some(Scalar::Float(n)) => de::Error::invalid_type(Unexpected::Float(n), expected),
            Some(Scalar::Str(text)) => de::Error::invalid_type(Unexpected::Str(text), expected),
            None => Failure::GiveUp,
        }
    }

    fn number<'de, V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Failure> {
        if self.value.cast_exact::<PyInt>().is_ok() || self.value.cast_exact::<PyFloat>().is_ok() {
            return self.scalar_any(visitor);
        }
        Err(self.wrong(&visitor))
    }

    /// Reads a list or tuple; anything else is of the wrong type.
    fn seq<'de, V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Failure> {
        if let Ok(list) = self.value.cast_exact::<PyList>() {
            let access = Items {
                len: list.len(),
                list: Listed::List(list.clone()),
                next: 0,
                parent: &self,
            };
            return visitor.visit_seq(access);
        }
        if let Ok(tuple) = self.value.cast_exact::<PyTuple>() {
            let access = Items {
                len: tuple.len(),
                list: Listed::Tuple(tuple.clone()),
                next: 0,
                parent: &self,
            };
            return visitor.visit_seq(access);
        }
        Err(self.wrong(&visitor))
    }
}

/// Forwards `deserialize_*` methods to a shared implementation.
macro_rules! forward_to {
    ($target:ident: $($method:ident)*) => {
        $(
            fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Failure> {
                self.$target(visitor)
            }
        )*
    };
}

impl<'de> Deserializer<'de> for Depy<'_, '_> {
    type Error = Failure;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Failure> {
        if let Some(text) = self.str()? {
            return visitor.visit_str(text);
        }
        if let Ok(dict) = self.value.cast_exact::<PyDict>() {
            return visitor.visit_map(Entries::new(dict, &self));
        }
        if self.value.cast_exact::<PyList>().is_ok() || self.value.cast_exact::<PyTuple>().is_ok() {
            return self.seq(visitor);
        }
        self.scalar_any(visitor)
    }

    forward_to! {
        number: deserialize_i8 deserialize_i16 deserialize_i32 deserialize_i64 deserialize_i128
        deserialize_u8 deserialize_u16 deserialize_u32 deserialize_u64 deserialize_u128
        deserialize_f32 deserialize_f64
    }

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Failure> {
        match self.value.cast_exact::<PyBool>() {
            Ok(flag) => visitor.visit_bool(flag.is_true()),
            Err(_) => Err(self.wrong(&visitor)),
        }
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Failure> {
        match self.str()? {
            Some(text) => visitor.visit_str(text),
            None => Err(self.wrong(&visitor)),
        }
    }

    forward_to! {
        deserialize_str: deserialize_string deserialize_char deserialize_identifier
        deserialize_bytes deserialize_byte_buf
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Failure> {
        if self.value.is_none() {
            visitor.visit_none()
        } else {
            visitor.visit_some(self)
        }
    }

    fn deserialize_unit<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Failure> {
        if self.value.is_none() {
            visitor.visit_unit()
        } else {
            Err(self.wrong(&visitor))
        }
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Failure> {
        self.deserialize_unit(visitor)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Failure> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Failure> {
        self.seq(visitor)
    }

    fn deserialize_tuple<V: Visitor<'de>>(
        self,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, Failure> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, Failure> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Failure> {
        match self.value.cast_exact::<PyDict>() {
            Ok(dict) => visitor.visit_map(Entries::new(dict, &self)),
            Err(_) => Err(self.wrong(&visitor)),
        }
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Failure> {
        self.deserialize_map(visitor)
    }

    /// As serde_json: a string is a unit variant, a map of one entry a variant with content.
    /// Anything else goes as text, which says what is wrong with it.
    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Failure> {
        if let Some(text) = self.str()? {
            return visitor.visit_enum(text.to_owned().into_deserializer());
        }
        if let Ok(dict) = self.value.cast_exact::<PyDict>() {
            if dict.len() == 1 {
                if let Some((key, value)) = dict.iter().next() {
                    let key = key.cast_exact::<PyString>().map_err(|_| Failure::GiveUp)?;
                    let name = key.to_str().map_err(|_| Failure::GiveUp)?.to_owned();
                    let content = self.child(value)?;
                    return visitor.visit_enum(Variant {
                        name: &name,
                        content,
                    });
                }
            }
        }
        Err(Failure::GiveUp)
    }

    /// An ignored value must still be one JSON can hold, as it would be in text.
    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Failure> {
        if plain(&self.value, self.depth) {
            visitor.visit_unit()
        } else {
            Err(Failure::GiveUp)
        }
    }

    fn is_human_readable(&self) -> bool {
        true
    }
}

impl<'a, 'py> Depy<'a, 'py> {
    /// `deserialize_any` for the scalars (strings, maps and lists are handled before).
    fn scalar_any<'de, V: Visitor<'de>>(&self, visitor: V) -> Result<V::Value, Failure> {
        match scalar(&self.value) {
            Some(Scalar::Null) => visitor.visit_unit(),
            Some(Scalar::Bool(flag)) => visitor.visit_bool(flag),
            Some(Scalar::Unsigned(n)) => visitor.visit_u64(n),
            Some(Scalar::Signed(n)) => visitor.visit_i64(n),
            Some(Scalar::Float(n)) => visitor.visit_f64(n),
            Some(Scalar::Str(text)) => visitor.visit_str(text),
            None => Err(Failure::GiveUp),
        }
    }
}

/// A list or a tuple being read.
enum Listed<'py> {
    List(Bound<'py, PyList>),
    Tuple(Bound<'py, PyTuple>),
}

/// The elements of a list or tuple.
struct Items<'p, 'a, 'py> {
    list: Listed<'py>,
    len: usize,
    next: usize,
    parent: &'p Depy<'a, 'py>,
}

impl<'de> SeqAccess<'de> for Items<'_, '_, '_> {
    type Error = Failure;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, Failure> {
        let index = self.next;
        if index >= self.len {
            return Ok(None);
        }
        self.next += 1;
        let item = match &self.list {
            Listed::List(list) => list.get_item(index),
            Listed::Tuple(tuple) => tuple.get_item(index),
        };
        // The list changed size while being read: no JSON text would do that.
        let item = item.map_err(|_| Failure::GiveUp)?;
        seed.deserialize(self.parent.child(item)?).map(Some)
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.len.saturating_sub(self.next))
    }
}

/// The entries of a dict.
struct Entries<'p, 'a, 'py> {
    entries: pyo3::types::iter::BoundDictIterator<'py>,
    left: usize,
    /// The value of the entry whose key was read last.
    pending: Option<Bound<'py, PyAny>>,
    parent: &'p Depy<'a, 'py>,
}

impl<'p, 'a, 'py> Entries<'p, 'a, 'py> {
    fn new(dict: &Bound<'py, PyDict>, parent: &'p Depy<'a, 'py>) -> Entries<'p, 'a, 'py> {
        Entries {
            left: dict.len(),
            entries: dict.clone().into_iter(),
            pending: None,
            parent,
        }
    }
}

impl<'de> MapAccess<'de> for Entries<'_, '_, '_> {
    type Error = Failure;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Failure> {
        let Some((key, value)) = self.entries.next() else {
            return Ok(None);
        };
        self.left = self.left.saturating_sub(1);
        let key = key
            .cast_into_exact::<PyString>()
            .map_err(|_| Failure::GiveUp)?;
        let text = key.to_str().map_err(|_| Failure::GiveUp)?;
        self.parent.budget.spend(text)?;
        let read = seed.deserialize(Key(text))?;
        self.pending = Some(value);
        Ok(Some(read))
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Failure> {
        let Some(value) = self.pending.take() else {
            return Err(de::Error::custom("a map value was read before its key"));
        };
        seed.deserialize(self.parent.child(value)?)
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.left)
    }
}

/// An enum variant given as a one-entry dict.
struct Variant<'n, 'a, 'py> {
    name: &'n str,
    content: Depy<'a, 'py>,
}

impl<'de, 'n> EnumAccess<'de> for Variant<'n, '_, '_> {
    type Error = Failure;
    type Variant = Self;

    fn variant_seed<T: DeserializeSeed<'de>>(self, seed: T) -> Result<(T::Value, Self), Failure> {
        let name: de::value::StrDeserializer<'_, Failure> = self.name.into_deserializer();
        let read = seed.deserialize(name)?;
        Ok((read, self))
    }
}

impl<'de> VariantAccess<'de> for Variant<'_, '_, '_> {
    type Error = Failure;

    fn unit_variant(self) -> Result<(), Failure> {
        de::Deserialize::deserialize(self.content)
    }

    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, seed: T) -> Result<T::Value, Failure> {
        seed.deserialize(self.content)
    }

    fn tuple_variant<V: Visitor<'de>>(self, _len: usize, visitor: V) -> Result<V::Value, Failure> {
        self.content.deserialize_seq(visitor)
    }

    fn struct_variant<V: Visitor<'de>>(
        self,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Failure> {
        self.content.deserialize_map(visitor)
    }
}

/// A dict key, read as serde_json reads an object's key: a string, or for integer keys the
/// number written in it. Anything a key could hold in text but that is rarer (floats, bools,
/// numbers not written plainly) goes as text, whose parser says what it makes of it.
struct Key<'k>(&'k str);

impl Key<'_> {
    fn integer<'de, V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Failure> {
        let digits = self.0.strip_prefix('-').unwrap_or(self.0);
        let plain = match digits.as_bytes() {
            [b'0'] => true,
            [b'1'..=b'9', rest @ ..] => rest.iter().all(u8::is_ascii_digit),
            _ => false,
        };
        if !plain {
            return Err(Failure::GiveUp);
        }
        if let Ok(unsigned) = self.0.parse::<u64>() {
            return visitor.visit_u64(unsigned);
        }
        match self.0.parse::<i64>() {
            Ok(signed) => visitor.visit_i64(signed),
            Err(_) => Err(Failure::GiveUp),
        }
    }

    fn text<'de, V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Failure> {
        visitor.visit_str(self.0)
    }

    fn other<'de, V: Visitor<'de>>(self, _visitor: V) -> Result<V::Value, Failure> {
        Err(Failure::GiveUp)
    }
}

impl<'de> Deserializer<'de> for Key<'_> {
    type Error = Failure;

    forward_to! {
        integer: deserialize_i8 deserialize_i16 deserialize_i32 deserialize_i64
        deserialize_u8 deserialize_u16 deserialize_u32 deserialize_u64
    }

    forward_to! {
        text: deserialize_any deserialize_str deserialize_string deserialize_identifier
        deserialize_char deserialize_bytes deserialize_byte_buf
    }

    forward_to! {
        other: deserialize_i128 deserialize_u128 deserialize_f32 deserialize_f64 deserialize_bool
        deserialize_unit deserialize_seq deserialize_map deserialize_ignored_any
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Failure> {
        visitor.visit_some(self)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Failure> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Failure> {
        visitor.visit_enum(self.0.to_owned().into_deserializer())
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _visitor: V,
    ) -> Result<V::Value, Failure> {
        Err(Failure::GiveUp)
    }

    fn deserialize_tuple<V: Visitor<'de>>(
        self,
        _len: usize,
        _visitor: V,
    ) -> Result<V::Value, Failure> {
        Err(Failure::GiveUp)
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _len: usize,
        _visitor: V,
    ) -> Result<V::Value, Failure> {
        Err(Failure::GiveUp)
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        _visitor: V,
    ) -> Result<V::Value, Failure> {
        Err(Failure::GiveUp)
    }
}
