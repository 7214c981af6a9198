//! Strings of the check area. Filled in as the area is built.
