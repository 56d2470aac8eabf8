//! The client's address: the TCP peer, or behind a trusted proxy the
//! address it forwarded.

use axum::extract::ConnectInfo;
use axum::http::HeaderMap;
use axum::http::request::Parts;
use ipnet::IpNet;
use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;

/// The addresses of the proxies in front of Samvirke (the `trusted_proxies`
/// setting: addresses or networks such as `10.0.0.0/8`). Only a request that
/// arrives from one of them has its client address taken from
/// `X-Forwarded-For`; anyone else could write what they like there.
#[derive(Debug, Clone, Default)]
pub struct TrustedProxies(Arc<[IpNet]>);

impl TrustedProxies {
    /// Parses `127.0.0.1`, `10.0.0.0/8`, `::1`, `fd00::/8`, …
    pub fn parse<S: AsRef<str>>(list: &[S]) -> Result<Self, String> {
        let nets = list
            .iter()
            .map(|s| s.as_ref().trim())
            .filter(|s| !s.is_empty())
            .map(|s| {
                s.parse::<IpNet>()
                    .or_else(|_| s.parse::<IpAddr>().map(IpNet::from))
                    .map_err(|_| format!("not an address or network: {s}"))
            })
            .collect::<Result<Vec<_>, _>>()?;
        Ok(TrustedProxies(nets.into()))
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn contains(&self, ip: IpAddr) -> bool {
        let ip = ip.to_canonical();
        self.0.iter().any(|n| n.contains(&ip))
    }

    /// The client's address: the peer's, unless the peer is a trusted
    /// proxy; then the right-most `X-Forwarded-For` entry that is not a
    /// trusted proxy (entries right of it were written by our proxies, those
    /// left of it by whoever sent the request).
    pub fn client(&self, peer: IpAddr, headers: &HeaderMap) -> IpAddr {
        let mut client = peer.to_canonical();
        if !self.contains(client) {
            return client;
        }
        let entries: Vec<&str> = headers
            .get_all("x-forwarded-for")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(','))
            .map(str::trim)
            .collect();
        for entry in entries.into_iter().rev() {
            let Some(ip) = parse_forwarded(entry) else {
                // Not an address: stop at the last one we could trust.
                return client;
            };
            client = ip;
            if !self.contains(ip) {
                return ip;
            }
        }
        client
    }
}

/// An `X-Forwarded-For` entry: `1.2.3.4`, `1.2.3.4:5678`, `::1` or `[::1]:80`.
fn parse_forwarded(entry: &str) -> Option<IpAddr> {
    entry
        .parse::<IpAddr>()
        .or_else(|_| entry.parse::<SocketAddr>().map(|s| s.ip()))
        .ok()
        .map(|ip| ip.to_canonical())
}

/// The caller's address, for per-address limits: the TCP peer, or behind a
/// trusted proxy the address it forwarded (see [`TrustedProxies`], which
/// the router puts in every request's extensions).
pub fn client_addr(parts: &Parts) -> String {
    let Some(peer) = parts
        .extensions
        .get::<ConnectInfo<SocketAddr>>()
        .map(|ci| ci.0.ip())
    else {
        return "local".into();
    };
    match parts.extensions.get::<TrustedProxies>() {
        Some(trusted) => trusted.client(peer, &parts.headers),
        None => peer.to_canonical(),
    }
    .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn xff(values: &[&str]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for v in values {
            h.append("x-forwarded-for", HeaderValue::from_str(v).unwrap());
        }
        h
    }

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    #[test]
    fn forwarded_for_counts_only_from_a_trusted_proxy() {
        let none = TrustedProxies::default();
        let proxies = TrustedProxies::parse(&["127.0.0.1", "10.0.0.0/8", "fd00::/8"]).unwrap();
        let spoofed = xff(&["203.0.113.9"]);
        // Without trusted proxies the header is ignored.
        assert_eq!(
            none.client(ip("198.51.100.7"), &spoofed),
            ip("198.51.100.7")
        );
        // From an untrusted peer too.
        assert_eq!(
            proxies.client(ip("198.51.100.7"), &spoofed),
            ip("198.51.100.7")
        );
        // From a trusted proxy: the right-most entry that is not a proxy.
        assert_eq!(proxies.client(ip("127.0.0.1"), &spoofed), ip("203.0.113.9"));
        let chain = xff(&["192.0.2.1, 203.0.113.9", "10.1.2.3"]);
        assert_eq!(proxies.client(ip("10.0.0.1"), &chain), ip("203.0.113.9"));
        // A client cannot pose as the proxy's side of the chain.
        let posing = xff(&["10.9.9.9, 203.0.113.9"]);
        assert_eq!(proxies.client(ip("127.0.0.1"), &posing), ip("203.0.113.9"));
        // Ports, IPv6 and IPv4 mapped into IPv6.
        assert_eq!(
            proxies.client(ip("::ffff:127.0.0.1"), &xff(&["[2001:db8::1]:443"])),
            ip("2001:db8::1")
        );
        assert_eq!(
            proxies.client(ip("fd00::1"), &xff(&["203.0.113.9:5000"])),
            ip("203.0.113.9")
        );
        // Garbage stops the walk at the last address that can be trusted.
        assert_eq!(
            proxies.client(ip("127.0.0.1"), &xff(&["nonsense"])),
            ip("127.0.0.1")
        );
        // No header: the proxy itself.
        assert_eq!(
            proxies.client(ip("127.0.0.1"), &HeaderMap::new()),
            ip("127.0.0.1")
        );
        assert!(TrustedProxies::parse(&["not-an-ip"]).is_err());
        assert!(TrustedProxies::parse(&["10.0.0.0/33"]).is_err());
    }
}
