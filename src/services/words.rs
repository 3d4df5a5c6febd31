//! A language's words file (`lang/ja.json`), fetched once per page when a roster first
//! speaks it and kept for the page's life: every roster in that language shares the one
//! request and the one copy. English and German are compiled in and never fetched.
//!
//! The file goes through the page's `fetch` with its ordinary cache (unlike presence,
//! which must be fresh), so a second page view costs no request; tests replace
//! `window.fetch`, the same edge presence is faked at. The request is a few lines of
//! JavaScript (`fetchWords`): through gloo-net it cost the module 1.4 kB more.

use std::cell::RefCell;

use presence_model::words::{Lang, Words};
use wasm_bindgen::prelude::*;

#[wasm_bindgen(module = "/src/js/text.js")]
extern "C" {
    /// The file's text, or a rejection saying what went wrong (its URL included).
    #[wasm_bindgen(js_name = fetchWords, catch)]
    async fn fetch_words(tag: &str) -> Result<JsValue, JsValue>;
}

type Waiter = Box<dyn FnOnce(Option<&'static Words>)>;

enum Entry {
    /// Asked for; these wait for the answer.
    Loading(Vec<Waiter>),
    /// Loaded, or `None`: the file could not be had, and the page speaks English for it
    /// (a reload asks again).
    Done(Option<&'static Words>),
}

thread_local! {
    /// At most one entry per language (a dozen): a list, not a hash map's code.
    static FILES: RefCell<Vec<(Lang, Entry)>> = const { RefCell::new(Vec::new()) };
}

/// The words of `lang` if they are here now: compiled in, or loaded before.
pub fn ready(lang: Lang) -> Option<&'static Words> {
    lang.built_in().or_else(|| {
        FILES.with(
            |files| match files.borrow().iter().find(|(l, _)| *l == lang) {
                Some((_, Entry::Done(words))) => *words,
                _ => None,
            },
        )
    })
}

/// Calls `done` with the words of `lang` once they are here (at once when they already
/// are), or with `None` when its file cannot be fetched or read, which the console is
/// told once.
pub fn load(lang: Lang, done: impl FnOnce(Option<&'static Words>) + 'static) {
    if let Some(words) = lang.built_in() {
        return done(Some(words));
    }
    let first = FILES.with(|files| {
        let mut files = files.borrow_mut();
        match files.iter_mut().find(|(l, _)| *l == lang) {
            Some((_, Entry::Done(words))) => Err((*words, done)),
            Some((_, Entry::Loading(waiters))) => {
                waiters.push(Box::new(done));
                Ok(false)
            }
            None => {
                files.push((lang, Entry::Loading(vec![Box::new(done)])));
                Ok(true)
            }
        }
    });
    match first {
        // Called outside the borrow: `done` may ask for another language.
        Err((words, done)) => done(words),
        Ok(false) => {}
        Ok(true) => wasm_bindgen_futures::spawn_local(async move {
            let words = fetch(lang).await.map_err(|why| {
                let tag = lang.tag();
                let text =
                    format!("zulip-roster: no words for \"{tag}\" from {why}; speaking English");
                web_sys::console::warn_1(&text.into());
            });
            let words = words.ok();
            let waiters = FILES.with(|files| {
                let mut files = files.borrow_mut();
                let entry = files.iter_mut().find(|(l, _)| *l == lang);
                match entry.map(|(_, e)| std::mem::replace(e, Entry::Done(words))) {
                    Some(Entry::Loading(waiters)) => waiters,
                    _ => Vec::new(),
                }
            });
            for done in waiters {
                done(words);
            }
        }),
    }
}

async fn fetch(lang: Lang) -> Result<&'static Words, String> {
    let text = fetch_words(lang.tag())
        .await
        .map_err(|why| why.as_string().unwrap_or_default())?
        .as_string()
        .unwrap_or_default();
    // Kept for the page's life: the words borrow from it, and a page loads each language
    // at most once.
    let words = Words::from_json(String::leak(text)).map_err(|e| format!("its file ({e})"))?;
    Ok(Box::leak(Box::new(words)))
}
