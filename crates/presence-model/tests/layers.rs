//! The model's shape: five layers, each importing only from the layers below it, and no
//! file reaching back to a file that reaches it. Read from the sources themselves (every
//! `crate::` path outside comments), so a new upward import fails here, naming the file
//! and the line, before anyone has to notice a knot.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

/// Bottom up: a file may use its own layer and the ones before it.
const LAYERS: [&str; 5] = ["protocol", "domain", "words", "state", "view"];

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// Every source file in a layer, as (layer, module, text); `module` is the file's stem.
fn files() -> Vec<(String, String, String)> {
    let mut out = Vec::new();
    for layer in LAYERS {
        let dir = src().join(layer);
        let mut entries: Vec<_> = fs::read_dir(&dir)
            .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
            .map(|e| e.unwrap().path())
            .collect();
        entries.sort();
        for path in entries {
            assert_eq!(
                path.extension().and_then(|e| e.to_str()),
                Some("rs"),
                "{}: a layer holds source files only",
                path.display()
            );
            let module = path.file_stem().unwrap().to_str().unwrap().to_owned();
            out.push((layer.to_owned(), module, fs::read_to_string(&path).unwrap()));
        }
    }
    out
}

/// The text of `source` without comments (doc links name other layers freely).
fn code_lines(source: &str) -> impl Iterator<Item = (usize, &str)> {
    source.lines().enumerate().filter_map(|(i, line)| {
        let code = line.split("//").next().unwrap_or("");
        (!code.trim().is_empty()).then_some((i + 1, code))
    })
}

/// Every `crate::…` path in `line`, braces expanded: `crate::domain::{a::B, C}` gives
/// `domain::a::B` and `domain::C`.
fn crate_paths(line: &str) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    let mut rest = line;
    while let Some(at) = rest.find("crate::") {
        let before = rest[..at].chars().next_back();
        rest = &rest[at + "crate::".len()..];
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
            continue; // `presence_model_crate::`, not ours
        }
        expand(&mut rest, Vec::new(), &mut out);
    }
    out
}

fn expand(rest: &mut &str, prefix: Vec<String>, out: &mut Vec<Vec<String>>) {
    let mut path = prefix;
    loop {
        let name: String = rest
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect();
        *rest = &rest[name.len()..];
        if !name.is_empty() {
            path.push(name);
        }
        if let Some(after) = rest.strip_prefix("::") {
            *rest = after;
            if let Some(inner) = rest.strip_prefix('{') {
                *rest = inner;
                loop {
                    *rest = rest.trim_start();
                    if let Some(after) = rest.strip_prefix('}') {
                        *rest = after;
                        return;
                    }
                    expand(rest, path.clone(), out);
                    *rest = rest.trim_start();
                    if let Some(after) = rest.strip_prefix(',') {
                        *rest = after;
                    } else if rest.is_empty() {
                        return; // a group continued on the next line: its head is enough
                    }
                }
            }
            continue;
        }
        out.push(path);
        return;
    }
}

fn layer_index(name: &str) -> Option<usize> {
    LAYERS.iter().position(|l| *l == name)
}

#[test]
fn no_layer_imports_a_layer_above_it() {
    let mut upward = Vec::new();
    for (layer, module, text) in files() {
        let own = layer_index(&layer).unwrap();
        for (line_no, line) in code_lines(&text) {
            for path in crate_paths(line) {
                let Some(target) = path.first().and_then(|p| layer_index(p)) else {
                    continue;
                };
                if target > own {
                    upward.push(format!(
                        "{layer}/{module}.rs:{line_no} uses crate::{} ({} is above {layer})",
                        path.join("::"),
                        LAYERS[target]
                    ));
                }
            }
        }
    }
    assert!(upward.is_empty(), "upward imports:\n{}", upward.join("\n"));
}

#[test]
fn every_path_into_the_model_names_a_layer() {
    // `crate::Status` (the root's re-exports) would hide which layer a file leans on.
    let mut unnamed = Vec::new();
    for (layer, module, text) in files() {
        for (line_no, line) in code_lines(&text) {
            for path in crate_paths(line) {
                if path.first().is_none_or(|p| layer_index(p).is_none()) {
                    unnamed.push(format!(
                        "{layer}/{module}.rs:{line_no}: crate::{}",
                        path.join("::")
                    ));
                }
            }
        }
    }
    assert!(
        unnamed.is_empty(),
        "paths without a layer:\n{}",
        unnamed.join("\n")
    );
}

/// Which file declares each public name, per layer (`pub struct Roster` in
/// `domain/roster.rs`: `domain` → `Roster` → `roster`).
fn declarations(files: &[(String, String, String)]) -> BTreeMap<(String, String), String> {
    let mut out = BTreeMap::new();
    for (layer, module, text) in files {
        for (_, line) in code_lines(text) {
            let line = line.trim_start();
            let Some(rest) = line
                .strip_prefix("pub ")
                .or_else(|| line.strip_prefix("pub(crate) "))
                .or_else(|| line.strip_prefix("pub(super) "))
            else {
                continue;
            };
            for kind in [
                "struct ", "enum ", "fn ", "const ", "static ", "type ", "trait ",
            ] {
                if let Some(rest) = rest.strip_prefix(kind) {
                    let name: String = rest
                        .chars()
                        .take_while(|c| c.is_alphanumeric() || *c == '_')
                        .collect();
                    out.insert((layer.clone(), name), module.clone());
                }
            }
        }
        // The words table declares `Words` and `EN` through its macro.
        if text.contains("macro_rules! words") {
            for name in ["Words", "EN"] {
                out.insert((layer.clone(), name.to_owned()), module.clone());
            }
        }
    }
    out
}

#[test]
fn no_file_reaches_back_to_itself() {
    let files = files();
    let declared = declarations(&files);
    let modules: BTreeSet<(String, String)> = files
        .iter()
        .map(|(l, m, _)| (l.clone(), m.clone()))
        .collect();
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (layer, module, text) in &files {
        let me = format!("{layer}/{module}");
        let edges = graph.entry(me.clone()).or_default();
        let mut uses: Vec<Vec<String>> =
            code_lines(text).flat_map(|(_, l)| crate_paths(l)).collect();
        // `super::x` inside a layer is the same layer's file `x`.
        for (_, line) in code_lines(text) {
            let mut rest = line;
            while let Some(at) = rest.find("super::") {
                rest = &rest[at + "super::".len()..];
                let mut paths = Vec::new();
                expand(&mut rest, vec![layer.clone()], &mut paths);
                uses.extend(paths);
            }
        }
        for path in uses {
            let [target_layer, second, ..] = path.as_slice() else {
                continue;
            };
            let target = if modules.contains(&(target_layer.clone(), second.clone())) {
                Some(second.clone())
            } else {
                declared
                    .get(&(target_layer.clone(), second.clone()))
                    .cloned()
            };
            if let Some(target) = target {
                let target = format!("{target_layer}/{target}");
                if target != me {
                    edges.insert(target);
                }
            }
        }
    }
    // Depth-first search for a way back.
    fn visit(
        node: &str,
        graph: &BTreeMap<String, BTreeSet<String>>,
        trail: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(start) = trail.iter().position(|n| n == node) {
            let mut cycle = trail[start..].to_vec();
            cycle.push(node.to_owned());
            return Some(cycle);
        }
        if done.contains(node) {
            return None;
        }
        trail.push(node.to_owned());
        for next in graph.get(node).into_iter().flatten() {
            if let Some(cycle) = visit(next, graph, trail, done) {
                return Some(cycle);
            }
        }
        trail.pop();
        done.insert(node.to_owned());
        None
    }
    let mut done = BTreeSet::new();
    for node in graph.keys() {
        if let Some(cycle) = visit(node, &graph, &mut Vec::new(), &mut done) {
            panic!("a cycle of imports: {}", cycle.join(" → "));
        }
    }
}

#[test]
fn the_crate_root_holds_layers_and_re_exports_only() {
    let root = fs::read_to_string(src().join("lib.rs")).unwrap();
    let modules: Vec<&str> = root
        .lines()
        .filter_map(|l| {
            l.strip_prefix("pub mod ")
                .or_else(|| l.strip_prefix("mod "))
        })
        .map(|l| l.trim_end_matches(';'))
        .collect();
    let mut layers = LAYERS.to_vec();
    layers.sort_unstable();
    assert_eq!(modules, layers);
    let loose: Vec<_> = fs::read_dir(src())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|name| name.ends_with(".rs") && name != "lib.rs")
        .collect();
    assert!(loose.is_empty(), "files outside the layers: {loose:?}");
}
