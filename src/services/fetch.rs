//! HTTP GET as bytes: the payload goes straight from bytes into typed structs, never
//! through a JS object or `serde_json::Value`.

use std::future::Future;
use std::pin::Pin;

use gloo_net::http::Request;
use presence_model::protocol::MAX_ANSWER_BYTES;
use web_sys::{AbortSignal, RequestCache};

/// What came back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HttpAnswer {
    /// Status code.
    pub status: u16,
    /// The `Retry-After` header, when readable.
    pub retry_after: Option<String>,
    /// The body.
    pub body: Vec<u8>,
}

impl HttpAnswer {
    /// Whether `other` is this answer byte for byte (status, `Retry-After`, body). The
    /// body is compared eight bytes a step: wasm's `memcmp` goes a byte at a time, 9 ms
    /// a poll for the 9.4 MB answer of 50,000 people.
    pub fn same_as(&self, other: &HttpAnswer) -> bool {
        fn words(bytes: &[u8]) -> (&[[u8; 8]], &[u8]) {
            bytes.as_chunks::<8>()
        }
        let ((a, a_rest), (b, b_rest)) = (words(&self.body), words(&other.body));
        self.status == other.status
            && self.retry_after == other.retry_after
            && a.len() == b.len()
            && a_rest == b_rest
            && a.iter()
                .zip(b)
                .all(|(x, y)| u64::from_ne_bytes(*x) == u64::from_ne_bytes(*y))
    }
}

/// Why nothing came back.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FetchError {
    /// No HTTP answer (refused, offline, CORS, DNS).
    Network,
    /// The deadline passed.
    Timeout,
    /// The request was aborted (the widget was destroyed).
    Aborted,
    /// The answer was over [`MAX_ANSWER_BYTES`]: by its `Content-Length` (then its body
    /// is not read at all) or by what was read.
    TooLarge,
}

/// A GET in progress.
pub type FetchFuture = Pin<Box<dyn Future<Output = Result<HttpAnswer, FetchError>>>>;

/// Something that can GET a URL.
pub trait Fetcher {
    /// Starts a GET of `url`, abandoned when `signal` aborts.
    fn get(&self, url: &str, signal: &AbortSignal) -> FetchFuture;
}

/// `fetch()` through gloo-net.
pub struct GlooFetcher;

impl Fetcher for GlooFetcher {
    fn get(&self, url: &str, signal: &AbortSignal) -> FetchFuture {
        let request = Request::get(url)
            // Presence must be fresh; caching for all viewers is the proxy's job.
            .cache(RequestCache::NoStore)
            .abort_signal(Some(signal));
        let signal = signal.clone();
        Box::pin(async move {
            let failed = |signal: &AbortSignal| {
                if signal.aborted() {
                    FetchError::Aborted
                } else {
                    FetchError::Network
                }
            };
            let response = request.send().await.map_err(|_| failed(&signal))?;
            let status = response.status();
            let headers = response.headers();
            let declared = headers
                .get("content-length")
                .and_then(|n| n.trim().parse::<u64>().ok());
            if declared.is_some_and(|n| n > MAX_ANSWER_BYTES as u64) {
                return Err(FetchError::TooLarge);
            }
            let retry_after = headers.get("retry-after");
            let body = response.binary().await.map_err(|_| failed(&signal))?;
            if body.len() > MAX_ANSWER_BYTES {
                return Err(FetchError::TooLarge);
            }
            Ok(HttpAnswer {
                status,
                retry_after,
                body,
            })
        })
    }
}
