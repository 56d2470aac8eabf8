//! PDF documents, drawn with krilla: tagged for screen readers and checked
//! by krilla's PDF/UA-1 validator (a structure tree, the document's
//! language, a title shown as the window title, an outline), with the font
//! embedded. The font is IBM Plex Sans, the typeface of the design system,
//! from `vendor/pdf-fonts` (OFL-1.1, see the LICENSE.txt beside it).

pub mod certificates;

use krilla::Document;
use krilla::color::rgb;
use krilla::configure::{Accessibility, ConfigurationBuilder};
use krilla::geom::Point;
use krilla::metadata::Metadata;
use krilla::outline::{Outline, OutlineNode};
use krilla::page::PageSettings;
use krilla::paint::Fill;
use krilla::surface::Surface;
use krilla::tagging::{ContentTag, Identifier, Node, SpanTag, TagGroup, TagKind, TagTree};
use krilla::text::{Font, TextDirection};
use krilla::{SerializeSettings, destination::XyzDestination};
use skrifa::MetadataProvider;
use skrifa::instance::{LocationRef, Size};
use std::sync::LazyLock;

static REGULAR: &[u8] = include_bytes!("../../vendor/pdf-fonts/IBMPlexSans-Regular.ttf");
static BOLD: &[u8] = include_bytes!("../../vendor/pdf-fonts/IBMPlexSans-Bold.ttf");

/// A4 in points.
pub const A4: (f32, f32) = (595.28, 841.89);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Face {
    Regular,
    Bold,
}

struct Typeface {
    /// What krilla draws and embeds (a subset of it).
    font: Font,
    /// The same file read for measuring: krilla does not say how wide a text is.
    metrics: skrifa::FontRef<'static>,
}

struct Fonts {
    regular: Typeface,
    bold: Typeface,
}

/// The fonts are read once: the files are part of the binary, so reading
/// them cannot fail at run time once a test has read them.
static FONTS: LazyLock<Fonts> = LazyLock::new(|| {
    let typeface = |bytes: &'static [u8]| Typeface {
        font: Font::new(bytes.into(), 0).expect("the vendored font reads"),
        metrics: skrifa::FontRef::new(bytes).expect("the vendored font reads"),
    };
    Fonts {
        regular: typeface(REGULAR),
        bold: typeface(BOLD),
    }
});

fn typeface(face: Face) -> &'static Typeface {
    match face {
        Face::Regular => &FONTS.regular,
        Face::Bold => &FONTS.bold,
    }
}

/// The text with every character the font cannot draw (and every control
/// character) replaced by `?`: a PDF/UA file may hold no glyph without a
/// character, and an unusual letter in a name must not stop the whole class's PDF.
pub fn drawable(text: &str) -> String {
    let charmap = FONTS.regular.metrics.charmap();
    let bold = FONTS.bold.metrics.charmap();
    text.chars()
        .map(|c| {
            let has = |m: &skrifa::charmap::Charmap<'_>| m.map(c).is_some_and(|g| g.to_u32() != 0);
            if !c.is_control() && (c == ' ' || (has(&charmap) && has(&bold))) {
                c
            } else {
                '?'
            }
        })
        .collect()
}

/// How wide `text` is in `face` at `size` points (advances, without kerning).
pub fn width(text: &str, face: Face, size: f32) -> f32 {
    let t = typeface(face);
    let charmap = t.metrics.charmap();
    let metrics = t
        .metrics
        .glyph_metrics(Size::new(size), LocationRef::default());
    text.chars()
        .filter_map(|c| charmap.map(c).and_then(|g| metrics.advance_width(g)))
        .sum()
}

/// `text` broken into lines no wider than `max` (a word longer than a
/// line stands on a line of its own).
pub fn wrap(text: &str, face: Face, size: f32, max: f32) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let candidate = if line.is_empty() {
            word.to_string()
        } else {
            format!("{line} {word}")
        };
        if line.is_empty() || width(&candidate, face, size) <= max {
            line = candidate;
        } else {
            lines.push(std::mem::replace(&mut line, word.to_string()));
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// A colour as the pages use it.
pub fn colour(hex: u32) -> rgb::Color {
    let [_, r, g, b] = hex.to_be_bytes();
    rgb::Color::new(r, g, b)
}

/// How a run of text looks: its face, size, line height and colour.
#[derive(Debug, Clone, Copy)]
pub struct Style {
    pub face: Face,
    pub size: f32,
    pub leading: f32,
    pub colour: u32,
}

impl Style {
    /// `text` as drawable lines no wider than `max`.
    pub fn wrap(&self, text: &str, max: f32) -> Vec<String> {
        wrap(&drawable(text), self.face, self.size, max)
    }
}

/// Where a line of text stands across the page.
#[derive(Debug, Clone, Copy)]
pub enum Align {
    /// Centred on this x.
    Centre(f32),
}

/// One page being drawn: its text is tagged as spans, collected into the
/// structure elements (headings, paragraphs) of the page's section.
pub struct PageWriter<'a, 'b> {
    surface: &'a mut Surface<'b>,
    section: TagGroup,
}

impl<'a, 'b> PageWriter<'a, 'b> {
    pub fn new(surface: &'a mut Surface<'b>, section: impl Into<TagKind>) -> Self {
        PageWriter {
            surface,
            section: TagGroup::new(section),
        }
    }

    /// Draws what is only decoration (frames, rules): marked as an
    /// artifact, so a screen reader skips it.
    pub fn decoration(&mut self, draw: impl FnOnce(&mut Surface<'b>)) {
        self.surface
            .start_tagged(ContentTag::Artifact(krilla::tagging::Artifact::with_kind(
                krilla::tagging::ArtifactType::Layout,
            )));
        draw(self.surface);
        self.surface.end_tagged();
    }

    /// Draws runs of lines, each run in its style, the first baseline at
    /// `y`, and adds them to the page's structure as one element of kind
    /// `tag` (a heading, a paragraph). Returns the baseline below the last line.
    pub fn text(
        &mut self,
        tag: impl Into<TagKind>,
        runs: &[(Vec<String>, Style)],
        align: Align,
        mut y: f32,
    ) -> f32 {
        let mut ids: Vec<Identifier> = Vec::new();
        for (lines, style) in runs {
            self.surface.set_fill(Some(Fill {
                paint: colour(style.colour).into(),
                ..Fill::default()
            }));
            for line in lines {
                let x = match align {
                    Align::Centre(centre) => centre - width(line, style.face, style.size) / 2.0,
                };
                ids.push(
                    self.surface
                        .start_tagged(ContentTag::Span(SpanTag::empty())),
                );
                self.surface.draw_text(
                    Point::from_xy(x, y),
                    typeface(style.face).font.clone(),
                    style.size,
                    line,
                    false,
                    TextDirection::Auto,
                );
                self.surface.end_tagged();
                y += style.leading;
            }
        }
        self.section.push(TagGroup::with_children(
            tag,
            ids.into_iter().map(Node::from).collect(),
        ));
        y
    }

    /// The page's structure element, to add to the document's tree.
    pub fn finish(self) -> TagGroup {
        self.section
    }
}

/// What a whole document says about itself.
pub struct DocumentInfo {
    pub title: String,
    /// `da` or `en`.
    pub lang: &'static str,
}

/// A tagged A4 document of one page per item: `draw` draws an item's
/// page and returns its outline entry's text and its structure element.
/// Fails only if krilla's PDF/UA-1 validator finds the file wanting.
pub fn document<T>(
    info: &DocumentInfo,
    items: &[T],
    mut draw: impl FnMut(&mut Surface<'_>, &T) -> (String, TagGroup),
) -> Result<Vec<u8>, String> {
    let configuration = ConfigurationBuilder::new()
        .with_accessibility_validator(Accessibility::UA1)
        .finish()
        .map_err(|e| format!("{e:?}"))?;
    let mut doc = Document::new_with(SerializeSettings {
        configuration,
        enable_tagging: true,
        ..SerializeSettings::default()
    });
    let mut tree = TagTree::new().with_lang(Some(info.lang.to_string()));
    let mut outline = Outline::new();
    let settings = PageSettings::from_wh(A4.0, A4.1).ok_or("page size")?;
    for (index, item) in items.iter().enumerate() {
        let mut page = doc.start_page_with(settings.clone());
        let mut surface = page.surface();
        let (entry, section) = draw(&mut surface, item);
        surface.finish();
        page.finish();
        tree.push(section);
        outline.push_child(OutlineNode::new(
            entry,
            XyzDestination::new(index, Point::from_xy(0.0, 0.0)),
        ));
    }
    doc.set_tag_tree(tree);
    doc.set_outline(outline);
    doc.set_metadata(
        Metadata::new()
            .title(info.title.clone())
            .language(info.lang.to_string())
            .creator("Samvirke".to_string()),
    );
    doc.finish().map_err(|e| format!("{e:?}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_text_wraps_within_its_width() {
        let text = "for at have deltaget i Digital dåb og dannelse med 9.A på Dragør Skole";
        let lines = wrap(text, Face::Regular, 15.0, 200.0);
        assert!(lines.len() > 1);
        assert!(lines.iter().all(|l| width(l, Face::Regular, 15.0) <= 200.0));
        assert_eq!(lines.join(" "), text);
    }

    #[test]
    fn what_the_font_lacks_becomes_a_question_mark() {
        assert_eq!(drawable("Åse Ærø-Øster"), "Åse Ærø-Øster");
        assert_eq!(drawable("Ida 🎉\u{7}"), "Ida ??");
    }

    #[test]
    fn bold_is_wider_than_regular() {
        assert!(width("Dåbsattest", Face::Bold, 20.0) > width("Dåbsattest", Face::Regular, 20.0));
        assert_eq!(width("", Face::Bold, 20.0), 0.0);
    }
}
