//! `--proxy-protocol`: the PROXY protocol header (v1 text or v2 binary) a
//! load balancer such as HAProxy sends first on each connection, before any
//! SSH byte, to say whose connection it passes on. The header is read here,
//! before russh sees the stream, and parsed by the `ppp` crate.
//!
//! Its bytes are untrusted: they are read in exact steps (never past the
//! header, whose following bytes are the participant's SSH), bounded in
//! size, and the whole header must arrive within [`HEADER_TIMEOUT`]. A v2
//! `LOCAL` header is the balancer speaking for itself (HAProxy's health
//! checks with `check-send-proxy`): no participant, see [`Proxied::Local`].

use ppp::{v1, v2};
use std::net::{IpAddr, SocketAddr};
use std::time::Duration;
use tokio::io::{AsyncRead, AsyncReadExt};

/// The whole header must arrive within this time of the connection: a
/// balancer sends it at once, so a slow one is an attacker holding a
/// connection slot.
pub const HEADER_TIMEOUT: Duration = Duration::from_secs(5);
/// Longest v1 header, from the specification (`PROXY TCP6` with two full
/// IPv6 addresses and ports, and CRLF).
pub const MAX_V1: usize = 107;
/// Longest v2 header accepted: the 16 fixed bytes, 216 of Unix socket
/// addresses and room for the TLVs HAProxy can add (unique id, SSL
/// details). The format allows 64 KiB; nothing a balancer sends us needs it.
pub const MAX_V2: usize = 1024;
/// The v2 signature's first 8 bytes; the first 8 read decide the version.
const V2_START: &[u8] = b"\r\n\r\n\0\r\nQ";

/// What the header says about the connection.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Proxied {
    /// A participant's connection passed on: its real source.
    Source(SocketAddr),
    /// Passed on, but the balancer does not know the source (v1 `UNKNOWN`,
    /// v2 unspecified or Unix): the specification says to use the
    /// connection's own addresses, i.e. the balancer's.
    Unknown,
    /// v2 `LOCAL`: the balancer's own connection, a health check.
    Local,
}

/// Why a connection's header was not accepted. Messages finish the log
/// line `refused ADDR: …`; untrusted bytes in them pass the console's
/// sanitizer ([`crate::state::Shared::log`]).
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum HeaderError {
    #[error("no PROXY protocol header within {} s", HEADER_TIMEOUT.as_secs())]
    Timeout,
    #[error("closed before sending a PROXY protocol header")]
    Empty,
    #[error("closed after {0} bytes, in the middle of its PROXY protocol header")]
    Truncated(usize),
    #[error(
        "no PROXY protocol header: this is an SSH client speaking directly; \
         with --proxy-protocol connections must come through the load balancer"
    )]
    DirectSsh,
    #[error("no PROXY protocol header (it starts with {0})")]
    NotProxy(String),
    #[error("PROXY protocol v1 header longer than {MAX_V1} bytes")]
    V1TooLong,
    #[error("PROXY protocol v2 header of {0} bytes, more than the {MAX_V2} accepted")]
    V2TooLong(usize),
    #[error("malformed PROXY protocol v1 header: {0}")]
    V1(String),
    #[error("malformed PROXY protocol v2 header: {0}")]
    V2(String),
    #[error("cannot read the PROXY protocol header: {0}")]
    Io(String),
}

/// Reads one header from the start of `stream`, and nothing after it.
/// The caller bounds the time ([`read_within`]).
pub async fn read_header<R: AsyncRead + Unpin>(stream: &mut R) -> Result<Proxied, HeaderError> {
    let mut buf = Vec::with_capacity(64);
    fill(stream, &mut buf, 8).await?;
    if buf.starts_with(V2_START) {
        fill(stream, &mut buf, 16).await?;
        let length = 16 + usize::from(u16::from_be_bytes([buf[14], buf[15]]));
        if length > MAX_V2 {
            return Err(HeaderError::V2TooLong(length));
        }
        fill(stream, &mut buf, length).await?;
        let header =
            v2::Header::try_from(buf.as_slice()).map_err(|e| HeaderError::V2(v2_reason(&e)))?;
        return Ok(match (header.command, header.addresses) {
            (v2::Command::Local, _) => Proxied::Local,
            (v2::Command::Proxy, v2::Addresses::IPv4(a)) => {
                Proxied::Source(SocketAddr::new(IpAddr::V4(a.source_address), a.source_port))
            }
            (v2::Command::Proxy, v2::Addresses::IPv6(a)) => {
                Proxied::Source(SocketAddr::new(IpAddr::V6(a.source_address), a.source_port))
            }
            (v2::Command::Proxy, _) => Proxied::Unknown,
        });
    }
    if buf.starts_with(b"PROXY ") {
        // Byte by byte up to the line's end, so no SSH byte is taken.
        while !buf.ends_with(b"\n") {
            if buf.len() >= MAX_V1 {
                return Err(HeaderError::V1TooLong);
            }
            let len = buf.len();
            fill(stream, &mut buf, len + 1).await?;
        }
        let header =
            v1::Header::try_from(buf.as_slice()).map_err(|e| HeaderError::V1(v1_reason(&e)))?;
        return Ok(match header.addresses {
            v1::Addresses::Tcp4(a) => {
                Proxied::Source(SocketAddr::new(IpAddr::V4(a.source_address), a.source_port))
            }
            v1::Addresses::Tcp6(a) => {
                Proxied::Source(SocketAddr::new(IpAddr::V6(a.source_address), a.source_port))
            }
            v1::Addresses::Unknown => Proxied::Unknown,
        });
    }
    if buf.starts_with(b"SSH-") {
        return Err(HeaderError::DirectSsh);
    }
    Err(HeaderError::NotProxy(shown(&buf)))
}

/// [`read_header`] within [`HEADER_TIMEOUT`] (or `limit`, for tests).
pub async fn read_within<R: AsyncRead + Unpin>(
    stream: &mut R,
    limit: Duration,
) -> Result<Proxied, HeaderError> {
    tokio::time::timeout(limit, read_header(stream))
        .await
        .unwrap_or(Err(HeaderError::Timeout))
}

/// Reads until `buf` holds `want` bytes.
async fn fill<R: AsyncRead + Unpin>(
    stream: &mut R,
    buf: &mut Vec<u8>,
    want: usize,
) -> Result<(), HeaderError> {
    let mut chunk = [0u8; 256];
    while buf.len() < want {
        let room = (want - buf.len()).min(chunk.len());
        let n = stream
            .read(&mut chunk[..room])
            .await
            .map_err(|e| HeaderError::Io(careerfit::edge::io_reason(&e)))?;
        if n == 0 {
            return Err(match buf.len() {
                0 => HeaderError::Empty,
                got => HeaderError::Truncated(got),
            });
        }
        buf.extend_from_slice(&chunk[..n]);
    }
    Ok(())
}

/// Why `ppp` refused a v1 line, in the log's words (its own messages
/// hold a raw CRLF).
fn v1_reason(e: &v1::BinaryParseError) -> String {
    use v1::ParseError as P;
    let e = match e {
        v1::BinaryParseError::InvalidUtf8(_) => return "not UTF-8".into(),
        v1::BinaryParseError::Parse(e) => e,
    };
    match e {
        P::InvalidPrefix => "it does not start with PROXY",
        P::Partial
        | P::MissingPrefix
        | P::MissingProtocol
        | P::MissingSourceAddress
        | P::MissingDestinationAddress
        | P::MissingSourcePort
        | P::MissingDestinationPort => "fields are missing",
        P::MissingNewLine | P::InvalidSuffix => "it does not end right after the ports with CR LF",
        P::HeaderTooLong => "longer than 107 bytes",
        P::InvalidProtocol => "the protocol is not TCP4, TCP6 or UNKNOWN",
        P::InvalidSourceAddress(_) => "bad source address",
        P::InvalidDestinationAddress(_) => "bad destination address",
        P::InvalidSourcePort(_) => "bad source port",
        P::InvalidDestinationPort(_) => "bad destination port",
    }
    .into()
}

/// Why `ppp` refused a v2 header, in the log's words.
fn v2_reason(e: &v2::ParseError) -> String {
    use v2::ParseError as P;
    match e {
        P::Incomplete(_) | P::Partial(..) => "incomplete".into(),
        P::Prefix => "bad signature".into(),
        P::Version(v) => format!("version {}, not 2", v >> 4),
        P::Command(c) => format!("unknown command {c:#x}"),
        P::AddressFamily(a) => format!("unknown address family {a:#x}"),
        P::Protocol(p) => format!("unknown transport protocol {p:#x}"),
        P::InvalidAddresses(len, need) => {
            format!("{len} bytes of addresses, where its family needs {need}")
        }
        P::InvalidTLV(..) | P::Leftovers(_) => "malformed TLVs".into(),
    }
}

/// The first bytes of something that is not a header, escaped, for the log.
fn shown(bytes: &[u8]) -> String {
    format!("\"{}\"", bytes.escape_ascii())
}

#[cfg(test)]
#[path = "proxy_tests.rs"]
mod tests;
