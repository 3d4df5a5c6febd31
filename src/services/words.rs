//! A language's words file (`lang/ja.json`), fetched once per page when a roster first
//! speaks it and kept for the page's life: every roster in that language shares the one
//! request and the one copy. English and German are compiled in and never fetched.
//!
//! The file goes through the browser's `fetch` with its ordinary cache (unlike presence,
//! which must be fresh), so a second page view costs no request; tests replace
//! `window.fetch`, the same edge presence is faked at.

use std::cell::RefCell;
use std::collections::HashMap;

use gloo_net::http::Request;
use presence_model::i18n::{Lang, Words};
use wasm_bindgen::prelude::*;

#[wasm_bindgen(module = "/src/js/text.js")]
extern "C" {
    #[wasm_bindgen(js_name = wordsUrl)]
    fn words_url(tag: &str) -> String;
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
    static FILES: RefCell<HashMap<Lang, Entry>> = RefCell::default();
}

/// The words of `lang` if they are here now: compiled in, or loaded before.
pub fn ready(lang: Lang) -> Option<&'static Words> {
    lang.built_in().or_else(|| {
        FILES.with(|files| match files.borrow().get(&lang) {
            Some(Entry::Done(words)) => *words,
            _ => None,
        })
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
        match files.get_mut(&lang) {
            Some(Entry::Done(words)) => Err((*words, done)),
            Some(Entry::Loading(waiters)) => {
                waiters.push(Box::new(done));
                Ok(false)
            }
            None => {
                files.insert(lang, Entry::Loading(vec![Box::new(done)]));
                Ok(true)
            }
        }
    });
    match first {
        // Called outside the borrow: `done` may ask for another language.
        Err((words, done)) => done(words),
        Ok(false) => {}
        Ok(true) => {
            wasm_bindgen_futures::spawn_local(async move {
                let url = words_url(lang.tag());
                let words = fetch(&url).await.map_err(|why| {
                web_sys::console::warn_1(
                    &format!("zulip-roster: no words for \"{}\" from {url} ({why}); speaking English", lang.tag()).into(),
                );
            });
                let words = words.ok();
                let waiters =
                    FILES.with(
                        |files| match files.borrow_mut().insert(lang, Entry::Done(words)) {
                            Some(Entry::Loading(waiters)) => waiters,
                            _ => Vec::new(),
                        },
                    );
                for done in waiters {
                    done(words);
                }
            })
        }
    }
}

async fn fetch(url: &str) -> Result<&'static Words, String> {
    let response = Request::get(url)
        .send()
        .await
        .map_err(|_| "network error".to_owned())?;
    if !response.ok() {
        return Err(format!("HTTP {}", response.status()));
    }
    let text = response.text().await.map_err(|e| e.to_string())?;
    // Kept for the page's life: the words borrow from it, and a page loads each language
    // at most once.
    let words = Words::from_json(String::leak(text))?;
    Ok(Box::leak(Box::new(words)))
}
