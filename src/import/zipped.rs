//! Office files are zip archives of XML parts. This module opens them with
//! every bound a hostile file could push on: the size on disk (checked by
//! the caller), the number of entries, and the real (not the declared)
//! unpacked size of each part read, measured while unpacking.

use std::io::{Cursor, Read};

use zip::ZipArchive;
use zip::result::ZipError;

use super::diag::{Kind, Problem};

/// The most entries an archive may hold; a Word or Excel file has a few
/// dozen, plus one per picture.
pub const MAX_ENTRIES: usize = 5_000;

/// The most one XML part may unpack to. A 1,000-question document is about
/// 1 MiB of XML; 64 MiB leaves room for long banks with heavy formatting.
pub const MAX_PART_BYTES: u64 = 64 * 1024 * 1024;

/// The most all the parts read from one file may unpack to, together.
pub const MAX_TOTAL_BYTES: u64 = 128 * 1024 * 1024;

/// The first bytes of an OLE compound file: what Office writes for a file
/// with a password (the zip goes inside, encrypted), and the 97–2003 .doc
/// and .xls formats.
const OLE_MAGIC: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// Whether the bytes start like a zip archive.
pub fn is_zip(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06")
}

/// Whether the bytes are an OLE compound file.
pub fn is_ole(bytes: &[u8]) -> bool {
    bytes.starts_with(&OLE_MAGIC)
}

/// An opened archive, counting what has been unpacked from it.
pub struct Archive<'b> {
    zip: ZipArchive<Cursor<&'b [u8]>>,
    unpacked: u64,
}

fn corrupt(e: &ZipError) -> Problem {
    match e {
        ZipError::UnsupportedArchive(m) if m.to_lowercase().contains("encrypt") => {
            Problem::EncryptedOrOld
        }
        ZipError::UnsupportedArchive(m) if m.to_lowercase().contains("password") => {
            Problem::EncryptedOrOld
        }
        e => Problem::Corrupt {
            detail: e.to_string(),
        },
    }
}

impl<'b> Archive<'b> {
    /// Opens the archive and bounds its number of entries.
    pub fn open(bytes: &'b [u8]) -> Result<Self, Problem> {
        if is_ole(bytes) {
            return Err(Problem::EncryptedOrOld);
        }
        let zip = ZipArchive::new(Cursor::new(bytes)).map_err(|e| corrupt(&e))?;
        if zip.len() > MAX_ENTRIES {
            return Err(Problem::TooManyEntries { limit: MAX_ENTRIES });
        }
        Ok(Archive { zip, unpacked: 0 })
    }

    /// Whether the archive has an entry of that name.
    pub fn has(&self, name: &str) -> bool {
        self.zip.index_for_name(name).is_some()
    }

    /// What kind of Office file this is, from its parts.
    pub fn kind(&self) -> Option<Kind> {
        if self.has("word/document.xml") {
            Some(Kind::Docx)
        } else if self.has("xl/workbook.xml") {
            Some(Kind::Xlsx)
        } else {
            None
        }
    }

    /// The unpacked bytes of a part, or `None` when there is no such part.
    /// Refused when the part, or all parts read so far, unpack past the
    /// limits, whatever sizes the archive declares.
    pub fn read(&mut self, name: &str) -> Result<Option<Vec<u8>>, Problem> {
        let Some(index) = self.zip.index_for_name(name) else {
            return Ok(None);
        };
        let file = self.zip.by_index(index).map_err(|e| corrupt(&e))?;
        if file.encrypted() {
            return Err(Problem::EncryptedOrOld);
        }
        let limit = MAX_PART_BYTES.min(MAX_TOTAL_BYTES.saturating_sub(self.unpacked));
        let mut out = Vec::new();
        file.take(limit + 1)
            .read_to_end(&mut out)
            .map_err(|e| Problem::Corrupt {
                detail: e.to_string(),
            })?;
        if out.len() as u64 > limit {
            return Err(Problem::Bomb {
                part: name.to_owned(),
                limit: MAX_PART_BYTES,
            });
        }
        self.unpacked += out.len() as u64;
        Ok(Some(out))
    }

    /// Unpacks every XML part (as a reader of the archive would), to prove
    /// their real sizes are within the limits before another library opens
    /// the archive. Pictures and other binary parts are not read.
    pub fn verify_xml_parts(&mut self) -> Result<(), Problem> {
        let names: Vec<String> = self
            .zip
            .file_names()
            .filter_map(Result::ok)
            .filter(|n| n.ends_with(".xml") || n.ends_with(".rels"))
            .map(|n| n.into_owned())
            .collect();
        for name in names {
            self.read(&name)?;
        }
        Ok(())
    }
}
