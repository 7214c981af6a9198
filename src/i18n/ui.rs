//! Strings of the ui area. Filled in as the area is built.
