//! Strings of the report area. Filled in as the area is built.
