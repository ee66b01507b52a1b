//! The embedded mode's URL: whether the widget is embedded, and how the host dressed it.
//!
//! Bad values are dropped with a reason, never fatal: a typo in a CRM's integration must not
//! leave an agent without a softphone.

/// Light or dark.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Theme {
    /// Follow the operating system.
    #[default]
    Auto,
    /// Light.
    Light,
    /// Dark.
    Dark,
}

/// What the embedding URL asked for.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EmbedOptions {
    /// Whether the widget runs embedded (path `/embed` or `embed=1`).
    pub embedded: bool,
    /// Light or dark.
    pub theme: Theme,
    /// The accent colour, as `#rrggbb`.
    pub accent: Option<String>,
    /// The interface language, `en` or `fr`.
    pub lang: Option<String>,
    /// Parameters that were present but unusable, with why: for a console warning.
    pub ignored: Vec<String>,
}

impl EmbedOptions {
    /// Reads `location.pathname` and `location.search` (with or without its `?`).
    pub fn from_location(path: &str, query: &str) -> EmbedOptions {
        let mut options = EmbedOptions {
            embedded: path == "/embed" || path.starts_with("/embed/"),
            ..EmbedOptions::default()
        };
        let query = query.strip_prefix('?').unwrap_or(query);
        for pair in query.split('&').filter(|p| !p.is_empty()) {
            let (key, raw) = pair.split_once('=').unwrap_or((pair, ""));
            let value = percent_decode(&raw.replace('+', " "));
            match key {
                "embed" | "mode" => match value.as_str() {
                    "1" | "true" | "embed" | "embedded" | "" => options.embedded = true,
                    "0" | "false" | "full" => {}
                    other => options
                        .ignored
                        .push(format!("{key}={other}: expected 1 or 0")),
                },
                "theme" => match value.to_ascii_lowercase().as_str() {
                    "light" => options.theme = Theme::Light,
                    "dark" => options.theme = Theme::Dark,
                    "auto" | "system" => options.theme = Theme::Auto,
                    other => options
                        .ignored
                        .push(format!("theme={other}: expected light, dark or auto")),
                },
                "accent" => match hex_colour(&value) {
                    Some(colour) => options.accent = Some(colour),
                    None => options.ignored.push(format!(
                        "accent={value}: expected a hex colour such as 0a7f5a or #07f"
                    )),
                },
                "lang" => {
                    let lang = value.to_ascii_lowercase();
                    let primary = lang.split(['-', '_']).next().unwrap_or_default();
                    match primary {
                        "en" | "fr" => options.lang = Some(primary.to_owned()),
                        _ => options
                            .ignored
                            .push(format!("lang={value}: expected en or fr")),
                    }
                }
                _ => {}
            }
        }
        options
    }
}

/// `#rgb`, `rgb`, `#rrggbb` or `rrggbb` as `#rrggbb` (lower case); anything else is refused,
/// so nothing but a colour ever reaches the style sheet.
pub fn hex_colour(text: &str) -> Option<String> {
    let digits = text.trim().strip_prefix('#').unwrap_or(text.trim());
    if !digits.chars().all(|c| c.is_ascii_hexdigit()) {
        return None;
    }
    let digits = digits.to_ascii_lowercase();
    match digits.len() {
        6 => Some(format!("#{digits}")),
        3 => Some(digits.chars().fold(String::from("#"), |mut s, c| {
            s.push(c);
            s.push(c);
            s
        })),
        _ => None,
    }
}

/// The text colour that reads on `colour` (a `#rrggbb` from [`hex_colour`]): `#000000` on a
/// light accent, `#ffffff` on a dark one, by WCAG relative luminance. A host picks the accent,
/// so the widget must pick the text that stays legible on the buttons it paints with it.
/// `None` when `colour` is not `#rrggbb`.
pub fn accent_text(colour: &str) -> Option<&'static str> {
    let digits = colour.strip_prefix('#')?;
    if digits.len() != 6 || !digits.chars().all(|c| c.is_ascii_hexdigit()) {
        return None;
    }
    let channel = |i: usize| {
        let value = u8::from_str_radix(digits.get(i..i + 2)?, 16).ok()?;
        let c = f64::from(value) / 255.0;
        Some(if c <= 0.04045 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        })
    };
    let luminance = 0.2126 * channel(0)? + 0.7152 * channel(2)? + 0.0722 * channel(4)?;
    // Black wins when its contrast with the colour beats white's:
    // (L + 0.05) / 0.05 > 1.05 / (L + 0.05), i.e. L above about 0.179.
    let black_contrast = (luminance + 0.05) / 0.05;
    let white_contrast = 1.05 / (luminance + 0.05);
    Some(if black_contrast > white_contrast {
        "#000000"
    } else {
        "#ffffff"
    })
}

/// Decodes `%XX` escapes; a bad escape is kept as written.
fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let escaped = (bytes[i] == b'%')
            .then(|| text.get(i + 1..i + 3))
            .flatten()
            .and_then(|hex| u8::from_str_radix(hex, 16).ok());
        match escaped {
            Some(byte) => {
                out.push(byte);
                i += 3;
            }
            None => {
                out.push(bytes[i]);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_path_or_the_parameter_selects_embedded_mode() {
        assert!(EmbedOptions::from_location("/embed", "").embedded);
        assert!(EmbedOptions::from_location("/", "?embed=1").embedded);
        assert!(EmbedOptions::from_location("/", "embed").embedded);
        assert!(!EmbedOptions::from_location("/", "").embedded);
        assert!(!EmbedOptions::from_location("/embedded-docs", "").embedded);
        assert!(!EmbedOptions::from_location("/", "?embed=0").embedded);
    }

    #[test]
    fn theme_accent_and_language_are_read() {
        let options =
            EmbedOptions::from_location("/embed", "?theme=dark&accent=%230A7F5A&lang=fr-FR");
        assert_eq!(options.theme, Theme::Dark);
        assert_eq!(options.accent.as_deref(), Some("#0a7f5a"));
        assert_eq!(options.lang.as_deref(), Some("fr"));
        assert!(options.ignored.is_empty());
        let short = EmbedOptions::from_location("/embed", "accent=07f&theme=light");
        assert_eq!(short.accent.as_deref(), Some("#0077ff"));
        assert_eq!(short.theme, Theme::Light);
    }

    #[test]
    fn bad_values_are_ignored_with_a_reason() {
        let options = EmbedOptions::from_location(
            "/embed",
            "?accent=red;background:url(x)&theme=neon&lang=de&accent=%ZZ",
        );
        assert_eq!(options.accent, None);
        assert_eq!(options.theme, Theme::Auto);
        assert_eq!(options.lang, None);
        assert_eq!(options.ignored.len(), 4, "{:?}", options.ignored);
        assert!(options.ignored[0].starts_with("accent="));
    }

    #[test]
    fn accent_text_is_the_more_legible_of_black_and_white() {
        assert_eq!(accent_text("#0a7f5a"), Some("#ffffff"));
        assert_eq!(accent_text("#0b63ce"), Some("#ffffff"));
        assert_eq!(accent_text("#000000"), Some("#ffffff"));
        assert_eq!(accent_text("#ffffff"), Some("#000000"));
        assert_eq!(accent_text("#ffd400"), Some("#000000"), "yellow");
        assert_eq!(accent_text("#5aa2ff"), Some("#000000"), "light blue");
        // The crossover (L = 0.179) lies between these two greys.
        assert_eq!(accent_text("#757575"), Some("#ffffff"));
        assert_eq!(accent_text("#767676"), Some("#000000"));
        for bad in ["", "#fff", "0a7f5a", "#0a7f5g", "#0a7f5a0", "#é12345"] {
            assert_eq!(accent_text(bad), None, "{bad}");
        }
    }

    #[test]
    fn hex_colours_are_strict() {
        assert_eq!(hex_colour("#ABCDEF").as_deref(), Some("#abcdef"));
        assert_eq!(hex_colour("abc").as_deref(), Some("#aabbcc"));
        for bad in ["", "#", "#abcd", "ggg", "#12345g", "1234567", "é12"] {
            assert_eq!(hex_colour(bad), None, "{bad}");
        }
    }
}
