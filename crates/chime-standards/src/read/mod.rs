//! Reading and writing the documents' JSON: parsing with located errors ([`parse`]), the strict
//! shape the spec and schemas require ([`strict`]), turning an error's position into a JSON
//! Pointer ([`locate`]), enum names ([`names`]), the one pretty writer ([`json`]) and reading
//! from another serde data format, such as Python objects, with the same diagnostics ([`foreign`]).

pub(crate) mod foreign;
pub(crate) mod json;
pub(crate) mod locate;
pub(crate) mod names;
pub(crate) mod parse;
pub(crate) mod strict;
