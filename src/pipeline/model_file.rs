//! The file container of the trained models (`models/ner/ner.bin.gz`,
//! `models/quotations/quotations.bin.gz`): gzip over
//! `magic (8 bytes) ‖ body ‖ u64 FNV-1a of magic and body` (little-endian). The magic
//! names the model kind and its format version; the checksum catches a corrupt or
//! truncated file before any of it is parsed. Each model lays out its own body.

use std::io::{Read, Write};

/// 64-bit FNV-1a (Fowler–Noll–Vo) of `bytes`.
pub fn fnv1a(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf29ce484222325;
    for &b in bytes {
        h = (h ^ b as u64).wrapping_mul(0x100000001b3);
    }
    h
}

/// The file contents for `body`: magic, body and checksum, gzip-compressed.
pub fn seal(magic: &[u8; 8], body: &[u8]) -> Vec<u8> {
    let mut raw = Vec::with_capacity(body.len() + 16);
    raw.extend_from_slice(magic);
    raw.extend_from_slice(body);
    let sum = fnv1a(&raw);
    raw.extend_from_slice(&sum.to_le_bytes());
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    // writing into a Vec cannot fail
    let _ = gz.write_all(&raw);
    gz.finish().unwrap_or_default()
}

/// The body of a sealed file, after checking its gzip stream (at most `max_raw`
/// bytes once decompressed), its magic and its checksum.
///
/// # Errors
/// A message starting with `what` (`"NER model"`) when the bytes are not a valid
/// gzip stream, hold another kind of file, or are corrupt or truncated.
pub fn open(bytes: &[u8], magic: &[u8; 8], max_raw: u64, what: &str) -> Result<Vec<u8>, String> {
    let mut raw = Vec::new();
    flate2::read::GzDecoder::new(bytes)
        .take(max_raw)
        .read_to_end(&mut raw)
        .map_err(|e| format!("{what}: not a valid gzip stream: {e}"))?;
    if raw.len() < 16 || raw[..8] != magic[..] {
        return Err(format!("{what}: bad magic (not a newsextract {what})"));
    }
    let end = raw.len() - 8;
    let mut sum = [0u8; 8];
    sum.copy_from_slice(&raw[end..]);
    if fnv1a(&raw[..end]) != u64::from_le_bytes(sum) {
        return Err(format!("{what}: checksum mismatch (corrupt file)"));
    }
    raw.truncate(end);
    raw.drain(..8);
    Ok(raw)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sealed_bodies_open_and_damage_is_caught() {
        let magic = b"NXTEST\x01\0";
        let sealed = seal(magic, b"some body");
        assert_eq!(open(&sealed, magic, 1 << 20, "test").unwrap(), b"some body");
        assert!(open(&sealed, b"NXOTHER\0", 1 << 20, "test").is_err());
        assert!(open(&sealed[..sealed.len() / 2], magic, 1 << 20, "test").is_err());
        assert!(open(b"", magic, 1 << 20, "test").is_err());
        // a decompressed size over the limit is cut, which the checksum catches
        assert!(open(&sealed, magic, 12, "test").is_err());
        let mut raw = Vec::new();
        flate2::read::GzDecoder::new(&sealed[..])
            .read_to_end(&mut raw)
            .unwrap();
        raw[9] ^= 1;
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        gz.write_all(&raw).unwrap();
        let err = open(&gz.finish().unwrap(), magic, 1 << 20, "test").unwrap_err();
        assert!(err.contains("checksum"), "{err}");
    }
}
