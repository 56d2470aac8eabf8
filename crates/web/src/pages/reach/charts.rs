//! Charts drawn on the server as SVG. Each is an image with a text
//! alternative (`role="img"`, a `<title>`); the table beside it holds the
//! same numbers for screen readers and for copying.

/// Colours with at least 3:1 contrast against white.
const COLOURS: [&str; 3] = ["#0059b3", "#a84300", "#5c5c5c"];

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// Vertical bars, one per label, with the value over each bar.
pub fn bars(title: &str, bars: &[(String, i64)]) -> String {
    let n = bars.len().max(1) as i64;
    let (width, height, top, bottom) = (640_i64, 220_i64, 20_i64, 36_i64);
    let slot = width / n;
    let bar = (slot * 2 / 3).max(4);
    let max = bars.iter().map(|b| b.1).max().unwrap_or(0).max(1);
    let mut svg = format!(
        "<svg class=\"reach-chart\" role=\"img\" viewBox=\"0 0 {width} {height}\" \
         xmlns=\"http://www.w3.org/2000/svg\" preserveAspectRatio=\"xMinYMin meet\" \
         aria-label=\"{t}\"><title>{t}</title>",
        t = escape(title)
    );
    let plot = height - top - bottom;
    svg.push_str(&format!(
        "<line x1=\"0\" y1=\"{y}\" x2=\"{width}\" y2=\"{y}\" stroke=\"#5c5c5c\"/>",
        y = height - bottom
    ));
    for (i, (label, value)) in bars.iter().enumerate() {
        let h = value * plot / max;
        let x = i as i64 * slot + (slot - bar) / 2;
        let y = height - bottom - h;
        let mid = x + bar / 2;
        svg.push_str(&format!(
            "<rect x=\"{x}\" y=\"{y}\" width=\"{bar}\" height=\"{h}\" fill=\"{}\"/>\
             <text x=\"{mid}\" y=\"{}\" text-anchor=\"middle\" font-size=\"12\">{value}</text>\
             <text x=\"{mid}\" y=\"{}\" text-anchor=\"middle\" font-size=\"12\">{}</text>",
            COLOURS[0],
            y - 4,
            height - bottom + 16,
            escape(label)
        ));
    }
    svg.push_str("</svg>");
    svg
}

/// One horizontal bar split into shares, with a legend under it.
pub fn shares(title: &str, parts: &[(String, i64)]) -> String {
    let total: i64 = parts.iter().map(|p| p.1.max(0)).sum();
    let (width, height) = (640_i64, 40 + 22 * parts.len() as i64);
    let mut svg = format!(
        "<svg class=\"reach-chart\" role=\"img\" viewBox=\"0 0 {width} {height}\" \
         xmlns=\"http://www.w3.org/2000/svg\" preserveAspectRatio=\"xMinYMin meet\" \
         aria-label=\"{t}\"><title>{t}</title>",
        t = escape(title)
    );
    svg.push_str(&format!(
        "<rect x=\"0\" y=\"0\" width=\"{width}\" height=\"24\" fill=\"#fff\" stroke=\"#5c5c5c\"/>"
    ));
    let mut x = 0;
    for (i, (label, value)) in parts.iter().enumerate() {
        let colour = COLOURS[i % COLOURS.len()];
        if total > 0 {
            let w = value.max(&0) * width / total;
            svg.push_str(&format!(
                "<rect x=\"{x}\" y=\"0\" width=\"{w}\" height=\"24\" fill=\"{colour}\"/>"
            ));
            x += w;
        }
        let y = 40 + 22 * i as i64;
        svg.push_str(&format!(
            "<rect x=\"0\" y=\"{}\" width=\"14\" height=\"14\" fill=\"{colour}\"/>\
             <text x=\"22\" y=\"{}\" font-size=\"13\">{}: {value}</text>",
            y - 12,
            y,
            escape(label)
        ));
    }
    svg.push_str("</svg>");
    svg
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_chart_is_an_image_with_a_text_alternative() {
        let svg = bars(
            "Fremmødte <pr. måned>",
            &[("08/25".into(), 3), ("09/25".into(), 0)],
        );
        assert!(svg.starts_with("<svg"));
        assert!(svg.contains("role=\"img\""));
        assert!(svg.contains("<title>Fremmødte &lt;pr. måned&gt;</title>"));
        assert_eq!(svg.matches("<rect").count(), 2);
        let svg = shares("Andel", &[("Mødt".into(), 3), ("Udeblevet".into(), 1)]);
        assert!(svg.contains("width=\"480\""), "{svg}");
    }
}
