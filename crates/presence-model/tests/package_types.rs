//! The npm package's types and custom-elements manifest (`npm/` at the repository root)
//! name every option the widget reads, and no other: an option added to the widget and
//! forgotten there fails here, before an editor tells a developer it does not exist.

use std::path::PathBuf;

use presence_model::domain::{camel_case, OPTION_NAMES};

fn npm(file: &str) -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../npm")
        .join(file);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn the_manifest_lists_every_option_as_an_attribute_of_zulip_roster() {
    let manifest: serde_json::Value = serde_json::from_str(&npm("custom-elements.json")).unwrap();
    let element = manifest["modules"][0]["declarations"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["tagName"] == "zulip-roster")
        .expect("a declaration of <zulip-roster>");
    let attributes: Vec<&str> = element["attributes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["name"].as_str().unwrap())
        .collect();
    assert_eq!(attributes, OPTION_NAMES);
}

#[test]
fn the_types_declare_every_option_of_mount_in_camel_case_and_no_other() {
    let types = npm("zulip-roster.d.ts");
    let start = types
        .find("export interface RosterOptions {")
        .expect("RosterOptions");
    let body = &types[start..start + types[start..].find("\n}").unwrap()];
    let declared: Vec<String> = body
        .lines()
        .filter_map(|line| {
            line.trim()
                .split_once("?:")
                .map(|(name, _)| name.to_owned())
        })
        .collect();
    let options: Vec<String> = OPTION_NAMES.iter().map(|n| camel_case(n)).collect();
    assert_eq!(declared, options);
}
