//! The PROXY header reader against good, truncated, oversized, garbage
//! and slow input, with the exact message each refusal logs.

use super::*;
use tokio::io::AsyncWriteExt;

const SIG: &[u8] = b"\r\n\r\n\0\r\nQUIT\n";

/// A v2 header: version/command byte, family/protocol byte, then `body`.
fn v2(cmd: u8, fam: u8, body: &[u8]) -> Vec<u8> {
    let mut h = SIG.to_vec();
    h.push(0x20 | cmd);
    h.push(fam);
    h.extend_from_slice(&u16::try_from(body.len()).unwrap().to_be_bytes());
    h.extend_from_slice(body);
    h
}

fn tcp4(src: [u8; 4], sport: u16) -> Vec<u8> {
    let mut b = src.to_vec();
    b.extend_from_slice(&[10, 0, 0, 1]);
    b.extend_from_slice(&sport.to_be_bytes());
    b.extend_from_slice(&2222u16.to_be_bytes());
    b
}

/// Reads a header from `input`; returns the result and what is left.
async fn read(input: &[u8]) -> (Result<Proxied, HeaderError>, Vec<u8>) {
    let mut r = input;
    let got = read_within(&mut r, Duration::from_secs(1)).await;
    (got, r.to_vec())
}

fn src(s: &str) -> Result<Proxied, HeaderError> {
    Ok(Proxied::Source(s.parse().unwrap()))
}

fn msg(r: Result<Proxied, HeaderError>) -> String {
    r.unwrap_err().to_string()
}

#[tokio::test]
async fn v2_proxy_gives_the_source_and_leaves_the_ssh_bytes() {
    let mut input = v2(1, 0x11, &tcp4([203, 0, 113, 7], 50_123));
    input.extend_from_slice(b"SSH-2.0-OpenSSH_9.2\r\n");
    let (got, rest) = read(&input).await;
    assert_eq!(got, src("203.0.113.7:50123"));
    assert_eq!(rest, b"SSH-2.0-OpenSSH_9.2\r\n");
}

#[tokio::test]
async fn v2_ipv6_with_tlvs_and_the_other_families() {
    let mut body = Vec::new();
    body.extend_from_slice(
        &"2001:db8::5"
            .parse::<std::net::Ipv6Addr>()
            .unwrap()
            .octets(),
    );
    body.extend_from_slice(&[0; 16]);
    body.extend_from_slice(&[0x1f, 0x90, 0x08, 0xae]);
    // A NOOP TLV and a unique-id TLV, as HAProxy may add.
    body.extend_from_slice(&[0x04, 0, 2, 0, 0, 0x05, 0, 3, b'a', b'b', b'c']);
    let (got, rest) = read(&v2(1, 0x21, &body)).await;
    assert_eq!(got, src("[2001:db8::5]:8080"));
    assert!(rest.is_empty());
    assert_eq!(read(&v2(1, 0x00, &[])).await.0, Ok(Proxied::Unknown));
    assert_eq!(read(&v2(1, 0x31, &[0; 216])).await.0, Ok(Proxied::Unknown));
}

#[tokio::test]
async fn v2_local_is_a_health_check() {
    // HAProxy's check-send-proxy: LOCAL, unspecified family, no body.
    assert_eq!(read(&v2(0, 0x00, &[])).await.0, Ok(Proxied::Local));
    // LOCAL may carry addresses; they are ignored.
    let (got, rest) = read(&v2(0, 0x11, &tcp4([1, 2, 3, 4], 5))).await;
    assert_eq!((got, rest.len()), (Ok(Proxied::Local), 0));
}

#[tokio::test]
async fn v1_tcp4_tcp6_and_unknown() {
    let (got, rest) = read(b"PROXY TCP4 198.51.100.9 10.0.0.1 40000 2222\r\nSSH-2.0-x\r\n").await;
    assert_eq!(got, src("198.51.100.9:40000"));
    assert_eq!(rest, b"SSH-2.0-x\r\n");
    let (got, _) = read(b"PROXY TCP6 2001:db8::9 2001:db8::1 40000 2222\r\n").await;
    assert_eq!(got, src("[2001:db8::9]:40000"));
    let (got, rest) = read(b"PROXY UNKNOWN\r\nSSH-2.0-x\r\n").await;
    assert_eq!(got, Ok(Proxied::Unknown));
    assert_eq!(rest, b"SSH-2.0-x\r\n");
}

#[tokio::test]
async fn truncated_headers_say_where_they_stopped() {
    assert_eq!(
        msg(read(b"").await.0),
        "closed before sending a PROXY protocol header"
    );
    let full = v2(1, 0x11, &tcp4([203, 0, 113, 7], 1));
    for cut in [3, 12, 15, 20] {
        assert_eq!(
            msg(read(&full[..cut]).await.0),
            format!("closed after {cut} bytes, in the middle of its PROXY protocol header")
        );
    }
    assert_eq!(
        msg(read(b"PROXY TCP4 1.2.3.4").await.0),
        "closed after 18 bytes, in the middle of its PROXY protocol header"
    );
}

#[tokio::test]
async fn oversized_headers_are_refused_without_reading_them() {
    let mut big = SIG.to_vec();
    big.extend_from_slice(&[0x21, 0x11, 0xff, 0xff]);
    let (got, rest) = read(&big).await;
    assert_eq!(
        msg(got),
        "PROXY protocol v2 header of 65551 bytes, more than the 1024 accepted"
    );
    assert!(rest.is_empty());
    let long = format!("PROXY TCP4 {}\r\n", "1".repeat(200));
    let (got, rest) = read(long.as_bytes()).await;
    assert_eq!(msg(got), "PROXY protocol v1 header longer than 107 bytes");
    assert_eq!(rest.len(), long.len() - 107);
}

#[tokio::test]
async fn garbage_and_direct_ssh_are_refused_with_exact_messages() {
    let cases: &[(&[u8], &str)] = &[
        (
            b"SSH-2.0-OpenSSH_9.2p1 Debian\r\n",
            "no PROXY protocol header: this is an SSH client speaking directly; \
             with --proxy-protocol connections must come through the load balancer",
        ),
        (
            b"GET / HTTP/1.1\r\n\r\n",
            "no PROXY protocol header (it starts with \"GET / HT\")",
        ),
        (
            b"\x1b[2J\x07\xff\x00abc",
            "no PROXY protocol header (it starts with \"\\x1b[2J\\x07\\xff\\x00a\")",
        ),
        (
            b"PROXY TCP4 1.2.3.4 5.6.7.8 1 2 junk\r\n",
            "malformed PROXY protocol v1 header: it does not end right after the ports with CR LF",
        ),
        (
            b"PROXY TCP9 1.2.3.4 5.6.7.8 1 2\r\n",
            "malformed PROXY protocol v1 header: the protocol is not TCP4, TCP6 or UNKNOWN",
        ),
        (
            b"PROXY TCP4 999.2.3.4 5.6.7.8 1 2\r\n",
            "malformed PROXY protocol v1 header: bad source address",
        ),
        (
            b"PROXY TCP4 1.2.3.4 5.6.7.8 1 2\n",
            "malformed PROXY protocol v1 header: bad destination port",
        ),
        (
            b"PROXY \xff\xfe 1 2\r\n",
            "malformed PROXY protocol v1 header: not UTF-8",
        ),
        (
            b"PROXY TCP4 1.2.3.4\r\n",
            "malformed PROXY protocol v1 header: fields are missing",
        ),
        (
            b"PROXY TCP4 1.2.3.4 5.6.7.8 01 2\r\n",
            "malformed PROXY protocol v1 header: bad source port",
        ),
    ];
    for (input, want) in cases {
        assert_eq!(msg(read(input).await.0), *want, "{}", input.escape_ascii());
    }
    // v2 with a bad signature end, version, command, family, or a length
    // too short for its addresses.
    let mut bad_sig = v2(1, 0x11, &tcp4([1, 2, 3, 4], 5));
    bad_sig[9] = b'X';
    let mut bad_version = v2(1, 0x11, &tcp4([1, 2, 3, 4], 5));
    bad_version[12] = 0x31;
    let v2_cases: Vec<(Vec<u8>, &str)> = vec![
        (bad_sig, "bad signature"),
        (bad_version, "version 3, not 2"),
        (v2(2, 0x11, &tcp4([1, 2, 3, 4], 5)), "unknown command 0x2"),
        (
            v2(1, 0x41, &tcp4([1, 2, 3, 4], 5)),
            "unknown address family 0x40",
        ),
        (
            v2(1, 0x13, &tcp4([1, 2, 3, 4], 5)),
            "unknown transport protocol 0x3",
        ),
        (
            v2(1, 0x11, &[1, 2, 3]),
            "3 bytes of addresses, where its family needs 12",
        ),
    ];
    for (input, want) in v2_cases {
        assert_eq!(
            msg(read(&input).await.0),
            format!("malformed PROXY protocol v2 header: {want}")
        );
    }
}

#[tokio::test]
async fn a_slow_or_silent_sender_times_out() {
    let (mut client, mut server) = tokio::io::duplex(64);
    let full = v2(1, 0x11, &tcp4([203, 0, 113, 7], 1));
    client.write_all(&full[..10]).await.unwrap();
    let got = read_within(&mut server, Duration::from_millis(100)).await;
    assert_eq!(msg(got), "no PROXY protocol header within 5 s");
    // Byte by byte, each in time, is fine as long as the whole fits.
    let (mut client, mut server) = tokio::io::duplex(64);
    let feeder = tokio::spawn(async move {
        for b in full {
            client.write_all(&[b]).await.unwrap();
            tokio::time::sleep(Duration::from_millis(2)).await;
        }
        client
    });
    let got = read_within(&mut server, Duration::from_secs(5)).await;
    assert_eq!(got, src("203.0.113.7:1"));
    drop(feeder.await.unwrap());
}
