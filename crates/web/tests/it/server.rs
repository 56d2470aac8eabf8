//! What the server embeds: the vendored front-end files.

fn vendor_dir() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("vendor")
}

fn files_under(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files_under(&path, out);
        } else {
            out.push(path);
        }
    }
}

#[test]
fn vendored_files_are_the_ones_fetched() {
    use sha2::{Digest, Sha256};
    let dir = vendor_dir();
    let sums = std::fs::read_to_string(dir.join("SHA256SUMS")).unwrap();
    let mut listed = std::collections::BTreeSet::new();
    for line in sums.lines() {
        let (sum, name) = line.split_once("  ").unwrap();
        let bytes = std::fs::read(dir.join(name)).unwrap();
        let actual: String = Sha256::digest(&bytes)
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        assert_eq!(
            actual, sum,
            "{name} differs from what scripts/vendor-assets.sh fetched"
        );
        listed.insert(name.to_string());
    }
    let mut present = Vec::new();
    files_under(&dir, &mut present);
    for path in present {
        let name = path
            .strip_prefix(&dir)
            .unwrap()
            .to_string_lossy()
            .into_owned();
        assert!(
            name == "SHA256SUMS" || listed.contains(&name),
            "{name} is in crates/web/vendor but not in SHA256SUMS"
        );
    }
}

#[test]
fn the_embedded_files_are_what_the_pages_use() {
    use samvirke_web::assets::has;
    let dir = vendor_dir();
    let css = std::fs::read_to_string(dir.join("dkfds/css/dkfds.min.css")).unwrap();
    let mut used = std::collections::BTreeSet::new();
    // Everything the stylesheet refers to but the legacy .eot/.ttf fallbacks.
    for part in css.split("url(").skip(1) {
        let target = part.split(')').next().unwrap().trim_matches(['"', '\'']);
        if target.starts_with("data:") || target.ends_with(".eot") || target.ends_with(".ttf") {
            continue;
        }
        let path = format!("dkfds/{}", target.strip_prefix("../").unwrap());
        assert!(has(&path), "the stylesheet needs {path}");
        used.insert(path);
    }
    // Everything the templates link.
    let templates = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("templates");
    let mut files = Vec::new();
    files_under(&templates, &mut files);
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        for part in text.split("c.asset(\"").skip(1) {
            let path = part.split('"').next().unwrap().to_string();
            assert!(has(&path), "{} links {path}", file.display());
            used.insert(path);
        }
    }
    // htmx is the stack's enhancement library (see ENGINEERING.md); no page loads it yet.
    used.insert("htmx/htmx.min.js".into());
    // Nothing else is embedded but our own files.
    for path in samvirke_web::assets::paths() {
        assert!(
            path.starts_with("samvirke/") || used.contains(path),
            "{path} is embedded but no page uses it"
        );
    }
    assert!(used.len() > 150, "{used:?}");
}
