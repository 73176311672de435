//! Decode stage: raw bytes to Unicode text.
//!
//! Charset resolution follows the order browsers use (WHATWG encoding sniffing): a byte
//! order mark wins, then a charset declared outside the body (HTTP `Content-Type`, AMQP
//! content type, envelope), then a `<meta charset>` / `http-equiv` declaration in the
//! first 4 KiB of an HTML page, and only then statistical detection (`chardetng`).
//! Declarations are often wrong, so two checks override them: a page declared UTF-8 that
//! is not valid UTF-8 is re-detected, and a page declared as a legacy single-byte
//! charset that is valid UTF-8 with multi-byte sequences is read as UTF-8 (legacy text
//! practically never forms valid multi-byte UTF-8 by accident). Either case leaves a
//! `charset_mismatch` warning.

use encoding_rs::{Encoding, UTF_8};

/// How the charset was chosen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CharsetOrigin {
    Bom,
    Declared,
    MetaTag,
    Detected,
    /// A declaration was present but contradicted by the bytes.
    Overridden,
}

/// A decoded body.
#[derive(Debug, Clone)]
pub struct Decoded {
    pub text: String,
    /// WHATWG name of the encoding used ("UTF-8", "windows-1252", "Shift_JIS").
    pub encoding: &'static str,
    pub origin: CharsetOrigin,
    /// True when some bytes were invalid in the chosen encoding and were replaced by
    /// U+FFFD.
    pub had_errors: bool,
}

/// Decodes `bytes`, using `declared` (a charset label such as `iso-8859-1`) and, when
/// `is_html`, a `<meta>` declaration in the page. Never fails: undecodable bytes
/// become U+FFFD and `had_errors` is set.
pub fn decode(bytes: &[u8], declared: Option<&str>, is_html: bool) -> Decoded {
    if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        let (text, had_errors) = enc.decode_without_bom_handling(&bytes[bom_len..]);
        return Decoded {
            text: text.into_owned(),
            encoding: enc.name(),
            origin: CharsetOrigin::Bom,
            had_errors,
        };
    }
    let declared_enc = declared
        .and_then(|l| Encoding::for_label(l.trim().as_bytes()))
        .map(|e| (e, CharsetOrigin::Declared))
        .or_else(|| {
            if is_html {
                meta_charset(bytes).map(|e| (e, CharsetOrigin::MetaTag))
            } else {
                None
            }
        });
    let utf8_ok = mostly_utf8(bytes);
    let (enc, origin) = match declared_enc {
        Some((e, _)) if e == UTF_8 && !utf8_ok => (detect(bytes), CharsetOrigin::Overridden),
        // UTF-16 writes every ASCII character (markup, spaces, line ends, digits) with a
        // NUL byte: bytes without one that are UTF-8, markup, or longer than a line of
        // CJK text without a space or a digit, are not UTF-16 (an ASCII page served as
        // `charset=utf-16le` had become a page of CJK characters)
        Some((e, _))
            if is_utf16(e) && !bytes.contains(&0) && (utf8_ok || is_html || bytes.len() >= 64) =>
        {
            (
                if utf8_ok { UTF_8 } else { detect(bytes) },
                CharsetOrigin::Overridden,
            )
        }
        Some((e, _)) if e != UTF_8 && utf8_ok && has_multibyte(bytes) && is_single_byte(e) => {
            (UTF_8, CharsetOrigin::Overridden)
        }
        Some((e, o)) => (e, o),
        None if utf8_ok => (UTF_8, CharsetOrigin::Detected),
        None => (detect(bytes), CharsetOrigin::Detected),
    };
    // UTF-16 labels in <meta> are treated as UTF-8 by browsers; encoding_rs'
    // `output_encoding` applies that rule.
    let enc = if origin == CharsetOrigin::MetaTag {
        enc.output_encoding()
    } else {
        enc
    };
    let (text, had_errors) = enc.decode_without_bom_handling(bytes);
    // (not UTF-8 with a cut or a stray byte: see `mostly_utf8`)
    if had_errors
        && matches!(origin, CharsetOrigin::Declared | CharsetOrigin::MetaTag)
        && !(enc == UTF_8 && utf8_ok)
    {
        // The bytes are not valid in the declared charset: a wrong declaration
        // (Latin-1 served as Shift_JIS). Detection wins when it reads them cleanly.
        let guess = detect(bytes);
        if guess != enc {
            let (alt, alt_errors) = guess.decode_without_bom_handling(bytes);
            if !alt_errors {
                return Decoded {
                    text: alt.into_owned(),
                    encoding: guess.name(),
                    origin: CharsetOrigin::Overridden,
                    had_errors: false,
                };
            }
        }
    }
    Decoded {
        text: text.into_owned(),
        encoding: enc.name(),
        origin,
        had_errors,
    }
}

/// Whether `bytes` are UTF-8 text: valid UTF-8, or valid but for a sequence cut at the
/// end (a scrape truncated mid-character) or for rare stray bytes among many valid
/// multi-byte sequences (at most one per 20). Legacy single-byte text almost never
/// forms valid multi-byte sequences, so one stray byte no longer turns a whole UTF-8
/// article into mojibake through statistical detection; the stray bytes become U+FFFD.
fn mostly_utf8(bytes: &[u8]) -> bool {
    // the common cases, valid throughout or only cut at the end, need no counting
    match std::str::from_utf8(bytes) {
        Ok(_) => return true,
        Err(e) if e.error_len().is_none() => return true,
        Err(_) => {}
    }
    let (mut valid_multibyte, mut invalid) = (0usize, 0usize);
    let mut rest = bytes;
    loop {
        match std::str::from_utf8(rest) {
            Ok(s) => {
                valid_multibyte += s.bytes().filter(|&b| b >= 0xC0).count();
                break;
            }
            Err(e) => {
                let (good, tail) = rest.split_at(e.valid_up_to());
                valid_multibyte += good.iter().filter(|&&b| b >= 0xC0).count();
                match e.error_len() {
                    // cut off at the very end
                    None => break,
                    Some(n) => {
                        invalid += 1;
                        rest = &tail[n.min(tail.len())..];
                    }
                }
            }
        }
    }
    invalid == 0 || valid_multibyte >= 8 && invalid * 20 <= valid_multibyte
}

fn detect(bytes: &[u8]) -> &'static Encoding {
    let mut det = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    det.feed(bytes, true);
    det.guess(None, chardetng::Utf8Detection::Allow)
}

fn has_multibyte(bytes: &[u8]) -> bool {
    bytes.iter().any(|&b| b >= 0x80)
}

fn is_single_byte(enc: &'static Encoding) -> bool {
    enc.is_single_byte()
}

/// Finds `<meta charset=...>` or `<meta http-equiv="Content-Type" content="...;
/// charset=...">` in the first 4 KiB, as the WHATWG prescan does (simplified: attribute
/// order and quoting are free, comments are not skipped).
fn meta_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(4096)];
    let lower: Vec<u8> = head.iter().map(|b| b.to_ascii_lowercase()).collect();
    let mut pos = 0;
    while let Some(i) = find(&lower[pos..], b"<meta") {
        let start = pos + i;
        let end = find(&lower[start..], b">").map_or(lower.len(), |e| start + e);
        let tag = &lower[start..end];
        if let Some(c) = find(tag, b"charset") {
            let mut rest = &tag[c + 7..];
            rest = trim_left(rest);
            if let Some(r) = rest.strip_prefix(b"=") {
                let r = trim_left(r);
                let r = r
                    .strip_prefix(b"\"")
                    .or_else(|| r.strip_prefix(b"'"))
                    .unwrap_or(r);
                let label_end = r
                    .iter()
                    .position(|b| matches!(b, b'"' | b'\'' | b';' | b' ' | b'/' | b'>'))
                    .unwrap_or(r.len());
                if let Some(enc) = Encoding::for_label(&r[..label_end]) {
                    return Some(enc);
                }
            }
        }
        pos = end.max(start + 5);
        if pos >= lower.len() {
            break;
        }
    }
    None
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

fn trim_left(b: &[u8]) -> &[u8] {
    let n = b.iter().take_while(|c| c.is_ascii_whitespace()).count();
    &b[n..]
}

/// Extracts the `charset` parameter of a MIME type such as `text/html; charset=Shift_JIS`.
pub fn charset_param(content_type: &str) -> Option<String> {
    content_type.split(';').skip(1).find_map(|p| {
        let (k, v) = p.split_once('=')?;
        k.trim()
            .eq_ignore_ascii_case("charset")
            .then(|| v.trim().trim_matches(|c| c == '"' || c == '\'').to_string())
    })
}

/// Whether `bytes` are binary data (an image, an archive, random bytes) rather than
/// text or markup in any charset: more than 1 % of the first 64 KiB are NUL or C0
/// control bytes other than tab, line feed, form feed, carriage return and escape
/// (which text and markup never hold in quantity). Behind a UTF-16 byte-order mark the
/// decoded characters are judged instead (see `utf16_looks_binary`); UTF-32, mark or
/// not, is binary.
pub fn looks_binary(bytes: &[u8]) -> bool {
    // UTF-32's mark (FF FE 00 00, 00 00 FE FF) also opens like UTF-16LE's, but no
    // WHATWG decoder reads UTF-32: its NULs make it binary below.
    let utf32 = bytes.starts_with(&[0xFF, 0xFE, 0, 0]) || bytes.starts_with(&[0, 0, 0xFE, 0xFF]);
    if !utf32 {
        if let Some((enc, bom)) = Encoding::for_bom(bytes).filter(|(e, _)| *e != UTF_8) {
            return utf16_looks_binary(enc, &bytes[bom..]);
        }
    }
    let head = &bytes[..bytes.len().min(64 * 1024)];
    let controls = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | 0x0c | b'\r' | 0x1b))
        .count();
    controls * 100 > head.len()
}

fn is_utf16(e: &'static Encoding) -> bool {
    e == encoding_rs::UTF_16LE || e == encoding_rs::UTF_16BE
}

/// [`looks_binary`], except that bytes declared UTF-16 (`utf-16le`, `utf-16be`, no
/// byte-order mark needed) are judged as the characters they decode to.
pub fn looks_binary_declared(bytes: &[u8], declared: Option<&str>) -> bool {
    let utf16 = declared
        .and_then(|l| Encoding::for_label(l.trim().as_bytes()))
        .filter(|e| is_utf16(e));
    match utf16 {
        // (bytes without a NUL are no UTF-16, see `decode`)
        Some(enc) if Encoding::for_bom(bytes).is_none() && bytes.contains(&0) => {
            utf16_looks_binary(enc, bytes)
        }
        _ => looks_binary(bytes),
    }
}

/// Whether UTF-16 (after its byte-order mark) is binary data behind a mark: more than
/// 2 % of the first 32 Ki characters are control characters, unpaired surrogates,
/// private-use characters or noncharacters. Random bytes read as UTF-16 hold about
/// 13 % of them (private use 10 %, surrogates 3 %); text holds next to none.
fn utf16_looks_binary(enc: &'static Encoding, bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(64 * 1024)];
    let (text, _) = enc.decode_without_bom_handling(head);
    let (mut n, mut odd) = (0usize, 0usize);
    for c in text.chars() {
        n += 1;
        let u = u32::from(c);
        let control = c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\u{c}' | '\u{1b}');
        let private = (0xE000..=0xF8FF).contains(&u) || u >= 0xF_0000;
        let nonchar = (0xFDD0..=0xFDEF).contains(&u) || u & 0xFFFE == 0xFFFE;
        if control || private || nonchar || c == '\u{FFFD}' {
            odd += 1;
        }
    }
    odd * 50 > n
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn binary_data_is_told_from_text() {
        assert!(looks_binary(b"hello\x00\x01\x02\x03 world"));
        let noise: Vec<u8> = (0..4096u32)
            .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
            .collect();
        assert!(looks_binary(&noise));
        assert!(!looks_binary("<p>Caf\u{e9} \u{1f642}\t\r\n</p>".as_bytes()));
        assert!(!looks_binary(b"Latin-1 caf\xe9 \x0c page"));
        let (utf16, _, _) = encoding_rs::UTF_16LE.encode("text");
        let mut b = vec![0xFF, 0xFE];
        b.extend_from_slice(&utf16);
        assert!(!looks_binary(&b));
        assert!(!looks_binary(b""));
    }

    #[test]
    fn a_utf16_mark_does_not_make_binary_data_text() {
        let page = "<html><body><p>Größe \u{1f642}</p></body></html>";
        let mut le = vec![0xFF, 0xFE];
        le.extend(page.encode_utf16().flat_map(u16::to_le_bytes));
        assert!(!looks_binary(&le));
        let mut be = vec![0xFE, 0xFF];
        be.extend(page.encode_utf16().flat_map(u16::to_be_bytes));
        assert!(!looks_binary(&be));
        // random bytes behind a mark
        let noise: Vec<u8> = (0..4096u32)
            .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
            .collect();
        for mark in [[0xFF, 0xFE], [0xFE, 0xFF]] {
            let mut b = mark.to_vec();
            b.extend_from_slice(&noise);
            assert!(looks_binary(&b));
        }
        // declared UTF-16 without a mark
        let bare: Vec<u8> = page.encode_utf16().flat_map(u16::to_le_bytes).collect();
        assert!(looks_binary(&bare));
        assert!(!looks_binary_declared(&bare, Some("UTF-16LE")));
        assert!(looks_binary_declared(&noise, Some("utf-16le")));
        assert!(!looks_binary_declared(b"plain text", None));
        // bytes without a NUL are judged as themselves, whatever their length
        for text in [
            "\"We are ready,\" Adams said.",
            "\"We are ready,\" Adams said. ",
        ] {
            assert!(
                !looks_binary_declared(text.as_bytes(), Some("utf-16le")),
                "{text}"
            );
            assert!(
                !looks_binary_declared(text.as_bytes(), Some("utf-16be")),
                "{text}"
            );
        }
        // UTF-32 is not read as UTF-16
        let mut utf32 = vec![0xFF, 0xFE, 0, 0];
        utf32.extend(page.chars().flat_map(|c| u32::from(c).to_le_bytes()));
        assert!(looks_binary(&utf32));
    }

    #[test]
    fn a_utf16_declaration_on_bytes_without_nul_is_wrong() {
        let page = "<html><body><p>Größe matters.</p></body></html>";
        for label in ["utf-16le", "UTF-16BE", "utf-16"] {
            let d = decode(page.as_bytes(), Some(label), true);
            assert_eq!(d.text, page, "{label}");
            assert_eq!(d.origin, CharsetOrigin::Overridden);
            // plain text too, when it is UTF-8
            let d = decode("Größe matters.".as_bytes(), Some(label), false);
            assert_eq!(d.text, "Größe matters.");
        }
        // Latin-1 text declared UTF-16 is detected (an even length: no cut character
        // that would tell)
        let latin = b"Le caf\xe9 est tr\xe8s bon, dit le serveur du petit bistrot de la place!";
        let d = decode(latin, Some("utf-16le"), false);
        assert!(d.text.contains("café est très"), "{}", d.text);
        // Latin-1 markup declared UTF-16 is detected
        let d = decode(
            b"<html><body><p>Gr\xf6\xdfe matters here.</p></body></html>",
            Some("utf-16le"),
            true,
        );
        assert!(d.text.contains("Größe"), "{}", d.text);
        // real UTF-16 stays UTF-16
        let le: Vec<u8> = page.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let d = decode(&le, Some("utf-16le"), true);
        assert_eq!((d.text.as_str(), d.origin), (page, CharsetOrigin::Declared));
    }

    #[test]
    fn bom_wins_over_declaration() {
        let mut b = vec![0xEF, 0xBB, 0xBF];
        b.extend_from_slice("café".as_bytes());
        let d = decode(&b, Some("iso-8859-1"), false);
        assert_eq!(d.text, "café");
        assert_eq!(d.origin, CharsetOrigin::Bom);
    }

    #[test]
    fn meta_charset_is_read() {
        let (bytes, _, _) = encoding_rs::SHIFT_JIS.encode(
            "<html><head><meta charset=\"shift_jis\"></head><body>日本語のニュース</body></html>",
        );
        let d = decode(&bytes, None, true);
        assert_eq!(d.encoding, "Shift_JIS");
        assert!(d.text.contains("日本語のニュース"));
        assert_eq!(d.origin, CharsetOrigin::MetaTag);
    }

    #[test]
    fn latin1_labelled_utf8_is_redetected() {
        let (bytes, _, _) =
            encoding_rs::WINDOWS_1252.encode("Übergrößenträger äußerten Bedenken über die Straße");
        let d = decode(&bytes, Some("utf-8"), false);
        assert_eq!(d.origin, CharsetOrigin::Overridden);
        assert!(d.text.contains("Straße"), "{}", d.text);
        assert!(!d.had_errors);
    }

    #[test]
    fn utf8_cut_mid_character_or_with_a_stray_byte_stays_utf8() {
        // a scrape cut inside the last character (`’` is E2 80 99)
        let mut cut = "Abe’s diplomacy: Zürich café talks resumed, officials said."
            .as_bytes()
            .to_vec();
        cut.extend_from_slice(&[0xE2, 0x80]);
        for declared in [None, Some("utf-8")] {
            let d = decode(&cut, declared, false);
            assert_eq!(d.encoding, "UTF-8", "{declared:?}");
            assert!(
                d.text.starts_with("Abe’s diplomacy: Zürich café"),
                "{}",
                d.text
            );
            assert!(d.had_errors);
        }
        // one stray byte among many multi-byte characters
        let mut stray = "Müller sagte, die Grüße aus Köln über Düsseldorf wären schön. "
            .repeat(3)
            .into_bytes();
        stray.insert(10, 0xFF);
        let d = decode(&stray, None, false);
        assert_eq!(d.encoding, "UTF-8");
        assert!(d.text.contains("Grüße aus Köln"));
        // but text made of legacy bytes is still re-detected
        let latin1 = b"Caf\xe9 cr\xe8me br\xfbl\xe9e \xe0 la fran\xe7aise, na\xefve et s\xfbr.";
        assert_eq!(
            decode(latin1, Some("utf-8"), false).encoding,
            "windows-1252"
        );
    }

    #[test]
    fn utf8_labelled_latin1_is_read_as_utf8() {
        let d = decode("Zürich und Genève".as_bytes(), Some("iso-8859-1"), false);
        assert_eq!(d.text, "Zürich und Genève");
        assert_eq!(d.origin, CharsetOrigin::Overridden);
    }

    #[test]
    fn latin1_declared_as_shift_jis_is_redetected() {
        let (bytes, _, _) = encoding_rs::WINDOWS_1252
            .encode("Le président a déclaré que la réforme des retraites serait présentée à l'été, après une longue concertation.");
        let d = decode(&bytes, Some("shift_jis"), true);
        assert_eq!(d.origin, CharsetOrigin::Overridden);
        assert!(d.text.contains("président a déclaré"), "{}", d.text);
    }

    #[test]
    fn undeclared_gbk_is_detected() {
        let (bytes, _, _) = encoding_rs::GBK
            .encode("中华人民共和国国务院新闻办公室今天举行新闻发布会，介绍经济运行情况。");
        let d = decode(&bytes, None, false);
        assert!(d.text.contains("新闻发布会"), "{} {}", d.encoding, d.text);
    }

    #[test]
    fn charset_param_parses_mime_types() {
        assert_eq!(
            charset_param("text/html; charset=\"Shift_JIS\"").as_deref(),
            Some("Shift_JIS")
        );
        assert_eq!(charset_param("text/plain"), None);
    }
}
